"""Line-aware YAML loading for datasets, specs and configuration (ruamel.yaml).

The round-trip loader keeps each node's line (``.lc``), refuses Python object tags (it
never constructs arbitrary classes), and is given a bound on aliases so that an
alias bomb is an error, not an exhausted machine.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_ALIASES = 100
# Aliases are shared references in the parsed tree, so parsing a "billion laughs" document
# is cheap; printing or flattening it is not. Below MAX_ALIASES a nested alias chain can
# still expand exponentially (9 levels of 9 aliases = 81 aliases, 387 million leaves), so
# the tree's size *with aliases expanded* is bounded too.
MAX_EXPANDED_NODES = 1_000_000
# Size is counted in characters, not only nodes: 99 aliases of one 900 KB record are 100
# nodes but 90 MB of text for every stage after (issue 19). The expanded document may hold
# at most this many times the characters of the text (or MAX_EXPANDED_NODES, if larger).
MAX_EXPANSION = 10
# ruamel composes nested nodes recursively and slows down sharply before it runs out of
# stack (depth 900: ~4 s; 1500: ~15 s), so nesting is measured on the text first.
MAX_DEPTH = 100


class YamlError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Loaded:
    data: Any


def load(text: str) -> Any:
    """Parse ``text``; raise YamlError with the 1-based line of the problem."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    aliases = text.count("*")
    if aliases > MAX_ALIASES and _count_alias_events(text) > MAX_ALIASES:
        raise YamlError(f"YAML uses more than {MAX_ALIASES} aliases; refusing to expand it (alias bomb?)")
    _check_depth(text)
    if "python/" in text:  # cheap pre-check; the event scan names the line
        _refuse_python_tags(text)
    try:
        doc = yaml.load(text)
        if "*" in text:
            _check_expanded_size(doc, max(MAX_EXPANDED_NODES, MAX_EXPANSION * len(text)))
        return doc
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        col = mark.column + 1 if mark is not None else 1
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        return _raise(YamlError(f"invalid YAML: {problem}", line, col))
    except YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlError("YAML is nested too deeply to read") from None


def _check_depth(text: str) -> None:
    """Raise YamlError when flow ([ {) or block (indentation, '- - -') nesting goes deeper
    than MAX_DEPTH. Conservative: brackets inside quoted strings count too."""
    import re

    too_deep = f"YAML is nested more than {MAX_DEPTH} levels deep; refusing to read it (nested too deeply)"
    if text.count("[") + text.count("{") > MAX_DEPTH:
        depth = worst = 0
        for ch in re.sub(r"[^\[\]{}]+", "", text):
            depth = depth + 1 if ch in "[{" else max(depth - 1, 0)
            if depth > worst:
                worst = depth
                if worst > MAX_DEPTH:
                    raise YamlError(too_deep)
    indents = re.findall(r"^([ -]*)\S", text, re.M)
    if not indents or max(len(i) for i in indents) <= MAX_DEPTH:
        return  # block depth cannot exceed the widest indentation (plus dashes)
    stack: list[int] = []
    for lead in indents:
        indent = len(lead) - len(lead.lstrip(" "))
        while stack and stack[-1] >= indent:
            stack.pop()
        stack.append(indent)
        if len(stack) + lead.count("-") > MAX_DEPTH:
            raise YamlError(too_deep)


def _refuse_python_tags(text: str) -> None:
    """Refuse any node tagged ``tag:yaml.org,2002:python/...`` (``!!python/object`` and its
    kin): the round-trip loader would never construct it, but data or a spec that asks for
    Python objects is a mistake or an attack, and is said to be one."""
    from ruamel.yaml import YAML

    try:
        for ev in YAML(typ="safe", pure=True).parse(text):
            tag = getattr(ev, "tag", None)
            if tag and "python/" in str(tag):
                mark = ev.start_mark
                raise YamlError(f"YAML tag {tag!r} asks for a Python object; druglint refuses Python tags "
                                "(it never constructs objects from YAML)", mark.line + 1, mark.column + 1)
    except YamlError:
        raise
    except Exception:  # a parse error is reported by the real load
        return


def _weight(value: Any) -> int:
    return len(value) + 1 if isinstance(value, str) else 1


def _check_expanded_size(doc: Any, budget: int = MAX_EXPANDED_NODES) -> None:
    """Raise YamlError if expanding every alias would exceed ``budget`` (one per node plus
    the characters of each string, keys included), or if an alias refers to a node that
    contains it (a recursive structure)."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[Any, bool]] = [(doc, False)]
    while stack:  # iterative post-order walk: deep documents do not hit the recursion limit
        node, done = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        key = id(node)
        if done:
            children = node.values() if isinstance(node, dict) else node
            total = 1 + sum(sizes.get(id(c)) or _weight(c) for c in children)
            if isinstance(node, dict):
                total += sum(_weight(k) for k in node)
            if total > budget:
                raise YamlError(f"YAML aliases expand the document to more than {budget:,} nodes and characters "
                                f"({MAX_EXPANSION}x its size); refusing to expand it (alias bomb?)")
            sizes[key] = total
            active.discard(key)
            continue
        if key in sizes:
            continue
        if key in active:
            raise YamlError("YAML alias refers to a node that contains it (a recursive structure); not supported")
        active.add(key)
        stack.append((node, True))
        children = node.values() if isinstance(node, dict) else node
        for c in children:
            if isinstance(c, (dict, list)):
                if id(c) in active:
                    raise YamlError("YAML alias refers to a node that contains it (a recursive structure); not supported")
                stack.append((c, False))


def _raise(exc: YamlError) -> Any:
    raise exc


def _count_alias_events(text: str) -> int:
    from ruamel.yaml import YAML
    from ruamel.yaml.events import AliasEvent

    try:
        return sum(1 for ev in YAML(typ="safe", pure=True).parse(text) if isinstance(ev, AliasEvent))
    except Exception:  # a parse error is reported by the real load
        return 0


def line_of(node: Any, key: Any = None, default: int = 1) -> int:
    """1-based line of a mapping key (or list index), or of the node itself."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return default
    if key is not None:
        try:
            if isinstance(key, int):
                return lc.item(key)[0] + 1
            return lc.key(key)[0] + 1
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
    return (lc.line or 0) + 1
