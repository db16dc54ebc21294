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
    fifo: bool = False  # "(file.csv, fifo)": the file is a named pipe (the block says so in words)
    mode: str | None = None  # "fix": checked with --fix; "fix-read-only": the file is 0444, checked with --fix


def examples(doc: str) -> list[Example]:
    out = []
    for m in _EXAMPLE.finditer(doc):
        kind, name, mode, block = m.groups()
        text = textwrap.dedent(block).strip("\n") + "\n"
        data = ast.literal_eval(text.strip()) if mode == "python-bytes" else text.encode("utf-8")
        out.append(Example(kind == "Passing", name.strip(), data, fifo=mode == "fifo", mode=mode))
    return out


def _blocks(label: str, doc: str) -> list[Example]:
    """Every "<label> example (file.ext):" block of ``doc``, as an Example."""
    pattern = re.compile(rf"^{label} example \(([^),]+)\):[ \t]*\n((?:[ \t]*\n|    .*\n?)+)", re.M)
    return [Example(False, name.strip(), (textwrap.dedent(block).strip("\n") + "\n").encode("utf-8"))
            for name, block in pattern.findall(doc)]


def _first(label: str, doc: str) -> Example | None:
    found = _blocks(label, doc)
    return found[0] if found else None


# Diff rules (``druglint diff``) compare two versions: their docstring adds one
# "Old example (file.ext):" block, the version before the change. The Passing and Failing
# examples are then the NEW versions, each compared with that old one.
def old_example(doc: str) -> Example | None:
    return _first("Old", doc)


def old_examples_count(doc: str) -> int:
    return len(_blocks("Old", doc))


# Project rules that look across files document one "Companion example (file.ext):" block:
# a second file linted together with both the passing and the failing example.
def companion_example(doc: str) -> Example | None:
    return _first("Companion", doc)


# Rules about configured limits document one "Configuration example (druglint.yaml):" block:
# the configuration both the passing and the failing example are checked with.
def config_example(doc: str) -> Example | None:
    return _first("Configuration", doc)
