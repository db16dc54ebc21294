"""Robustness rules (DL150-DL169): inputs too large or too slow to read, and text a parser
accepts but that is not valid Unicode. Emitted by the readers and the engine."""
