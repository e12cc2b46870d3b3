"""Reading the JSON-lines files the tools append to (journals, events, survey rows), where a kill or a full disk
may have cut the last write short."""

from __future__ import annotations

import json
from typing import Any


def read_json_lines(text: str) -> tuple[list[tuple[int, Any]], list[int]]:
    """The value of every readable non-blank line of `text` with its line number (from 1), and the numbers of
    the lines that are not JSON (torn writes). Callers decide what a torn line means: skip it, warn, or stop."""
    values, torn = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            values.append((number, json.loads(line)))
        except json.JSONDecodeError:
            torn.append(number)
    return values, torn
