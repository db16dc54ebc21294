"""Drug specs: one YAML file per drug holding its facts, each with its line and its source.

``load_specs(dirs)`` reads a folder set into a :class:`SpecSet` (cached); ``SpecSet.get``
finds a spec by generic name, brand, synonym or salt; ``druglint.specs.resolve`` resolves
dataset drug names. The format is documented in docs/specs.md.
"""
from __future__ import annotations

from druglint.specs.loader import SpecSet, bundled_dir, for_config, load_file, load_specs, spec_dirs
from druglint.specs.model import Spec

__all__ = ["Spec", "SpecSet", "load_specs", "load_file", "for_config", "spec_dirs", "bundled_dir"]
