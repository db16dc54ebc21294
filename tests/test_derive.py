"""`druglint spec derive` / `spec review`: exact coded facts from SPL fixtures (kit part
without the moiety, repackager), refusal of unsafe or malformed XML, idempotence, the
hand-edit guard, the review workflow and rule severities that follow the review status.
The real SPL labels in ../shared are used when present (skipped otherwise)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from druglint import yamlio
from druglint.specs.loader import check_files, load_file

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures" / "derive"
SPL = ROOT.parent / "shared" / "realdata" / "openfda_spl"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The CLI in this process (fast); ``spawn`` runs the real program."""
    import contextlib
    import io
    import os

    from druglint.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd or ROOT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(old)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def spawn(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "druglint", *args], capture_output=True, text=True, cwd=ROOT)


def facts(path: Path) -> dict:
    """The derived spec as plain data (provenance kept)."""
    return yamlio.load(path.read_text(encoding="utf-8"))


def values(items, key):
    return [i[key] for i in items]


# ------------------------------------------------------------------ coded facts
def test_kit_part_without_the_moiety_gives_no_route_and_exact_facts(tmp_path):
    r = run("spec", "derive", str(FIX / "kit.xml"), "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"wrote {tmp_path / 'examplimab.yaml'}: 1 fact(s) to review"
    d = facts(tmp_path / "examplimab.yaml")
    assert d["drug"]["name"] == "examplimab"
    assert d["drug"]["unii"]["value"] == "EXAMPLE001"
    assert values(d["drug"]["brands"], "name") == ["Examplo"]
    assert d["drug"]["application"]["value"] == "BLA999999"  # the part has no approval: the kit's
    assert d["drug"]["marketing_category"]["value"] == "BLA"
    assert d["drug"]["labeler"]["value"] == "Example Biologics Inc."
    assert values(d["routes"]["approved"], "route") == ["subcutaneous"]  # not the swab's TOPICAL
    assert values(d["forms"], "form") == ["injection, solution"]  # not KIT, not SWAB
    (s,) = d["strengths"]
    assert (s["amount"], s["unit"], s["as_labelled"], s["basis"]) == (50, "mg/mL", "40 mg/0.8 mL", "active ingredient (examplimab)")
    assert "partial" not in s
    route = d["routes"]["approved"][0]
    assert route["review"] == "auto" and route["provenance"]["method"] == "coded"
    assert route["provenance"]["place"] == {"element": "routeCode", "line": 55}
    assert route["provenance"]["quote"] == 'routeCode code="C38299" displayName="SUBCUTANEOUS"'
    approval = d["drug"]["approval"]  # SPL codes no approval date: the title's year is text
    assert (approval["year"], approval["review"], approval["provenance"]["method"]) == (2019, "required", "text")
    assert approval["provenance"]["quote"] == "Initial U.S. Approval: 2019"
    doc = d["derived"]["documents"]["d1"]
    assert (doc["set_id"], doc["version"], doc["effective"]) == ("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", 3, "2020-01-15")


def test_repackager_strengths_are_partial_and_basis_is_the_moiety(tmp_path):
    assert run("spec", "derive", str(FIX / "repack.xml"), "-o", str(tmp_path)).returncode == 0
    d = facts(tmp_path / "examplastatin.yaml")
    (s,) = d["strengths"]
    assert (s["amount"], s["unit"], s["basis"], s["partial"]) == (20, "mg", "active moiety (examplastatin)", True)
    assert d["derived"]["documents"]["d1"]["repackager"] is True
    assert values(d["drug"]["synonyms"], "name") == ["examplastatin calcium"]
    assert d["drug"]["unii"]["value"] == "EXAMPLE003"  # the moiety's UNII, not the salt's
    spec, findings = load_file(str(tmp_path / "examplastatin.yaml"))
    assert findings == [] and spec.strengths[0].partial is True


@pytest.mark.parametrize("name, message", [
    ("bomb.xml", "declares a DTD or entities (an XML bomb or external entity?); nothing was resolved"),
    ("external-entity.xml", "declares a DTD or entities (an XML bomb or external entity?); nothing was resolved"),
    ("malformed.xml", "not well-formed SPL XML (line 5): Opening and ending tag mismatch"),
])
def test_unsafe_or_malformed_xml_gives_one_line_and_writes_nothing(tmp_path, name, message):
    out = tmp_path / "out"
    r = spawn("spec", "derive", str(FIX / name), "-o", str(out))
    assert r.returncode == 1
    assert r.stdout == ""
    (line,) = r.stderr.strip().splitlines()
    assert line.startswith(f"druglint: error: {FIX / name}: ") and message in line
    assert not out.exists() or list(out.iterdir()) == []


def test_parser_message_with_a_line_break_stays_one_line(tmp_path):
    # found by the long fuzz run (issue 19): lxml ends "Char 0x0 out of allowed range" with a
    # line break, and the refusal came out as two lines (the second one empty)
    label = tmp_path / "label.xml"
    label.write_bytes((FIX / "kit.xml").read_bytes().replace(b"<title>", b"<title>\x00", 1))
    r = spawn("spec", "derive", str(label), "-o", str(tmp_path / "out"))
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "not well-formed SPL XML" in r.stderr and "out of allowed range" in r.stderr


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    r = run("spec", "derive", str(FIX / "malformed.xml"), str(FIX / "kit.xml"), "-o", str(tmp_path))
    assert r.returncode == 1
    assert [p.name for p in tmp_path.iterdir()] == ["examplimab.yaml"]


# ------------------------------------------------------ idempotence, hand edits
def test_second_run_is_idempotent_and_hand_edits_are_kept(tmp_path):
    assert run("spec", "derive", str(FIX / "kit.xml"), "-o", str(tmp_path)).returncode == 0
    spec = tmp_path / "examplimab.yaml"
    first = spec.read_bytes()
    r = run("spec", "derive", str(FIX / "kit.xml"), "-o", str(tmp_path))
    assert (r.returncode, r.stdout.strip()) == (0, f"unchanged {spec}")
    assert spec.read_bytes() == first
    spec.write_text(spec.read_text(encoding="utf-8").replace('"Examplo"', '"Examplo Pen"', 1), encoding="utf-8")
    edited = spec.read_bytes()
    r = run("spec", "derive", str(FIX / "kit.xml"), "-o", str(tmp_path))
    assert r.returncode == 1
    assert "edited by hand since it was derived; not overwritten (use --force" in r.stderr
    assert spec.read_bytes() == edited
    r = run("spec", "derive", str(FIX / "kit.xml"), "-o", str(tmp_path), "--force")
    assert r.returncode == 0 and spec.read_bytes() == first


def test_a_hand_written_spec_is_never_overwritten(tmp_path):
    target = tmp_path / "examplimab.yaml"
    target.write_text("spec: 1\ndrug: {name: examplimab, source: my notes}\n", encoding="utf-8")
    r = run("spec", "derive", str(FIX / "kit.xml"), "-o", str(tmp_path))
    assert r.returncode == 1 and "not written by spec derive; not overwritten" in r.stderr
    assert target.read_text(encoding="utf-8").startswith("spec: 1\ndrug: {name: examplimab")


# ------------------------------------------------------------ format, review
def test_derived_spec_passes_spec_check_and_unknown_keys_stay_errors(tmp_path):
    assert run("spec", "derive", str(FIX / "kit.xml"), str(FIX / "repack.xml"), "-o", str(tmp_path)).returncode == 0
    files = sorted(str(p) for p in tmp_path.iterdir())
    findings, checked = check_files(files)
    assert findings == [] and len(checked) == 2
    spec = tmp_path / "examplimab.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace('      review: "auto"', '      review: "maybe"', 1)
                    .replace('        quote: "Examplo"', '        quote: "Examplo"\n        confidence: 0.9', 1), encoding="utf-8")
    findings, _ = check_files([str(spec)])
    got = sorted((f.code, f.message) for f in findings)
    assert ("DL502", "drug.brands: review must be one of auto, required, confirmed, not 'maybe'") in got
    assert any(code == "DL502" and "unknown key 'confidence'" in msg for code, msg in got)


def test_review_lists_drafts_and_confirm_changes_only_the_status(tmp_path):
    assert run("spec", "derive", str(FIX / "kit.xml"), "-o", str(tmp_path)).returncode == 0
    spec = tmp_path / "examplimab.yaml"
    before = spec.read_text(encoding="utf-8").splitlines()
    r = run("spec", "review", str(tmp_path))
    assert r.returncode == 0
    lines = r.stdout.strip().splitlines()
    assert lines[0].startswith(f"{spec}:") and lines[0].endswith(": approval: year 2019")
    assert lines[1] == "    quote: Initial U.S. Approval: 2019"
    assert lines[-1] == "1 fact(s) to review"
    fact_line = int(lines[0].split(":")[1])
    r = run("spec", "review", str(tmp_path), "--confirm", f"{spec}:{fact_line}")
    assert r.returncode == 0 and r.stdout.strip().splitlines()[-2:] == ["confirmed 1 fact(s)", "no fact to review"]
    after = spec.read_text(encoding="utf-8").splitlines()
    diff = [(a, b) for a, b in zip(before, after) if a != b]
    assert diff == [('    review: "required"', '    review: "confirmed"')]
    # confirming is not a hand edit: a new derive run keeps the file and its confirmation
    r = run("spec", "derive", str(FIX / "kit.xml"), "-o", str(tmp_path))
    assert (r.returncode, r.stdout.strip()) == (0, f"unchanged {spec}")
    r = run("spec", "review", str(tmp_path), "--confirm", f"{spec}:1")
    assert r.returncode == 2 and "no reviewable fact starts on that line" in r.stderr


def test_draft_route_finding_is_info_until_reviewed_then_error(tmp_path):
    shutil.copytree(FIX / "draft-route", tmp_path / "d")
    folder = tmp_path / "d"

    def dl401() -> list[tuple[int, str]]:
        import json

        r = spawn("check", str(folder / "dosing.csv"), "--specs", str(folder), "--format", "json", "--select", "DL401")
        return [(v["line"], v["severity"]) for v in json.loads(r.stdout)]

    assert dl401() == [(3, "info")]
    r = run("spec", "review", str(folder), "--confirm", "all")
    assert r.returncode == 0 and "confirmed 2 fact(s)" in r.stdout
    assert dl401() == [(3, "error")]


# ------------------------------------------------------------- real labels
@pytest.fixture(scope="module")
def real(tmp_path_factory):
    if not SPL.is_dir():
        pytest.skip("../shared/realdata/openfda_spl is absent")
    out = tmp_path_factory.mktemp("spl")
    r = run("spec", "derive", *sorted(str(p) for p in SPL.glob("*.xml")), "-o", str(out))
    assert r.returncode == 0, r.stderr
    return out


def test_real_labels_coded_facts(real):
    names = sorted(p.name for p in real.iterdir())
    assert names == ["adalimumab.yaml", "atorvastatin.yaml", "diphenhydramine.yaml", "haloperidol.yaml",
                     "phenylephrine.yaml", "sildenafil.yaml"]
    ada = facts(real / "adalimumab.yaml")
    assert values(ada["routes"]["approved"], "route") == ["subcutaneous"]  # the kit's swab is TOPICAL
    assert sorted((s["amount"], s["unit"]) for s in ada["strengths"]) == [(50, "mg/mL")]
    assert sorted(s["as_labelled"] for s in ada["strengths"]) == ["40 mg/0.8 mL"]
    assert (ada["drug"]["unii"]["value"], ada["drug"]["application"]["value"]) == ("FYS6T7F842", "BLA125057")
    assert ada["drug"]["approval"]["year"] == 2002
    ator = facts(real / "atorvastatin.yaml")  # original and repackager: the union is complete
    assert sorted(s["amount"] for s in ator["strengths"]) == [10, 20, 40, 80]
    assert all("partial" not in s for s in ator["strengths"])
    assert {s["basis"] for s in ator["strengths"]} == {"active moiety (atorvastatin)"}
    sil = facts(real / "sildenafil.yaml")
    assert sorted(s["amount"] for s in sil["strengths"]) == [25, 50, 100]
    assert sil["drug"]["unii"]["value"] == "3M7OB98Y7H"
    halo = facts(real / "haloperidol.yaml")
    assert halo["drug"]["application"]["value"] == "ANDA070278"
    assert halo["derived"]["documents"]["d1"]["repackager"] is True
    assert [s.get("partial") for s in halo["strengths"]] == [True]
    assert "brands" not in halo["drug"] and "combination" not in halo["drug"]  # "Haloperidol" is the generic name
    dph = facts(real / "diphenhydramine.yaml")  # a combination product: its brand is not the moiety's
    assert "brands" not in dph["drug"]
    assert dph["drug"]["combination"]["value"].startswith("TRIAMINIC Childrens Night Time Cold and Cough (")
    assert [(s["amount"], s["unit"], s["as_labelled"]) for s in dph["strengths"]] == [(1.25, "mg/mL", "6.25 mg/5 mL")]
    findings, _ = check_files(sorted(str(p) for p in real.iterdir()))
    assert findings == []


def test_repackaged_lipitor_alone_is_partial(tmp_path):
    if not SPL.is_dir():
        pytest.skip("../shared/realdata/openfda_spl is absent")
    assert run("spec", "derive", str(SPL / "lipitor-repack.xml"), "-o", str(tmp_path)).returncode == 0
    d = facts(tmp_path / "atorvastatin.yaml")
    assert [(s["amount"], s["unit"], s.get("partial")) for s in d["strengths"]] == [(20, "mg", True)]


# ------------------------------------------------------------ JSON and articles
def _brief(d: dict, family: str, *keys: str) -> list[tuple]:
    return [tuple(item.get(k) for k in keys) for item in d.get(family, [])]


def test_openfda_json_record_exact_facts(tmp_path):
    r = run("spec", "derive", str(FIX / "label.json"), "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    d = facts(tmp_path / "examplozumab.yaml")
    assert (d["drug"]["unii"]["value"], d["drug"]["application"]["value"], d["drug"]["labeler"]["value"]) == (
        "EXAMPLE004", "BLA888888", "Example Pharma Inc.")
    assert d["drug"]["brands"][0]["provenance"]["place"] == {"field": "openfda.brand_name"}
    assert d["drug"]["brands"][0]["review"] == "auto"
    assert values(d["routes"]["approved"], "route") == ["subcutaneous"]
    assert _brief(d, "adverse_reactions", "term", "percent", "review") == [
        ("headache", 12, "required"), ("nausea", 9, "required"), ("injection site reactions", None, "required"),
        ("anaphylaxis", None, "required")]
    head = d["adverse_reactions"][0]
    assert head["arms"] == {"EXAMPLOZ (N=300) %": 12, "Placebo (N=150) %": 7}
    assert head["provenance"]["place"] == {"section": "34084-4", "title": "adverse_reactions_table",
                                           "field": "adverse_reactions_table", "table": 1, "row": 2}
    assert _brief(d, "contraindications", "population", "text") == [
        ("pregnant", "4 CONTRAINDICATIONS EXAMPLOZ is contraindicated in pregnant women."),
        (None, "Do not use in patients with severe hepatic impairment.")]
    assert _brief(d, "populations", "population", "recommendation") == [
        ("pregnancy", "contraindicated"), ("hepatic impairment", "contraindicated")]
    (mx,) = d["schedule"]["maximum_per_visit"]
    assert (mx["amount"], mx["unit"], mx["condition"]) == (80, "mg", "Do not exceed 80 mg per week.")
    assert _brief(d, "warnings", "title", "text")[0][0] == "Boxed warning"


def test_article_exact_facts(tmp_path):
    assert run("spec", "derive", str(FIX / "article.md"), "-o", str(tmp_path)).returncode == 0
    d = facts(tmp_path / "examplozumab.yaml")
    assert d["derived"]["documents"]["d1"]["kind"] == "article"
    assert values(d["drug"]["brands"], "name") == ["Exampla"]
    assert d["drug"]["sponsor"]["value"] == "Example Pharma"
    assert (d["drug"]["approval"]["year"], d["drug"]["approval"]["note"]) == (2019, "the article gives March 2019")
    assert values(d["routes"]["approved"], "route") == ["subcutaneous"]
    (phase,) = d["schedule"]["phases"]
    assert (phase["phase"], phase["interval_days"], phase["repeats"]) == ("subsequent", 28, True)
    assert _brief(d, "adverse_reactions", "term", "serious") == [
        ("headache", None), ("nausea", None), ("injection site reactions", None), ("anaphylaxis", True),
        ("serious infections", True)]
    assert _brief(d, "populations", "population", "recommendation") == [
        ("pregnancy", "not recommended"), ("breastfeeding", "not recommended"), ("hepatic impairment", "use with caution")]
    assert {item["review"] for fam in ("adverse_reactions", "populations") for item in d[fam]} == {"required"}
    route = d["routes"]["approved"][0]
    assert route["provenance"]["place"] == {"title": "What is Examplozumab used for?", "paragraph": 3, "line": 5, "sentence": 1}
    assert route["provenance"]["quote"].startswith("Examplozumab is administered by subcutaneous injection")
    assert check_files([str(tmp_path / "examplozumab.yaml")])[0] == []


@pytest.mark.parametrize("name, message", [
    ("no-fields.json", "the record has none of the expected fields"),
    ("empty.md", "file is empty"),
])
def test_unusable_json_or_article_gives_one_line(tmp_path, name, message):
    r = run("spec", "derive", str(FIX / name), "-o", str(tmp_path / "out"))
    assert r.returncode == 1
    (line,) = r.stderr.strip().splitlines()
    assert message in line
    assert not (tmp_path / "out").exists()


def test_article_derived_route_drives_dl401_info_then_error_after_review(tmp_path):
    import json

    specs = tmp_path / "specs"
    assert run("spec", "derive", str(FIX / "article.md"), "-o", str(specs)).returncode == 0
    data = tmp_path / "dosing.csv"
    data.write_text("drug,route,dose,dose_unit\nExampla,subcutaneous,40,mg\nexamplozumab,intravenous,40,mg\n", encoding="utf-8")

    def dl401():
        r = spawn("check", str(data), "--specs", str(specs), "--format", "json", "--select", "DL401")  # fresh spec cache
        return [(v["line"], v["severity"], v["message"].endswith("info until confirmed]")) for v in json.loads(r.stdout)]

    assert dl401() == [(3, "info", True)]
    spec = specs / "examplozumab.yaml"
    route_line = next(d.line for d in __import__("druglint.derive.review", fromlist=["x"]).drafts(str(spec))
                      if d.what == "approved: route subcutaneous")
    assert run("spec", "review", str(specs), "--confirm", f"{spec}:{route_line}").returncode == 0
    assert dl401() == [(3, "error", False)]


# ------------------------------------------------------------ label versions
def test_diff_of_two_derived_label_versions_reports_the_new_strength(tmp_path):
    assert run("spec", "derive", str(FIX / "kit.xml"), "-o", str(tmp_path / "v3")).returncode == 0
    assert run("spec", "derive", str(FIX / "kit-v4.xml"), "-o", str(tmp_path / "v4")).returncode == 0
    old, new = tmp_path / "v3" / "examplimab.yaml", tmp_path / "v4" / "examplimab.yaml"
    r = spawn("diff", str(old), str(new), "--format", "json")
    import json

    found = [(v["code"], v["line"], v["message"]) for v in json.loads(r.stdout)]
    line = next(i for i, text in enumerate(new.read_text(encoding="utf-8").splitlines(), start=1) if text == "  - amount: 100")
    assert found == [("DL709", line, f"strength 100 mg/mL added for examplimab (not in {old})")]


def test_interactions_are_graded_by_the_label_language_table(tmp_path):
    assert run("spec", "derive", str(FIX / "label.json"), "-o", str(tmp_path)).returncode == 0
    d = facts(tmp_path / "examplozumab.yaml")
    (inter,) = d["interactions"]  # "live vaccines" has no sourced member list: left out
    assert (inter["drug"], inter["severity"], inter["severity_basis"], inter["basis"], inter["review"]) == (
        "acyclovir", "major", "label", "label", "required")
    assert inter["label_wording"] == "Concomitant use with acyclovir is not recommended."
    assert check_files([str(tmp_path / "examplozumab.yaml")])[0] == []


def _findings(data: Path, specs: Path, code: str) -> list[tuple[int, str]]:
    import json

    r = spawn("check", str(data), "--specs", str(specs), "--format", "json", "--select", code)
    return [(v["line"], v["severity"]) for v in json.loads(r.stdout)]


def test_repackager_partial_strengths_make_dl404_info(tmp_path):
    specs = tmp_path / "specs"
    assert run("spec", "derive", str(FIX / "repack.xml"), "-o", str(specs)).returncode == 0
    data = tmp_path / "dosing.csv"
    data.write_text("drug,route,concentration,concentration_unit\nStatinol,oral,20,mg\nStatinol,oral,40,mg\n", encoding="utf-8")
    assert _findings(data, specs, "DL404") == [(3, "info")]  # 40 mg may exist: the repackager lists only 20 mg


def test_draft_contraindication_is_info_until_confirmed(tmp_path):
    specs = tmp_path / "specs"
    assert run("spec", "derive", str(FIX / "label.json"), "-o", str(specs)).returncode == 0
    data = tmp_path / "dosing.csv"
    data.write_text("drug,route,pregnant\nEXAMPLOZ,subcutaneous,false\nEXAMPLOZ,subcutaneous,true\n", encoding="utf-8")
    assert _findings(data, specs, "DL408") == [(3, "info")]
    assert run("spec", "review", str(specs), "--confirm", "all").returncode == 0
    assert _findings(data, specs, "DL408") == [(3, "error")]


def test_article_class_and_class_interactions_as_the_seed_article_words_them(tmp_path):
    """The seed article's interaction paragraph names classes generically ("systemic
    immunosuppressive drugs, such as corticosteroids", "antiviral medications ... against herpes
    simplex virus (such as acyclovir)"): they are the listed classes, acyclovir is their example,
    and an article's grade is left to the reviewer."""
    article = tmp_path / "examplovec.md"
    article.write_text(
        "# What is Examplovec used for?\n\n"
        "Examplovec is an oncolytic virus therapy, which means it uses a modified virus.\n\n"
        "The use of other systemic immunosuppressive drugs, such as corticosteroids or chemotherapy, may diminish the "
        "effectiveness of Examplovec. Additionally, antiviral medications, particularly those active against herpes "
        "simplex virus (such as acyclovir), could interfere with the replication of Examplovec.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("spec", "derive", str(article), "-o", str(out)).returncode == 0
    d = facts(out / "examplovec.yaml")
    assert (d["drug"]["class"]["value"], d["drug"]["class"]["review"]) == ("oncolytic virus therapy", "required")
    assert _brief(d, "interactions", "class", "drug", "severity", "basis") == [
        ("systemic corticosteroids", None, "unknown", "secondary"), ("antiherpetic antivirals", None, "unknown", "secondary")]
    assert check_files([str(out / "examplovec.yaml")])[0] == []


def test_blocking_terms_hide_their_inner_words_and_are_not_reported():
    from druglint.derive import ar_terms

    sections = [  # "hypersensitivity reactions" marked once where it occurs three times: blocking
        {"label": "A", "text": "Hypersensitivity reactions occurred. Hypersensitivity was rare.",
         "reactions": [{"text": "hypersensitivity reactions"}, {"text": "hypersensitivity"}]},
        {"label": "B", "text": "Monitor for hypersensitivity reactions.", "reactions": []},
        {"label": "C", "text": "Hypersensitivity reactions to contrast media: history.", "reactions": []},
    ]
    built = ar_terms.build(sections)
    assert set(built) == {"hypersensitivity"} and built.blocking == {"hypersensitivity reactions"}
    index = ar_terms.compile_terms(built)
    text = "Severe hypersensitivity reactions; hypersensitivity in 2 %."
    assert ar_terms.find(index, text) == [("hypersensitivity", 35)]
    shipped = ar_terms.shipped()  # the data file's "!term" lines
    assert "active tuberculosis" in shipped.blocking
    assert ar_terms.find(shipped, "Screen for active tuberculosis.") == []  # nor "tuberculosis" alone
