"""DL7xx: safety-relevant changes between two versions of a dataset or spec (``druglint diff``)."""
