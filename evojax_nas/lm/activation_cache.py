"""A disk cache of the frozen lower layers' output, for training LoRA factors on the upper layers only.

When only layers `layers_from..L-1` carry trainable factors (and no soft prompt sits at the input), the hidden
state entering layer `layers_from` is the same in every epoch: it depends on the example's tokens and the frozen
weights alone. `ActivationCache` computes it once per example (a forward pass of the lower layers, no gradients)
and stores it as one `.npy` file per example, named by a hash of the base model's identity, `layers_from`, the
dtype and the example's token ids; a training step then runs only the upper layers. The files persist in the
cache directory, so a resumed run (or a later run with the same model and split point) reuses them.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pathlib
from collections.abc import Callable, Sequence

import jax
import jax.numpy as jnp
import ml_dtypes
import numpy as np

from evojax_nas.lm import model
from evojax_nas.lm.config import ModelConfig
from evojax_nas.lm.model import Params

CACHE_DTYPES = ("float32", "bfloat16")


def split_layers(params: Params, layers_from: int) -> tuple[Params, Params]:
    """`(lower, upper)`: `params` with only layers `0..layers_from-1`, and with only layers `layers_from..L-1`
    (the embedding and final norm are in both)."""
    layers = params["layers"]
    lower = jax.tree.map(lambda a: a[:layers_from], layers)
    upper = jax.tree.map(lambda a: a[layers_from:], layers)
    return {**params, "layers": lower}, {**params, "layers": upper}


@functools.partial(jax.jit, static_argnames=("config",))
def lower_hidden(config: ModelConfig, lower: Params, token_ids: jax.Array, lengths: jax.Array) -> jax.Array:
    """The hidden states `[B, T, d]` leaving the last layer of `lower` (no final norm) for right-padded token
    ids `[B, T]` of the given lengths; positions start at 0 (no soft prompt)."""
    valid = jnp.arange(token_ids.shape[1])[None] < lengths[:, None]
    hidden, _ = model.prefill(
        config, lower, model.embed_tokens(lower, token_ids), valid=valid, final_norm=False
    )
    return hidden


class ActivationCache:
    """Hidden states after layer `layers_from - 1` of each example (a `[length, d_model]` array per example),
    stored under `directory` in `dtype` ("float32": the fast step equals the plain one to float tolerance;
    "bfloat16": half the disk, rounded to about 3 significant digits)."""

    def __init__(self, directory: str | os.PathLike, identity: str, layers_from: int, dtype: str = "float32"):
        if dtype not in CACHE_DTYPES:
            raise ValueError(
                f"activation cache dtype must be one of {', '.join(CACHE_DTYPES)}, got {dtype!r}."
            )
        if layers_from < 1:
            raise ValueError(f"an activation cache needs layers_from >= 1, got {layers_from}.")
        self.directory = pathlib.Path(directory)
        self.prefix = f"{identity}|{layers_from}|{dtype}|".encode()
        self.bfloat16 = dtype == "bfloat16"

    def path(self, token_ids: Sequence[int]) -> pathlib.Path:
        """The file holding the hidden states of the example with these token ids."""
        digest = hashlib.sha256(self.prefix + np.asarray(token_ids, np.int32).tobytes()).hexdigest()
        return self.directory / f"{digest[:32]}.npy"

    def missing(self, sequences: Sequence[Sequence[int]]) -> list[int]:
        """Indices of the sequences whose hidden states are not cached yet."""
        return [i for i, ids in enumerate(sequences) if not self.path(ids).is_file()]

    def fill(
        self,
        sequences: Sequence[Sequence[int]],
        compute: Callable[[np.ndarray, np.ndarray], jax.Array],
        batch_size: int,
        length_bucket: int,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Computes and stores the hidden states of every uncached sequence with `compute(token_ids, lengths)`
        (e.g. `lower_hidden` with the model bound), `batch_size` sequences of similar length at a time, padded to
        a multiple of `length_bucket`; calls `progress(n)` after each batch. Returns how many were computed."""
        todo = sorted(self.missing(sequences), key=lambda i: len(sequences[i]))
        self.directory.mkdir(parents=True, exist_ok=True)
        for start in range(0, len(todo), batch_size):
            chosen = todo[start : start + batch_size]
            longest = max(len(sequences[i]) for i in chosen)
            width = -(-longest // length_bucket) * length_bucket
            token_ids = np.zeros((len(chosen), width), np.int32)
            for row, index in enumerate(chosen):
                token_ids[row, : len(sequences[index])] = sequences[index]
            lengths = np.asarray([len(sequences[i]) for i in chosen], np.int32)
            hidden = np.asarray(compute(token_ids, lengths))
            for row, index in enumerate(chosen):
                self._write(self.path(sequences[index]), hidden[row, : lengths[row]])
            if progress is not None:
                progress(len(chosen))
        return len(todo)

    def _write(self, path: pathlib.Path, value: np.ndarray) -> None:
        temporary = path.with_suffix(f".tmp-{os.getpid()}.npy")
        value = np.asarray(value, np.float32)
        if self.bfloat16:  # .npy has no bfloat16: store its bits
            value = value.astype(ml_dtypes.bfloat16).view(np.uint16)
        np.save(temporary, value)
        os.replace(temporary, path)  # a killed run leaves no half-written entry

    def _read(self, path: pathlib.Path) -> np.ndarray:
        value = np.load(path)
        return value.view(ml_dtypes.bfloat16).astype(np.float32) if self.bfloat16 else value

    def batch(self, sequences: Sequence[Sequence[int]], width: int) -> np.ndarray:
        """The cached hidden states of `sequences` as a float32 array `[B, width, d]`, zero past each length."""
        rows = [self._read(self.path(ids)) for ids in sequences]
        out = np.zeros((len(rows), width, rows[0].shape[-1]), np.float32)
        for row, value in enumerate(rows):
            out[row, : len(value)] = value
        return out
