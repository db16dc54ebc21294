"""Compiled patterns shared by the prose rules (DL6xx) and the free-text column rules (DL43x).

Error-prone abbreviations come from ``vocab/abbreviations.yaml``. One compiled alternation
regex finds them all, with three named groups that encode how much context a token needs:

- ``plain``: unambiguous wherever it stands (QD, QOD, q.o.d., TIW, MgSO4, APAP, "per os"...);
- ``num``: a dose abbreviation that counts only right after a number ("10 U", "5cc",
  "2 IU"), so "U.S." or a "cc:" line are never flagged;
- ``ctx``: an abbreviation that is also ordinary English or a common medical acronym
  (OS = overall survival, MS = multiple sclerosis, HCT = haematocrit, T3 = tumour stage, "as",
  "in", "od"...). It counts only next to a dose (a number with a dose unit, or drops or
  tablets) or an administration verb; prose rules check that window, table rules require a
  number in the cell.

Dose designations (trailing zero, naked decimal, number run into unit, unit with a period,
large number without commas) are flagged only in dose context: a number directly followed by
a dose unit. "1.0 mg" is a dose; "a lesion of 1.0 cm" is a measurement and is left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Abbreviation:
    token: str  # as matched (one spelling)
    abbr: str  # the list's headline spelling
    replacement: str
    problem: str
    source_list: str  # joint_commission | ismp
    context: str
    fhir_timing_code: bool
    unverified: bool

    @property
    def single_replacement(self) -> str | None:
        """The replacement when it is one unambiguous text (then a --fix can apply it)."""
        r = self.replacement
        if re.search(r"\bor\b|[(/,]|written in full|write the", r):
            return None
        return r

    @property
    def list_name(self) -> str:
        return 'Joint Commission "Do Not Use" list' if self.source_list == "joint_commission" else "ISMP list"


# Tokens that need a number before them (dose abbreviations).
_NUM_CONTEXTS = {"dose"}
# Spellings that are English words or common acronyms: flagged only next to a dose or an
# administration verb.
AMBIGUOUS = {
    "MS", "T3", "TAC", "HCT", "DC", "dc", "Dc", "AD", "AS", "AU", "OD", "OS", "OU", "IN", "IJ", "SC", "sc", "SQ", "sq",
    "Sc", "Sq", "od", "BT", "bt", "Bt", "hs", "HS", "ss", "SS", "A.D.", "A.S.", "A.U.", "O.D.", "O.S.", "O.U.",
    "a.d.", "a.s.", "a.u.", "I.N.", "I.J.", "s.c.", "b.t.", "h.s.", "o.d.",
}
_ALWAYS = {"per os", "p.os", "per o.s.", "sub q", "subq", "sub-q"}


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, Abbreviation]:
    """Every spelling -> its entry; case-insensitive spellings are keyed lower-case."""
    from druglint.vocab import data

    out: dict[str, Abbreviation] = {}
    for e in data("abbreviations")["abbreviations"]:
        cs = bool(e.get("case_sensitive", False))
        for tok in [e["abbr"], *(e.get("variants") or [])]:
            entry = Abbreviation(tok, e["abbr"], e["replacement"], e["problem"], e["list"], e["context"],
                                 bool(e.get("fhir_timing_code")), bool(e.get("unverified")))
            key = tok if cs else tok.lower()
            out.setdefault(key, entry)
            if not cs:
                out.setdefault(tok, entry)
    return out


@lru_cache(maxsize=1)
def _case_sensitive_tokens() -> set[str]:
    from druglint.vocab import data

    out = set()
    for e in data("abbreviations")["abbreviations"]:
        if e.get("case_sensitive"):
            out.update([e["abbr"], *(e.get("variants") or [])])
    return out


def lookup(token: str) -> Abbreviation | None:
    table = abbreviations()
    if token in _case_sensitive_tokens():
        return table.get(token)
    return table.get(token) or table.get(token.lower())


def unit_advice(unit: str) -> str:
    """'; 'U' is on the Joint Commission "Do Not Use" list (...): write 'unit'' for a dose unit
    written as an error-prone abbreviation (U, IU, cc); '' for any other unit."""
    entry = lookup(unit.strip())
    if entry is None or entry.context != "dose":
        return ""
    return f"; {unit.strip()!r} is on the {entry.list_name} ({entry.problem.rstrip('.')}): write {entry.replacement!r}"


def _alt(tokens: list[str]) -> str:
    cs = _case_sensitive_tokens()
    parts = []
    for t in sorted(set(tokens), key=lambda x: (-len(x), x)):
        esc = re.escape(t).replace(r"\ ", r"[ \t]?") if " " in t else re.escape(t)
        if t == "IN":
            esc += r"(?![ \t]*\d)"  # "1 IN 3 M" (FAERS dose text) is the preposition, not intranasal
        parts.append(esc if t in cs else f"(?i:{esc})")
    return "|".join(parts) if parts else r"(?!x)x"


@lru_cache(maxsize=1)
def abbreviation_regex() -> re.Pattern[str]:
    """One alternation with groups ``plain``, ``num`` (after a number) and ``ctx``."""
    from druglint.vocab import data

    plain, num, ctx = [], [], []
    for e in data("abbreviations")["abbreviations"]:
        for tok in [e["abbr"], *(e.get("variants") or [])]:
            if e["context"] in _NUM_CONTEXTS and tok not in _ALWAYS:
                num.append(tok)
            elif tok in AMBIGUOUS or (e["context"] == "route" and tok not in _ALWAYS):
                ctx.append(tok)
            else:
                plain.append(tok)
    left = r"(?<![\w/.\-])"
    right = r"(?![\w/\-]|\.\w)"
    pattern = (
        rf"{left}(?P<plain>{_alt(plain)}){right}"
        rf"|(?<![\w.,])\d+(?:[.,]\d+)?[ \t]?(?P<num>{_alt(num)}){right}"
        rf"|{left}(?P<ctx>{_alt(ctx)}){right}"
    )
    return re.compile(pattern)


@lru_cache(maxsize=1)
def abbreviation_prefilter() -> str:
    """A cheap pattern without look-arounds (so pandas can hand it to pyarrow's RE2) that
    every match of :func:`abbreviation_regex` also matches: run it first on big columns."""
    from druglint.vocab import data

    tokens = [tok for e in data("abbreviations")["abbreviations"] for tok in [e["abbr"], *(e.get("variants") or [])]]
    return _alt(tokens)


# ------------------------------------------------------------------------ dose units
# Units that make a number a dose (not a measurement such as cm or a lab value in mg/dL).
DOSE_UNIT = (r"(?:mg|mcg|µg|μg|g|grams?|milligrams?|micrograms?|mL|ml|millilit(?:er|re)s?|L|units?|IU|"
             r"international[ \t]units?|mEq|mmol|PFU|CFU|TCID50|tablets?|capsules?|drops?|puffs?|sprays?)")
_NOT_LAB = r"(?![A-Za-zµμ]|/d?L\b|/dl\b)"
_DOSE_BODY = rf"\d+(?:[.,]\d+)?(?:[ \t]*(?:x|×)[ \t]*10\^?[⁰¹²³⁴⁵⁶⁷⁸⁹\d]+)?[ \t]?{DOSE_UNIT}{_NOT_LAB}"
DOSE_QUANTITY = re.compile(r"(?<![\w.])" + _DOSE_BODY)
DOSE_AHEAD = re.compile(r"[ \t]*" + _DOSE_BODY)  # a dose right at the start of a string
ADMIN_VERB = re.compile(r"\b(?:instill|apply|inject|administer|give|take|insert|place|use|drops?|gtts?|tablets?|capsules?|dose)\w*\b", re.I)

TRAILING_ZERO = re.compile(rf"(?<![\w.,^])(\d+)\.(0+)(?![\d.])([ \t]?)({DOSE_UNIT}){_NOT_LAB}")
NAKED_DECIMAL = re.compile(rf"(?<![\w.,^])\.(\d+)([ \t]?)({DOSE_UNIT}){_NOT_LAB}")
_RUN_UNIT = r"(?:mg|mcg|µg|μg|g|mL|ml|units?|IU|mEq|mmol|PFU|CFU)"
NUMBER_RUN_INTO_UNIT = re.compile(rf"(?<![\w.,^/-])(\d+(?:\.\d+)?)({_RUN_UNIT})(?![A-Za-z0-9µμ])(?!/d?L\b)")
UNIT_WITH_PERIOD = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?[ \t]?)(mg|mcg|mL|ml|g|mEq|mmol)\.(?=[ \t]+[a-z0-9]|[,;])")
LARGE_NUMBER = re.compile(r"(?<![\w.,^])(\d{4,15})([ \t]?)(units?|IU|international[ \t]units?|PFU|CFU|mcg|mg|mL)(?![A-Za-z])")

# A measured value, not a dose: the number follows a lab analyte or "value(s)/level(s) of",
# possibly through a comparison ("hemoglobin values of 10g or less", "serum potassium
# below 3.5mmol"). Salt words (sodium, potassium) are left out: "naproxen sodium 550mg" is
# a dose. Checked on the text just before a candidate dose.
_LAB_BEFORE = re.compile(
    r"\b(?:h[a]?emoglobin|hgb|h[a]?ematocrit|glucose|creatinine|albumin|proteinuria|cholesterol|triglycerides?|"
    r"bilirubin|bun|(?:serum|plasma|blood|urine|urinary)[ \t]+[a-z]+|values?|levels?|concentrations?|counts?)"
    r"(?:[ \t]+(?:of|below|above|under|over|less|greater|more|lower|higher|than|or|equal|to|at|least|is|was|"
    r"were|are|falls?|drops?|reaches|<|>|≤|≥|=)){0,5}[ \t]*(?:<|>|≤|≥|=)?[ \t]*$", re.I)


def lab_value_before(text: str, start: int) -> bool:
    """Is the number at ``start`` a measured lab value rather than a dose?"""
    return _LAB_BEFORE.search(text, max(0, start - 80), start) is not None


# cheap look-around-free pre-filters: a superset of the matches of each pattern above
PREFILTER = {
    "trailing_zero": r"\d\.0",
    "naked_decimal": r"\.\d",
    "number_run_into_unit": r"\d(?:mg|mcg|µg|μg|g|mL|ml|unit|IU|mEq|mmol|PFU|CFU)",
    "unit_with_period": r"(?:mg|mcg|mL|ml|g|mEq|mmol)\.",
    "large_number": r"\d{4}[ \t]?(?:unit|IU|international|PFU|CFU|mcg|mg|mL)",
}


def with_commas(digits: str) -> str:
    return f"{int(digits):,}"


def mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha() and c.isascii()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.7


# ------------------------------------------------------------------------- negation
NEGATION = re.compile(
    r"\b(?:not|never|no|nor|avoid(?:ed|s)?|cannot|can't|don't|doesn't|isn't|aren't|shouldn't|mustn't|"
    r"contraindicated|unsafe|neither|without|instead\s+of|rather\s+than|except|unlike)\b", re.I)


CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:but|while|whereas|however)\b|\bbut\b|\bwhereas\b")


def negated(sentence_before: str) -> bool:
    """True when the clause before a claim holds a negation cue."""
    clause = CLAUSE_BREAK.split(sentence_before)[-1]
    return NEGATION.search(clause) is not None
