"""Check every coded fact `spec derive` takes from SPL labels against the labels' own text.

For each label: derive its facts, then look for each fact's value in the label's prose
(title, sections, tables; the listing data itself is not prose). A route is looked for as
its name or adverb ("oral"/"orally"), a strength as the labelled amount and unit ("40 mg",
"6.25 mg"), a form by its first word ("tablet", "injection"). UNII codes appear in no prose
(they are coded only) and are reported as such.

    python scripts/check_spl_facts.py ../shared/realdata/openfda_spl/*.xml
"""
from __future__ import annotations

import re
import sys

from druglint.derive.run import read_document

ADVERB = {"oral": "orally", "subcutaneous": "subcutaneously", "intravenous": "intravenously", "topical": "topically"}


def probes(f) -> list[str]:
    e = f.entry
    if f.family == "name":
        return [e["name"]]
    if f.family in ("brands", "synonyms"):
        return [e["name"]]
    if f.family == "routes":
        return [e["route"], ADVERB.get(e["route"], e["route"])]
    if f.family == "forms":
        return [e["form"].split(",")[0]]
    if f.family == "strengths":
        num = e["as_labelled"].split("/")[0]
        amount, unit = num.split()
        return [f"{amount} {unit}", f"{amount}{unit}", f"{amount} {unit.upper()}"]
    if f.family == "identity":
        v = str(e["value"])
        if e["key"] == "application":
            return [v, re.sub(r"^[A-Z]+", "", v), re.sub(r"^([A-Z]+)0*", r"\1 ", v)]
        return [v]
    if f.family == "approval":
        return [str(e["year"])]
    return []


def main(paths: list[str]) -> None:
    for path in paths:
        (doc,) = read_document(path)
        text = " ".join(b.text for b in doc.blocks).casefold()
        print(f"\n## {path.rsplit('/', 1)[-1]} (set id {doc.set_id}, version {doc.version})")
        seen = set()
        for f in doc.facts:
            if f.method != "coded":
                continue
            key = (f.family, f.moiety, str(sorted(f.entry.items())))
            if key in seen:
                continue
            seen.add(key)
            value = f.entry.get("key", f.family) + ": " + str({k: v for k, v in f.entry.items() if k not in ("key",)})
            if f.family == "identity" and f.entry["key"] == "unii":
                verdict = "coded only (UNII is in no prose)"
            else:
                hit = next((p for p in probes(f) if re.search(r"(?<!\w)" + re.escape(p.casefold()) + r"s?(?!\w)", text)), None)
                verdict = f"in the text ('{hit}')" if hit else "NOT in the label's prose"
            print(f"- [{f.moiety}] {value}: {verdict}")


if __name__ == "__main__":
    main(sys.argv[1:])
