"""Drugs@FDA route words -> FDA SPL route names (vocab/routes.yaml), or no claim at all.

Drugs@FDA writes a product's form as "DOSAGE FORM;ROUTE" ("TABLET;ORAL",
"INJECTABLE;INJECTION", "SOLUTION;IM-IV"). Most route words are SPL route names or known
synonyms of one; a few are Drugs@FDA's own shorthand, mapped below. "INJECTION" names no
route (it may be intravenous, intramuscular, subcutaneous...), and neither do "N/A",
"FOR RX COMPOUNDING" or a form word in the route place: such a product makes no specific
route claim, and an ingredient with one such product is not ``route_specific``.
"""
from __future__ import annotations

from functools import lru_cache

# Drugs@FDA shorthand -> SPL route names (each checked against vocab/routes.yaml by a test)
FDA_ROUTES = {
    "oral-20": ("oral",), "oral-21": ("oral",), "oral-28": ("oral",),
    "iv (infusion)": ("intravenous",), "im-iv": ("intramuscular", "intravenous"),
    "spinal": ("intraspinal",), "ophthalmic": ("ophthalmic",), "otic": ("auricular (otic)",),
    "inhalation": ("respiratory (inhalation)",), "intravesicular": ("intravesical",),
    "subcutaneous lyophilized power": ("subcutaneous",),
}
UNSPECIFIC = frozenset({"injection", "n/a", "for rx compounding", "single-use", "single-dose", "multidose", ""})


@lru_cache(maxsize=4096)
def spl_routes(route: str) -> tuple[tuple[str, ...], bool]:
    """(SPL route names, specific) for the route part of a Drugs@FDA form.

    ``specific`` is False when any word of the route names no SPL route (the product may be
    given by a route the data does not state)."""
    from druglint.vocab import vocabulary

    vocab = vocabulary("route")
    text = " ".join(route.split()).casefold()
    whole = vocab.resolve(text)  # "perfusion, cardiac" is one SPL name with a comma
    if whole:
        return (whole,), True
    out: list[str] = []
    specific = True
    for word in (w.strip() for w in text.split(",")):
        mapped = FDA_ROUTES.get(word) or ((vocab.resolve(word),) if vocab.resolve(word) else None)
        if mapped:
            out.extend(m for m in mapped if m not in out)
        else:
            specific = False
    return tuple(out), specific and bool(out)


def split_form(form: str) -> tuple[str, str]:
    """'TABLET;ORAL' -> ('tablet', 'ORAL'); a form without ';' has no route part."""
    if ";" not in form:
        return " ".join(form.split()).casefold(), ""
    dosage, _, route = form.rpartition(";")  # the route is after the last ';'
    return " ".join(dosage.split()).casefold(), route.strip()
