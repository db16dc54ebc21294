"""Parse the passing and failing examples out of a rule's docstring."""
from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass

_EXAMPLE = re.compile(r"^(Passing|Failing) example \(([^),]+)(?:, ([\w-]+))?\):[ \t]*\n((?:[ \t]*\n|    .*\n?)+)", re.M)


@dataclass
class Example:
    passing: bool
    filename: str
    content: bytes


def examples(doc: str) -> list[Example]:
    out = []
    for m in _EXAMPLE.finditer(doc):
        kind, name, mode, block = m.groups()
        text = textwrap.dedent(block).strip("\n") + "\n"
        data = ast.literal_eval(text.strip()) if mode == "python-bytes" else text.encode("utf-8")
        out.append(Example(kind == "Passing", name.strip(), data))
    return out


# Diff rules (``druglint diff``) compare two versions: their docstring adds one
# "Old example (file.ext):" block, the version before the change. The Passing and Failing
# examples are then the NEW versions, each compared with that old one.
_OLD = re.compile(r"^Old example \(([^),]+)\):[ \t]*\n((?:[ \t]*\n|    .*\n?)+)", re.M)


def old_example(doc: str) -> Example | None:
    """The "Old example" block of a diff rule's docstring, or None."""
    found = _OLD.findall(doc)
    if not found:
        return None
    name, block = found[0]
    return Example(False, name.strip(), (textwrap.dedent(block).strip("\n") + "\n").encode("utf-8"))


def old_examples_count(doc: str) -> int:
    return len(_OLD.findall(doc))


# Project rules that look across files document one "Companion example (file.ext):" block:
# a second file linted together with both the passing and the failing example.
_COMPANION = re.compile(r"^Companion example \(([^),]+)\):[ \t]*\n((?:[ \t]*\n|    .*\n?)+)", re.M)


def companion_example(doc: str) -> Example | None:
    found = _COMPANION.findall(doc)
    if not found:
        return None
    name, block = found[0]
    return Example(False, name.strip(), (textwrap.dedent(block).strip("\n") + "\n").encode("utf-8"))


# Rules about configured limits document one "Configuration example (druglint.yaml):" block:
# the configuration both the passing and the failing example are checked with.
_CONFIG = re.compile(r"^Configuration example \(([^),]+)\):[ \t]*\n((?:[ \t]*\n|    .*\n?)+)", re.M)


def config_example(doc: str) -> Example | None:
    found = _CONFIG.findall(doc)
    if not found:
        return None
    name, block = found[0]
    return Example(False, name.strip(), (textwrap.dedent(block).strip("\n") + "\n").encode("utf-8"))
