"""The one drug-name normaliser: written names -> matching keys, vectorised per distinct value.

Three levels, each a superset of the one before, so a resolver can say how far it had to go:

* ``key``: case-folded, ``®``/``™``/``*`` dropped, quotes and spaces unified, whitespace
  collapsed, trailing punctuation ("PREDNISONE.") and a leading/trailing bracket pair removed.
* ``spelling``: ``key`` plus dose and form suffixes stripped ("ASPIRIN 81 MG" -> "aspirin",
  "lipitor 20mg tablets" -> "lipitor"), a trailing parenthesis dropped ("aspirin (bayer)").
* ``moiety``: ``spelling`` plus salt, ester and hydrate words stripped at the end
  ("atorvastatin calcium" -> "atorvastatin") and, for lookups only, a cation word at the
  start ("sodium valproate" -> "valproate"), unless only ion words would remain
  ("sodium chloride" and "magnesium sulfate" stay as they are: the salt is the drug).

Every function takes a sequence (list, ndarray, Series) and returns an object ndarray of the
same length; the regular expressions run once per distinct value (``pandas.factorize``).
"""
from __future__ import annotations

import re
from typing import Any

# Words that name the salt, ester or hydrate part of an ingredient: FDA writes the ingredient
# as "<moiety> <salt words>" (Drugs@FDA ActiveIngredient, e.g. "ATORVASTATIN CALCIUM",
# "DOXYCYCLINE HYCLATE"). The list is the salt vocabulary of Drugs@FDA's ActiveIngredient
# column (last words occurring under more than one moiety), checked by hand.
SALT_WORDS = (
    "hydrochloride", "dihydrochloride", "hcl", "hydrobromide", "hydroiodide", "sodium", "disodium", "trisodium",
    "potassium", "dipotassium", "calcium", "magnesium", "zinc", "lithium", "aluminum", "ammonium", "acetate",
    "diacetate", "sulfate", "sulphate", "bisulfate", "mesylate", "dimesylate", "methanesulfonate", "maleate",
    "phosphate", "diphosphate", "dibasic", "monobasic", "chloride", "bromide", "iodide", "methylbromide",
    "methylsulfate", "citrate", "tartrate", "bitartrate", "fumarate", "succinate", "lactate", "meglumine",
    "dimeglumine", "tosylate", "besylate", "camsylate", "edisylate", "esylate", "napsylate", "isethionate",
    "pamoate", "tromethamine", "nitrate", "benzoate", "gluconate", "gluceptate", "malate", "oxalate", "adipate",
    "carbonate", "bicarbonate", "hydroxide", "oxide", "propionate", "dipropionate", "valerate", "pivalate",
    "cypionate", "decanoate", "enanthate", "palmitate", "undecanoate", "furoate", "acetonide", "diolamine",
    "olamine", "hyclate", "polistirex", "stearate", "estolate", "ethylsuccinate", "lactobionate", "salicylate",
    "tannate", "xinafoate", "mandelate", "hippurate", "embonate", "teoclate", "axetil", "medoxomil", "mofetil",
    "monohydrate", "dihydrate", "trihydrate", "tetrahydrate", "pentahydrate", "sesquihydrate", "hemihydrate",
    "hydrate", "anhydrous", "hemifumarate", "hemisulfate", "erbumine", "arginine", "lysine", "sodium salt",
    # esters of one moiety each in Drugs@FDA: FDA's active moiety excludes the ester part
    # (21 CFR 314.3), so "prednisolone tebutate" is prednisolone (a FAERS oral "PREDNISOLONE
    # BUTYLACETATE" was reported as not approved orally while prednisolone is)
    "tebutate", "butylacetate", "butyrate", "probutate", "hexacetonide", "caproate",
)
# Words that are ions on their own: stripping salt words must leave something else.
ION_WORDS = frozenset({"sodium", "disodium", "trisodium", "potassium", "dipotassium", "calcium", "magnesium", "zinc",
                       "lithium", "aluminum", "ammonium", "chloride", "bromide", "iodide", "sulfate", "carbonate",
                       "bicarbonate", "hydroxide", "oxide", "phosphate", "acetate", "citrate", "lactate", "gluconate",
                       "nitrate", "iron", "ferrous", "ferric", "cupric", "sulfur", "monopotassium", "monosodium",
                       "tripotassium", "dibasic", "monobasic", "tribasic"})
_SALT_ALT = "|".join(sorted((re.escape(w) for w in SALT_WORDS), key=len, reverse=True))
# "sodium valproate" (INN/BAN order) is "valproate sodium" (USAN order)
_CATION_HEAD = re.compile(r"^(?:(?:di|tri)?(?:sodium|potassium)|calcium|magnesium|lithium|zinc)\s+(?=\S)")
_SALT_TAIL = re.compile(r"(?:[\s,]+(?:" + _SALT_ALT + r"))+$")

_SYMBOLS = re.compile(r"[®™©*†‡]|(?<=[A-Za-z])\((?:[Rr]|TM|tm)\)")
_QUOTES = re.compile(r"[‘’´`]")
_SPACE = re.compile(r"[\s_]+")
_TRAILING = re.compile(r"[\s.,;:!?'\"-]+$")
_LEADING = re.compile(r"^[\s.,;:!?'\"-]+")
_WRAPPED = re.compile(r"^[(\[](.*)[)\]]$")
# A dose, strength or dosage-form tail: "81 mg", "20mg/ml", "0.5%", "100 units", "tablets".
_UNIT = (r"(?:mg|mcg|µg|ug|g|gm|gram|grams|kg|ml|l|meq|mmol|mol|iu|units?|u|%|mcl|mg/ml|mcg/ml|"
         r"mg/kg|puffs?|drops?|sprays?|mci|uci)")
# a dose and what follows it, up to the next list separator: "aspirin 250mg, caffeine 65mg" keeps both names
_DOSE_TAIL = re.compile(r"\s+(?:\d[\d,]*(?:\.\d+)?|\.\d+)\s*" + _UNIT + r"(?![a-z])[^,;+]*")
_DOSE_HEAD = re.compile(r"^(?:\d[\d,]*(?:\.\d+)?|\.\d+)\s*" + _UNIT + r"\s+")  # "0.9% sodium chloride"
_FORM_WORDS = (r"tablets?|tabs?|capsules?|caps?|injection|injectable|inj|solution|suspension|syrup|elixir|cream|"
               r"ointment|gel|lotion|patch|spray|drops|inhaler|aerosol|powder|suppositor(?:y|ies)|oral|topical|"
               r"intravenous|iv|im|sc|po|film[- ]coated|chewable|extended[- ]release|delayed[- ]release|"
               r"sustained[- ]release|controlled[- ]release|modified[- ]release|er|xr|sr|cr|dr|xl|la|ec|od|odt|"
               r"for injection|vial|ampoule|pen|prefilled syringe|kit|usp|bp|ep|nos|generic|plain|subq|sq|soln|sol|inf|"
               r"for infusion|infusion|concentrate|eye drops|ear drops|nasal spray|ophthalmic|otic|nasal|intrathecal|"
               r"intramuscular|subcutaneous|transdermal|rectal|vaginal|sublingual|buccal|extended|delayed|"
               r"hydrochloride tablets|depot|liquid|emulsion|foam|shampoo|granules|sachet|lozenges?|"
               r"chewing gum|gum|pellets?|implant|autoinjector|unknown|nos|manufacturer unknown|salt not specified")
_FORM_TAIL = re.compile(r"(?:[\s,/-]+(?:" + _FORM_WORDS + r"))+$")
_PAREN_TAIL = re.compile(r"\s*[(\[][^()\[\]]*[)\]]$")


def _distinct(values: Any):
    """(codes, uniques as a str Series) of a sequence; missing values become ''."""
    import numpy as np
    import pandas as pd

    s = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values, dtype=object))
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    return codes, pd.Series(uniques, dtype=object).astype(str)


def _broadcast(codes, out) -> Any:
    import numpy as np

    arr = np.append(np.asarray(out, dtype=object), "")
    return arr[codes]  # code -1 (missing) takes the trailing ''


_ISOTOPE = re.compile(r"(?<=[a-z])-(?=\d)")  # "Ra-223", "In-111": Drugs@FDA hyphenates, DDInter does not


def _key_series(u):
    s = u.str.replace(_SYMBOLS, "", regex=True).str.replace(_QUOTES, "'", regex=True)
    s = s.str.replace(_SPACE, " ", regex=True).str.strip().str.casefold().str.replace(_ISOTOPE, " ", regex=True)
    s = s.str.replace(_TRAILING, "", regex=True).str.replace(_LEADING, "", regex=True)
    wrapped = s.str.extract(_WRAPPED, expand=False)
    return wrapped.where(wrapped.notna(), s).str.strip()


def _spelling_series(k):
    s = k.str.replace(_DOSE_HEAD, "", regex=True).str.replace(_DOSE_TAIL, "", regex=True)
    s = s.str.replace(_PAREN_TAIL, "", regex=True)
    s = s.str.replace(_FORM_TAIL, "", regex=True).str.replace(_TRAILING, "", regex=True).str.strip()
    return s.where(s.str.len() > 0, k)  # never normalise a name away entirely


def _moiety_series(s, cation_first: bool = True):
    stripped = s.str.replace(_SALT_TAIL, "", regex=True)
    if cation_first:
        stripped = stripped.str.replace(_CATION_HEAD, "", regex=True)
    stripped = stripped.str.strip(" ,")
    ions_only = stripped.str.split().map(lambda words: not words or all(w in ION_WORDS for w in words))
    return stripped.where(~ions_only, s)


def key(values: Any):
    """Level 1 (case, symbols, spaces, trailing punctuation) of each value."""
    codes, u = _distinct(values)
    return _broadcast(codes, _key_series(u))


def spelling(values: Any):
    """Level 2: ``key`` with dose, strength and dosage-form suffixes removed."""
    codes, u = _distinct(values)
    return _broadcast(codes, _spelling_series(_key_series(u)))


def normalise(values: Any):
    """Level 3, the full normal form: ``spelling`` with salt and hydrate words removed."""
    codes, u = _distinct(values)
    return _broadcast(codes, _moiety_series(_spelling_series(_key_series(u))))


def moiety(values: Any):
    """Salt words stripped from the end of already-keyed ingredient names ("atorvastatin
    calcium"): the pack's drug ids. A leading cation stays ("magnesium trisilicate" is its
    own moiety); only the lookup level strips it, to find "sodium valproate" as valproate."""
    codes, u = _distinct(values)
    return _broadcast(codes, _moiety_series(u, cation_first=False))


def levels(values: Any):
    """(key, spelling, normal form) arrays of each value, computed once per distinct value."""
    codes, u = _distinct(values)
    k = _key_series(u)
    sp = _spelling_series(k)
    return _broadcast(codes, k), _broadcast(codes, sp), _broadcast(codes, _moiety_series(sp))
