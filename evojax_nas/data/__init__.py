"""Published numbers shipped with the package (as Python data, so every install carries them)."""
