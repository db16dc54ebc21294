"""DL146 section-starts-mid-word: a label section's text begins in the middle of a word.

Label extracts sometimes lose the first letter(s) of every section ("aproxen tablets are
indicated for", "se the lowest effective dosage", "he following adverse reactions"): the
section heading was cut off together with the start of the first word. A reader guesses;
a search for "naproxen" or a sentence splitter does not. druglint has no dictionary to
ship, so the words come from the checked texts themselves: a section is reported when its
text begins with a lower-case piece that is rare as a word of its own (elsewhere than at a
section start, fewer than three occurrences, or fewer than one in fifty of the completed
word's) and becomes a word found intact at least twice once one letter is
put before it ("aproxen" -> "naproxen"), that word being at least five times as frequent
as any other one-letter completion ("he" -> "the", not "she"). A section beginning with a
real word ("if you are pregnant", "and") is left alone.

Checked: label sections extracted by the presets (openFDA label JSON, SPL XML) and the text
columns a preset names (openFDA label CSV).

Passing example (drug_labels.json):

    [{"drug": "naproxen", "section": "Indications", "text": "Naproxen tablets are indicated for the relief of pain."},
     {"drug": "naproxen", "section": "Dosage", "text": "Use naproxen tablets at the lowest effective dose."}]

Failing example (drug_labels.json):

    [{"drug": "naproxen", "section": "Indications", "text": "Naproxen tablets are indicated for the relief of pain."},
     {"drug": "naproxen", "section": "Dosage", "text": "aproxen tablets are given at the lowest effective naproxen dose."}]
"""
from __future__ import annotations

import re
import string

import pandas as pd

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._tables import violation
from druglint.rules.realdata.split_word import _TOKEN, _texts

_FIRST = re.compile(r"\s*([a-z][A-Za-z]*)\b")
RARE = 3  # a piece seen this often on its own is a word
DOMINANT = 5  # "he" -> "the" (not "she"): the completed word must be this many times likelier than the next


@rule("DL146", "section-starts-mid-word", "warning", scope=PROJECT, state=Across.presets())
def check(project):
    items = list(_texts(project))
    starts = [(i, _FIRST.match(t)) for i, (t, _, _) in enumerate(items)]
    starts = [(i, m) for i, m in starts if m is not None]
    if not starts:
        return []
    counts = pd.Series([w.lower() for t, _, _ in items for w in _TOKEN.findall(t)], dtype=object).value_counts()
    at_start = pd.Series([m.group(1).lower() for _, m in starts], dtype=object).value_counts()
    out = []
    verdict: dict[str, str | None] = {}
    for i, m in starts:
        piece = m.group(1).lower()
        if piece not in verdict:  # once per distinct opening piece
            alone = int(counts.get(piece, 0)) - int(at_start.get(piece, 0))  # openings do not count
            whole = sorted(((int(counts.get(c + piece, 0)), c + piece) for c in string.ascii_lowercase), reverse=True)
            (n1, best), (n2, _) = whole[0], whole[1]
            rare = alone < max(RARE, n1 // 50)  # "ee" 10 times alone against "see" 2,141 times
            verdict[piece] = best if rare and n1 >= 2 and n1 >= DOMINANT * n2 else None
        word = verdict[piece]
        if word is None:
            continue
        text, locate, path = items[i]
        line, col = locate(m.start(1))
        shown = " ".join(text[m.start(1): m.start(1) + 40].split())
        out.append(violation(path, "DL146", line, col,
                             f"the section starts mid-word ({shown!r}...): probably {word!r} with its first letter "
                             "lost; the start of the text is missing", project))
    return out
