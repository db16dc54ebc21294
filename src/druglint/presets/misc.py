"""Other public drug tables: DrugBank DDI sentences (TDC), openFDA FAERS/harmonisation
exports, drug-name dictionaries and small packaged datasets.

- DrugBank DDI via TDC / Kaggle (``Drug 1,Drug 2,Interaction Description``): interactions;
  the source rates no severity, so severity is ``unknown`` (canonical "not assessed");
  the sentence is the ``effect``.
- drugdose ``interactions.json`` ({"interactions": [{drug_a, drug_b, severity, description,
  management}]}): interactions, description -> effect.
- openFDA harmonised product records (JSON Lines with ``product_ndc``, ``generic_name``,
  ``route``, ``dosage_form``): dosing facts, generic_name -> drug; a route field naming
  several routes ("INTRAMUSCULAR; INTRAVENOUS") gives one record per route; a KIT record
  without a route (its parts carry the routes in SPL) is "not applicable".
- openFDA drug/event reports flattened to one drug and one reaction (``drug_name``,
  ``drug_dose``, ``reaction_pt``, ``serious``): side_effects, drug_name -> drug,
  reaction_pt -> effect; ``drug_dose`` is verbatim dose text (checked for placeholders).
- openFDA drug/event JSON (one safety report object): a reference document, parsed only.
- Reference tables (no canonical kind): drugstandards ``synonyms.tsv``, drug-NER
  ``canonical_drug_data.tsv``, drugdose ``drugs.json``, openFDA ``sections.csv`` (LOINC code,
  section name; no header).
Sources: each file's documentation as named in its preset's ``sources``.
"""
from __future__ import annotations

import json
import re

import pandas as pd

from druglint.presets.base import Preset
from druglint.presets.common import explode_list, to_vocab


def _header(names: list[str]):
    return lambda name, fields: [x.strip() for x in fields] == names


def _keys(required: set[str]):
    return lambda name, fields: name.lower().endswith((".json", ".jsonl", ".ndjson")) and required <= set(fields)


def _unknown_severity(table) -> None:
    table.frame["severity"] = "unknown"


def _split_routes(table, column: str, sep: str) -> None:
    f = table.frame
    text = f[column].astype("str").str.strip()
    codes, uniques = pd.factorize(text)
    import numpy as np

    lists = np.empty(len(uniques) + 1, dtype=object)
    for i, u in enumerate(uniques):  # distinct values only
        parts = [p for p in re.split(sep, u) if p.strip()] if u else []
        lists[i] = list(to_vocab(pd.Series(parts, dtype="str"), "route")) if parts else [None]
    lists[-1] = [None]
    explode_list(table, column, pd.Series(lists[codes], index=f.index))


def _harmonized_transform(table) -> None:
    f = table.frame
    if "route" not in f.columns:
        return
    if "dosage_form" in f.columns:
        # a KIT's routes belong to its parts (SPL: each part of a kit is a product with its
        # own route), so the kit record itself has none: "not applicable", not missing
        kit = f["dosage_form"].astype("str").str.strip().str.upper().eq("KIT") & (f["route"].astype("str").str.strip().fillna("") == "")
        f.loc[kit.fillna(False).to_numpy(), "route"] = "not applicable"
    _split_routes(table, "route", r"\s*;\s*")


def _loinc(name: str, fields: list[str]) -> bool:
    return (name.lower().endswith(".csv") and len(fields) == 2
            and re.match(r"^\d{4,6}-\d$", fields[0].strip()) is not None)


def _pandas_only(name: str, fields: list[str]) -> bool:
    """Every header name is a pandas default label: no canonical kind can be told, but the
    file is kept as a reference table so DL130 can name the problem."""
    from druglint.rules.realdata.pandas_header import _LABEL, pandas_labels

    names = [f.strip() for f in fields if f.strip()]
    return (name.lower().endswith((".csv", ".tsv", ".tab", ".txt", ".psv")) and len(names) >= 2
            and all(_LABEL.match(n) for n in names) and pandas_labels(names) is not None)


def _event_document(path, shown, data, config, sel, project, preset):
    from druglint.engine import make

    try:
        json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        line = getattr(exc, "lineno", 1)
        if sel.enabled("DL118", shown):
            return [make(shown, "DL118", line, 1, f"invalid JSON: {getattr(exc, 'msg', exc)}", None, config)]
    return []


PRESETS = [
    Preset(name="drugbank-ddi-tdc", title="DrugBank DDI sentences (TDC / Kaggle: Drug 1, Drug 2, Interaction Description)",
           kind="interactions",
           sources=("Therapeutics Data Commons DDI (DrugBank), tdcommons.ai; Kaggle mghobashy/drug-drug-interactions",),
           recognise=_header(["Drug 1", "Drug 2", "Interaction Description"]),
           columns={"drug_a": "Drug 1", "drug_b": "Drug 2", "effect": "Interaction Description"},
           transform=_unknown_severity, role="drugbank", text_columns=("Interaction Description",)),
    Preset(name="drugdose-interactions", title="drugdose interactions.json", kind="interactions",
           sources=("PyPI drugdose 0.1.2, drugdose/data/interactions.json",),
           recognise=lambda n, f: n.lower() == "interactions.json" and {"interactions", "drug_a", "drug_b", "severity"} <= set(f),
           columns={"effect": "description"}, role="drugdose"),
    Preset(name="openfda-harmonized", title="openFDA harmonised product records (JSON Lines)", kind="dosing",
           sources=("openFDA harmonization (FDA/openfda, openfda/annotation_table; harmonized.json)",),
           recognise=_keys({"product_ndc", "generic_name", "route", "spl_set_id"}),
           columns={"drug": "generic_name", "route": "route"}, transform=_harmonized_transform, role="openfda:harmonized"),
    Preset(name="openfda-event-flat", title="openFDA drug/event reports flattened to one drug and one reaction",
           kind="side_effects", sources=("openFDA drug/event API fields (open.fda.gov/apis/drug/event)",),
           recognise=_keys({"drug_name", "drug_dose", "reaction_pt"}),
           columns={"drug": "drug_name", "effect": "reaction_pt", "serious": "serious"},
           placeholder_columns=("drug_dose",), role="openfda:event-flat"),
    Preset(name="openfda-event", title="openFDA drug/event safety report (one JSON object)", kind=None,
           sources=("openFDA drug/event API fields",),
           recognise=lambda n, f: n.lower().endswith(".json") and {"patient", "companynumb"} <= set(f),
           document=_event_document, role="openfda:event"),
    Preset(name="drugstandards-synonyms", title="drugstandards synonyms.tsv (synonym -> standard name)", kind=None,
           sources=("PyPI drugstandards 0.6, drugstandards/data/synonyms.dat",),
           recognise=_header(["synonym", "canonical"]), role="names:synonyms"),
    Preset(name="drug-ner-dictionary", title="drug-named-entity-recognition canonical_drug_data.tsv", kind=None,
           sources=("PyPI drug-named-entity-recognition 2.0.9",),
           recognise=lambda n, f: [x.strip() for x in f[:4]] == ["canonical", "medline_plus_id", "name", "drugbank_id"],
           role="names:dictionary"),
    Preset(name="drugdose-drugs", title="drugdose drugs.json (per-drug routes and doses)", kind=None,
           sources=("PyPI drugdose 0.1.2, drugdose/data/drugs.json",),
           recognise=lambda n, f: n.lower().endswith(".json") and {"routes", "display_name", "dose_unit", "per_kg"} <= set(f),
           role="drugdose:drugs"),
    Preset(name="pandas-labels", title="a table whose header is only pandas' default labels (0, 1_x, 1_y...)",
           kind=None, sources=("pandas DataFrame.merge suffixes and default RangeIndex column labels",),
           recognise=_pandas_only, role="pandas"),
    Preset(name="openfda-spl-sections", title="openFDA SPL sections.csv (LOINC code, section name; no header)", kind=None,
           sources=("FDA/openfda openfda/spl/data/sections.csv",), recognise=_loinc,
           headerless=("loinc", "section"), delimiter=",", role="spl:sections"),
]
