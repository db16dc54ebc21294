"""Group derived facts by active moiety and write one spec YAML per moiety.

Files are never overwritten blindly: a derived spec records the digest of its own text
(``derived.digest``, computed with that value blank). A file whose digest no longer matches
was edited by hand and is left alone unless ``--force``; a file without a ``derived:`` block
is a hand-written spec and is also left alone. Review statuses a person set to ``confirmed``
are carried over when the same fact (same entry, same quote) is derived again, so a second
run on the same label writes the same bytes ("unchanged").
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from druglint.derive.document import DFact, Document
from druglint.derive.yamltext import emit

FAMILIES = ("brands", "synonyms", "identity", "approval", "routes", "forms", "strengths", "maxima", "phases", "indications",
            "contraindications", "warnings", "adverse_reactions", "interactions", "populations")
LIST_PLACES = {"routes": ("routes", "approved"), "maxima": ("schedule", "maximum_per_visit"), "phases": ("schedule", "phases")}
DIGEST_LINE = re.compile(r'^(  digest: )"[0-9a-f]*"$', re.M)
REVIEW_LINE = re.compile(r'^(\s*(?:- )?review: )["\']?(?:required|confirmed)["\']?[ \t]*$', re.M)
HEADER = ("# Draft drug spec written by `druglint spec derive` (docs/specs.md, 'Derived specs').\n"
          "# Every fact names the document, place and text it was read from. Facts with `review: required`\n"
          "# were read from tables or prose: check each against its quote, then set it to `confirmed`\n"
          "# (or run `druglint spec review DIR --confirm ...`); until then rules use them at info only.\n")


def file_name(moiety: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", moiety.casefold()).strip("-") + ".yaml"


def fact_key(family: str, entry: dict, quote: str | None = None) -> str:
    """Identity of a fact across runs (review statuses are carried over by it); 4.0 and 4 are one."""
    return json.dumps([family, _integral(entry), quote], sort_keys=True, ensure_ascii=False, default=str)


def _integral(v):
    if isinstance(v, dict):
        return {str(k): _integral(x) for k, x in v.items() if k not in ("key", "partial")}
    if isinstance(v, list):
        return [_integral(x) for x in v]
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def text_digest(text: str) -> str:
    """Digest of a derived spec's text, its own digest blank and every draft/confirmed review
    status read as a draft: confirming a fact (by hand or ``spec review``) is not an edit."""
    text = REVIEW_LINE.sub(r'\1"required"', DIGEST_LINE.sub(r'\1""', text))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _entry(f: DFact, key: str, review: str) -> dict:
    out = {k: v for k, v in f.entry.items() if k != "key"}
    out["source"] = f"{key} {f.source}"
    out["provenance"] = {"document": key, "method": f.method, "place": {k: v for k, v in f.place.items() if v is not None},
                         "quote": f.quote}
    out["review"] = review
    return out


def _dedupe_key(f: DFact) -> str:
    if f.family == "strengths":
        return json.dumps([f.family, f.entry["amount"], f.entry["unit"]])
    if f.family == "adverse_reactions":
        return json.dumps([f.family, f.entry["term"].casefold()])
    if f.family in ("contraindications", "populations"):
        return json.dumps([f.family, f.entry.get("population"), f.entry.get("text") if not f.entry.get("population") else ""])
    if f.family == "interactions":
        return json.dumps([f.family, f.entry.get("drug") or f.entry.get("class")])
    if f.family == "identity":
        return json.dumps([f.family, f.entry["key"]])
    if f.family in ("brands", "synonyms"):
        return json.dumps([f.family, f.entry["name"].casefold()])
    return json.dumps([f.family, f.entry], sort_keys=True)


def build(moiety: str, docs: list[Document], confirmed: set[str]) -> str:
    """The YAML text of the spec of ``moiety`` from the facts of ``docs``."""
    keys = {id(d): f"d{i}" for i, d in enumerate(docs, start=1)}
    facts: list[tuple[DFact, str]] = []
    for d in docs:
        facts.extend((f, keys[id(d)]) for f in d.facts if f.moiety in (None, moiety))
    seen: dict[str, int] = {}
    kept: list[tuple[DFact, str]] = []
    name_fact = None
    for f, k in facts:
        if f.family == "name":
            name_fact = name_fact or (f, k)
            continue
        dk = _dedupe_key(f)
        if dk in seen:
            continue
        seen[dk] = len(kept)
        kept.append((f, k))
    all_repack = all(d.repackager for d in docs)

    def review(f: DFact) -> str:
        return "confirmed" if f.review == "required" and fact_key(f.family, f.entry, f.quote) in confirmed else f.review

    drug: dict = {"name": moiety}
    if name_fact:
        f, k = name_fact
        e = _entry(f, k, review(f))
        drug.update(source=e["source"], provenance=e["provenance"], review=e["review"])
    else:
        drug.update(source=f"{keys[id(docs[0])]} (the document's drug)")
    doc_out: dict = {}
    lists: dict[str, list] = {}
    for f, k in sorted(kept, key=lambda t: FAMILIES.index(t[0].family) if t[0].family in FAMILIES else 99):
        e = _entry(f, k, review(f))
        if f.family == "strengths" and not all_repack:
            e.pop("partial", None)
        if f.family in ("brands", "synonyms"):
            drug.setdefault(f.family, []).append(e)
        elif f.family == "identity":
            drug[f.entry["key"]] = e
        elif f.family == "approval":
            drug["approval"] = e
        else:
            lists.setdefault(f.family, []).append(e)
    for fam, items in lists.items():
        if fam in LIST_PLACES:
            outer, inner = LIST_PLACES[fam]
            doc_out.setdefault(outer, {})[inner] = items
        else:
            doc_out[fam] = items
    head = {"spec": 1, "derived": {"tool": "druglint spec derive", "digest": "",
                                   "documents": {keys[id(d)]: d.describe() for d in docs}},
            "sources": {keys[id(d)]: d.citation() for d in docs}, "drug": drug}
    order = ("routes", "forms", "strengths", "schedule", "indications", "contraindications", "warnings",
             "adverse_reactions", "interactions", "populations")
    body = {**head, **{k: doc_out[k] for k in order if k in doc_out}}
    text = HEADER + "\n".join(emit(body)) + "\n"
    return DIGEST_LINE.sub(lambda m: f'{m.group(1)}"{text_digest(text)}"', text, count=1)


def confirmed_in(path: str) -> set[str]:
    """Fact keys whose review is ``confirmed`` in an existing derived spec."""
    from druglint import yamlio

    try:
        doc = yamlio.load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yamlio.YamlError):
        return set()
    out: set[str] = set()

    def walk(node, family):
        if isinstance(node, dict):
            if node.get("review") == "confirmed" and isinstance(node.get("provenance"), dict):
                entry = {k: _plain(v) for k, v in node.items() if k not in ("source", "provenance", "review")}
                out.add(fact_key(family, entry, node["provenance"].get("quote")))
            for k, v in node.items():
                walk(v, _family(family, str(k)))
        elif isinstance(node, list):
            for v in node:
                walk(v, family)

    walk(doc, "")
    return out


def _family(parent: str, key: str) -> str:
    return {"approved": "routes", "maximum_per_visit": "maxima", "phases": "phases"}.get(key, key if key in FAMILIES else parent)


def _plain(v):
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def plan(docs: list[Document], outdir: str) -> list[tuple[str, str]]:
    """(spec path, text) for every active moiety named by the documents."""
    by_moiety: dict[str, list[Document]] = {}
    for d in docs:
        for m in d.moieties:
            by_moiety.setdefault(m, []).append(d)
    out = []
    for moiety, ds in by_moiety.items():
        path = os.path.join(outdir, file_name(moiety))
        out.append((path, build(moiety, ds, confirmed_in(path) if os.path.exists(path) else set())))
    return out


def status_of(path: str) -> str:
    """'missing', 'derived' (untouched since written), 'edited' (digest differs) or 'hand-written'."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return "missing"
    except (OSError, UnicodeDecodeError):
        return "hand-written"
    m = DIGEST_LINE.search(text)
    if not text.startswith(HEADER[:40]) or m is None:
        return "hand-written"
    recorded = m.group(0).split('"')[1]
    return "derived" if recorded == text_digest(text) else "edited"


def write(path: str, text: str, force: bool) -> tuple[str, str]:
    """('written' | 'unchanged' | 'refused', why). Atomic: a temporary file renamed into place."""
    state = status_of(path)
    if state == "derived" and Path(path).read_text(encoding="utf-8") == text:
        return "unchanged", ""
    if state in ("edited", "hand-written") and not force:
        why = ("edited by hand since it was derived" if state == "edited" else "not written by spec derive")
        return "refused", f"{why}; not overwritten (use --force to replace it)"
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    from druglint.atomic import atomic_write

    atomic_write(path, text.encode("utf-8"))
    return "written", ""
