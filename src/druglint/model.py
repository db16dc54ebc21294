"""The output contract: a Violation, its Severity and Fix, and a Report of many."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """Ordered so that ``severity >= fail_on`` decides the exit code."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or info)") from None

    def __str__(self) -> str:  # "error", as in the JSON contract
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Fix:
    """A safe, mechanical replacement of one cell or span: ``old`` becomes ``new``."""

    message: str
    old: str
    new: str

    def as_dict(self) -> dict[str, str]:
        return {"message": self.message, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class Violation:
    """One finding. ``line`` is 1-based (the record's first line); ``column`` is 1-based."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    rule: str
    fix: Fix | None = None

    def as_dict(self) -> dict[str, object]:
        """Exactly the fields of the JSON output contract (DESIGN.md)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "rule": self.rule,
            "fix": self.fix.as_dict() if self.fix else None,
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


@dataclass
class Report:
    """Violations of one run plus what was looked at."""

    violations: list[Violation] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    # path -> layout of each table read (format, delimiter, header): lets SARIF and github
    # output turn a table finding's field number into a character column (formats.positions)
    layouts: dict[str, dict] = field(default_factory=dict)

    def extend(self, other: "Report") -> None:
        self.violations.extend(other.violations)
        self.files.extend(other.files)
        self.layouts.update(other.layouts)

    def sorted(self) -> list[Violation]:
        return sorted(self.violations, key=Violation.sort_key)

    def count(self, severity: Severity) -> int:
        return sum(1 for v in self.violations if v.severity == severity)

    def failed(self, fail_on: Severity = Severity.WARNING) -> bool:
        return any(v.severity >= fail_on for v in self.violations)

    def codes(self) -> list[str]:
        return [v.code for v in self.sorted()]

    def to_json(self, indent: int | None = 2) -> str:
        """The violations as ``druglint check --format json`` writes them."""
        import json

        return json.dumps([v.as_dict() for v in self.sorted()], indent=indent, ensure_ascii=False)

    def to_frame(self):
        """A pandas DataFrame, one row per violation (columns of the JSON contract; ``severity``
        as text, ``fix`` a dict or None), sorted by path, line, column, code."""
        import pandas as pd

        columns = ["path", "line", "column", "code", "severity", "message", "rule", "fix"]
        frame = pd.DataFrame([v.as_dict() for v in self.sorted()], columns=columns)
        return frame.astype({"line": "int64", "column": "int64"})

    def __len__(self) -> int:
        return len(self.violations)

    def __iter__(self):
        return iter(self.sorted())
