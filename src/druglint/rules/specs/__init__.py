"""DL5xx: drug specs (schema, sources, self-contradictions) and drug-name resolution."""
