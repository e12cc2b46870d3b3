"""Low-rank adapters (LoRA, Hu et al. 2021) for the decoder's projection matrices, and the adapter file format.

An adapter holds, for each adapted matrix `W` `[L, in, out]` of the stacked layers (`wqkv`, `wo`, `w_gate_up`,
`w_down`), two factors `A` `[L, in, r]` and `B` `[L, r, out]`; the adapted weight is `W + A @ B`. `B` starts at
zero, so a fresh adapter leaves the model unchanged.

- Training keeps the factors apart (`with_factors`): `model._project` adds `(x @ A) @ B`, so gradients flow to the
  small factors only and no full-size weight gradient is ever formed.
- Sampling merges them once (`merge`): the sampler then runs the plain model at no extra cost.

An adapter file is one safetensors file: the factors (`layers.<name>_lora_a`, `layers.<name>_lora_b`), optionally
a warm-start soft prompt (`soft_prompt`), and string metadata (format, base-model identity, rank, targets,
training summary). Factors are stored as bfloat16 to halve the shipped size; they are cast back to float32.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Sequence
from typing import Any

import jax
import jax.numpy as jnp
import ml_dtypes
import numpy as np
from safetensors import SafetensorError, safe_open
from safetensors.numpy import save_file

from evojax_nas.lm.config import ModelConfig
from evojax_nas.lm.errors import CheckpointError
from evojax_nas.lm.model import Params, param_shapes

ADAPTER_FORMAT = "evojax_nas.lora_adapter/1"
DEFAULT_TARGETS = ("wqkv", "wo", "w_gate_up", "w_down")
SOFT_PROMPT_TENSOR = "soft_prompt"


@dataclasses.dataclass(frozen=True)
class LoraConfig:
    """Rank and target matrices of an adapter; `init_scale` multiplies A's 1/sqrt(in) initialisation. Only the
    layers from `layers_from` on get factors (0: every layer); adapter files always hold all layers (the lower
    ones zero, see `pad_layers`), so loading and merging do not depend on it."""

    rank: int = 16
    targets: tuple[str, ...] = DEFAULT_TARGETS
    init_scale: float = 1.0
    layers_from: int = 0


@dataclasses.dataclass(frozen=True)
class Adapter:
    """A loaded adapter: its factors (a `{name_lora_a: [L, in, r], name_lora_b: [L, r, out]}` dict), an optional
    warm-start soft prompt `[P, d_model]`, its metadata, and a content hash (part of the adapted model's identity).
    """

    factors: dict[str, np.ndarray]
    soft_prompt: np.ndarray | None
    metadata: dict[str, Any]
    digest: str


def init_factors(key: jax.Array, model_config: ModelConfig, lora_config: LoraConfig) -> dict[str, jax.Array]:
    """Fresh factors for every target: A ~ N(0, init_scale^2 / in), B = 0 (the model is unchanged); their
    leading axis covers the layers from `lora_config.layers_from` on."""
    if lora_config.rank < 1:
        raise ValueError(f"LoRA rank must be >= 1, got {lora_config.rank}.")
    if not 0 <= lora_config.layers_from < model_config.num_layers:
        raise ValueError(
            f"LoRA layers_from must be in [0, {model_config.num_layers}), got {lora_config.layers_from}."
        )
    layer_shapes = param_shapes(model_config)["layers"]
    factors = {}
    for index, name in enumerate(lora_config.targets):
        if name not in layer_shapes:
            raise ValueError(
                f"LoRA target {name!r} is not a layer matrix of this model; choose from "
                f"{', '.join(k for k, v in layer_shapes.items() if len(v) == 3)}."
            )
        num_layers, fan_in, fan_out = layer_shapes[name]
        num_layers -= lora_config.layers_from
        scale = lora_config.init_scale / np.sqrt(fan_in)
        factors[f"{name}_lora_a"] = scale * jax.random.normal(
            jax.random.fold_in(key, index), (num_layers, fan_in, lora_config.rank), jnp.float32
        )
        factors[f"{name}_lora_b"] = jnp.zeros((num_layers, lora_config.rank, fan_out), jnp.float32)
    return factors


def pad_layers(factors: dict[str, Any], layers_from: int) -> dict[str, Any]:
    """Factors of the upper layers `[L - layers_from, ...]` extended to all `L` layers with zero factors below
    (a zero factor leaves its layer unchanged and gets no gradient through the padding)."""
    if layers_from == 0:
        return dict(factors)
    return {
        name: jnp.concatenate([jnp.zeros((layers_from,) + value.shape[1:], value.dtype), value])
        for name, value in factors.items()
    }


def full_factors(factors: dict[str, Any], num_layers: int) -> dict[str, Any]:
    """Factors of the top layers (their leading axis shorter than `num_layers`) padded to all layers
    (`pad_layers` with the number of layers they leave out)."""
    covered = {value.shape[0] for value in factors.values()}
    if len(covered) != 1 or not 0 < min(covered) <= num_layers:
        raise ValueError(f"LoRA factors must all cover the same 1..{num_layers} top layers")
    return pad_layers(factors, num_layers - min(covered))


def with_factors(params: Params, factors: dict[str, Any]) -> Params:
    """The parameter pytree with the factors placed beside their matrices (unmerged, for training)."""
    return {**params, "layers": {**params["layers"], **factors}}


def merge(params: Params, factors: dict[str, Any]) -> Params:
    """The parameter pytree with every adapted matrix replaced by `W + A @ B` (for sampling)."""
    layers = dict(params["layers"])
    for name in {key[: -len("_lora_a")] for key in factors if key.endswith("_lora_a")}:
        weight = layers[name]
        delta = jnp.einsum(
            "lir,lro->lio",
            jnp.asarray(factors[f"{name}_lora_a"], jnp.float32),
            jnp.asarray(factors[f"{name}_lora_b"], jnp.float32),
        )
        merged = (jnp.asarray(weight, jnp.float32) + delta).astype(weight.dtype)
        if hasattr(weight, "sharding"):
            merged = jax.device_put(merged, weight.sharding)
        layers[name] = merged
    return {**params, "layers": layers}


def save_adapter(
    path: str,
    factors: dict[str, Any],
    soft_prompt: Any | None,
    base_identity: str,
    lora_config: LoraConfig,
    extra_metadata: dict[str, Any] | None = None,
) -> None:
    """Writes an adapter file (safetensors; factors in bfloat16, soft prompt in float32), atomically."""
    tensors = {
        f"layers.{name}": np.asarray(jnp.asarray(value, jnp.float32)).astype(ml_dtypes.bfloat16)
        for name, value in factors.items()
    }
    if soft_prompt is not None:
        tensors[SOFT_PROMPT_TENSOR] = np.asarray(soft_prompt, np.float32)
    metadata = {
        "format": ADAPTER_FORMAT,
        "base_identity": base_identity,
        "rank": str(lora_config.rank),
        "targets": ",".join(lora_config.targets),
        "extra": json.dumps(extra_metadata or {}, sort_keys=True),
    }
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    temporary = f"{path}.tmp-{os.getpid()}"
    save_file(tensors, temporary, metadata=metadata)
    os.chmod(temporary, 0o644)  # a shipped, readable file (the temporary one is created private)
    os.replace(temporary, path)


def load_adapter(path: str) -> Adapter:
    """Reads an adapter file; raises `CheckpointError` naming the problem if it is missing or malformed."""
    if not os.path.isfile(path):
        raise CheckpointError(f"adapter file {path!r} does not exist.")
    try:
        with safe_open(path, framework="numpy") as handle:
            metadata = dict(handle.metadata() or {})
            tensors = {name: handle.get_tensor(name) for name in handle.keys()}  # noqa: SIM118
    except (SafetensorError, OSError, ValueError) as error:
        raise CheckpointError(
            f"adapter file {path!r} is not a readable safetensors file ({error})."
        ) from None
    if metadata.get("format") != ADAPTER_FORMAT:
        raise CheckpointError(
            f"adapter file {path!r} has format {metadata.get('format')!r}, not {ADAPTER_FORMAT!r}."
        )
    factors = {
        name[len("layers.") :]: np.asarray(value, np.float32)
        for name, value in tensors.items()
        if name.startswith("layers.")
    }
    for name in list(factors):
        partner = name[: -len("_a")] + "_b" if name.endswith("_lora_a") else name[: -len("_b")] + "_a"
        if partner not in factors:
            raise CheckpointError(f"adapter file {path!r} has {name!r} but not {partner!r}.")
    soft_prompt = tensors.get(SOFT_PROMPT_TENSOR)
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    metadata["extra"] = json.loads(metadata.get("extra", "{}"))
    return Adapter(
        factors=factors,
        soft_prompt=None if soft_prompt is None else np.asarray(soft_prompt, np.float32),
        metadata=metadata,
        digest=digest.hexdigest()[:16],
    )


def check_compatible(
    adapter: Adapter, base_identity: str, path: str, layer_shapes: dict[str, Sequence[int]]
) -> None:
    """Raises `CheckpointError` if the adapter was trained for another base model or its shapes do not fit."""
    if adapter.metadata.get("base_identity") != base_identity:
        raise CheckpointError(
            f"adapter {path!r} was trained for base model {adapter.metadata.get('base_identity')!r}, "
            f"not {base_identity!r}."
        )
    for name, value in adapter.factors.items():
        matrix = name.rsplit("_lora_", 1)[0]
        shape = layer_shapes.get(matrix)
        if shape is None or len(shape) != 3:
            raise CheckpointError(f"adapter {path!r} adapts {matrix!r}, which this model does not have.")
        expected_in, expected_out = shape[1], shape[2]
        fits = value.shape[0] == shape[0] and (
            value.shape[1] == expected_in if name.endswith("_a") else value.shape[2] == expected_out
        )
        if not fits:
            raise CheckpointError(
                f"adapter {path!r}: tensor {name!r} has shape {value.shape}, not matching {shape}."
            )
