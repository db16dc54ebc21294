"""The ``druglint spec`` verb (``spec check``, ``spec show``, ``spec resolve``, ``spec list``)
and the ``--specs`` option.

``spec check [PATHS]`` validates spec files (DL5xx) - by default every spec folder in use
(bundled, config ``specs``, ``--specs``). ``spec show NAME`` prints what druglint knows of a
drug named by generic name, brand, synonym or salt - the spec's facts with their lines and
sources, then the knowledge pack's (``druglint.knowledge.cli``, which also holds ``resolve``
and ``list``; ``specs/show.py`` renders a spec).
"""
from __future__ import annotations

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
    from druglint.engine import display_path, make
    from druglint.formats import Options, render
    from druglint.model import Report
    from druglint.specs.loader import check_files, files_of, load_specs, spec_dirs

    if args.paths:
        files = files_of(args.paths)
        findings, checked = check_files(files, explicit=set(args.paths), against=load_specs(spec_dirs(cfg)))
    else:
        specs = load_specs(spec_dirs(cfg))
        findings, checked = specs.findings, specs.files
    report = Report([make(display_path(f.path), f.code, f.line, f.column, f.message, None, cfg) for f in findings],
                    [display_path(f) for f in checked])
    sys.stdout.write(render(args.format, report, Options(color=False)))
    return EXIT_VIOLATIONS if report.failed(cfg.fail_on) else EXIT_OK
