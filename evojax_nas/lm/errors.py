"""Errors raised by the LM package for problems a user can fix (bad paths, files, formats)."""


class CheckpointError(ValueError):
    """A checkpoint is missing, incomplete, malformed, or of an unsupported architecture."""


class SoftPromptMismatchError(ValueError):
    """A saved soft prompt belongs to a different model than the one it is being restored for."""
