"""Rules, one module each, grouped by family: file (DL11x), schema (DL10x, DL12x),
side_effects (DL2xx), interactions (DL3xx), common (any kind). Importing a module
registers its rule; ``druglint.registry.load_all`` imports them all."""
