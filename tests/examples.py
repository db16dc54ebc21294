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
