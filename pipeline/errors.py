"""Named errors. Messages are one line a user can act on; only the CLI turns
them into `Error: ...` and an exit code."""


class ReferatError(Exception):
    """Base of every error this package raises on purpose."""


class UnsupportedFormat(ReferatError):
    """The file is not a format referat reads (or its content is not what its name says)."""


class ReadError(ReferatError):
    """The file is of a known format but cannot be read: empty, corrupt, encrypted, too big."""


class MissingTool(ReadError):
    """An optional external tool or package needed for this file is not installed."""

    def __init__(self, what: str, install: str):
        super().__init__(f"{what} is not installed (install it with: {install})")
        self.install = install


class UnsafeInput(ReadError):
    """The file looks hostile: a decompression bomb, entity expansion, a path trick."""


class ResourceLimit(ReadError):
    """Reading the file took more time or memory than its budget allows."""


class ExtractionError(ReferatError):
    """Extraction failed on a document that was read."""


class StoreError(ReferatError):
    """The SQLite store cannot be opened or written."""


class QueryError(ReferatError):
    """A query's arguments cannot be used (bad date, empty search, a write in sql())."""


class ModelError(ReferatError, OSError):
    """A spaCy pipeline asked for (by name or path) is missing or cannot be loaded.
    Also an OSError, as spacy.load's own errors are, for callers that catch those."""
