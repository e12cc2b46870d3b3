"""Reading and writing `.safetensors` files with numpy only (memory-mapped; bf16 via ml_dtypes)."""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Iterator

import ml_dtypes
import numpy as np

from evojax_nas.lm.errors import CheckpointError

_DTYPES = {
    "F64": np.float64,
    "F32": np.float32,
    "F16": np.float16,
    "BF16": ml_dtypes.bfloat16,
    "I64": np.int64,
    "I32": np.int32,
    "I16": np.int16,
    "I8": np.int8,
    "U8": np.uint8,
    "BOOL": np.bool_,
}
_NAMES = {np.dtype(v): k for k, v in _DTYPES.items()}


def read_safetensors(path: str) -> Iterator[tuple[str, np.ndarray]]:
    """Yields `(name, array)` for every tensor in a safetensors file; arrays are read-only memory maps."""
    try:
        with open(path, "rb") as f:
            (header_len,) = struct.unpack("<Q", f.read(8))
            header = json.loads(f.read(header_len))
    except (OSError, struct.error, json.JSONDecodeError, UnicodeDecodeError) as e:
        raise CheckpointError(f"{path} is not a readable safetensors file ({e}).") from None
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + header_len)
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES.get(info.get("dtype"))
        if dtype is None:
            raise CheckpointError(f"{path}: tensor {name!r} has unsupported dtype {info.get('dtype')!r}.")
        start, end = info["data_offsets"]
        if end > data.size:
            raise CheckpointError(f"{path} is truncated: tensor {name!r} ends past the end of the file.")
        yield name, data[start:end].view(dtype).reshape(info["shape"])


def write_safetensors(path: str, tensors: dict[str, np.ndarray]) -> None:
    """Writes arrays to `path` in the safetensors format (alignment and ordering as the reference library)."""
    header: dict[str, dict] = {}
    offset = 0
    names = sorted(tensors)
    for name in names:
        array = np.ascontiguousarray(tensors[name])
        header[name] = {
            "dtype": _NAMES[array.dtype],
            "shape": list(array.shape),
            "data_offsets": [offset, offset + array.nbytes],
        }
        offset += array.nbytes
    header_bytes = json.dumps(header, separators=(",", ":")).encode()
    header_bytes += b" " * (-len(header_bytes) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(header_bytes)))
        f.write(header_bytes)
        for name in names:
            f.write(np.ascontiguousarray(tensors[name]).tobytes())
        f.flush()
        os.fsync(f.fileno())
