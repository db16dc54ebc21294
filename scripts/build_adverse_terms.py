"""Write src/druglint/derive/data/adverse_terms.txt from the CC0 gold set (see ar_terms.py).

    python scripts/build_adverse_terms.py ../shared/gold/label_adverse_reactions/train.jsonl
"""
from __future__ import annotations

import json
import sys

from druglint.derive.ar_terms import DATA, MIN_LABELS, MIN_PRECISION, build

HEAD = """# Adverse-reaction terms for `druglint spec derive` (prose mentions). Public domain (CC0):
# drawn from the human annotations of the NLM/FDA SPL ADR set (Demner-Fushman et al., Scientific
# Data 2018; TAC 2017 ADR track), training split: terms marked in >= {n} label(s) and marked in
# >= {p:.0%} of the annotated sections whose text contains them. Lines starting with "!" are
# blocking terms (marked somewhere, but less often than that): matched so that the words inside
# them are not reported alone, never reported themselves. The labels' own words only: no MedDRA
# terms or codes. Built by scripts/build_adverse_terms.py.
"""


def main(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        sections = [json.loads(line) for line in fh if line.strip()]
    built = build(sections)
    lines = sorted(built) + sorted(f"!{t}" for t in built.blocking)
    DATA.parent.mkdir(parents=True, exist_ok=True)
    DATA.write_text(HEAD.format(n=MIN_LABELS, p=MIN_PRECISION) + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(built)} terms and {len(built.blocking)} blocking terms -> {DATA}")


if __name__ == "__main__":
    main(sys.argv[1])
