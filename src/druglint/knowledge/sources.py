"""Read the release files the knowledge pack is built from, refusing bad input with one line.

* Drugs@FDA data files (U.S. FDA, public domain): Products.txt, Applications.txt,
  MarketingStatus.txt, MarketingStatus_Lookup.txt and TE.txt, tab-separated, from a folder or
  from the release zip. Current release: https://www.fda.gov/drugs/drug-approvals-and-databases/drugsfda-data-files
  ("Drugs@FDA Download File", https://www.fda.gov/media/89850/download).
* The name dictionary of the PyPI package drug-named-entity-recognition (MIT licence; Fast Data
  Science, https://github.com/fastdatascience/drug_named_entity_recognition): its
  ``drug_ner_dictionary.pkl.bz2`` (read from the installed package by default) or the two-file
  TSV export (canonical_drug_data.tsv, variant_to_canonical.tsv[.gz]).
* Optionally the synonym table of the PyPI package drugstandards 0.6 (MIT licence,
  https://github.com/mlbernauer/drugstandards) exported as a two-column TSV (synonym, canonical).

Every problem raises :class:`BuildError` whose text names the file.
"""
from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from typing import Any

FDA_FILES = {
    "Products.txt": ("ApplNo", "ProductNo", "Form", "Strength", "ReferenceDrug", "DrugName", "ActiveIngredient"),
    "Applications.txt": ("ApplNo", "ApplType", "SponsorName"),
    "MarketingStatus.txt": ("MarketingStatusID", "ApplNo", "ProductNo"),
    "MarketingStatus_Lookup.txt": ("MarketingStatusID", "MarketingStatusDescription"),
    "TE.txt": ("ApplNo", "ProductNo", "TECode"),
}
FDA_DOWNLOAD = "https://www.fda.gov/media/89850/download (Drugs@FDA Download File)"


class BuildError(Exception):
    """Bad or missing input; the message names the file and is shown as one line."""


@dataclass
class Release:
    tables: dict[str, Any]  # file name -> DataFrame of strings
    label: str  # where it was read from
    date: str  # release date as given or the newest file date


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # older FDA releases are Windows-1252


def read_tab(raw: bytes, where: str, required: tuple[str, ...]):
    """A tab-separated FDA table as a DataFrame of strings; rows split once, vectorised."""
    import pandas as pd

    text = _decode(raw).replace("\r\n", "\n").replace("\r", "\n")
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines:
        raise BuildError(f"{where}: empty file (expected a tab-separated header {', '.join(required)})")
    header = [h.strip() for h in lines[0].split("\t")]
    missing = [c for c in required if c not in header]
    if missing:
        raise BuildError(f"{where}: not a Drugs@FDA table: header lacks {', '.join(missing)} (found {', '.join(header[:8])})")
    body = pd.Series(lines[1:], dtype=object).str.split("\t", expand=True) if len(lines) > 1 else pd.DataFrame(
        columns=range(len(header)))
    n = len(header)
    if body.shape[1] < n:
        body = body.reindex(columns=range(n))
    short = body.iloc[:, n - 1].isna() if n else pd.Series(False, index=body.index)
    # the last column may be empty and dropped by the exporter; a missing earlier cell is an error
    short_rows = body.iloc[:, : max(n - 1, 1)].isna().any(axis=1) if n > 1 else short
    extra = body.iloc[:, n:].fillna("").apply(lambda c: c.str.strip() != "").any(axis=1) if body.shape[1] > n else None
    bad = short_rows if extra is None else (short_rows | extra)
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise BuildError(f"{where}: line {i + 2}: expected {n} tab-separated fields, found "
                         f"{int(body.iloc[i].notna().sum())}")
    body = body.iloc[:, :n].fillna("")
    body.columns = header
    return body.apply(lambda c: c.str.strip())


def read_drugsatfda(path: str, date: str | None = None) -> Release:
    """The five Drugs@FDA tables from a folder or the release zip."""
    if not os.path.exists(path):
        raise BuildError(f"{path}: no such file or folder (Drugs@FDA release: {FDA_DOWNLOAD})")
    tables: dict[str, Any] = {}
    newest = 0.0
    if os.path.isdir(path):
        for name, cols in FDA_FILES.items():
            full = os.path.join(path, name)
            if not os.path.isfile(full):
                raise BuildError(f"{full}: missing Drugs@FDA file (download the release: {FDA_DOWNLOAD})")
            with open(full, "rb") as fh:
                tables[name] = read_tab(fh.read(), full, cols)
            newest = max(newest, os.path.getmtime(full))
    else:
        try:
            zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise BuildError(f"{path}: not a Drugs@FDA folder or zip file ({exc})") from None
        with zf:
            members = {os.path.basename(n): n for n in zf.namelist()}
            for name, cols in FDA_FILES.items():
                if name not in members:
                    raise BuildError(f"{path}: the zip lacks {name} (download the release: {FDA_DOWNLOAD})")
                tables[name] = read_tab(zf.read(members[name]), f"{path}:{name}", cols)
                y, mo, d, *_ = zf.getinfo(members[name]).date_time
                newest = max(newest, _epoch(y, mo, d))
    if date is None:
        import datetime as dt

        date = dt.datetime.fromtimestamp(newest, dt.timezone.utc).date().isoformat() if newest else "unknown"
    return Release(tables, path, date)


def _epoch(y: int, mo: int, d: int) -> float:
    import datetime as dt

    return dt.datetime(y, mo, d, tzinfo=dt.timezone.utc).timestamp()


# ----------------------------------------------------------------------- name data
@dataclass
class Dictionary:
    variants: Any  # DataFrame: variant, canonical, is_brand ("True"/"False"/"")
    canonical: Any  # DataFrame: canonical, wikipedia_url, nhs_url, synonyms
    label: str


def installed_drug_ner() -> str | None:
    """The dictionary file of the installed drug-named-entity-recognition package, or None."""
    import importlib.util

    try:
        found = importlib.util.find_spec("drug_named_entity_recognition")
    except (ImportError, ValueError):
        return None
    if found is None or not found.submodule_search_locations:
        return None
    path = os.path.join(list(found.submodule_search_locations)[0], "drug_ner_dictionary.pkl.bz2")
    return path if os.path.isfile(path) else None


def read_drug_ner(path: str | None) -> Dictionary:
    import pandas as pd

    path = path or installed_drug_ner()
    if path is None:
        raise BuildError("drug-named-entity-recognition: not installed and no --drug-ner given "
                         "(pip install 'druglint[drugnames]' or pass the TSV folder)")
    if os.path.isdir(path):
        canon_path = os.path.join(path, "canonical_drug_data.tsv")
        var_path = next((os.path.join(path, n) for n in ("variant_to_canonical.tsv.gz", "variant_to_canonical.tsv")
                         if os.path.isfile(os.path.join(path, n))), os.path.join(path, "variant_to_canonical.tsv.gz"))
        canon = _tsv(canon_path, ("canonical", "wikipedia_url", "nhs_url", "synonyms"))
        var = _tsv(var_path, ("variant", "canonical", "is_brand"))
        return Dictionary(var, canon, path)
    if not os.path.isfile(path):
        raise BuildError(f"{path}: no such file or folder (drug-named-entity-recognition dictionary)")
    import bz2
    import pickle

    try:
        with bz2.open(path, "rb") as fh:
            d = pickle.load(fh)  # noqa: S301  the package's own data file (plain dicts and lists)
        v2c = d["drug_variant_to_canonical"]
        v2d = d.get("drug_variant_to_variant_data", {})
        c2d = d["drug_canonical_to_data"]
    except Exception as exc:  # any unreadable or unexpected content is bad input
        raise BuildError(f"{path}: not a drug-named-entity-recognition dictionary ({type(exc).__name__}: {exc})") from None
    var = pd.DataFrame({"variant": list(v2c), "canonical": [c[0] if isinstance(c, list) and c else str(c) for c in v2c.values()]})
    var["is_brand"] = [str((v2d.get(v) or {}).get("is_brand", "")) for v in var["variant"]]
    canon = pd.DataFrame({"canonical": list(c2d),
                          "wikipedia_url": [str(x.get("wikipedia_url", "") or "") for x in c2d.values()],
                          "nhs_url": [str(x.get("nhs_url", "") or "") for x in c2d.values()],
                          "synonyms": ["|".join(x.get("synonyms", []) or []) for x in c2d.values()]})
    return Dictionary(var.astype(str), canon, path)


def read_drugstandards(path: str):
    """The drugstandards synonym table (synonym, canonical)."""
    return _tsv(path, ("synonym", "canonical"))


def _tsv(path: str, required: tuple[str, ...]):
    import gzip

    if not os.path.isfile(path):
        raise BuildError(f"{path}: no such file")
    try:
        raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
    except (OSError, EOFError) as exc:
        raise BuildError(f"{path}: cannot read ({exc})") from None
    try:
        return read_tab(raw, path, required)
    except BuildError as exc:
        raise BuildError(str(exc).replace("not a Drugs@FDA table", "unexpected table")) from None

