"""Build the knowledge pack: ``python -m druglint.knowledge.build``.

Reproduces the pack shipped in ``druglint/knowledge/data/`` from public release files:

    python -m druglint.knowledge.build \\
        --drugsatfda PATH     # folder or zip of the Drugs@FDA data files (public domain), from
                              # https://www.fda.gov/drugs/drug-approvals-and-databases/drugsfda-data-files
        --drugsatfda-date YYYY-MM-DD   # the release date (default: newest file date)
        [--drug-ner PATH]     # drug-named-entity-recognition dictionary (MIT): the package's
                              # drug_ner_dictionary.pkl.bz2 or a TSV export folder
                              # (default: the installed package, pip install 'druglint[drugnames]')
        [--drugstandards FILE]  # drugstandards 0.6 synonyms (MIT) as synonym<TAB>canonical
        [--out DIR]           # default: the package's data folder

The shipped pack was built with the command in ``druglint/knowledge/data/pack.json``
(``command``). Bad input stops the build with one line naming the file and exit status 2.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sys
from typing import Any

from druglint.knowledge.sources import BuildError

PACK_VERSION = 1
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
FILES = ("products.parquet", "names.parquet")
ALL_FILES = FILES + ("index.npy", "targets.npy", "drugs.txt", "pack.json")


def _version(dist: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def build(drugsatfda: str, drug_ner: str | None = None, drugstandards: str | None = None,
          date: str | None = None, drug_ner_version: str | None = None) -> tuple[Any, Any, dict]:
    """(products, names, metadata) from the release files."""
    import pandas as pd

    from druglint.knowledge import assemble, sources

    release = sources.read_drugsatfda(drugsatfda, date)
    dic = sources.read_drug_ner(drug_ner)
    std = sources.read_drugstandards(drugstandards) if drugstandards else None
    prod = assemble.products(release.tables)
    if prod.empty:
        raise BuildError(f"{release.label}: Products.txt has no product with an active ingredient")
    names = assemble.fda_names(prod)
    known = _known(names)
    names = pd.concat([names, assemble.vocab_names(known)], ignore_index=True)
    known = _known(names)
    names = pd.concat([names, assemble.dictionary_names(dic, known)], ignore_index=True)
    if std is not None:
        names = pd.concat([names, assemble.standards_names(std, _known(names))], ignore_index=True)
    names = assemble.dedupe(names)
    ner_version = drug_ner_version or (_version("drug-named-entity-recognition") if drug_ner is None else "unknown")
    meta = {
        "pack_version": PACK_VERSION,
        "built": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sources": [
            {"name": assemble.SOURCE_FDA, "release": release.date, "licence": "public domain (U.S. FDA)",
             "files": sorted(release.tables), "url": "https://www.fda.gov/drugs/drug-approvals-and-databases/drugsfda-data-files"},
            {"name": assemble.SOURCE_NER, "release": ner_version, "licence": "MIT",
             "url": "https://github.com/fastdatascience/drug_named_entity_recognition"},
            {"name": assemble.SOURCE_VOCAB, "release": "druglint " + _version("druglint"), "licence": "MIT",
             "files": ["vocab/drug_names.yaml"]},
        ],
        "counts": {"products": int(len(prod)), "names": int(len(names)), "drugs": int(names["drug"].nunique()),
                   "drugs_with_products": int(prod["drug"].nunique())},
    }
    if std is not None:
        meta["sources"].append({"name": assemble.SOURCE_STD, "release": "0.6", "licence": "MIT",
                                "url": "https://github.com/mlbernauer/drugstandards"})
    return prod, names, meta


def _known(names: Any) -> Any:
    """key -> drug of the names so far (first, i.e. best-ranked, wins)."""
    from druglint.knowledge import normaliser as nz
    import pandas as pd

    keys = pd.Series(nz.key(names["name"]), index=names.index)
    order = names.assign(key=keys, rank=names["how"].map(lambda h: {"generic": 0, "salt": 1, "vocab": 2}.get(h, 3)))
    order = order.sort_values(["rank"], kind="stable").drop_duplicates("key")
    return pd.Series(order["drug"].to_numpy(), index=order["key"].to_numpy())


def write(prod: Any, names: Any, meta: dict, out: str) -> dict:
    """Write the pack atomically: products and names (zstd parquet), the name index
    (``index.npy``, rows in the names table's order), the drug list and pack.json."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from druglint.knowledge import index as ix

    hashes = ix.hash_keys(names["key"].tolist())
    order = np.argsort(hashes, kind="stable")
    hashes = hashes[order]
    if len(hashes) > 1 and (hashes[1:] == hashes[:-1]).any():
        raise BuildError("names: two name keys share a 64-bit digest; the index cannot hold them")
    names = names.iloc[order].reset_index(drop=True)
    names = names.assign(name=names["name"].where(names["name"].str.casefold() != names["key"], None))
    drugs = sorted(set(names["drug"]) | set(prod["drug"]) | set(prod["combination"]) - {""})
    if any("\n" in d for d in drugs):
        raise BuildError("names: a drug name holds a line break")
    number = {d: i for i, d in enumerate(drugs)}
    index = np.zeros(len(names), dtype=ix.dtype(len(drugs)))
    index["hash"] = hashes
    index["drug"] = names["drug"].map(number).to_numpy()
    index["how"] = names["how"].map({h: i for i, h in enumerate(ix.HOWS)}).to_numpy()
    os.makedirs(out, exist_ok=True)
    written = {}
    for name, frame in zip(FILES, (prod, names)):
        tmp = os.path.join(out, f".{name}.tmp")
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp, compression="zstd",
                       compression_level=19, use_dictionary=True)
        written[name] = tmp
    written["index.npy"] = os.path.join(out, ".index.npy.tmp")
    with open(written["index.npy"], "wb") as fh:
        np.save(fh, index)
    # the names a near miss may point at (see Pack.near_miss_lookup), one bit per index row:
    # the near-miss search then needs neither names.parquet nor a string index (pre-commit budget)
    written["targets.npy"] = os.path.join(out, ".targets.npy.tmp")
    with open(written["targets.npy"], "wb") as fh:
        np.save(fh, np.packbits(((names["source"] == "Drugs@FDA") | (names["how"] == "generic")).to_numpy()))
    written["drugs.txt"] = os.path.join(out, ".drugs.txt.tmp")
    with open(written["drugs.txt"], "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(drugs) + "\n")
    digests = {}
    for name, tmp in written.items():
        with open(tmp, "rb") as fh:
            digests[name] = hashlib.sha256(fh.read()).hexdigest()
        os.replace(tmp, os.path.join(out, name))
    meta = dict(meta, files=digests, longest_key=int(names["key"].str.len().max()) if len(names) else 0)
    tmp = os.path.join(out, ".pack.json.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(meta, fh, indent=1, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, os.path.join(out, "pack.json"))
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m druglint.knowledge.build", description=__doc__.split("\n\n")[0])
    ap.add_argument("--drugsatfda", required=True, metavar="PATH", help="Drugs@FDA data files: folder or release zip")
    ap.add_argument("--drugsatfda-date", metavar="YYYY-MM-DD", help="release date (default: newest file date)")
    ap.add_argument("--drug-ner", metavar="PATH", help="drug-named-entity-recognition dictionary (default: installed package)")
    ap.add_argument("--drug-ner-version", metavar="VERSION", help="its version when read from a TSV export")
    ap.add_argument("--drugstandards", metavar="FILE", help="drugstandards synonyms TSV (synonym, canonical)")
    ap.add_argument("--out", default=DATA_DIR, metavar="DIR", help="output folder (default: the package's data folder)")
    args = ap.parse_args(argv)
    try:
        prod, names, meta = build(args.drugsatfda, args.drug_ner, args.drugstandards, args.drugsatfda_date,
                                  args.drug_ner_version)
    except BuildError as exc:
        print(f"druglint.knowledge.build: error: {exc}", file=sys.stderr)
        return 2
    meta["command"] = "python -m druglint.knowledge.build " + " ".join(_shown(a) for a in (argv if argv is not None else sys.argv[1:]))
    meta = write(prod, names, meta, args.out)
    sizes = sum(os.path.getsize(os.path.join(args.out, f)) for f in ALL_FILES)
    print(f"wrote {args.out}: {meta['counts']['products']} product ingredients, {meta['counts']['names']} names, "
          f"{meta['counts']['drugs']} drugs, {sizes / 1e6:.2f} MB")
    return 0


def _shown(arg: str) -> str:
    """Paths in the recorded command are shown relative to the working folder, never absolute home paths."""
    if os.path.isabs(arg) and os.path.exists(arg):
        return os.path.relpath(arg)
    return arg


if __name__ == "__main__":
    sys.exit(main())
