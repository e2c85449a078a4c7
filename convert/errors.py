"""Errors that referat reports to a user as one line naming the file and the cause.

Anything else escaping a reader or writer is a bug in referat, and the command says so."""

from __future__ import annotations


class ReferatError(Exception):
    """Base class: ``str(err)`` is the one line shown to the user."""

    def __init__(self, file: str, reason: str):
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


class InputError(ReferatError):
    """The input cannot be read as minutes (wrong format, broken, encrypted, no text, ...)."""


class NotMinutesError(InputError):
    """The input is a readable document, but not meeting minutes."""


class ValidationError(ReferatError):
    """A canonical document does not conform to schemas/minutes.xsd."""


class OutputError(ReferatError):
    """An output could not be written (permissions, disk, ...)."""


class InputWarning(UserWarning):
    """The input was read, but something in it is wrong (cut short, repaired, undecodable bytes).

    Readers issue it with ``warnings.warn``; a batch records ``reason`` in the manifest's
    warnings and ``mark`` (when given) in its marks, and prints the one line ``str(warning)``."""

    def __init__(self, file: str, reason: str, mark: str = ""):
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason
        self.mark = mark


class TextWarning(InputWarning):
    """Part of the input's text may be wrong: ``mark`` ("damaged-text") goes into the manifest."""

    def __init__(self, file: str, reason: str, mark: str):
        super().__init__(file, reason, mark)


class UsageError(ReferatError):
    """The command cannot start as asked (an input that does not exist, OUT in use, ...): exit 2."""
