"""DL404 strength-not-marketed: a concentration that is not one of the drug's marketed strengths.

Talimogene laherparepvec comes as 10^6 and 10^8 PFU/mL only; 10^7 PFU/mL is a typo or a
lost superscript. Only concentrations in a unit the spec lists strengths in are compared
(amounts compared to within one part in a billion). Note for infusions: a diluted infusion
concentration is not a vial strength; map such a column to another name. When the strengths
come from a repackager's label (``partial``: it lists only what it repackages) or are
unreviewed drafts, the finding is info.

A drug without a spec is held against the knowledge pack: the strengths of its Drugs@FDA
single-ingredient products in the same unit ("EQ 40MG BASE/0.8ML" is 50 mg/mL), and the
message says "per Drugs@FDA". A drug with a product whose strength did not parse is not
checked; one with an over-the-counter product (OTC monograph strengths are not in
Drugs@FDA) is reported at info.

Passing example (dosing.csv):

    drug,route,concentration,concentration_unit
    talimogene laherparepvec,intralesional,100000000,PFU/mL

Failing example (dosing.csv):

    drug,route,concentration,concentration_unit
    talimogene laherparepvec,intralesional,10000000,PFU/mL
"""
from __future__ import annotations

import numpy as np

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.dosing.spec_rows import messages, per_drug, row_specs
from druglint.specs.model import format_amount
from druglint.specs.provenance import DRAFT_NOTE, draft_caps, is_draft
from druglint.specs.tables import cite


@rule("DL404", "strength-not-marketed", "error", kinds=("dosing",), needs=("drug", "concentration", "concentration_unit"), row=True)
def check(ctx):
    from druglint.hits import concat

    return concat([_spec_strengths(ctx), _pack_strengths(ctx)])


def _pack_strengths(ctx):
    """Rows whose drug has no spec strengths, against the Drugs@FDA products' strengths."""
    import pandas as pd

    from druglint.rules.dosing.pack_facts import pack_drug_per_row, strength_claim, verdict_hits

    drug = pack_drug_per_row(ctx, lambda spec: spec.strengths)
    if drug is None:
        return None
    f = ctx.frame
    conc = f["concentration"].to_numpy(dtype=float, na_value=np.nan)
    unit = f["concentration_unit"].to_numpy(dtype=object, na_value=None)
    ok = (drug != None) & (unit != None) & ~np.isnan(conc)  # noqa: E711
    if not ok.any():
        return None
    key = pd.Series(drug[ok], dtype=object) + "\x1f" + pd.Series(unit[ok], dtype=object) + "\x1f" + pd.Series(conc[ok]).astype(str)
    codes, uniques = pd.factorize(key)
    verdict = np.empty(len(uniques), dtype=object)  # per distinct (drug, unit, amount)
    for i, (d, u, c) in enumerate(zip(drug[ok][_firsts(codes)], unit[ok][_firsts(codes)], conc[ok][_firsts(codes)])):
        claim = strength_claim(ctx.config, d)
        amounts = claim.by_unit.get(u) if claim is not None else None
        if not amounts or np.isclose(c, np.array(amounts), rtol=1e-6, atol=0).any():
            verdict[i] = None
            continue
        shown = ", ".join(f"{format_amount(a)} {u}" for a in amounts[:8]) + (" ..." if len(amounts) > 8 else "")
        note = "" if claim.firm else "; it has over-the-counter products, and OTC monograph strengths are not in Drugs@FDA"
        verdict[i] = (f"{format_amount(c)} {u} is not a marketed strength of {d} per Drugs@FDA ({shown}; e.g. "
                      f"{claim.example}){note}", None if claim.firm else "info")
    return verdict_hits(ctx, ok, codes, verdict, "concentration")


def _firsts(codes: np.ndarray) -> np.ndarray:
    from druglint.grouping import first_positions

    return first_positions(codes)


def _why_weak(spec) -> str:
    """Why a finding on this spec's strengths is only information (message tail), else ""."""
    if any(is_draft(x) for x in spec.strengths):
        return DRAFT_NOTE
    if any(x.partial for x in spec.strengths):
        return "; the spec's list is partial (a repackager's label lists only what it repackages)"
    return ""


def _spec_strengths(ctx):
    canon, specs = row_specs(ctx)
    if canon.isna().all():
        return None
    f = ctx.frame
    conc = f["concentration"].to_numpy(dtype=float, na_value=np.nan)
    unit = f["concentration_unit"].to_numpy(dtype=object, na_value=None)
    drug = canon.to_numpy(dtype=object, na_value=None)
    bad = np.zeros(len(f), dtype=bool)
    for name in canon.dropna().unique():
        spec = specs[name]
        for u in {s.quantity.unit for s in spec.strengths}:
            amounts = np.array([s.quantity.amount for s in spec.strengths if s.quantity.unit == u])
            sel = (drug == name) & (unit == u) & ~np.isnan(conc)
            if not sel.any():
                continue
            close = np.isclose(conc[sel][:, None], amounts[None, :], rtol=1e-9, atol=0).any(axis=1)
            bad[np.flatnonzero(sel)[~close]] = True
    if not bad.any():
        return None

    def message(name, c, u):
        spec = specs[name]
        listed = [s for s in spec.strengths if s.quantity.unit == u]
        shown = ", ".join(s.quantity.text() for s in listed)
        return (f"{format_amount(c)} {u} is not a marketed strength of {spec.name} ({shown}; "
                f"{cite(spec, listed[0].line, listed[0].source, 40)})" + _why_weak(spec))

    # a repackager's label lists only what it repackages (partial), a draft strength is unreviewed:
    # the list may be incomplete, so the finding is information
    weak = per_drug(canon, specs, lambda s: any(x.partial or is_draft(x) for x in s.strengths)) == True  # noqa: E712
    msgs = messages(bad, {"drug": drug, "conc": conc, "unit": unit}, message)
    return hits(bad, "concentration", msgs, severity=draft_caps(weak[bad]))
