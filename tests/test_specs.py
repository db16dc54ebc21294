"""Drug specs: loading with lines, bundled specs by default, name resolution in datasets,
a second spec working without code, and the ``druglint spec`` verb."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import druglint
from druglint.cli import main
from druglint.config import Config
from druglint.engine import lint_frame, lint_paths
from druglint.specs import loader
from druglint.specs.loader import load_specs, spec_dirs

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "specs"
FIXTURES = ROOT / "fixtures" / "specs_rules"


# ------------------------------------------------------------------------- loading
def test_bundled_specs_are_loaded_by_default_and_are_clean():
    specs = druglint.load_specs()
    assert {"talimogene laherparepvec", "acyclovir"} <= set(specs.specs)
    assert specs.findings == []
    assert Path(loader.bundled_dir()).resolve() == SPECS.resolve()


def test_load_specs_is_cached_per_folder_tuple():
    dirs = spec_dirs()
    assert load_specs(dirs) is load_specs(dirs)
    assert load_specs(dirs) is druglint.load_specs()


def test_every_fact_keeps_its_line_and_source():
    spec = druglint.load_specs().get("Imlygic")
    lines = (SPECS / "talimogene-laherparepvec.yaml").read_text(encoding="utf-8").splitlines()
    facts = spec.facts()
    assert len(facts) > 40
    for what, line, source in facts:
        assert source and source.strip(), what
        assert 1 <= line <= len(lines)
    fatigue = next(r for r in spec.reactions if r.term == "fatigue")
    assert "fatigue" in lines[fatigue.line - 1] and fatigue.percent == 50.3
    iv = next(r for r in spec.forbidden_routes if r.route == "intravenous")
    assert "intravenous" in lines[iv.line - 1]


def test_imlygic_spec_holds_the_label_schedule():
    spec = druglint.load_specs().get("talimogene laherparepvec")
    assert [(p.name, p.interval_days, p.strength.amount) for p in spec.phases] == [
        ("initial", None, 1e6), ("second", 21.0, 1e8), ("subsequent", 14.0, 1e8)]
    assert spec.phases[-1].repeats
    assert [(m.quantity.amount, m.quantity.unit) for m in spec.maxima] == [(4.0, "mL")]
    assert spec.strength_set() == {(1e6, "PFU/mL"), (1e8, "PFU/mL")}
    assert {r.route for r in spec.approved_routes} == {"intralesional"}
    assert {"intravenous", "intrahepatic"} <= {r.route for r in spec.forbidden_routes}
    assert {c.population for c in spec.contraindications} == {"immunocompromised", "pregnant"}
    assert spec.identity["approval"].value == "FDA 2015-10-27"
    antivirals = next(i for i in spec.interactions if i.drug_class == "antiherpetic antivirals")
    assert antivirals.severity == "moderate" and "acyclovir" in antivirals.members and antivirals.justification
    assert antivirals.severity_basis == "label" and "risks and benefits" in antivirals.label_wording
    assert spec.cite("article paragraph 9").startswith("'What is Talimogene laherparepvec used for?'")


def test_a_bad_spec_folder_is_a_finding_not_a_crash(tmp_path):
    (tmp_path / "x.yaml").write_text("spec: 1\ndrug: [not, a, mapping]\n", encoding="utf-8")
    specs = load_specs((str(tmp_path), str(tmp_path / "missing")))
    assert len(specs) == 0
    assert sorted(f.code for f in specs.findings) == ["DL501", "DL502"]


# ------------------------------------------------------------------- resolution
@pytest.mark.parametrize("written, canonical", [
    ("IMLYGIC", "talimogene laherparepvec"), ("Imlygic®", "talimogene laherparepvec"), ("t-vec", "talimogene laherparepvec"),
    ("OncoVEX GM-CSF", "talimogene laherparepvec"), ("  Talimogene   Laherparepvec ", "talimogene laherparepvec"),
    ("Imlygic (talimogene laherparepvec)", "talimogene laherparepvec"), ("Zovirax", "acyclovir"),
    ("aciclovir", "acyclovir"), ("ACYCLOVIR SODIUM", "acyclovir"), ("valacyclovir HCl", "valacyclovir"), ("Coumadin", "warfarin"),
])
def test_names_brands_synonyms_and_salts_resolve(written, canonical):
    assert druglint.load_specs().resolver.canonical(written) == canonical


@pytest.mark.parametrize("written, meant", [("talomogene laherparepvec", "talimogene laherparepvec"), ("Zovirrax", "acyclovir"),
                                            ("acyclovier", "acyclovir")])
def test_near_misses_get_a_suggestion(written, meant):
    res = druglint.load_specs().resolver.resolve(written)
    assert res.canonical is None and res.suggestion == meant


@pytest.mark.parametrize("real_drug", ["Esomeprazole", "Duloxetine", "Fosinopril", "Cycloserine", "HCT", "ibuprofen"])
def test_distinct_real_drugs_are_not_corrected(real_drug):
    res = druglint.load_specs().resolver.resolve(real_drug)
    assert res.suggestion is None


def test_brand_names_and_misspellings_in_a_dataset_resolve():
    frame = pd.DataFrame({"drug": ["IMLYGIC", "T-VEC", "talomogene laherparepvec", "Zovirax"],
                          "route": ["intravenous", "intralesional", "intralesional", "intramuscular"]})
    report = lint_frame(frame, kind="dosing", select=["DL402", "DL520", "DL521"])
    got = [(v.line, v.code) for v in report.sorted()]
    # the brand IMLYGIC and the brand Zovirax find their specs (DL402), the synonym T-VEC
    # is not "unknown", the misspelling gets a did-you-mean and no spec finding
    assert got == [(1, "DL402"), (3, "DL521"), (4, "DL402")]
    assert "did you mean 'talimogene laherparepvec'" in report.sorted()[1].message


# ----------------------------------------------------------- a second spec, no code
def test_second_spec_needs_no_code(tmp_path, monkeypatch):
    """The acyclovir findings come from specs/acyclovir.yaml alone: with only the Imlygic
    spec bundled they disappear; adding the acyclovir file (no code change) brings them."""
    fixture = FIXTURES / "acyclovir" / "dosing.csv"
    only_imlygic = tmp_path / "bundled"
    only_imlygic.mkdir()
    shutil.copy(SPECS / "talimogene-laherparepvec.yaml", only_imlygic)
    monkeypatch.setattr(loader, "bundled_dir", lambda: str(only_imlygic))
    without = lint_paths([str(fixture)], Config(root=str(tmp_path)), select=["DL4", "DL520"])
    # acyclovir without its spec: no spec facts (DL402/DL403), and no DL520 (the knowledge pack knows it)
    assert not [v for v in without.violations if v.code in ("DL402", "DL403", "DL520")]
    extra = tmp_path / "more-specs"
    extra.mkdir()
    shutil.copy(SPECS / "acyclovir.yaml", extra)
    cfg = Config(root=str(tmp_path), specs=[str(extra)])
    with_spec = lint_paths([str(fixture)], cfg, select=["DL4", "DL520"])
    assert [(v.line, v.code) for v in with_spec.sorted()] == [(4, "DL402"), (5, "DL404"), (6, "DL403")]


# ------------------------------------------------------------------------- CLI
def test_spec_check_passes_on_bundled_specs(capsys):
    assert main(["spec", "check"]) == 0
    assert "2 files checked" in capsys.readouterr().out


def test_spec_check_reports_file_and_line(capsys):
    assert main(["spec", "check", str(FIXTURES / "spec_files" / "broken.yaml"), "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    found = out["violations"] if isinstance(out, dict) else out
    assert [(v["line"], v["code"]) for v in found] == [(6, "DL501")]


def test_spec_check_names_a_file_that_is_not_a_spec(tmp_path, capsys):
    other = tmp_path / "data.yaml"
    other.write_text("- {drug: x, effect: y}\n", encoding="utf-8")
    assert main(["spec", "check", str(other)]) == 1
    assert "not a drug spec" in capsys.readouterr().out


def test_spec_show_by_brand_prints_sources(capsys):
    assert main(["spec", "show", "IMLYGIC"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("talimogene laherparepvec")
    assert "resolved from 'IMLYGIC' (brand)" in out  # the spec lists Imlygic as its brand
    assert "intravenous" in out and "forbidden" in out
    # each cited document is printed once, numbered; facts refer to it by number
    sources = out[out.index("\nSources\n"):]
    assert "] 'What is Talimogene laherparepvec used for?'" in sources
    assert out.count("'What is Talimogene laherparepvec used for?'") == 1
    assert "      source: [1] " in out


def test_spec_show_json_has_line_and_source_for_every_fact(capsys):
    assert main(["spec", "show", "Zovirax", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "acyclovir"
    facts = [f for k, v in data.items() if isinstance(v, list) for f in v]
    assert facts and all(f["line"] >= 1 and f["source"] for f in facts)


def test_spec_show_unknown_name_suggests(capsys):
    assert main(["spec", "show", "talomogene laherparepvec"]) == 2
    assert "did you mean 'talimogene laherparepvec'" in capsys.readouterr().err


def test_spec_show_suggests_from_the_knowledge_pack_too(capsys):
    # one near-miss search for every caller: a typo of a drug only the pack knows (FAERS spelling)
    assert main(["spec", "show", "Cyclophosphemide"]) == 2
    assert "did you mean 'cyclophosphamide' (cyclophosphamide)?" in capsys.readouterr().err


def test_check_specs_option_adds_a_folder(tmp_path, capsys):
    folder = tmp_path / "myspecs"
    folder.mkdir()
    (folder / "examplumab.yaml").write_text(
        "spec: 1\ndrug: {name: examplumab, source: label title}\n"
        "routes:\n  approved:\n    - {route: subcutaneous, source: label §2}\n", encoding="utf-8")
    data = tmp_path / "dosing.csv"
    data.write_text("drug,route\nexamplumab,intravenous\n", encoding="utf-8")
    assert main(["check", str(data), "--select", "DL401,DL520", "--specs", str(folder)]) == 1
    assert "DL401" in capsys.readouterr().out
    assert main(["check", str(data), "--select", "DL401,DL520"]) == 0  # without it: one info only
    assert "DL520" in capsys.readouterr().out


def test_check_specs_option_missing_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["check", str(tmp_path), "--specs", str(tmp_path / "nope")]) == 2
    assert "--specs" in capsys.readouterr().err


def test_config_specs_key_is_used(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "examplumab.yaml").write_text("spec: 1\ndrug: {name: examplumab, source: label}\n"
                                            "routes: {approved: [{route: oral, source: label §2}]}\n", encoding="utf-8")
    (tmp_path / "druglint.yaml").write_text("specs: [s]\n", encoding="utf-8")
    (tmp_path / "d.csv").write_text("drug,route\nexamplumab,topical\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "d.csv", "--select", "DL401"]) == 1
    assert "DL401" in capsys.readouterr().out


def test_broken_user_spec_warns_on_check(tmp_path, capsys):
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "foo.yaml").write_text("spec: 1\ndrug:\n  name: foo\n", encoding="utf-8")
    data = tmp_path / "d.csv"
    data.write_text("drug,effect\nacyclovir,nausea\n", encoding="utf-8")
    assert main(["check", str(data), "--select", "DL203", "--specs", str(folder)]) == 0
    assert "foo.yaml:3: DL503" in capsys.readouterr().err


def test_identifiers_in_a_drug_column_are_not_unknown_names():
    frame = pd.DataFrame({"drug": ["CID100000085", "DB00787", "acyclovir", "zzunknownumab"], "effect": ["a", "b", "nausea", "c"]})
    report = lint_frame(frame, kind="side_effects", select=["DL520", "DL521"])
    assert [(v.line, v.code) for v in report.sorted()] == [(4, "DL520")]


def test_short_extracts_are_not_held_to_completeness():
    """DL206 needs 3 reactions of a drug and DL304 two partners: fewer is an extract."""
    two = pd.DataFrame({"drug": ["acyclovir", "acyclovir"], "effect": ["nausea", "headache"]})
    assert lint_frame(two, kind="side_effects", select=["DL206"]).violations == []
    three = pd.DataFrame({"drug": ["acyclovir"] * 3, "effect": ["nausea", "headache", "vomiting"]})
    assert [(v.line, v.code) for v in lint_frame(three, kind="side_effects", select=["DL206"]).sorted()] == [(1, "DL206")]
    one_partner = pd.DataFrame({"drug_a": ["talimogene laherparepvec"], "drug_b": ["acyclovir"], "severity": ["major"]})
    assert lint_frame(one_partner, kind="interactions", select=["DL304"]).violations == []


@pytest.mark.parametrize("wording, severity", [
    ("Coadministration with strong CYP3A inhibitors is contraindicated", "contraindicated"),
    ("Do not coadminister with rifampin", "contraindicated"),
    ("Avoid concomitant use", "major"),
    ("Concomitant use is not recommended; if unavoidable, monitor", "major"),  # most severe rung wins
    ("consider the risks and benefits of IMLYGIC treatment before administering antiviral agents", "moderate"),
    ("Reduce the dose of digoxin by half", "moderate"),
    ("Monitor INR", "moderate"),
    ("see Clinical Pharmacology (12.3)", None),
])
def test_label_wording_maps_to_a_severity(wording, severity):
    from druglint.specs.grading import label_severity

    assert label_severity(wording) == severity
