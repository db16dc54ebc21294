"""Document handler for drug specs: claims YAML files that say ``spec: 1`` at the top level
and lints them with the DL5xx checks (schema, sources, self-contradictions)."""
from __future__ import annotations

import os

from druglint.specs.loader import is_spec_text, load_file
from druglint.specs.validate import validate


def claims(path: str, head: bytes) -> bool:
    return os.path.splitext(path)[1].lower() in (".yaml", ".yml") and is_spec_text(head)


def lint(path: str, shown: str, data: bytes, config, sel, project) -> list:
    from druglint.engine import make

    spec, findings = load_file(path, shown, data)
    if spec is not None:
        findings = findings + validate(spec) + _claimed_elsewhere(spec, config)
    return [make(shown, f.code, f.line, f.column, f.message, None, config)
            for f in sorted(findings, key=lambda f: (f.line, f.code)) if sel.enabled(f.code, shown)]



def _claimed_elsewhere(spec, config) -> list:
    from druglint.specs.loader import claimed_elsewhere, for_config

    return claimed_elsewhere(spec, for_config(config))
