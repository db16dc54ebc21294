"""Compare two versions: pair files, run the DL7xx rules, make Violations and Changes.

Files are paired by their path relative to the compared root. The files present on one side
only (renamed, split, added or deleted) are pooled per kind and compared as one dataset, so
a record that moved to another file is not reported as removed. Files added with no old
counterpart have nothing to compare against and give no finding.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from druglint import registry
from druglint.config import Config
from druglint.diff.pair import DiffPair
from druglint.diff.sides import Loaded, Side
from druglint.engine import Selection, make
from druglint.model import Report, Violation


@dataclass(frozen=True)
class Change:
    """One safety-relevant change: what a reviewer accepts or refuses."""

    code: str
    rel: str  # path relative to the compared root (posix) of the file the violation points at
    key: str  # the record key, in matching form (e.g. "aspirin + warfarin")
    old: str
    new: str
    violation: Violation
    old_at: str = ""  # "HEAD:data/x.csv:3" where the record was, "" when it is new
    new_at: str = ""  # "data/x.csv:4" where the record is, "" when it was removed
    label: str = ""  # the record as the file writes it ("Warfarin + aspirin")

    def ident(self) -> tuple[str, str, str, str, str]:
        return (self.rel, self.key, self.code, self.old, self.new)


@dataclass
class DiffReport(Report):
    changes: list[Change] = field(default_factory=list)
    accepted: list[Change] = field(default_factory=list)  # findings acknowledged as reviewed
    old_label: str = "old"
    new_label: str = "new"


def _frame(items: list[Loaded]) -> pd.DataFrame:
    frames = [i.frame for i in items]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def pairs(old: Side, new: Side) -> list[DiffPair]:
    """DiffPairs: one per file present on both sides with the same kind, plus one per kind
    pooling the files present on one side only."""
    out: list[DiffPair] = []
    paired: set[str] = set()
    cache: dict = {}  # record keys per frame, shared: a file is keyed once however many pairs see it
    for rel in sorted(set(old.tables) & set(new.tables)):
        o, n = old.tables[rel], new.tables[rel]
        if o.kind != n.kind:
            continue
        paired.add(rel)
        others = [t for r, t in sorted(new.tables.items()) if r != rel and t.kind == n.kind]
        files = {o.source.shown: o, n.source.shown: n, **{t.source.shown: t for t in others}}
        out.append(DiffPair(o.kind, o.frame, n.frame, files, elsewhere=others, cache=cache))
    kinds = sorted({t.kind for t in old.tables.values()} | {t.kind for t in new.tables.values()})
    for kind in kinds:
        olds = [t for r, t in sorted(old.tables.items()) if r not in paired and t.kind == kind]
        news = [t for r, t in sorted(new.tables.items()) if r not in paired and t.kind == kind]
        if not olds:
            continue  # only additions: nothing was there to weaken
        old_frame = _frame(olds)
        new_frame = _frame(news) if news else old_frame.iloc[0:0]
        files = {t.source.shown: t for t in olds + news}
        others = [t for r, t in sorted(new.tables.items()) if r in paired and t.kind == kind]
        files.update({t.source.shown: t for t in others})
        out.append(DiffPair(kind, old_frame, new_frame, files, elsewhere=others, cache=cache))
    return out


def _diff_rules(kind: str, sel: Selection) -> list[registry.Rule]:
    return [r for r in registry.all_rules() if r.scope == registry.DIFF and kind in r.kinds and sel.enabled(r.code)]


def _changes(pair: DiffPair, rule: registry.Rule, hits: pd.DataFrame, merged: pd.DataFrame, config: Config,
             sel: Selection, rels: dict[str, str]) -> list[Change]:
    if hits is None or len(hits) == 0:
        return []
    sub = merged.iloc[hits["row"].to_numpy(dtype=np.int64)]
    in_new = sub["in_new"].to_numpy(dtype=bool)
    in_old = sub["in_old"].to_numpy(dtype=bool)
    shown_new = sub["_shown_new"].to_numpy(dtype=object)
    shown_old = sub["_shown_old"].to_numpy(dtype=object)
    path_new, path_old = sub["_path_new"].to_numpy(dtype=object), sub["_path_old"].to_numpy(dtype=object)
    line_new = sub["_line_new"].to_numpy(dtype="float64")
    line_old = sub["_line_old"].to_numpy(dtype="float64")
    new_files = sorted(set(pair.new["_shown"].tolist())) if "_shown" in pair.new.columns else []
    gone_from = new_files[0] if len(new_files) == 1 else "the new version"
    old_files = sorted(set(pair.old["_shown"].tolist())) if "_shown" in pair.old.columns else []
    absent_from = old_files[0] if len(old_files) == 1 else "the old version"
    out: list[Change] = []
    labels = sub["label"].tolist()
    for i, (col, msg, old, new, key) in enumerate(zip(hits["column"].tolist(), hits["message"].tolist(),
                                                      hits["old"].tolist(), hits["new"].tolist(), sub["key"].tolist())):
        if in_new[i]:
            shown, path, line = shown_new[i], path_new[i], int(line_new[i])
            where = f"old value at {shown_old[i]}:{int(line_old[i])}" if in_old[i] else f"not in {absent_from}"
        else:
            shown, path, line = shown_old[i], path_old[i], int(line_old[i])
            where = f"was at {shown_old[i]}:{line}, no longer in {gone_from}"
        if not sel.enabled(rule.code, path):
            continue
        column = pair.files[shown].column_number(col) if shown in pair.files else 1
        v = make(path, rule.code, line, column, f"{msg} ({where})", None, config)
        old_at = f"{shown_old[i]}:{int(line_old[i])}" if in_old[i] else ""
        new_at = f"{shown_new[i]}:{int(line_new[i])}" if in_new[i] else ""
        out.append(Change(rule.code, rels.get(shown, path), str(key), "" if old is None else str(old),
                          "" if new is None else str(new), v, old_at, new_at, str(labels[i])))
    return out


def compare(old: Side, new: Side, config: Config, sel: Selection, accepted: set[tuple] | None = None,
            old_label: str = "old", new_label: str = "new") -> DiffReport:
    """Run every selected DL7xx rule over the paired versions."""
    from druglint.diff import specdiff

    report = DiffReport(old_label=old_label, new_label=new_label)
    rels = {t.source.shown: t.source.rel for side in (old, new) for t in side.tables.values()}
    for pair in pairs(old, new):
        for rule in _diff_rules(pair.kind, sel):
            if not pair.has(*rule.needs):
                continue
            hits, merged = rule.check(pair)
            report.changes.extend(_changes(pair, rule, hits, merged, config, sel, rels))
    report.changes.extend(specdiff.compare(old, new, config, sel))
    accepted = accepted or set()
    kept = [c for c in report.changes if c.ident() not in accepted]
    report.accepted = [c for c in report.changes if c.ident() in accepted]
    report.changes = sorted(kept, key=lambda c: c.violation.sort_key())
    report.violations = [c.violation for c in report.changes]
    # one entry per compared file: its new path, or its old path when it was deleted
    by_rel = {i.source.rel.split("#")[0]: i.source.path for side in (old, new)
              for i in [*side.tables.values(), *side.specs.values()]}
    report.files = sorted(set(by_rel.values()))
    return report
