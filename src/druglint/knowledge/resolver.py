"""Name resolution against the pack's index, in stages, each on the values still unknown.

1. the three normaliser levels (``key``, ``spelling``, ``moiety``): how is the name's own
   kind in the pack, ``normalised`` after a dose/form suffix went, ``salt`` when only salt
   words had to go;
2. candidates taken from inside the name, in order: the name without report noise
   (FAERS "/00013302/" codes, "^MAKER^" tags, a leading "GENERIC"), the name without its
   parentheses, then each parenthesis ("BENET (RISEDRONATE SODIUM) TABLET") -> ``normalised``;
3. combinations: "A AND B", "A; B", "A/B", "A + B", "A W/ B", "A-B", in the name or in one of
   its parentheses, whose every part resolves (stages 1-2) -> ``combination``, the drug id
   being the parts' drugs sorted and joined "; ";
4. the longest run of consecutive words that resolves, when no dropped word is a drug name
   itself ("AMLODIPINE ACTAVIS" -> amlodipine, "BLINDED ALISKIREN" -> aliskiren; "ASPIRIN
   CAFFEINE" stays unknown) -> ``normalised``.

All stages work on distinct values with one index lookup per stage and level.
"""
from __future__ import annotations

import re
from typing import Any

from druglint.knowledge import normaliser as nz
from druglint.knowledge.index import HOWS as INDEX_HOWS
from druglint.knowledge.index import lookup

SPLIT = re.compile(r"\s+and\s+|\s*[;+&]\s*|\s*/\s*|\s+with\s+|\s*,\s*|\s+w/\s*|(?<=[a-z]{3})-(?=[a-z]{3})")
_NOISE = re.compile(r"/\s*\d{4,}\s*/|\^[^^]{2,}\^|^(?:generic|brand|unknown)\s+|\s+-\s+\w+\s*-.*$")
_APOS = re.compile(r"\^s\b")
_PARENS = re.compile(r"\(([^()]*)\)")
_WORD = re.compile(r"[^\s,;:()\[\]/+-]+")  # words of the window stage: hyphens and brackets split
MIN_WINDOW_LETTERS = 5  # a run of words with fewer letters is too unspecific to stand for the name


def resolve_rows(index: Any, drug_ids: Any, names: Any) -> tuple[Any, Any, Any]:
    """Per input: the names-table row (-1: none or a combination), how, and a combination's
    drug id (None unless how is 'combination'). ``drug_ids``: the pack's drug list."""
    import numpy as np
    import pandas as pd

    s = names if isinstance(names, pd.Series) else pd.Series(np.asarray(names, dtype=object))
    codes, uniques = pd.factorize(s)
    u = pd.Series(uniques, dtype=object).astype(str)
    row, how, sp = _levels(index, u)
    _candidates(index, sp, row, how)
    combo = np.full(len(u), None, dtype=object)
    miss = np.flatnonzero(row < 0)
    if len(miss):  # the whole name, then each parenthesis ("DI-ANTALVIC (PARACETAMOL, DEXTROPROPOXYPHENE)")
        k = pd.Series(nz.key(u.iloc[miss]), dtype=object)
        inner = k.str.findall(_PARENS).explode().dropna()
        owner = np.concatenate([np.arange(len(miss)), inner.index.to_numpy(dtype=np.int64)])
        cands = np.concatenate([sp[miss], inner.to_numpy(dtype=object)])
        found = _combinations(index, drug_ids, cands)
        first = pd.Series(found, index=owner).dropna().groupby(level=0).first()
        combo[miss[first.index.to_numpy()]] = first.to_numpy()
        how[miss[first.index.to_numpy()]] = "combination"
    miss = np.flatnonzero((row < 0) & pd.isna(combo))
    if len(miss):
        r = _windows(index, sp[miss])
        found = r >= 0
        row[miss[found]] = r[found]
        how[miss[found]] = "normalised"
    return np.append(row, -1)[codes], np.append(how, None)[codes], np.append(combo, None)[codes]


def drugs_of(index: Any, drug_ids: Any, rows: Any, how: Any, combos: Any):
    import numpy as np

    drugs = np.full(len(rows), None, dtype=object)
    hit = rows >= 0
    drugs[hit] = drug_ids[np.asarray(index["drug"])[rows[hit]]]
    combo = how == "combination"
    drugs[combo] = combos[combo]
    return drugs


def _levels(index: Any, u: Any) -> tuple[Any, Any, Any]:
    """(row, how, spelling) of distinct values through the normaliser's three levels."""
    import numpy as np

    k, sp, mo = nz.levels(u)
    row = lookup(index, k)
    how = np.full(len(u), None, dtype=object)
    hit = row >= 0
    how[hit] = np.array(INDEX_HOWS, dtype=object)[np.asarray(index["how"])[row[hit]]]
    for level, label in ((sp, "normalised"), (mo, None)):
        miss = np.flatnonzero(row < 0)
        todo = miss[level[miss] != k[miss]]  # only values this level changed
        if not len(todo):
            continue
        r = lookup(index, level[todo])
        found = r >= 0
        idx = todo[found]
        row[idx] = r[found]
        # moiety level: "salt" when salt words were all that had to go
        how[idx] = np.where(k[idx] == sp[idx], "salt", "normalised") if label is None else label
    return row, how, sp


def _first_hits(index: Any, owner: Any, cands: Any, n: int) -> Any:
    """Row of the first candidate (in order) of each owner that resolves; -1 when none."""
    import numpy as np
    import pandas as pd

    out = np.full(n, -1, dtype=np.int64)
    if not len(cands):
        return out
    row, _, _ = _levels(index, pd.Series(cands, dtype=object))
    hit = row >= 0
    if hit.any():
        first = pd.Series(row[hit], index=owner[hit]).groupby(level=0).first()
        out[first.index.to_numpy()] = first.to_numpy()
    return out


def _candidates(index: Any, sp: Any, row: Any, how: Any) -> None:
    """Stage 2 on the unknown values, in place."""
    import numpy as np
    import pandas as pd

    miss = np.flatnonzero(row < 0)
    if not len(miss):
        return
    k = pd.Series(sp[miss], dtype=object)
    cleaned = k.str.replace(_APOS, "'s", regex=True).str.replace(_NOISE, " ", regex=True).str.strip()
    outside = cleaned.str.replace(_PARENS, " ", regex=True).str.strip()
    inner = cleaned.str.findall(_PARENS)
    frames = [pd.DataFrame({"owner": np.arange(len(k)), "order": 0, "cand": cleaned}),
              pd.DataFrame({"owner": np.arange(len(k)), "order": 1, "cand": outside})]
    ex = inner.explode().dropna()
    frames.append(pd.DataFrame({"owner": ex.index.to_numpy(), "order": 2 + ex.groupby(level=0).cumcount().to_numpy(),
                                "cand": ex.to_numpy()}))
    c = pd.concat(frames, ignore_index=True)
    c = c[(c["cand"].str.len() > 2) & (c["cand"] != k.to_numpy()[c["owner"].to_numpy()])].sort_values(["owner", "order"],
                                                                                                     kind="stable")
    r = _first_hits(index, c["owner"].to_numpy(), c["cand"].to_numpy(dtype=object), len(k))
    found = r >= 0
    row[miss[found]] = r[found]
    how[miss[found]] = "normalised"


def _combinations(index: Any, drug_ids: Any, keys: Any) -> Any:
    """Stage 3: the sorted drugs of the parts when every part resolves, else None."""
    import numpy as np
    import pandas as pd

    out = np.full(len(keys), None, dtype=object)
    parts = pd.Series(keys, dtype=object).str.split(SPLIT)
    many = parts.str.len() > 1
    if not many.any():
        return out
    exploded = parts[many].explode()
    exploded = exploded[exploded.str.strip() != ""]
    if not len(exploded):
        return out
    u = pd.Series(exploded.to_numpy(dtype=object))
    row, how, sp = _levels(index, u)
    _candidates(index, sp, row, how)
    drug_no = pd.Series(np.where(row >= 0, np.asarray(index["drug"]).astype(np.int64)[np.maximum(row, 0)], -1),
                        index=exploded.index)
    ok = (drug_no >= 0).groupby(level=0).all()
    good = ok[ok].index
    if len(good):
        ids = pd.Series(drug_ids[drug_no[drug_no.index.isin(good)].to_numpy()], index=drug_no.index[drug_no.index.isin(good)])
        joined = ids.str.split("; ").explode().groupby(level=0).agg(lambda d: "; ".join(sorted(set(d))))
        out[joined.index.to_numpy()] = joined.to_numpy()
    return out


def _windows(index: Any, keys: Any) -> Any:
    """Stage 4: row of the longest run of consecutive words (hyphens split words here) that
    resolves, when none of the dropped words names a drug by itself; -1 otherwise.
    "BLINDED ALISKIREN" -> aliskiren, "LAMIVUDINE-HIV" -> lamivudine; "ASPIRIN CAFFEINE" stays unknown."""
    import numpy as np
    import pandas as pd

    words = pd.Series(keys, dtype=object).str.findall(_WORD)
    rows = []
    for i, ws in enumerate(words):  # builds candidate strings, per distinct value
        m = len(ws)
        for size in range(m - 1, 0, -1):
            for start in range(0, m - size + 1):
                cand = " ".join(ws[start:start + size])
                if sum(ch.isalpha() for ch in cand) >= MIN_WINDOW_LETTERS:
                    rows.append((i, m - size, start, cand, ws[:start] + ws[start + size:]))
    if not rows:
        return np.full(len(keys), -1, dtype=np.int64)
    c = pd.DataFrame(rows, columns=["owner", "dropped", "start", "cand", "rest"])
    rest = c["rest"].explode()
    rest = rest[rest.str.count(r"[a-z]") >= MIN_WINDOW_LETTERS]
    known = pd.Series(lookup(index, rest.to_numpy(dtype=object)) >= 0, index=rest.index).groupby(level=0).any()
    c = c[~c.index.isin(known[known].index)].sort_values(["owner", "dropped", "start"], kind="stable")
    return _first_hits(index, c["owner"].to_numpy(), c["cand"].to_numpy(dtype=object), len(keys))
