"""Errors that tribune raises on purpose, each with what to do about it."""


class TribuneError(Exception):
    """A failure the user can act on; the CLI prints it without a traceback."""


class SchemaError(TribuneError):
    """The database was written by a newer tribune than this one."""
