"""Prose rules (DL6xx): checks of Markdown, reStructuredText and plain-text documents."""
