"""The ``druglint diff`` verb: its arguments and what it runs (kept out of the core cli.py).

    druglint diff OLD NEW                 two files, or two folders matched by relative path
    druglint diff --git REV [PATH...]     the working tree against a revision (only PATHs, when given)
    druglint diff --staged [--git REV]    the index against REV (default HEAD): the pre-commit hook
    druglint diff ... --accept --reason "why"   record every finding as reviewed

Nothing heavy is imported here at module level: the parser is built on every start-up.
"""
from __future__ import annotations

import sys

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2
EXTRA_FORMATS = ("markdown",)


def add_parser(sub, codes) -> None:
    d = sub.add_parser("diff", help="report safety-relevant changes between two versions (DL7xx)",
                       description="Compare two versions of datasets and drug specs record by record and report "
                                   "safety-relevant changes: weakened interactions, removed reactions, raised doses.")
    d.add_argument("paths", nargs="*", metavar="OLD NEW",
                   help="two files or two folders; with --git/--staged, optional paths that narrow the comparison")
    d.add_argument("--git", metavar="REV", help="compare the working tree (or the index with --staged) with git revision REV")
    d.add_argument("--staged", action="store_true", help="compare the git index instead of the working tree (default REV: HEAD)")
    d.add_argument("--select", type=codes, help="comma-separated rule codes or prefixes to run (e.g. DL701)")
    d.add_argument("--ignore", type=codes, default=[], help="comma-separated rule codes or prefixes to skip")
    d.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails the run (default: warning)")
    d.add_argument("--format", default="text", help="output format: as for check, or markdown (a pull-request comment)")
    d.add_argument("--statistics", action="store_true", help="show counts per rule instead of each finding")
    d.add_argument("--output-file", "-o", help="write the report to this file instead of standard output")
    d.add_argument("--config", help="configuration file (default: nearest druglint.yaml or pyproject.toml)")
    d.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="coloured text output")
    d.add_argument("--accept", action="store_true",
                   help="record every finding of this run as reviewed in the reviewed-changes file (needs --reason)")
    d.add_argument("--reason", help="why the accepted changes are intended (stored with who accepted them)")


def run(args) -> int:
    import os

    from druglint import config as config_mod
    from druglint.cli_check import use_color as _color
    from druglint.engine import UsageError
    from druglint.formats import FORMATS, Options, render
    from druglint.model import Severity

    if args.format not in FORMATS and args.format not in EXTRA_FORMATS:
        names = ", ".join((*FORMATS, *EXTRA_FORMATS))
        raise config_mod.ConfigError(f"unknown format {args.format!r} (expected one of {names})")
    if args.accept and not (args.reason or "").strip():
        raise UsageError("--accept needs --reason \"...\": say why the change is intended")
    git_mode = args.git is not None or args.staged
    if not git_mode and len(args.paths) != 2:
        raise UsageError("diff needs OLD and NEW (two files or two folders), or --git REV / --staged")

    from druglint.diff import api

    top = api.git_root(".") if git_mode else None
    cfg = config_mod.load(args.config, start=".")
    if cfg.path is None and top is not None:
        cfg.root = top
    if args.fail_on:
        cfg.fail_on = Severity.parse(args.fail_on)
    if git_mode:
        report = api.diff_git(args.git or "HEAD", args.staged, cfg, args.select, args.ignore, cwd=top,
                              paths=args.paths or None)
    else:
        report = api.diff_paths(args.paths[0], args.paths[1], cfg, args.select, args.ignore)

    if args.accept:
        path, added = api.accept(report, args.reason, cfg, top)
        shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
        n = len(report.changes)
        print(f"druglint: recorded {added} reviewed change{'' if added == 1 else 's'} in {shown}"
              + (f" ({n - added} already there)" if n - added else ""), file=sys.stderr)
        return EXIT_OK

    if args.format == "markdown":
        from druglint.diff.markdown import render as render_markdown

        text = render_markdown(report)
    else:
        use_color = args.format == "text" and not args.output_file and _color(args.color, sys.stdout)
        # every safety-relevant change is reviewed on its own: no grouping (show_all)
        text = render(args.format, report, Options(color=use_color, statistics=args.statistics, show_all=True))
        if args.format == "text" and report.accepted:
            n = len(report.accepted)
            text += f"{n} reviewed change{'' if n == 1 else 's'} acknowledged in the reviewed-changes file.\n"
    if args.output_file:
        with open(args.output_file, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    failed = report.failed(cfg.fail_on)
    if failed and args.format == "text":
        how = "--staged" if args.staged and not args.git else (f"--git {args.git}" + (" --staged" if args.staged else "")
                                                              if git_mode else "OLD NEW")
        print(f"If these changes are intended, acknowledge them: druglint diff {how} --accept --reason \"...\"",
              file=sys.stderr)
    return EXIT_VIOLATIONS if failed else EXIT_OK
