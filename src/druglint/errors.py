"""The base of the errors druglint raises for bad input, so a caller can catch them all:

    try:
        report = druglint.lint_paths("data/")
    except druglint.DruglintError as exc:   # UsageError, ConfigError, BaselineError
        ...
"""


class DruglintError(Exception):
    """Bad arguments, configuration or input (the command line exits 2 with its message)."""
