"""Turn the release tables into the pack's two tables, vectorised.

``products``: one row per (Drugs@FDA product, active ingredient) with the ingredient's active
moiety (the drug id), the product's other ingredients (``combination``), brand, dosage form,
route (as written and as SPL names), the ingredient's strength (raw and parsed), application,
marketing status and TE code. ``names``: one row per matching key (``normalise.key``) with the
drug it names, how (generic, salt, brand, synonym, international), the source and the record.

A drug id is the active moiety's normalised name ("atorvastatin"); a combination product's
id is its moieties sorted and joined by "; " ("amlodipine; atorvastatin").
"""
from __future__ import annotations

import re
from typing import Any

from druglint.knowledge import normaliser as nz
from druglint.knowledge import strength as st
from druglint.knowledge.routes import UNSPECIFIC, split_form, spl_routes

# Lower wins when two sources give the same key to different drugs.
HOW_RANK = {"generic": 0, "salt": 1, "brand": 2, "international": 3, "vocab": 4, "synonym": 5}
_BRAND_TAIL = re.compile(r"(?:\s+'[^']*'|\s+in plastic container|\s+preservative free)+$", re.I)
SOURCE_FDA, SOURCE_NER, SOURCE_STD, SOURCE_VOCAB = "Drugs@FDA", "drug-named-entity-recognition", "drugstandards", "druglint vocab"


def products(tables: dict[str, Any]):
    """The products table (see module docstring) from the five Drugs@FDA tables."""
    import pandas as pd

    p = tables["Products.txt"]
    apps = tables["Applications.txt"][["ApplNo", "ApplType", "SponsorName"]].drop_duplicates("ApplNo")
    lookup = dict(zip(tables["MarketingStatus_Lookup.txt"]["MarketingStatusID"],
                      tables["MarketingStatus_Lookup.txt"]["MarketingStatusDescription"]))
    ms = tables["MarketingStatus.txt"].drop_duplicates(["ApplNo", "ProductNo"])
    ms = ms.assign(status=ms["MarketingStatusID"].map(lookup).fillna(""))[["ApplNo", "ProductNo", "status"]]
    te = tables["TE.txt"].groupby(["ApplNo", "ProductNo"], sort=False)["TECode"].agg(
        lambda c: ",".join(sorted(set(x for x in c if x)))).reset_index()
    df = p.merge(apps, on="ApplNo", how="left").merge(ms, on=["ApplNo", "ProductNo"], how="left").merge(
        te, on=["ApplNo", "ProductNo"], how="left").fillna("")
    df["appl"] = df["ApplType"].str.upper().replace("", "ApplNo ") + df["ApplNo"]  # 5 products lack an application row
    # one row per ingredient; ingredient strengths aligned when the counts agree
    ingr = df["ActiveIngredient"].str.split(";")
    parts = df["Strength"].map(st.split_parts)
    n_ingr, n_parts = ingr.str.len(), parts.str.len()
    aligned = n_ingr == n_parts
    single_many = (n_ingr == 1) & (n_parts > 1)  # one ingredient, several strengths in one product
    df["_ingr"], df["_part"] = ingr, parts.where(aligned | single_many, df["Strength"].map(lambda s: [s]))
    a = df[aligned].explode(["_ingr", "_part"])
    b = df[single_many].explode("_part").assign(_ingr=lambda x: x["_ingr"].str[0])
    c = df[~aligned & ~single_many].explode("_ingr").assign(_part=lambda x: x["_part"].str[0], _unaligned=True)
    rows = pd.concat([a, b, c], ignore_index=True)
    rows["_unaligned"] = rows.get("_unaligned", False)
    rows["_unaligned"] = rows["_unaligned"].fillna(False).astype(bool)
    ingredient = pd.Series(nz.key(rows["_ingr"].str.strip()), index=rows.index)
    ingredient = ingredient.str.replace(r"\s+kit$", "", regex=True)  # "INDIUM IN-111 PENTETREOTIDE KIT"
    drug = pd.Series(nz.moiety(ingredient), index=rows.index)
    drug = to_acid(drug, set(drug))
    key = rows["ApplNo"] + "/" + rows["ProductNo"]
    pairs = pd.DataFrame({"key": key, "drug": drug}).drop_duplicates().sort_values("drug", kind="stable")
    joined = pairs.groupby("key", sort=False)["drug"].agg(["; ".join, "size"])
    combo = key.map(joined["join"].where(joined["size"] > 1, ""))
    dosage_route = rows["Form"].map(split_form)
    route_raw = dosage_route.str[1]
    mapped = route_raw.map(spl_routes)
    parsed = st.parse_frame(rows["_part"].str.strip())
    parsed.loc[rows["_unaligned"].to_numpy(), :] = None  # strengths not attributable to one ingredient
    out = pd.DataFrame({
        "drug": drug, "ingredient": ingredient, "combination": combo,
        "appl": rows["appl"], "product": rows["ProductNo"], "appl_type": rows["ApplType"],
        "brand": rows["DrugName"].str.strip(), "form": dosage_route.str[0], "route": route_raw,
        "routes": mapped.str[0].map("|".join),
        "route_specific": mapped.str[1] & ~route_raw.str.casefold().isin(UNSPECIFIC),
        "strength": rows["_part"].str.strip(),
        "value": parsed["value"].astype(float), "unit": parsed["unit"], "per_value": parsed["per_value"].astype(float),
        "per_unit": parsed["per_unit"], "basis": parsed["basis"], "note": parsed["note"],
        "status": rows["status"], "te": rows["TECode"], "reference": rows["ReferenceDrug"].eq("1"),
        "sponsor": rows["SponsorName"],
    })
    out = out[out["drug"] != ""].sort_values(["drug", "appl", "product"], kind="stable").reset_index(drop=True)
    for c in ("unit", "per_unit", "basis", "note"):
        out[c] = out[c].astype(object).where(out[c].notna(), None)
    return out


INORGANIC_ANIONS = frozenset({"nitrate"})  # "nitrate" / "nitric acid" are not one drug's two forms


def to_acid(ids: Any, known: Any) -> Any:
    """An anion named as its acid where the release also lists the acid: "valproate" (from
    VALPROATE SODIUM) is valproic acid, "clavulanate" clavulanic acid, "alendronate"
    alendronic acid. FDA's active moiety is the acid ion without its salt part (21 CFR 314.3),
    so the oral valproic acid products and the injected valproate sodium are one drug."""
    import pandas as pd

    ids = pd.Series(ids)
    u = pd.Series(ids.unique())
    acid = u.str.replace(r"ate$", "ic acid", regex=True)
    ok = u.str.endswith("ate") & acid.isin(known) & ~u.isin(INORGANIC_ANIONS)
    return ids.replace(dict(zip(u[ok], acid[ok])))


def _record(p) -> Any:
    return p["appl"] + " product " + p["product"]


def fda_names(prod):
    """generic, salt and brand names from the products table."""
    import pandas as pd

    first = prod.drop_duplicates("drug")
    generic = pd.DataFrame({"name": first["drug"], "drug": first["drug"], "how": "generic", "record": _record(first)})
    salts = prod[prod["ingredient"] != prod["drug"]].drop_duplicates("ingredient")
    salt = pd.DataFrame({"name": salts["ingredient"], "drug": salts["drug"], "how": "salt", "record": _record(salts)})
    # the anion's own name ("valproate") names its acid's drug too
    anion = pd.Series(nz.moiety(salts["ingredient"]), index=salts.index)
    anions = salts.assign(name=anion)[(anion != salts["drug"]) & (anion != salts["ingredient"])].drop_duplicates("name")
    salt = pd.concat([salt, pd.DataFrame({"name": anions["name"], "drug": anions["drug"], "how": "salt",
                                          "record": _record(anions)})], ignore_index=True)
    # a product's drug: its combination when it has several ingredients
    pdrug = prod["combination"].where(prod["combination"] != "", prod["drug"])
    prods = prod.assign(pdrug=pdrug).drop_duplicates(["appl", "product"])
    combos = prods[prods["combination"] != ""].drop_duplicates("combination")
    combo = pd.DataFrame({"name": combos["combination"], "drug": combos["combination"], "how": "generic",
                          "record": _record(combos)})
    bkey = pd.Series(nz.key(prods["brand"]), index=prods.index)
    brands = prods.assign(key=bkey)
    brands = brands[(brands["key"] != brands["pdrug"]) & (brands["key"] != "")]
    counts = brands.groupby(["key", "pdrug"]).size().rename("n").reset_index()
    best = counts.sort_values(["key", "n"], ascending=[True, False], kind="stable").drop_duplicates("key")
    firsts = brands.drop_duplicates(["key", "pdrug"]).merge(best[["key", "pdrug"]], on=["key", "pdrug"])
    # an ANDA's DrugName is often just its ingredients ("ACETAMINOPHEN AND HYDROCODONE BITARTRATE"): not a brand
    parts = firsts["key"].str.split(r"\s+and\s+|\s*[;,/]\s*")
    flat = parts.explode()
    as_written = flat.groupby(level=0).agg(lambda d: "; ".join(sorted(set(d))))
    as_moiety = pd.Series(to_acid(nz.moiety(flat), set(prod["drug"])).to_numpy(), index=flat.index).groupby(
        level=0).agg(lambda d: "; ".join(sorted(set(d))))
    how = pd.Series("brand", index=firsts.index).mask(as_moiety == firsts["pdrug"], "salt").mask(
        as_written == firsts["pdrug"], "generic")
    brand = pd.DataFrame({"name": firsts["brand"], "drug": firsts["pdrug"], "how": how, "record": _record(firsts)})
    # "AUGMENTIN '875'", "LACTATED RINGER'S IN PLASTIC CONTAINER": the brand without its tail
    base = brand["name"].str.replace(_BRAND_TAIL, "", regex=True).str.strip()
    bases = brand[(base != brand["name"]) & (base.str.len() > 2)].assign(name=base, how="brand")
    # "STALEVO 50", "STALEVO 100": the brand without its strength number, where every product
    # so numbered is one drug (FAERS writes "STALEVO")
    unnumbered = base.str.replace(r"\s+\d+(?:\.\d+)?$", "", regex=True).str.strip()
    numbered = brand[(unnumbered != base) & (unnumbered.str.len() > 2)].assign(name=unnumbered, how="brand")
    numbered = numbered[numbered.groupby(nz.key(numbered["name"]))["drug"].transform("nunique") == 1]
    out = pd.concat([generic, salt, combo, brand, bases, numbered], ignore_index=True)
    return out.assign(source=SOURCE_FDA)


def _title(url: Any):
    """Wikipedia article title or NHS page slug of a URL, as a name."""
    import urllib.parse

    s = url.fillna("").astype(str).str.rstrip("/").str.rsplit("/", n=1).str[-1]
    return s.map(urllib.parse.unquote).str.replace(r"[_-]", " ", regex=True).str.replace(r"\s+for\s+.*$", "", regex=True)


def dictionary_names(dic: Any, known: Any):
    """Names from the drug-named-entity-recognition dictionary, attached to known drugs.

    ``known``: a Series key -> drug of the names gathered so far. A dictionary canonical name
    resolves through ``known`` (or as "a, b, and c" through its parts); one that does not is a
    drug of its own. Each variant then names its canonical's drug: brand when the dictionary
    flags it, international when it is the drug's Wikipedia or NHS page name, else synonym."""
    import pandas as pd

    canon = dic.canonical.copy()
    canon["key"] = nz.key(canon["canonical"])
    canon["drug"] = _attach(canon["key"], known)
    var = dic.variants.copy()
    var["key"] = nz.key(var["variant"])
    var = var.merge(canon[["canonical", "drug", "wikipedia_url", "nhs_url"]], on="canonical", how="left")
    var["drug"] = var["drug"].fillna(pd.Series(nz.key(var["canonical"]), index=var.index))  # a drug of its own
    intl = (var["key"] == pd.Series(nz.key(_title(var["wikipedia_url"])), index=var.index)) | (
        var["key"] == pd.Series(nz.key(_title(var["nhs_url"])), index=var.index))
    how = pd.Series("synonym", index=var.index).mask(intl, "international").mask(var["is_brand"] == "True", "brand")
    how = how.mask(var["key"] == var["drug"], "generic")
    # a one-ingredient name is not a combination's synonym (the dictionary maps "norethisterone"
    # to "elagolix, estradiol, and norethindrone"); brands of combinations stay
    single_name = ~var["key"].str.contains(r"\s+and\s+|[;,/+&]", regex=True)
    wrong = var["drug"].str.contains("; ", regex=False) & single_name & (how != "brand")
    var, how = var[~wrong], how[~wrong]
    out = pd.DataFrame({"name": var["variant"], "drug": var["drug"], "how": how, "record": var["canonical"]})
    syn = canon[canon["synonyms"].fillna("") != ""].assign(name=lambda c: c["synonyms"].str.split("|")).explode("name")
    out2 = pd.DataFrame({"name": syn["name"], "drug": syn["drug"].fillna(syn["key"]), "how": "synonym", "record": syn["canonical"]})
    own = canon.assign(drug=canon["drug"].fillna(canon["key"]))
    out3 = pd.DataFrame({"name": own["canonical"], "drug": own["drug"], "how": "generic", "record": own["canonical"]})
    out3 = out3.assign(how=out3["how"].where(pd.Series(nz.key(out3["name"]), index=out3.index) == out3["drug"], "synonym"))
    return pd.concat([out, out2, out3], ignore_index=True).assign(source=SOURCE_NER)


def _attach(keys: Any, known: Any):
    """The known drug of each key: direct, salt-stripped, fully normalised, or every part of 'a, b and c'."""
    import numpy as np
    import pandas as pd

    direct = keys.map(known)
    moiety = pd.Series(nz.moiety(keys), index=keys.index).map(known)
    lookup = pd.Series(nz.normalise(keys), index=keys.index).map(known)  # also "sodium valproate" -> valproate
    parts = keys.str.replace(r",?\s+and\s+", ", ", regex=True).str.split(r"\s*,\s*|\s*/\s*|\s*;\s*")
    many = parts.str.len() > 1
    exploded = parts[many].explode()
    resolved = pd.Series(nz.moiety(nz.key(exploded)), index=exploded.index).map(known)
    ok = resolved.notna().groupby(level=0).all()
    combos = resolved.groupby(level=0).agg(lambda d: "; ".join(sorted(set(d.dropna()))))
    combo = combos.where(ok.reindex(combos.index, fill_value=False))
    out = direct.fillna(moiety).fillna(lookup)
    out = out.fillna(combo.reindex(out.index)) if len(combo) else out
    return out.replace({np.nan: None})


def standards_names(table: Any, known: Any):
    """drugstandards synonyms whose canonical name resolves to a known drug. Junk keys
    (under three letters) are dropped."""
    import pandas as pd

    t = table.assign(key=nz.key(table["synonym"]))
    t = t[t["key"].str.count(r"[a-z]") >= 3]
    drug = _attach(pd.Series(nz.key(t["canonical"]), index=t.index), known)
    t = t.assign(drug=drug)[drug.notna()]
    return pd.DataFrame({"name": t["synonym"], "drug": t["drug"], "how": "synonym", "record": t["canonical"],
                         "source": SOURCE_STD})


def vocab_names(known: Any):
    """vocab/drug_names.yaml (sourced brands, salts and INN spellings of druglint's own list)."""
    import pandas as pd

    from druglint.vocab import data

    rows = []
    for d in data("drug_names")["drugs"]:
        for n in [d["name"], *(d.get("synonyms") or [])]:
            rows.append((str(n), d["name"]))
    t = pd.DataFrame(rows, columns=["name", "canonical"])
    canon_key = pd.Series(nz.key(t["canonical"]), index=t.index)
    drug = _attach(canon_key, known).fillna(canon_key)
    return pd.DataFrame({"name": t["name"], "drug": drug, "how": "vocab", "record": t["canonical"], "source": SOURCE_VOCAB})


def dedupe(names: Any):
    """One row per key: the best-ranked source wins (generic > salt > brand > international >
    druglint's vocabulary > synonym; within a rank the first source given)."""
    import pandas as pd

    names = names.assign(key=nz.key(names["name"]))
    names = names[(names["key"] != "") & names["drug"].notna() & (names["drug"] != "")]
    names = names.assign(rank=names["how"].map(HOW_RANK), order=range(len(names)))
    names = names.sort_values(["key", "rank", "order"], kind="stable")
    alt = names.groupby("key")["drug"].transform("nunique").astype("int16")
    best = names.assign(alternatives=alt - 1).drop_duplicates("key")
    best = best.assign(how=best["how"].replace({"vocab": "synonym"}))
    best.loc[best["key"] == best["drug"], "how"] = "generic"
    cols = ["key", "name", "drug", "how", "source", "record", "alternatives"]
    return pd.DataFrame(best[cols]).sort_values("key", kind="stable").reset_index(drop=True)
