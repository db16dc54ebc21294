"""``druglint spec resolve``, ``spec list`` and the layered ``spec show``, run as a user runs them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def druglint(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "druglint", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def test_resolve_names_from_arguments_and_stdin(tmp_path):
    r = druglint("spec", "resolve", "COUMADINE", "-", "--format", "json", stdin="Lipitor\nZovirax\nPREDNISONE.\nxyzzy\n",
                 cwd=tmp_path)
    assert r.returncode == 1  # one name is unknown
    rows = json.loads(r.stdout)
    got = [(x["name"], x["drug"], x["how"], x["layer"]) for x in rows]
    assert got == [("COUMADINE", "warfarin", "synonym", "pack"), ("Lipitor", "atorvastatin", "brand", "pack"),
                   ("Zovirax", "acyclovir", "brand", "spec"), ("PREDNISONE.", "prednisone", "generic", "pack"),
                   ("xyzzy", None, None, None)]
    assert rows[1]["source"] == "Drugs@FDA NDA020702 product 001"
    assert rows[2]["source"].startswith("specs/acyclovir.yaml:") or "acyclovir.yaml:" in rows[2]["source"]


def test_resolve_text_and_exit_status(tmp_path):
    r = druglint("spec", "resolve", "atorvastatin calcium", "ASPIRIN 81 MG", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "-> atorvastatin  [salt, pack]  Drugs@FDA" in lines[0]
    assert "-> aspirin  [normalised, pack]" in lines[1]


def test_pack_off_leaves_specs_and_vocabulary(tmp_path):
    (tmp_path / "druglint.yaml").write_text("knowledge: false\n")
    r = druglint("spec", "resolve", "Zovirax", "Lipitor", "Caduet", "--format", "json", cwd=tmp_path)
    rows = json.loads(r.stdout)
    assert [(x["drug"], x["layer"]) for x in rows] == [("acyclovir", "spec"), ("atorvastatin", "vocab"), (None, None)]
    (tmp_path / "druglint.yaml").write_text("knowledge: off please\n")
    r = druglint("spec", "resolve", "Zovirax", cwd=tmp_path)
    assert r.returncode == 2 and "'knowledge' must be true or false" in r.stderr and "druglint.yaml:1" in r.stderr


def test_list_counts_layers_and_filters(tmp_path):
    r = druglint("spec", "list", "--match", "atorvastatin", "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["counts"]["spec"] == 2 and data["counts"]["pack"] > 10_000
    assert data["releases"]["Drugs@FDA"] == "2019-07-02"
    drugs = {d["drug"]: d for d in data["drugs"]}
    assert drugs["atorvastatin"]["layer"] == "pack" and drugs["atorvastatin"]["products"] > 50
    assert drugs["amlodipine; atorvastatin"]["products"] > 0  # combination products count for the combination
    r = druglint("spec", "list", "--layer", "spec", cwd=tmp_path)
    assert r.stdout.splitlines()[0].startswith("hand-written specs: 2, derived specs: 0, knowledge pack: ")
    listed = [ln.split()[0] for ln in r.stdout.splitlines()[2:-1]]
    assert listed == ["acyclovir", "talimogene"]
    assert r.stdout.splitlines()[-1] == "2 drug(s) listed"


def test_show_a_pack_drug_names_layer_and_record_of_every_fact(tmp_path):
    r = druglint("spec", "show", "Lipitor", "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["name"] == "atorvastatin" and d["layer"] == "pack"
    assert d["resolved_from"] == {"name": "Lipitor", "how": "brand", "layer": "pack", "source": "Drugs@FDA NDA020702 product 001"}
    facts = [f for s in ("names", "routes", "forms", "strengths", "applications") for f in d[s]]
    assert facts and all(f["layer"] == "pack" and f["sources"] for f in facts)
    assert [r["value"] for r in d["routes"]] == ["oral"] and d["route_specific"]["value"] is True
    ten = next(s for s in d["strengths"] if s["written"] == "EQ 10MG BASE" and not s["combination"])
    assert ten["value"] == "10 mg (base)" and "Drugs@FDA NDA020702 product 001" in ten["sources"]
    text = druglint("spec", "show", "heparin sodium", cwd=tmp_path).stdout
    assert "route-specific: no  [pack]" in text and "INJECTABLE;INJECTION" in text


def test_show_a_spec_drug_adds_pack_sections_the_spec_leaves_empty(tmp_path):
    r = druglint("spec", "show", "Zovirax", "--format", "json", cwd=tmp_path)
    d = json.loads(r.stdout)
    assert d["layer"] == "spec" and d["resolved_from"]["layer"] == "spec"
    spec_facts = [f for v in d.values() if isinstance(v, list) for f in v]
    assert spec_facts and all(f["layer"] == "spec" and f["line"] >= 1 for f in spec_facts)
    pack = d["pack"]
    assert pack["names"] and all(n["layer"] == "pack" for n in pack["names"])
    for section in ("routes", "forms", "strengths"):
        assert (section in pack) != bool(d.get(section))  # the spec's own section wins
