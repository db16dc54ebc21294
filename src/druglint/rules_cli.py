"""The ``rules`` and ``rule`` verbs: list rules (filtered by code prefix, as text or JSON),
and show one rule's documentation by code or by name (``druglint rule self-interaction``)."""
from __future__ import annotations

import json
import sys

EXIT_OK, EXIT_ERROR = 0, 2


def add_parsers(sub) -> None:
    rs = sub.add_parser("rules", help="list every rule (or those whose code starts with a prefix)")
    rs.add_argument("prefixes", nargs="*", metavar="PREFIX", help="code prefixes to list, e.g. DL3 DL601 (default: all)")
    rs.add_argument("--format", default="text", help="text (default) or json")
    r = sub.add_parser("rule", help="print a rule's documentation (by code or name)")
    r.add_argument("code", metavar="CODE_OR_NAME", help="a rule code (DL301) or name (self-interaction)")
    r.add_argument("--format", default="text", help="text (default) or json")


def _as_dict(r) -> dict[str, object]:
    from druglint.doctext import plain

    return {"code": r.code, "name": r.name, "severity": str(r.severity), "fixable": r.fixable,
            "summary": plain(r.summary), "kinds": list(r.kinds), "scope": r.scope, "doc": plain(r.doc.strip())}


def _check_format(fmt: str) -> None:
    from druglint.engine import UsageError

    if fmt not in ("text", "json"):
        raise UsageError(f"unknown format {fmt!r} (expected text or json)")


def cmd_rules(args) -> int:
    from druglint import registry
    from druglint.doctext import plain
    from druglint.engine import UsageError

    _check_format(args.format)
    if args.prefixes:
        codes: set[str] = set()
        for p in args.prefixes:
            found = registry.matching(p)
            if not found:
                raise UsageError(f"no rule code starts with {p!r} (see 'druglint rules')")
            codes.update(found)
        rules = [r for r in registry.all_rules() if r.code in codes]
    else:
        rules = registry.all_rules()
    if args.format == "json":
        sys.stdout.write(json.dumps([_as_dict(r) for r in rules], indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    width = max(len(r.name) for r in rules)
    for r in rules:
        fix = "[*]" if r.fixable else "   "
        print(f"{r.code}  {r.name:<{width}}  {str(r.severity):<7}  {fix} {plain(r.summary)}")
    return EXIT_OK


def find(key: str):
    """A rule by code (any case) or by name; None when neither."""
    from druglint import registry

    try:
        return registry.get(key)
    except KeyError:
        pass
    wanted = key.strip().lower().replace("_", "-")
    return next((r for r in registry.all_rules() if r.name == wanted), None)


def cmd_rule(args) -> int:
    import difflib

    from druglint import registry
    from druglint.doctext import plain

    _check_format(args.format)
    r = find(args.code)
    if r is None:
        names = [x.name for x in registry.all_rules()]
        close = difflib.get_close_matches(args.code.lower(), names, n=1, cutoff=0.75)
        hint = f"; did you mean {close[0]!r}?" if close else " (see 'druglint rules')"
        print(f"druglint: unknown rule {args.code!r}{hint}", file=sys.stderr)
        return EXIT_ERROR
    if args.format == "json":
        sys.stdout.write(json.dumps(_as_dict(r), indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    print(f"# {r.code} {r.name}\n\nSeverity: {r.severity}" + ("   Fix: available" if r.fixable else ""))
    if r.kinds:
        print(f"Applies to: {', '.join(r.kinds)}")
    print()
    print(plain(r.doc.strip()))
    return EXIT_OK
