"""Time `spec derive` on one SPL label after start-up (issue 14: "well under a second").

    python bench/derive_spl.py ../shared/realdata/openfda_spl/humira.xml

Prints the first derivation in a fresh process (imports of lxml, vocabularies and the term
list included), then the median of five more, of reading + extracting + building the YAML
text (``read_document`` + ``writer.plan``; nothing is written).
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time


def main(path: str) -> None:
    from druglint.derive.run import read_document
    from druglint.derive.writer import plan

    out = tempfile.mkdtemp()
    times = []
    for _ in range(6):
        t = time.perf_counter()
        docs = read_document(path)
        plan(docs, out)
        times.append(time.perf_counter() - t)
    size = os.path.getsize(path) / 1024
    print(f"{os.path.basename(path)} ({size:.0f} KiB): first {times[0]:.3f} s, then median {statistics.median(times[1:]):.3f} s "
          f"(min {min(times[1:]):.3f}, max {max(times[1:]):.3f})")


if __name__ == "__main__":
    main(sys.argv[1])
