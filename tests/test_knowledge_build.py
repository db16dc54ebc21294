"""The knowledge-pack build script on small hand-written release files (fixtures/knowledge),
run as users run it (``python -m druglint.knowledge.build``), and its refusal of bad input."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures" / "knowledge"


def run_build(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "druglint.knowledge.build", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("pack")
    r = run_build("--drugsatfda", str(FIX / "drugsatfda"), "--drugsatfda-date", "2019-07-02",
                  "--drug-ner", str(FIX / "drug_ner"), "--drug-ner-version", "2.0.9", "--out", str(out), cwd=out)
    assert r.returncode == 0, r.stderr
    assert "wrote" in r.stdout
    from druglint.knowledge.pack import Pack

    return Pack.open(str(out))


def test_pack_files_and_metadata(built):
    meta = json.loads((Path(built.folder) / "pack.json").read_text())
    assert {s["name"]: s["release"] for s in meta["sources"]}["Drugs@FDA"] == "2019-07-02"
    assert {s["name"]: s["licence"] for s in meta["sources"]}["drug-named-entity-recognition"] == "MIT"
    assert set(meta["files"]) == {"products.parquet", "names.parquet", "index.npy", "targets.npy", "drugs.txt"}
    assert meta["command"].startswith("python -m druglint.knowledge.build --drugsatfda")


def test_names_resolve_to_active_moieties(built):
    names = ["LIPITOR", "atorvastatin calcium", "Atorvastatin", "Caduet", "paracetamol", "Tylenol", "salbutamol",
             "heparin sodium", "ZOFRAN 8 MG", "ondansetron hcl", "amlodipine besylate and atorvastatin calcium", "calpol",
             "unknownium", None]
    drugs, hows = built.resolve_many(names)
    assert list(zip(drugs, hows)) == [
        ("atorvastatin", "brand"), ("atorvastatin", "salt"), ("atorvastatin", "generic"),
        ("amlodipine; atorvastatin", "brand"), ("acetaminophen", "international"), ("acetaminophen", "brand"),
        ("albuterol", "international"), ("heparin", "salt"), ("ondansetron", "normalised"), ("ondansetron", "salt"),
        ("amlodipine; atorvastatin", "combination"), ("acetaminophen", "synonym"), (None, None), (None, None)]


def test_every_fact_names_its_record(built):
    r = built.resolve("Lipitor")
    assert (r.drug, r.how, r.layer, r.source) == ("atorvastatin", "brand", "pack", "Drugs@FDA NDA020702 product 001")
    f = built.facts("atorvastatin")
    assert f.routes == ("oral",) and f.route_specific and f.forms == ("tablet",)
    assert sorted((s.value, s.unit, s.basis) for s in f.strengths) == [(10.0, "mg", "base"), (20.0, "mg", "base"),
                                                                      (40.0, "mg", "base")]
    assert ("NDA020702", "Prescription") in f.applications and ("NDA020702", "Discontinued") in f.applications
    assert [(p.record, p.combination) for p in f.products] == [
        ("Drugs@FDA ANDA076477 product 001", ""), ("Drugs@FDA NDA020702 product 001", ""),
        ("Drugs@FDA NDA020702 product 002", ""), ("Drugs@FDA NDA021540 product 001", "amlodipine; atorvastatin")]
    assert "drug-named-entity-recognition 2.0.9: 'paracetamol' -> 'acetaminophen'" in built.facts("acetaminophen").sources


def test_routes_claim_only_what_the_data_says(built):
    heparin = built.facts("heparin")
    assert heparin.routes == () and not heparin.route_specific  # INJECTABLE;INJECTION names no route
    s = sorted(((p.strength.value, p.strength.per_unit, p.strength.note) for p in heparin.products), key=str)
    assert s[0][:2] == (1000.0, "mL") and s[1][0] == 5000.0 and s[1][2].startswith("Federal Register determination")
    enox = built.facts("enoxaparin")
    assert enox.routes == ("intramuscular", "intravenous") and enox.route_specific
    assert [(p.strength.value, p.strength.per_value, p.strength.per_unit) for p in enox.products] == [(40.0, 0.8, "mL")]
    ond = built.facts("ondansetron")
    assert ond.routes == ("intravenous", "oral") and ond.route_specific
    assert [p.strength for p in ond.products if p.form == "tablet"] == [None]  # "N/A": no strength claim


def test_combination_strengths_belong_to_each_ingredient(built):
    caduet = built.facts("amlodipine; atorvastatin")
    got = sorted((p.strength_text, p.combination) for p in caduet.products)
    assert got == [("EQ 10MG BASE", "amlodipine; atorvastatin"), ("EQ 5MG BASE", "amlodipine; atorvastatin")]


def _copy(tmp_path: Path) -> Path:
    d = tmp_path / "fda"
    shutil.copytree(FIX / "drugsatfda", d)
    return d


@pytest.mark.parametrize("damage, expected", [
    ("missing", "Products.txt: missing Drugs@FDA file"),
    ("header", "Products.txt: not a Drugs@FDA table: header lacks Strength"),
    ("short", "Products.txt: line 3: expected 8 tab-separated fields"),
    ("empty", "Products.txt: empty file"),
])
def test_bad_release_file_stops_with_one_line(tmp_path, damage, expected):
    d = _copy(tmp_path)
    products = d / "Products.txt"
    text = products.read_bytes().decode()
    if damage == "missing":
        products.unlink()
    elif damage == "header":
        products.write_bytes(text.replace("Strength", "Strenght", 1).encode())
    elif damage == "short":
        lines = text.split("\r\n")
        lines[2] = "\t".join(lines[2].split("\t")[:4])
        products.write_bytes("\r\n".join(lines).encode())
    else:
        products.write_text("")
    out = tmp_path / "out"
    r = run_build("--drugsatfda", str(d), "--drug-ner", str(FIX / "drug_ner"), "--out", str(out), cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith("druglint.knowledge.build: error: ") and expected in r.stderr
    assert str(products) in r.stderr
    assert not out.exists()  # nothing written


def test_bad_dictionary_and_missing_folder(tmp_path):
    r = run_build("--drugsatfda", str(tmp_path / "nowhere"), "--drug-ner", str(FIX / "drug_ner"), cwd=tmp_path)
    assert r.returncode == 2 and "nowhere: no such file or folder" in r.stderr and r.stderr.count("\n") == 1
    bad = tmp_path / "ner.pkl.bz2"
    bad.write_bytes(b"not a dictionary")
    r = run_build("--drugsatfda", str(FIX / "drugsatfda"), "--drug-ner", str(bad), cwd=tmp_path)
    assert r.returncode == 2 and f"{bad}: not a drug-named-entity-recognition dictionary" in r.stderr
    assert r.stderr.count("\n") == 1


def test_release_zip_is_read_like_the_folder(tmp_path):
    import zipfile

    z = tmp_path / "drugsatfda.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for f in (FIX / "drugsatfda").iterdir():
            zf.write(f, f.name)
    out = tmp_path / "out"
    r = run_build("--drugsatfda", str(z), "--drug-ner", str(FIX / "drug_ner"), "--out", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    from druglint.knowledge.pack import Pack

    assert Pack.open(str(out)).resolve("Caduet").drug == "amlodipine; atorvastatin"


def test_build_is_reproducible(built, tmp_path):
    out = tmp_path / "again"
    r = run_build("--drugsatfda", str(FIX / "drugsatfda"), "--drugsatfda-date", "2019-07-02",
                  "--drug-ner", str(FIX / "drug_ner"), "--drug-ner-version", "2.0.9", "--out", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    first = json.loads((Path(built.folder) / "pack.json").read_text())["files"]
    assert json.loads((out / "pack.json").read_text())["files"] == first  # same bytes, file by file
