"""The ``check`` options a ruff user reaches for, kept out of the core cli.py.

    --exclude / --extend-exclude / --force-exclude    which files are linted (ruff's semantics)
    --exit-zero                                       exit 0 even when violations are found
    -q/--quiet, --silent                              only the findings / nothing at all
    --show-files, --show-settings                     what would be linted, with which configuration
    -  --stdin-filename PATH                          lint standard input as if it were PATH
    --min-severity LEVEL                              hide findings below LEVEL (exit code unchanged)

Bad values give one line on stderr and exit 2 (raised as UsageError / ConfigError).
"""
from __future__ import annotations

import os
import sys

from druglint.model import Report, Severity


def _patterns(text: str) -> list[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


def add_options(c) -> None:
    c.add_argument("--exclude", type=_patterns, metavar="GLOBS",
                   help="comma-separated file globs to skip, replacing the configured exclude")
    c.add_argument("--extend-exclude", type=_patterns, default=[], metavar="GLOBS",
                   help="comma-separated file globs to skip, added to the configured exclude")
    c.add_argument("--force-exclude", action="store_true", default=None,
                   help="apply exclude also to files named on the command line (as the pre-commit hook does)")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when violations are found (errors still exit 2)")
    c.add_argument("-q", "--quiet", action="store_true", help="print the findings only: no summary or notices")
    c.add_argument("--silent", action="store_true", help="print nothing; the exit code tells the result")
    c.add_argument("--show-files", action="store_true", help="list the files that would be linted, then exit")
    c.add_argument("--show-settings", action="store_true",
                   help="show the configuration file used and the resolved settings, then exit")
    c.add_argument("--stdin-filename", metavar="PATH",
                   help="with '-' as the path: lint standard input as if it were the file PATH (suffix, kind, config globs)")
    c.add_argument("--add-noqa", action="store_true",
                   help="accept today's findings: suppression comments in documents and YAML records, waivers "
                        "(with a reason to fill in) for other tables")
    c.add_argument("--min-severity", choices=("error", "warning", "info"),
                   help="hide findings below this severity from the output (the exit code still counts them)")


def apply(cfg, args) -> None:
    """Command-line exclusion over the configuration; checks that need no linting."""
    from druglint.discovery import UsageError

    if args.exclude is not None:
        cfg.exclude = list(args.exclude)
    cfg.extend_exclude = cfg.extend_exclude + list(args.extend_exclude)
    if args.force_exclude:
        cfg.force_exclude = True
    if args.quiet and args.silent:
        args.quiet = False  # --silent says more
    stdin = "-" in args.paths
    if args.stdin_filename is not None and not stdin:
        raise UsageError("--stdin-filename needs '-' as the path (druglint check - --stdin-filename data/ddi.csv)")
    if stdin and len(args.paths) > 1:
        raise UsageError("'-' (standard input) cannot be combined with other paths")
    if stdin and not (args.stdin_filename or "").strip():
        raise UsageError("reading standard input needs --stdin-filename PATH (its suffix tells the format)")
    if stdin and (args.fix or args.diff or args.write_baseline or args.add_noqa):
        raise UsageError("--fix, --diff, --write-baseline and --add-noqa need files, not standard input")
    if args.add_noqa and (args.fix or args.diff or args.write_baseline):
        raise UsageError("--add-noqa cannot be combined with --fix, --diff or --write-baseline")
    if cfg.force_exclude:
        root = os.path.realpath(cfg.root)
        for p in ([args.stdin_filename] if stdin else args.paths):
            rel = os.path.relpath(os.path.realpath(os.path.abspath(p)), root)
            if rel == ".." or rel.startswith(".." + os.sep):
                raise UsageError(f"{p}: outside the project ({cfg.root}); --force-exclude matches paths inside it")


def skip_own_files(cfg, baseline: str | None) -> None:
    """The baseline (JSON) and waiver (YAML) files are druglint's own, not datasets: never lint them."""
    own = [baseline]
    raw = cfg.extra.get("waivers")
    if isinstance(raw, str) and raw.strip():
        base = os.path.dirname(os.path.abspath(cfg.path)) if cfg.path else cfg.root
        own.append(os.path.join(base, raw))
    for path in own:
        if path and not any(ch in path for ch in "*?[]"):
            rel = cfg.rel(os.path.abspath(path))
            if not rel.startswith("../"):
                cfg.extend_exclude = cfg.extend_exclude + [rel]


def show_settings(cfg, args) -> str:
    """What ``--show-settings`` prints: the file used, then each resolved setting."""
    used = cfg.path or "none (defaults)"
    lines = [f"configuration file: {used}"]
    if cfg.path:
        other = _other_configuration(cfg.path)
        if other:
            lines.append(f"  (also found, not used: {other}; see the README on which one wins)")
    lines.append(f"project root: {cfg.root}")
    rows = [("select", args.select if args.select is not None else cfg.select), ("extend-select", args.extend_select),
            ("ignore", cfg.ignore + list(args.ignore)), ("per-file-ignores", cfg.per_file_ignores),
            ("kinds", cfg.kinds), ("columns", cfg.columns),
            ("severity", {k: str(v) for k, v in sorted(cfg.severity.items())}), ("fail-on", str(cfg.fail_on)),
            ("exclude", cfg.exclude), ("extend-exclude", cfg.extend_exclude), ("force-exclude", cfg.force_exclude),
            ("baseline", args.baseline or cfg.baseline), ("specs", cfg.specs)]
    rows += sorted((k, v) for k, v in cfg.extra.items())
    width = max(len(k) for k, _ in rows)
    lines += [f"{k:<{width}} = {_value(v)}" for k, v in rows]
    return "\n".join(lines) + "\n"


def _value(v) -> str:
    import json

    try:
        return json.dumps(v, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return repr(v)


def _other_configuration(used: str) -> str | None:
    """A druglint.yaml beside a pyproject.toml with [tool.druglint] (or the reverse)."""
    import re
    from pathlib import Path

    from druglint.config import YAML_NAMES

    folder = Path(used).resolve().parent
    for name in YAML_NAMES:
        p = folder / name
        if p.is_file() and str(p) != str(Path(used).resolve()):
            return str(p)
    pp = folder / "pyproject.toml"
    if str(pp) != str(Path(used).resolve()) and pp.is_file():
        try:
            if re.search(r"^\s*\[tool\.druglint(\.|\])", pp.read_text(encoding="utf-8"), re.M):
                return str(pp)
        except (OSError, UnicodeDecodeError):
            return None
    return None


def show_files(paths: list[str], cfg, stdin_name: str | None = None) -> str:
    from druglint.engine import discover, display_path

    if paths == ["-"]:  # standard input, linted as stdin_name (unless force-excluded)
        excluded = cfg.force_exclude and cfg.excluded(os.path.abspath(stdin_name or ""))
        return "" if excluded else f"{stdin_name} (standard input)\n"
    return "".join(display_path(f) + "\n" for f in sorted(discover(paths, cfg)))


def shown_report(report: Report, args) -> tuple[Report, int]:
    """The report to print (--min-severity applied) and how many findings it hides."""
    if not args.min_severity:
        return report, 0
    floor = Severity.parse(args.min_severity)
    kept = [v for v in report.violations if v.severity >= floor]
    shown = Report(kept, list(report.files))
    for name in ("changes", "accepted"):  # keep the extra fields of a subclass (diff)
        if hasattr(report, name):
            setattr(shown, name, getattr(report, name))
    return shown, len(report.violations) - len(kept)


def hidden_note(hidden: int, args) -> str:
    return (f"{hidden} finding{'' if hidden == 1 else 's'} below {args.min_severity} not shown (--min-severity)\n"
            if hidden else "")


def say(args, message: str) -> None:
    """A notice on stderr, unless --quiet or --silent."""
    if not (getattr(args, "quiet", False) or getattr(args, "silent", False)):
        print(message, file=sys.stderr)


def use_color(choice: str, stream) -> bool:
    """--color auto|always|never (and NO_COLOR / FORCE_COLOR) for output to ``stream``."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()
