"""The wire format between the evaluating process and the sandbox worker: JSON headers and raw byte blobs.

Only data crosses the boundary (never pickles): a message is an 8-byte big-endian header length, a UTF-8 JSON
header, then the blobs the header lists under `"blobs"` as `[name, size]` pairs, in that order.
"""

from __future__ import annotations

import io
import json
import struct
from typing import BinaryIO

_LENGTH = struct.Struct(">Q")
MAX_HEADER_BYTES = 4 * 1024 * 1024


class ProtocolError(RuntimeError):
    """A message was truncated, oversized or malformed."""


def encode_message(header: dict, blobs: dict[str, bytes] | None = None) -> bytes:
    """Serialises a header and named blobs into one message."""
    blobs = blobs or {}
    header = dict(header, blobs=[[name, len(data)] for name, data in blobs.items()])
    header_bytes = json.dumps(header).encode("utf-8")
    return b"".join([_LENGTH.pack(len(header_bytes)), header_bytes, *blobs.values()])


def write_message(stream: BinaryIO, header: dict, blobs: dict[str, bytes] | None = None) -> None:
    """Writes one message to a binary stream and flushes it."""
    stream.write(encode_message(header, blobs))
    stream.flush()


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    chunks = []
    remaining = size
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            raise ProtocolError(f"stream ended with {remaining} of {size} bytes missing")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_message(stream: BinaryIO, max_total_bytes: int) -> tuple[dict, dict[str, bytes]]:
    """Reads one message; refuses headers or blobs that would exceed `max_total_bytes`."""
    (header_size,) = _LENGTH.unpack(_read_exactly(stream, _LENGTH.size))
    if header_size > min(MAX_HEADER_BYTES, max_total_bytes):
        raise ProtocolError(f"message header of {header_size} bytes is over the limit")
    try:
        header = json.loads(_read_exactly(stream, header_size).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ProtocolError(f"message header is not valid JSON: {error}") from None
    if not isinstance(header, dict):
        raise ProtocolError("message header is not a JSON object")
    declared = header.pop("blobs", [])
    total = header_size
    blobs: dict[str, bytes] = {}
    for entry in declared:
        if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[1], int) and entry[1] >= 0):
            raise ProtocolError(f"bad blob entry {entry!r}")
        name, size = entry
        total += size
        if total > max_total_bytes:
            raise ProtocolError(f"message is over the limit of {max_total_bytes} bytes")
        blobs[str(name)] = _read_exactly(stream, size)
    return header, blobs


def decode_message(data: bytes, max_total_bytes: int) -> tuple[dict, dict[str, bytes]]:
    """Decodes a message held in memory (as read from a pipe)."""
    stream = io.BytesIO(data)
    message = read_message(stream, max_total_bytes)
    if stream.read(1):
        raise ProtocolError("trailing bytes after the message")
    return message
