"""Adverse-event term normalisation shared by the spec validator and the side-effect rules:
lay wording -> standard term (vocab/lay_terms.yaml), UK -> US spelling, case and spacing."""
from __future__ import annotations

from functools import lru_cache

from druglint.vocab import data, norm


def _k(text: object) -> str:
    return " ".join(norm(str(text)).replace("-", " ").split())


@lru_cache(maxsize=1)
def _maps() -> tuple[dict[str, str], dict[str, str]]:
    d = data("lay_terms")
    lay = {_k(t["lay"]): _k(t["standard"]) for t in d.get("terms") or []}
    spelling = {_k(k): _k(v) for k, v in (d.get("spelling_variants") or {}).items()}
    return lay, spelling


def standard(term: object) -> str:
    """'Fever' -> 'pyrexia'; 'Diarrhoea' -> 'diarrhea'; 'Injection-site pain' -> 'injection site pain'."""
    lay, spelling = _maps()
    k = _k(term)
    k = lay.get(k, k)
    return " ".join(spelling.get(w, w) for w in k.split(" "))
