"""The base of the errors druglint raises for bad input, so a caller can catch them all:

    try:
        report = druglint.lint_paths("data/")
    except druglint.DruglintError as exc:   # UsageError, ConfigError, BaselineError
        ...
"""


class DruglintError(Exception):
    """Bad arguments, configuration or input (the command line exits 2 with its message)."""


class ConfigError(DruglintError):
    """A bad configuration (or a file it names): the message says where (``path:line:``)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        where = f"{path}:{line}: " if path and line else (f"{path}: " if path else "")
        super().__init__(f"{where}{message}")
