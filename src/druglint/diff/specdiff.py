"""Drug specs in a diff: each spec becomes small fact tables compared by the DL7xx rules.

The spec is read by ``druglint.specs`` (the one spec loader: ``load_file``); this module only
turns its facts into frames of the shapes the diff rules already know, one pseudo-kind per
fact family, so a spec's facts are matched and compared exactly like dataset records:

=========================  =====================================  =================
pseudo-kind                 record key                             rules
=========================  =====================================  =================
spec_interactions           drug + partner (drug or class)         DL701, DL702
spec_reactions              drug + reaction term                   DL703, DL704, DL705
spec_contraindications      drug + population (or text)            DL706
spec_forbidden_routes       drug + route (+ qualifier)             DL707
spec_maxima                 drug + route + phase + unit group      DL708
spec_strengths              drug + amount + unit                   DL709
=========================  =====================================  =================
"""
from __future__ import annotations

import pandas as pd

from druglint.diff.model import Loaded, Source, Spec

SPEC_KINDS = ("spec_interactions", "spec_reactions", "spec_contraindications", "spec_forbidden_routes",
              "spec_maxima", "spec_strengths")


def load_spec(specs_module, src: Source) -> Spec | None:
    """A Spec (its ``spec`` None when unreadable) when ``src`` is a drug spec, else None."""
    from druglint.specs.handler import claims
    from druglint.specs.loader import load_file

    if not claims(src.read_name, src.data[:4096]):
        return None
    spec, _findings = load_file(src.fs_path or src.rel, src.path, src.data)  # DL5xx findings: `check` reports them
    return Spec(src, spec)


def _frame(rows: list[dict], src: Source, columns: tuple[str, ...]) -> pd.DataFrame:
    f = pd.DataFrame(rows, columns=[*columns, "_line"])
    for c in columns:
        if c not in ("dose", "concentration", "serious"):
            f[c] = f[c].astype(object)
    f["_line"] = f["_line"].astype("int64")
    f["_path"] = src.path
    f["_shown"] = src.shown
    return f


def tables(item: Spec) -> list[Loaded]:
    """The spec's facts as Loaded tables, each with rel ``<spec path>#<pseudo-kind>``."""
    spec, src = item.spec, item.source
    if spec is None:
        return []
    name = spec.name
    fams: dict[str, tuple[tuple[str, ...], list[dict]]] = {
        "spec_interactions": (("drug_a", "drug_b", "severity"),
                              [{"drug_a": name, "drug_b": i.label, "severity": i.severity, "_line": i.line}
                               for i in spec.interactions]),
        "spec_reactions": (("drug", "effect", "serious", "frequency_category"),
                           [{"drug": name, "effect": r.term, "serious": r.serious, "frequency_category": r.category,
                             "_line": r.line} for r in spec.reactions]),
        "spec_contraindications": (("drug", "contraindication"),
                                   [{"drug": name, "contraindication": c.population or c.text, "_line": c.line}
                                    for c in spec.contraindications]),
        "spec_forbidden_routes": (("drug", "route"),
                                  [{"drug": name, "route": r.route + (f" ({r.qualifier})" if r.qualifier else ""),
                                    "_line": r.line} for r in spec.forbidden_routes]),
        "spec_maxima": (("drug", "route", "phase", "dose", "dose_unit"),
                        [{"drug": name, "route": m.route or "", "phase": "per visit", "dose": m.quantity.amount,
                          "dose_unit": m.quantity.unit, "_line": m.line} for m in spec.maxima]
                        + [{"drug": name, "route": "", "phase": p.name, "dose": p.maximum.amount,
                            "dose_unit": p.maximum.unit, "_line": p.line} for p in spec.phases if p.maximum is not None]),
        "spec_strengths": (("drug", "concentration", "concentration_unit"),
                           [{"drug": name, "concentration": s.quantity.amount, "concentration_unit": s.quantity.unit,
                             "_line": s.line} for s in spec.strengths]),
    }
    out = []
    for kind, (columns, rows) in fams.items():
        frame = _frame(rows, src, columns)
        if "serious" in frame.columns:
            frame["serious"] = frame["serious"].astype("boolean")
        for c in ("dose", "concentration"):
            if c in frame.columns:
                frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
        rel = f"{src.rel}#{kind[5:]}"
        out.append(Loaded(Source(rel, src.shown, src.path, b"", src.fs_path), kind, frame, [], {}))
    return out


def compare(old, new, config, sel) -> list:
    """Spec facts are compared as tables (``tables`` feeds them to the pairing); nothing else."""
    return []
