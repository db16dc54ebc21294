"""The ``spec derive`` and ``spec review`` actions of the ``druglint spec`` verb."""
from __future__ import annotations

import os
import sys
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


def add_parsers(ssub: Any) -> None:
    d = ssub.add_parser("derive", help="derive draft specs from SPL XML labels, openFDA label JSON or articles")
    d.add_argument("files", nargs="+", metavar="FILE", help="SPL .xml, openFDA drug-label .json, Markdown or text article")
    d.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the spec files (one per active moiety)")
    d.add_argument("--force", action="store_true", help="replace spec files edited by hand or not written by derive")
    r = ssub.add_parser("review", help="list draft facts of derived specs; --confirm them")
    r.add_argument("paths", nargs="+", metavar="PATH", help="derived spec files or folders")
    r.add_argument("--confirm", action="append", default=[], metavar="all|FILE:LINE",
                   help="confirm every draft ('all') or the fact at FILE:LINE (repeatable)")


def cmd_derive(args: Any) -> int:
    from druglint.derive.run import derive_files

    if os.path.exists(args.output) and not os.path.isdir(args.output):
        print(f"druglint: error: -o {args.output}: not a folder", file=sys.stderr)
        return EXIT_ERROR
    out = derive_files(args.files, args.output, force=args.force)
    for path, why in out.failed:
        print(f"druglint: error: {path}: {why}", file=sys.stderr)
    for path, why in out.refused:
        print(f"druglint: error: {path}: {why}", file=sys.stderr)
    for path in out.written:
        print(f"wrote {path}: {_summary(path)}")
    for path in out.unchanged:
        print(f"unchanged {path}")
    return EXIT_FAILED if out.failed or out.refused else EXIT_OK


def _summary(path: str) -> str:
    from druglint.derive.review import drafts

    try:
        ds = drafts(path)
    except Exception:  # noqa: BLE001 - the summary is informative only; spec check reports problems
        return "written"
    pending = sum(d.status == "required" for d in ds)
    return f"{pending} fact(s) to review" if pending else "no fact to review"


def cmd_review(args: Any) -> int:
    from druglint import yamlio
    from druglint.derive.review import confirm, drafts
    from druglint.specs.loader import files_of

    files = files_of(args.paths)
    want_all = "all" in args.confirm
    wanted: dict[str, set[int]] = {}
    for c in args.confirm:
        if c == "all":
            continue
        path, _, line = c.rpartition(":")
        if not path or not line.isdigit():
            print(f"druglint: error: --confirm {c}: expected 'all' or FILE:LINE", file=sys.stderr)
            return EXIT_ERROR
        wanted.setdefault(os.path.abspath(path), set()).add(int(line))
    pending = confirmed = 0
    unmatched = {(p, n) for p, lines in wanted.items() for n in lines}
    for f in files:
        try:
            ds = drafts(f)
        except (OSError, UnicodeDecodeError, yamlio.YamlError) as exc:
            print(f"druglint: error: {f}: cannot read: {getattr(exc, 'message', exc)}", file=sys.stderr)
            return EXIT_ERROR
        lines = wanted.get(os.path.abspath(f), set())
        chosen = [d for d in ds if d.status == "required" and (want_all or d.line in lines or d.review_line in lines)]
        unmatched -= {(os.path.abspath(f), n) for d in ds for n in (d.line, d.review_line)}
        if chosen:
            confirmed += confirm(f, chosen)
        for d in ds:
            if d.status == "required" and d not in chosen:
                pending += 1
                print(f"{f}:{d.line}: {d.what}\n    quote: {d.quote[:200]}")
    for p, n in sorted(unmatched):
        print(f"druglint: error: {os.path.relpath(p)}:{n}: no reviewable fact starts on that line", file=sys.stderr)
    if confirmed:
        print(f"confirmed {confirmed} fact(s)")
    print(f"{pending} fact(s) to review" if pending else "no fact to review")
    return EXIT_ERROR if unmatched else EXIT_OK
