"""Free-text column rules (DL430-DL449): error-prone abbreviations and dose designations in
human-readable dataset cells (dosing ``frequency``, side-effect ``effect``...)."""
