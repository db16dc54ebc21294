"""The command line: ``druglint check | rules | rule``.

Exit codes (DESIGN.md): 0 no violation at or above the failing severity; 1 violations;
2 usage error, unreadable input or internal error, with a one-line message on stderr.
Heavy modules (pandas, pandera) are imported only by the verbs that need them.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from druglint import __version__

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def _selected_codes(text: str) -> list[str]:
    codes = _codes(text)
    if not codes:  # '--select ""' would check nothing and pass: say so instead
        raise argparse.ArgumentTypeError("needs at least one rule code or prefix (e.g. DL1); to run every rule, use ALL")
    return codes


class _Parser(argparse.ArgumentParser):
    """Usage errors on one line of stderr (exit 2), like every other druglint error; the
    usage text stays one ``--help`` away. Subparsers are built from this class too."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"druglint: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="druglint", description="Lint drug-information datasets and documents.")
    p.add_argument("--version", action="version", version=f"druglint {__version__}")
    sub = p.add_subparsers(dest="verb", metavar="VERB")

    c = sub.add_parser("check", help="lint files and folders")
    c.add_argument("paths", nargs="*", default=["."], help="files or folders (default: .)")
    c.add_argument("--select", type=_selected_codes, help="comma-separated rule codes or prefixes to run (e.g. DL3,DL104)")
    c.add_argument("--extend-select", type=_selected_codes, default=[], help="codes added to the configured selection")
    c.add_argument("--ignore", type=_codes, default=[], help="comma-separated rule codes or prefixes to skip")
    c.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails the run (default: warning)")
    c.add_argument("--format", default="text",
                   help="output format: text, json, sarif, github, gitlab, junit, html, markdown, "
                        "or auto (github under GitHub Actions, else text)")
    c.add_argument("--statistics", action="store_true",
                   help="show counts per rule and per file (with severities) instead of each violation; text, json or markdown")
    c.add_argument("--show-all", action="store_true",
                   help="list every finding in text, html, github and markdown output (default: the first few of each group)")
    c.add_argument("--output-file", "-o", help="write the report to this file instead of standard output")
    c.add_argument("--config", help="configuration file (default: nearest druglint.yaml or pyproject.toml)")
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="coloured text output")
    from druglint.specs.cli import add_parser as add_spec_parser, add_specs_option  # the `spec` verb (issue 3)

    add_specs_option(c)
    c.add_argument("--no-cache", action="store_true", help="lint every file, ignoring and not updating the result cache")
    c.add_argument("--fix", action="store_true", help="apply safe fixes in place (atomic writes), then report what remains")
    c.add_argument("--diff", action="store_true", help="show the safe fixes as a unified diff without writing (exit 1 if any)")
    c.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE; report only new ones")
    c.add_argument("--write-baseline", action="store_true", help="record the current findings in the --baseline FILE and exit 0")
    from druglint.perf.cli import add_engine_options  # --chunk-size, --engine, --scheduler (issue 7)

    add_engine_options(c)
    from druglint.cli_check import add_options as add_workflow_options  # --exit-zero, -q, stdin... (issue 16)

    add_workflow_options(c)

    from druglint.diff.cli import add_parser as add_diff_parser  # the `diff` verb (DL7xx)

    add_diff_parser(sub, _codes)
    add_spec_parser(sub)
    from druglint.rules_cli import add_parsers as add_rules_parsers  # `rules [PREFIX]`, `rule CODE|NAME`

    add_rules_parsers(sub)
    sub.add_parser("server", help="run the language server (LSP over stdio) for editors")
    return p


def cmd_check(args) -> int:
    from druglint import config as config_mod
    from druglint.formats import FORMATS, Options, render
    from druglint.model import Severity

    if args.format not in FORMATS:
        raise config_mod.ConfigError(f"unknown format {args.format!r} (expected one of {', '.join(FORMATS)})")
    from druglint.formats import resolve

    args.format = resolve(args.format)  # 'auto' -> github or text, before colour is decided
    from druglint.formats import STATISTICS_FORMATS

    if args.statistics and args.format not in STATISTICS_FORMATS:
        raise config_mod.ConfigError(f"--statistics prints counts as {' or '.join(STATISTICS_FORMATS)}, "
                                     f"not as {args.format}")
    cfg = config_mod.load(args.config)
    from druglint.specs.cli import apply_specs

    apply_specs(cfg, args.specs)
    from druglint.perf.cli import apply_engine_options

    apply_engine_options(cfg, args)
    if args.fail_on:
        cfg.fail_on = Severity.parse(args.fail_on)
    from druglint import cli_check

    cli_check.apply(cfg, args)
    args.baseline = args.baseline or cfg.baseline  # the `baseline` key applies it; --baseline overrides
    cli_check.skip_own_files(cfg, args.baseline)
    if args.show_settings:
        sys.stdout.write(cli_check.show_settings(cfg, args))
        return EXIT_OK
    if args.show_files:
        sys.stdout.write(cli_check.show_files(args.paths, cfg, args.stdin_filename))
        return EXIT_OK

    from druglint.arrowpool import use_returning_pool

    use_returning_pool()  # freed arrow memory goes back to the system (a 208 MB table: 1.43 -> 1.21 GB peak)

    def lint():
        from druglint.progress import for_cli  # a bar on stderr for long runs, only on a terminal outside CI

        def run(paths, config, cached=False):
            if config.extra.get("engine") == "dask":
                from druglint.perf.dask_engine import lint_paths_dask

                return lint_paths_dask(paths, config, select=args.select, ignore=args.ignore,
                                       extend_select=args.extend_select)
            from druglint import result_cache

            if cached and result_cache.enabled(config) and not args.no_cache:  # unchanged files: from .druglint_cache
                return result_cache.lint(paths, config, select=args.select, ignore=args.ignore,
                                         extend_select=args.extend_select, progress=for_cli())
            from druglint.engine import lint_paths

            return lint_paths(paths, config, select=args.select, ignore=args.ignore, extend_select=args.extend_select,
                              progress=for_cli())
        if args.paths == ["-"]:
            from druglint.stdin_input import lint_stdin

            return lint_stdin(args.stdin_filename, cfg, run)
        return run(args.paths, cfg, cached=True)

    if args.add_noqa:
        from druglint.add_noqa import prepare

        prepare(cfg)
    from druglint.fixrun import check_extras  # --fix, --diff, --baseline, --write-baseline

    report, early_exit = check_extras(args, lint)
    if early_exit is not None:
        return early_exit
    if args.add_noqa:
        from druglint.add_noqa import run as add_noqa

        cli_check.say(args, add_noqa(report, cfg))
        return EXIT_OK
    failed = report.failed(cfg.fail_on)
    shown, hidden = cli_check.shown_report(report, args)  # --min-severity
    out_stream = sys.stdout or sys.__stderr__  # (only asked whether it is a terminal)
    opts = Options(color=args.format == "text" and not args.output_file and cli_check.use_color(args.color, out_stream),
                   statistics=args.statistics, fail_on=cfg.fail_on, summary=not (args.quiet or args.silent),
                   show_all=args.show_all)
    text = render(args.format, shown, opts)
    if args.format == "text" and not (args.quiet or args.silent):
        text += cli_check.hidden_note(hidden, args)
    if args.output_file:
        write_report(text, args.output_file)
        from druglint.formats.text_format import summary  # the report went to the file: say what it holds

        cli_check.say(args, f"{summary(shown)}\n{cli_check.hidden_note(hidden, args)}Report written to {args.output_file}.")
    elif not args.silent:
        write_report(text, None)
    if args.exit_zero:
        return EXIT_OK
    return EXIT_VIOLATIONS if failed else EXIT_OK


class OutputError(Exception):
    """The report cannot be written (a missing folder, a folder, a full disk, stdout closed): exit 2."""


def write_report(text: str, output_file: str | None) -> None:
    if output_file:
        try:
            with open(output_file, "w", encoding="utf-8", errors="surrogateescape") as fh:
                fh.write(text)
        except OSError as exc:
            why = "is a folder" if isinstance(exc, IsADirectoryError) else (
                "its folder does not exist" if isinstance(exc, FileNotFoundError) else exc.strerror or str(exc))
            raise OutputError(f"cannot write the report to {output_file}: {why}") from None
        return
    if sys.stdout is None:  # started with standard output closed (`druglint check >&-`)
        raise OutputError("standard output is closed; use --output-file to write the report to a file")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write the report to standard output: {exc.strerror or exc}") from None


def cmd_diff(args) -> int:
    from druglint.diff.cli import run

    return run(args)


def cmd_rules(args) -> int:
    from druglint.rules_cli import cmd_rules as run

    return run(args)


def cmd_rule(args) -> int:
    from druglint.rules_cli import cmd_rule as run

    return run(args)


def cmd_server(args) -> int:
    try:
        import pygls  # noqa: F401
    except ImportError:
        print("druglint: error: the language server needs the 'server' extra: pip install 'druglint[server]' (pygls)",
              file=sys.stderr)
        return EXIT_ERROR
    from druglint.server import main as serve

    return serve()


def cmd_spec(args) -> int:
    from druglint.specs.cli import cmd_spec as run

    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verb is None:
        parser.print_help()
        return EXIT_ERROR
    from druglint.config import ConfigError
    from druglint.discovery import UsageError

    from druglint import perf

    if argv is None:  # run as the druglint program (not called from Python with arguments)
        perf.LEAN_PROCESS = True
    handlers = {"check": cmd_check, "rules": cmd_rules, "rule": cmd_rule, "diff": cmd_diff, "spec": cmd_spec,
                "server": cmd_server}
    try:
        return handlers[args.verb](args)
    except (ConfigError, UsageError, ValueError, OutputError) as exc:
        print(f"druglint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `druglint check | head`: the reader went away; say nothing more
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit's flush
        except (OSError, AttributeError, ValueError):
            pass
        return EXIT_OK
    except Exception as exc:  # an internal error: say so in one line, keep the details on demand
        if os.environ.get("DRUGLINT_DEBUG"):
            raise
        print(f"druglint: internal error: {type(exc).__name__}: {exc} (set DRUGLINT_DEBUG=1 for the traceback)", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
