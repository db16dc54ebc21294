"""The shipped knowledge pack (validated file by file), the normaliser, the strength parser,
lazy loading and the configuration switch."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from druglint import knowledge
from druglint.knowledge import normaliser as nz
from druglint.knowledge import strength as st

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(knowledge.data_dir())
ALLOWED_LICENCES = {"public domain (U.S. FDA)", "MIT", "CC0"}


# ------------------------------------------------------------------ shipped pack
@pytest.fixture(scope="module")
def kb():
    return knowledge.load()


def test_shipped_pack_files_match_their_digests_and_budget():
    meta = json.loads((DATA / "pack.json").read_text())
    total = 0
    for name, digest in meta["files"].items():
        raw = (DATA / name).read_bytes()
        total += len(raw)
        assert hashlib.sha256(raw).hexdigest() == digest, name
    assert total < 5_000_000
    assert {s["licence"] for s in meta["sources"]} <= ALLOWED_LICENCES
    fda = next(s for s in meta["sources"] if s["name"] == "Drugs@FDA")
    assert fda["release"] == "2019-07-02" and "Products.txt" in fda["files"]
    assert meta["command"].startswith("python -m druglint.knowledge.build ")


def test_shipped_index_is_consistent_with_the_names_table(kb):
    from druglint.knowledge.index import HOWS, hash_keys

    idx = np.asarray(kb.index)
    names = kb.names_table
    assert len(idx) == len(names) > 100_000
    assert (np.diff(idx["hash"].astype(np.uint64)) > 0).all()  # sorted, no two keys share a digest
    assert (hash_keys(names["key"].tolist()) == idx["hash"]).all()
    assert (kb.drug_ids[idx["drug"]] == names["drug"].to_numpy()).all()
    assert (np.array(HOWS, dtype=object)[idx["how"]] == names["how"].to_numpy()).all()
    assert list(kb.drug_ids) == sorted(kb.drug_ids)
    assert (nz.key(names["key"]) == names["key"].to_numpy()).all()  # keys are their own normal form
    assert set(kb.products["drug"]) <= set(kb.drug_ids)
    # the near-miss targets bitmap and the longest key, kept beside the index for speed
    target = ((names["source"] == "Drugs@FDA") | (names["how"] == "generic")).to_numpy()
    drug, bits = kb.near_miss_lookup(names["key"].tolist())
    assert (bits == target).all() and (drug == names["drug"].to_numpy()).all()
    assert kb.longest_key == names["key"].str.len().max()


def test_shipped_products_use_spl_route_names_and_cite_records(kb):
    from druglint.vocab import vocabulary

    p = kb.products
    spl = set(vocabulary("route").canonical)
    used = {r for rs in p["routes"] for r in rs.split("|") if r}
    assert used <= spl and {"oral", "intravenous", "subcutaneous", "respiratory (inhalation)"} <= used
    assert not p.loc[p["route"].str.casefold() == "injection", "route_specific"].any()
    assert p["appl"].str.fullmatch(r"(NDA|ANDA|BLA|ApplNo )\d{6}").all() and p["product"].str.fullmatch(r"\d{3}").all()
    assert p["value"].notna().mean() > 0.9  # nearly every marketed strength parses


@pytest.mark.parametrize("name, drug, how", [
    ("Lipitor", "atorvastatin", "brand"),
    ("ATORVASTATIN CALCIUM", "atorvastatin", "salt"),
    ("atorvastatin", "atorvastatin", "generic"),
    ("paracetamol", "acetaminophen", "international"),
    ("PREDNISONE.", "prednisone", "generic"),
    ("ASPIRIN 81 MG", "aspirin", "normalised"),
    ("Caduet", "amlodipine; atorvastatin", "brand"),
    ("ACETAMINOPHEN AND HYDROCODONE BITARTRATE", "acetaminophen; hydrocodone", "salt"),
    ("Warfarin + ASPIRIN 81 mg", "aspirin; warfarin", "combination"),
    ("Zovirax", "acyclovir", "brand"),
    ("aciclovir", "acyclovir", "international"),
    ("sodium chloride", "sodium chloride", "generic"),
    ("Cyclophosphemide", None, None),  # a misspelling is left to the near-miss rules
    # stage 2: report noise and parentheses (FAERS writes "BRAND (ACTIVE INGREDIENT)")
    ("BENET (RISEDRONATE SODIUM) TABLET", "risedronate", "normalised"),
    ("COMPAZINE /00013302/", "prochlorperazine", "normalised"),
    # stage 4: a run of words, never across another drug's name
    ("BLINDED ALISKIREN", "aliskiren", "normalised"),
    ("LAMIVUDINE-HIV", "lamivudine", "normalised"),
    ("ASPIRIN CAFFEINE", None, None),
    ("0.9% SODIUM CHLORIDE INJECTION", "sodium chloride", "normalised"),
    ("SODIUM VALPROATE", "valproic acid", "international"),
    ("GAVISCON", "aluminum hydroxide; magnesium trisilicate", "brand"),  # a mineral keeps its cation
    ("Norethisterone", "norethindrone", "synonym"),  # never a combination's synonym
    # stage 3 in a parenthesis, and "A-B"
    ("DI-ANTALVIC(PARACETAMOL, DEXTROPROPOXYPHENE HYDROCHLORIDE) CAPSULE", "acetaminophen; dextropropoxyphene", "combination"),
    ("BUPRENORPHINE-NALOXONE (AELLC)", "buprenorphine; naloxone", "combination"),
    ("valproate sodium", "valproic acid", "salt"),
    # FDA's active moiety excludes salt and ester parts: the anion is its acid where Drugs@FDA
    # lists both (VALPROATE SODIUM injection, valproic acid capsules), an ester is its moiety
    ("valproate", "valproic acid", "salt"),
    ("mycophenolate mofetil", "mycophenolic acid", "salt"),
    ("PREDNISOLONE BUTYLACETATE", "prednisolone", "synonym"),
    ("triamcinolone hexacetonide", "triamcinolone", "salt"),
    ("isosorbide mononitrate", "isosorbide mononitrate", "generic"),  # an inorganic anion is not an acid form
    # DDInter and FAERS spellings of Drugs@FDA names (misses measured by bench/knowledge_coverage.py)
    ("Radium Ra 223 dichloride", "radium ra 223 dichloride", "generic"),  # Drugs@FDA: RA-223
    ("Indium In-111 pentetreotide", "indium in 111 pentetreotide", "generic"),  # Drugs@FDA: ... KIT
    ("STALEVO", "carbidopa; entacapone; levodopa", "brand"),  # Drugs@FDA: STALEVO 50, STALEVO 100
])
def test_shipped_pack_resolves(kb, name, drug, how):
    drugs, hows = kb.resolve_many([name])
    assert (drugs[0], hows[0]) == (drug, how)


def test_shipped_facts(kb):
    ator = kb.facts("atorvastatin")
    assert ator.routes == ("oral",) and ator.route_specific and "lipitor" in ator.brands
    assert {(s.value, s.unit, s.basis) for s in ator.strengths} >= {(10.0, "mg", "base"), (80.0, "mg", "base")}
    assert any(p.record == "Drugs@FDA NDA020702 product 001" for p in ator.products)
    heparin = kb.facts("heparin")
    assert not heparin.route_specific  # some heparin products are "INJECTABLE;INJECTION"
    assert any(s.value == 1000 and s.unit == "units" and s.per_unit == "mL" for s in heparin.strengths)


# ------------------------------------------------------------------- normaliser
def test_normaliser_levels_per_value():
    values = ["  Lipitor® ", "PREDNISONE.", "ASPIRIN 81 MG", "atorvastatin calcium", "Sodium Chloride",
              "Imlygic (talimogene laherparepvec)", None, "lipitor 20mg tablets", "MAGNESIUM SULFATE"]
    k, sp, mo = nz.levels(values)
    assert list(k) == ["lipitor", "prednisone", "aspirin 81 mg", "atorvastatin calcium", "sodium chloride",
                       "imlygic (talimogene laherparepvec)", "", "lipitor 20mg tablets", "magnesium sulfate"]
    assert list(sp) == ["lipitor", "prednisone", "aspirin", "atorvastatin calcium", "sodium chloride", "imlygic", "",
                        "lipitor", "magnesium sulfate"]
    assert list(mo) == ["lipitor", "prednisone", "aspirin", "atorvastatin", "sodium chloride", "imlygic", "",
                        "lipitor", "magnesium sulfate"]
    assert list(knowledge.normalise(values)) == list(mo)


# ---------------------------------------------------------------- strengths
@pytest.mark.parametrize("text, expected", [
    ("40MG/0.8ML", (40.0, "mg", 0.8, "mL", None, None)),
    ("EQ 2MG BASE/ML", (2.0, "mg", 1.0, "mL", "base", None)),
    ("1,000 UNITS/ML", (1000.0, "units", 1.0, "mL", None, None)),
    ("EQ 10MG BASE", (10.0, "mg", None, None, "base", None)),
    ("10MG/2ML (5MG/ML)", (10.0, "mg", 2.0, "mL", None, "5MG/ML")),
    ("5%", (5.0, "%", None, None, None, None)),
    ("10MG **Federal Register determination that product was not discontinued or withdrawn for safety or efficacy reasons**",
     (10.0, "mg", None, None, None,
      "Federal Register determination that product was not discontinued or withdrawn for safety or efficacy reasons")),
])
def test_strength_parse(text, expected):
    s = st.parse(text)
    assert (s.value, s.unit, s.per_value, s.per_unit, s.basis, s.note) == expected and s.text == text


@pytest.mark.parametrize("text", ["N/A", "2%,100MG", "", None, "see label"])
def test_strength_parse_refuses_what_is_not_a_strength(text):
    assert st.parse(text) is None


def test_strength_parse_many_is_per_value():
    out = st.parse_many(["5MG", "5MG", "N/A", "EQ 1GM BASE/VIAL"])
    assert out[0] == out[1] and out[2] is None and out[3].label() == "1 g (base)/vial"


# --------------------------------------------------------- laziness and config
def _run(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_a_run_that_resolves_no_name_does_not_load_the_pack(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n")
    r = _run("""
        import sys
        from druglint import cli, knowledge
        code = cli.main(["check", "notes.csv"])
        print(code, knowledge.LOADS, "druglint.knowledge.pack" in sys.modules, "pyarrow.parquet" in sys.modules)
        knowledge.load().resolve_many(["Lipitor"])
        print(knowledge.LOADS)
    """, tmp_path)
    assert r.returncode == 0, r.stderr
    first, second = r.stdout.strip().splitlines()[-2:]
    assert first.split()[1:3] == ["0", "False"]
    assert second == "1"


def test_configuration_turns_the_pack_off(tmp_path):
    from druglint.config import ConfigError, from_mapping

    cfg = from_mapping({"knowledge": False})
    assert knowledge.load(cfg) is None and not knowledge.enabled(cfg)
    assert knowledge.load(from_mapping({})) is not None
    with pytest.raises(ConfigError, match="'knowledge' must be true or false"):
        from_mapping({"knowledge": "no"}, path="druglint.yaml", line_of=lambda k: 3)
