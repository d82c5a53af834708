"""The project's own error types: every failure a user can cause is one of these."""


class ParalignError(Exception):
    """Base class: a failure with a message fit to show a person as it is."""


class DocumentError(ParalignError):
    """A document could not be read: missing, unreadable, binary, empty, corrupt or too large."""


class Cancelled(ParalignError):
    """Long work was cancelled by the caller."""
