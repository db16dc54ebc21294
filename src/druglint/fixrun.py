"""Running the fixes over a run: ``fix_paths`` lints, plans each file's fixes (``fixer.plan``),
writes them atomically (``fixwrite``) and lints again until nothing more is fixable;
``fix_and_report`` turns unwritten fixes into DL155; ``check_extras`` is the CLI's
--fix / --diff / --baseline / --write-baseline handling around a lint.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from druglint.fixer import FileFix, plan
from druglint.fixwrite import FileChanged, FixRefused, digest, sweep_stale, write_atomic
from druglint.model import Violation

MAX_PASSES = 4


@dataclass
class FixOutcome:
    files: dict[str, FileFix] = field(default_factory=dict)  # path -> net change (first before, last after)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, why): reported as DL155

    @property
    def fixed(self) -> int:
        return sum(len(f.applied) for f in self.files.values())

    @property
    def changed_files(self) -> list[FileFix]:
        return [f for f in self.files.values() if f.changed]


def apply_fixes(report_violations: list[Violation], write: bool) -> FixOutcome:
    """One pass: plan the fixes of each file from its current bytes; write if asked."""
    out = FixOutcome()
    by_path: dict[str, list[Violation]] = {}
    for v in report_violations:
        if v.fix is not None:
            by_path.setdefault(v.path, []).append(v)
    if write:  # temp files of killed runs, in the folders about to be written
        for folder in sorted({os.path.dirname(os.path.abspath(p)) for p in by_path}):
            sweep_stale(folder)
    for path, vs in sorted(by_path.items()):
        try:
            from druglint.safeio import read_regular

            data = read_regular(path)
        except OSError:
            continue
        ff = plan(path, data, vs)
        out.files[path] = ff
        if write and ff.changed:
            try:
                write_atomic(path, ff.after, digest(data))
            except (FileChanged, FixRefused) as exc:
                out.refused.append((path, str(exc)))
                ff.after = ff.before
                ff.applied = []
            except OSError as exc:  # a full disk, an I/O error: this file is not fixed, the run goes on
                out.refused.append((path, f"{path}: cannot write the fix ({exc.strerror or exc}); not fixed"))
                ff.after = ff.before
                ff.applied = []
    return out


def fix_paths(lint, write: bool) -> tuple[FixOutcome, object]:
    """Lint, fix, and lint again until nothing more is fixable (at most MAX_PASSES).

    ``lint`` is a no-argument callable returning a Report. Returns the combined outcome and
    the last report (the violations that remain). With ``write=False`` one pass is planned
    and nothing is written (``--diff``)."""
    report = lint()
    total = FixOutcome()
    for _ in range(MAX_PASSES if write else 1):
        step = apply_fixes(report.violations, write)
        total.refused.extend(step.refused)
        for path, ff in step.files.items():
            if path in total.files:
                prev = total.files[path]
                prev.after = ff.after
                prev.applied.extend(ff.applied)
                prev.skipped = ff.skipped
            else:
                total.files[path] = ff
        if not write or not any(f.changed and f.applied for f in step.files.values()):
            break
        report = lint()
    return total, report


def fix_and_report(lint) -> tuple[FixOutcome, object]:
    """``fix_paths`` with writing, and each file whose fix was not written as one DL155
    finding (an error: the run exits 1, whatever else it found)."""
    from druglint.violations import make

    outcome, report = fix_paths(lint, write=True)
    once = dict(outcome.refused)  # a file refused in two passes is one finding
    outcome.refused = list(once.items())
    for path, msg in outcome.refused:
        report.violations.append(make(path, "DL155", 1, 1, f"fix not written: {msg.split(': ', 1)[-1]}"))
    return outcome, report


def check_extras(args, lint) -> tuple[object, int | None]:
    """The CLI's --fix / --diff / --baseline / --write-baseline handling around ``lint``.

    Returns (report to print, None) or (None, exit code) when the mode prints its own
    output (``--diff``, ``--write-baseline``)."""
    import sys

    from druglint.suppress import baseline as baseline_mod
    from druglint.cli_check import say  # notices, unless --quiet / --silent
    from druglint.discovery import UsageError

    fix, diff = getattr(args, "fix", False), getattr(args, "diff", False)
    bpath, write_b = getattr(args, "baseline", None), getattr(args, "write_baseline", False)
    if write_b and not bpath:
        raise UsageError("--write-baseline needs --baseline FILE")
    if fix and diff:
        raise UsageError("use either --fix or --diff, not both")
    if diff:
        outcome, _ = fix_paths(lint, write=False)
        changed = outcome.changed_files
        sys.stdout.write("".join(f.diff() for f in changed))
        n = sum(len(f.applied) for f in changed)
        print(f"{n} fix{'es' if n != 1 else ''} would be applied to {len(changed)} file{'s' if len(changed) != 1 else ''}"
              + (" (run with --fix)" if n else ""), file=sys.stderr)
        return None, 1 if changed else 0
    if fix:
        outcome, report = fix_and_report(lint)
        for _, msg in outcome.refused:
            print(f"druglint: {msg}", file=sys.stderr)
        n, files = outcome.fixed, len(outcome.changed_files)
        say(args, f"fixed {n} violation{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}")
    else:
        report = lint()
    if bpath and write_b:
        n = baseline_mod.write(bpath, report.violations)
        say(args, f"wrote {n} finding{'s' if n != 1 else ''} to baseline {bpath}")
        return None, 0
    if bpath:
        try:
            report.violations, hidden = baseline_mod.filter_new(bpath, report.violations)
        except baseline_mod.BaselineError as exc:
            raise UsageError(str(exc)) from None
        if hidden:
            say(args, f"{hidden} finding{'s' if hidden != 1 else ''} hidden by baseline {bpath}")
    return report, None
