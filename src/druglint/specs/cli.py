"""The ``druglint spec`` verb (``spec check``, ``spec show``, ``spec resolve``, ``spec list``)
and the ``--specs`` option.

``spec check [PATHS]`` validates spec files (DL5xx) - by default every spec folder in use
(bundled, config ``specs``, ``--specs``). ``spec show NAME`` prints what druglint knows of a
drug named by generic name, brand, synonym or salt - the spec's facts with their lines and
sources, then the knowledge pack's (``druglint.knowledge.cli``, which also holds ``resolve``
and ``list``). ``as_dict``/``as_text`` render a spec.
"""
from __future__ import annotations

import json
import os
import sys
from typing import Any

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2


def add_specs_option(parser: Any) -> None:
    parser.add_argument("--specs", action="append", default=[], metavar="DIR",
                        help="a folder of drug specs used besides the bundled ones (repeatable)")


def add_parser(sub: Any) -> None:
    s = sub.add_parser("spec", help="check drug specs or show a drug's spec")
    ssub = s.add_subparsers(dest="spec_verb", metavar="ACTION")
    c = ssub.add_parser("check", help="validate spec files (default: every spec folder in use)")
    c.add_argument("paths", nargs="*", help="spec files or folders (default: bundled, configured and --specs folders)")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--config", help="configuration file (default: nearest druglint.yaml or pyproject.toml)")
    add_specs_option(c)
    sh = ssub.add_parser("show", help="print what druglint knows of a drug, each fact with its layer and source")
    sh.add_argument("name", nargs="?", help="generic name, brand, synonym or salt (any case)")
    _common(sh)
    from druglint.derive.cli import add_parsers as add_derive_parsers
    from druglint.knowledge.cli import add_parsers

    add_derive_parsers(ssub)
    add_parsers(ssub, _common)


def _common(p: Any) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--config", help="configuration file (default: nearest druglint.yaml or pyproject.toml)")
    add_specs_option(p)


def apply_specs(cfg: Any, extra: list[str] | None) -> None:
    """Add ``--specs`` folders to the configuration, checking that every folder exists."""
    from druglint.config import ConfigError
    from druglint.discovery import UsageError

    for d in cfg.specs:
        if not os.path.isdir(d):
            line = cfg.line_of("specs") if callable(cfg.line_of) else None
            raise ConfigError(f"'specs': folder {d} does not exist", cfg.path, line)
    for d in extra or []:
        if not os.path.isdir(d):
            raise UsageError(f"--specs {d}: no such folder")
        full = os.path.abspath(d)
        if full not in cfg.specs:
            cfg.specs.append(full)
    if cfg.specs and getattr(cfg, "_spec_warning", True):  # a broken user spec would silently weaken every check
        from druglint.specs.loader import load_specs, spec_dirs

        problems = load_specs(spec_dirs(cfg)).findings
        if problems:
            first = problems[0]
            print(f"druglint: warning: {len(problems)} problem(s) in the spec folders, first {first.path}:{first.line}: "
                  f"{first.code} {first.message} (see 'druglint spec check')", file=sys.stderr)


def cmd_spec(args: Any) -> int:
    from druglint import config as config_mod

    if getattr(args, "spec_verb", None) is None:
        print("druglint: error: spec needs an action: check, show, resolve, list, derive or review", file=sys.stderr)
        return EXIT_ERROR
    if args.spec_verb in ("derive", "review"):
        from druglint.derive import cli as derive_cli

        return derive_cli.cmd_derive(args) if args.spec_verb == "derive" else derive_cli.cmd_review(args)
    cfg = config_mod.load(args.config)
    cfg._spec_warning = False  # spec check reports the problems itself
    apply_specs(cfg, args.specs)
    if args.spec_verb == "check":
        return _check(args, cfg)
    from druglint.knowledge import cli as kcli

    if args.spec_verb == "show" and not args.name:  # one line, not an argparse usage dump
        print("druglint: error: spec show needs a drug name (the drugs druglint knows: druglint spec list)", file=sys.stderr)
        return EXIT_ERROR
    return {"show": kcli.show, "resolve": kcli.cmd_resolve, "list": kcli.cmd_list}[args.spec_verb](args, cfg)


# --------------------------------------------------------------------------- check
def _check(args: Any, cfg: Any) -> int:
    from druglint.engine import UsageError, display_path, make
    from druglint.formats import Options, render
    from druglint.model import Report
    from druglint.specs.loader import check_files, load_specs, spec_dirs, spec_files

    if args.paths:
        files: list[str] = []
        for p in args.paths:
            if os.path.isdir(p):
                files.extend(spec_files(p))
            elif os.path.isfile(p):
                files.append(p)
            else:
                raise UsageError(f"{p}: no such file or folder")
        findings, checked = check_files(files, explicit=set(args.paths), against=load_specs(spec_dirs(cfg)))
    else:
        specs = load_specs(spec_dirs(cfg))
        findings, checked = specs.findings, specs.files
    report = Report([make(display_path(f.path), f.code, f.line, f.column, f.message, None, cfg) for f in findings],
                    [display_path(f) for f in checked])
    sys.stdout.write(render(args.format, report, Options(color=False)))
    return EXIT_VIOLATIONS if report.failed(cfg.fail_on) else EXIT_OK


# ---------------------------------------------------------------------------- show
def _fact(spec: Any, value: Any, line: int, source: str | None, **extra: Any) -> dict:
    out = {"value": value, "line": line, "source": source, "citation": spec.cite(source)}
    out.update({k: v for k, v in extra.items() if v not in (None, (), [], "")})
    return out


def as_dict(spec: Any) -> dict:
    """The spec as plain data: every fact with its value, line, source and expanded citation."""
    f = _fact
    return {
        "name": spec.name,
        "path": spec.path,
        "identity": [f(spec, spec.name, spec.line, spec.source, field="name")]
        + [f(spec, b.value, b.line, b.source, field="brand") for b in spec.brands]
        + [f(spec, s.value, s.line, s.source, field="synonym") for s in spec.synonyms]
        + [f(spec, v.value, v.line, v.source, field=k, note=v.note) for k, v in spec.identity.items()],
        "routes": [f(spec, r.route, r.line, r.source, status="approved") for r in spec.approved_routes]
        + [f(spec, r.route, r.line, r.source, status="forbidden", qualifier=r.qualifier, reason=r.reason) for r in spec.forbidden_routes],
        "forms": [f(spec, x.value, x.line, x.source) for x in spec.forms],
        "strengths": [f(spec, s.quantity.text(), s.line, s.source, form=s.form, container=s.container, note=s.note)
                      for s in spec.strengths],
        "maximum_per_visit": [f(spec, m.quantity.text(), m.line, m.source, route=m.route) for m in spec.maxima],
        "phases": [f(spec, p.name, p.line, p.source, interval_days=p.interval_days,
                     maximum=p.maximum.text() if p.maximum else None, strength=p.strength.text() if p.strength else None,
                     repeats=p.repeats or None, aliases=list(p.aliases)) for p in spec.phases],
        "indications": [f(spec, x.value, x.line, x.source, note=x.note) for x in spec.indications],
        "contraindications": [f(spec, c.text, c.line, c.source, population=c.population) for c in spec.contraindications],
        "warnings": [f(spec, x.value, x.line, x.source) for x in spec.warnings],
        "adverse_reactions": [f(spec, r.term, r.line, r.source, percent=r.percent, category=r.category, serious=r.serious,
                                lay=list(r.lay), note=r.note) for r in spec.reactions],
        "interactions": [f(spec, i.label, i.line, i.source, severity=i.severity, effect=i.effect, members=list(i.members),
                           justification=i.justification) for i in spec.interactions],
        "populations": [f(spec, p.population, p.line, p.source, recommendation=p.recommendation) for p in spec.populations],
    }


def as_text(spec: Any, data: dict) -> str:
    from druglint.engine import display_path

    lines = [f"{spec.name}  ({display_path(spec.path)})"]
    how = data["resolved_from"]
    if how["name"].strip().casefold() != spec.name:
        lines.append(f"  resolved from {how['name']!r} ({how['how']})")
    numbers: dict[str, int] = {}  # a citation key of `sources:` -> its number, printed once at the end

    def cited(fact: dict) -> str:
        head, _, rest = str(fact.get("source") or "").partition(" ")
        if head not in spec.citations:
            return fact["citation"]
        n = numbers.setdefault(head, len(numbers) + 1)
        return f"[{n}]" + (f" {rest}" if rest else "")

    for section, facts in data.items():
        if section in ("name", "path", "resolved_from") or not facts:
            continue
        lines.append("")
        lines.append(section.replace("_", " ").capitalize())
        for fact in facts:
            extra = {k: v for k, v in fact.items() if k not in ("value", "line", "source", "citation", "field")}
            label = f"{fact['field']}: " if "field" in fact else ""
            detail = "; ".join(f"{k.replace('_', ' ')} {_short(v)}" for k, v in extra.items())
            lines.append(f"  {label}{fact['value']}" + (f"  [{detail}]" if detail else "") + f"  (line {fact['line']})")
            lines.append(f"      source: {cited(fact)}")
    if numbers:
        lines += ["", "Sources"] + [f"  [{n}] {spec.citations[key]}" for key, n in numbers.items()]
    return "\n".join(lines) + "\n"


def _short(v: Any) -> str:
    if isinstance(v, list):
        return ", ".join(map(str, v))
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)
