"""DL132 split-word: a word is broken into pieces by stray spaces ("r eacti ons").

Text extracted from PDFs or OCR often carries spaces inside words: "Adverse r eacti ons
r eported", "Patient e xposure". A reader copes; a search for "reactions", a term
extractor or a MedDRA coder does not. druglint has no dictionary to ship (MedDRA and
DrugBank are licensed), so the words come from the checked text itself: a run of two or
three letter-only pieces separated by single spaces is reported when the pieces joined
form a word (six letters or more) that occurs intact at least twice in the same run (a
shorter word, three to five letters, when its last piece is one lower-case letter ending
there, "us e", "eye s", and the word occurs intact three times or more), and
either one piece is a single lower-case letter other than "a" and "i" (or a capital
opening the run before a lower-case piece: "W arnings"), not followed by "=" or a number
("Placebo n = 88" is a variable), or every piece is a fragment that never occurs intact
outside such runs ("Flam mable"). "can not", "end point", "heart beat", "ethinyl
estradiol" hold at least one real word and are left alone.

Checked: label sections extracted by the presets (openFDA label JSON, SPL XML) and the text
columns a preset names (openFDA label CSV, DrugBank interaction sentences).

Passing example (drug_labels.json):

    [{"drug": "x", "section": "Adverse Reactions", "text": "Adverse reactions reported in trials: nausea. Serious reactions were rare."}]

Failing example (drug_labels.json):

    [{"drug": "x", "section": "Adverse Reactions", "text": "Adverse reactions reported in trials: nausea. Serious reactions were rare. Adverse r eacti ons r eported as reasons for discontinuation."}]
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._tables import tables, violation

_TOKEN = re.compile(r"[A-Za-z]+")
_SEP = "\x00\n"  # between texts: never a single space, so no run crosses two texts


def _texts(project):
    """(text, locate(offset) -> (line, column), path) for every checked text."""
    from druglint.presets.base import docs
    from druglint.presets.documents import _source_position

    for label in docs(project):
        for sec in label.sections:
            yield sec.text, (lambda o, s=sec: _source_position(s, o)), label.path
    for seen in tables(project):
        if seen.preset is None:
            continue
        header = list(seen.table.header)
        for col in seen.preset.text_columns:
            if col not in seen.frame.columns:
                continue
            colno = header.index(col) + 1 if col in header else 1
            cells = seen.frame[col]
            lines = np.asarray(seen.table.lines)
            mask = cells.notna().to_numpy()
            for i in np.flatnonzero(mask):  # cells with text only
                yield str(cells.iat[i]), (lambda o, ln=int(lines[i]), c=colno: (ln, c)), seen.path


def find_splits(texts: list[str]) -> list[tuple[int, int, int, str, str]]:
    """(text index, offset, length, pieces as written, joined word) of each split word."""
    big = _SEP.join(texts)
    starts_of_text = np.cumsum([0] + [len(t) + len(_SEP) for t in texts[:-1]]) if texts else np.array([0])
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(big)]
    if len(spans) < 2:
        return []
    st = np.array([s for s, _ in spans], dtype=np.int64)
    en = np.array([e for _, e in spans], dtype=np.int64)
    words = pd.Series([big[s:e] for s, e in spans], dtype=object)
    low = words.str.lower()
    counts = low.value_counts()
    cnt = low.map(counts).to_numpy()
    arr = np.frombuffer(big.encode("utf-32-le"), dtype=np.uint32)
    # a single space joins token i to token i+1
    gap1 = (st[1:] == en[:-1] + 1) & (arr[np.minimum(en[:-1], arr.size - 1)] == 32)
    gap1 = np.append(gap1, False)
    found = []
    length = low.str.len().to_numpy()
    lower_first = words.str[0].str.islower().to_numpy()
    all_lower = words.str.islower().to_numpy()
    is_single = (length == 1) & ~low.isin(["a", "i"]).to_numpy()
    used = np.zeros(len(spans), dtype=bool)
    cands = []  # (n, idx array, joined array) after the joined-word tests
    for n in (3, 2):
        ok = np.ones(len(spans) - n + 1, dtype=bool)
        for k in range(n - 1):
            ok &= gap1[k: len(spans) - n + 1 + k]
        idx = np.flatnonzero(ok)
        if idx.size == 0:
            continue
        joined = low.iloc[idx].to_numpy(dtype=object)
        for k in range(1, n):
            joined = joined + low.iloc[idx + k].to_numpy(dtype=object)
        jc = pd.Series(joined).map(counts).fillna(0).to_numpy()
        jlen = pd.Series(joined).str.len().to_numpy()
        # a short word (3 to 5 letters: "us e", "eye s") only when its last piece is one
        # lower-case letter that ends there (not "e-mail", "e.g.", nor the end of a text cut
        # off mid-word), and the word occurs intact at least three times
        last = idx + n - 1
        nxt = [big[e: e + 1] for e in en[last].tolist()]
        ends = np.array([c != "" and c not in "-'’./\x00" for c in nxt], dtype=bool)
        short_ok = (jlen >= 3) & is_single[last] & lower_first[last] & ends & (jc >= 3)
        good = ((jlen >= 6) & (jc >= 2)) | short_ok
        cands.append((n, idx[good], np.asarray(joined)[good]))
    # how often each piece occurs inside these runs: a piece seen intact elsewhere is a word
    inside = pd.Series([low.iat[i + k] for n, idx, _ in cands for i in idx.tolist() for k in range(n)],
                       dtype=object).value_counts()
    for n, idx, joined in cands:
        has_letter = np.zeros(idx.size, dtype=bool)
        all_fragments = np.ones(idx.size, dtype=bool)
        for k in range(n):
            p = idx + k
            # one letter: lower case ("Warning s"), or a capital opening the run before a
            # lower-case piece ("W arnings"); "Placebo N" (a variable) is not a fragment
            letter = is_single[p] & (lower_first[p] | ((k == 0) & lower_first[np.minimum(p + 1, len(spans) - 1)]))
            pieces = low.iloc[p].to_numpy(dtype=object)
            only_here = cnt[p] <= pd.Series(pieces).map(inside).fillna(0).to_numpy()
            has_letter |= letter
            # a fragment continuing a word is lower case ("Flam mable"); "ACI HealthcareUSA" is a name
            all_fragments &= letter | ((length[p] >= 2) & only_here & (all_lower[p] if k else ~(length[p] >= 2) | lower_first[p] | all_lower[np.minimum(p + 1, len(spans) - 1)]))
        # a letter followed by "=" or a number is a variable ("Placebo n = 88"), not a fragment
        after = [big[e: e + 4].lstrip(" ")[:1] for e in en[idx + n - 1].tolist()]
        variable = np.array([a == "=" or a.isdigit() for a in after], dtype=bool)
        keep = (has_letter & ~variable) | (all_fragments & ~has_letter)
        for k in range(n):
            keep &= ~used[idx + k]
        for i, j in zip(idx[keep].tolist(), joined[keep].tolist()):
            used[i: i + n] = True
            t = int(np.searchsorted(starts_of_text, st[i], side="right") - 1)
            off = int(st[i] - starts_of_text[t])
            found.append((t, off, int(en[i + n - 1] - st[i]), big[st[i]: en[i + n - 1]], j))
    return found


@rule("DL132", "split-word", "warning", scope=PROJECT, state=Across.presets())
def check(project):
    items = list(_texts(project))
    if not items:
        return []
    found = find_splits([t for t, _, _ in items])
    out = []
    counts: dict[str, int] = {}
    for t, off, length, written, word in found:
        counts[word] = counts.get(word, 0)
    for t, off, length, written, word in sorted(found):
        text, locate, path = items[t]
        line, col = locate(off)
        out.append(violation(path, "DL132", line, col,
                             f"{written!r} looks like the word {word!r} split by stray spaces", project))
    return out
