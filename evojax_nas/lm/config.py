"""Model configuration read from a Hugging Face `config.json` (Llama-like families and GPT-2)."""

from __future__ import annotations

import dataclasses
import json
import os
from typing import Any

from evojax_nas.lm.errors import CheckpointError

LLAMA_LIKE_TYPES = ("llama", "mistral", "qwen2")
SUPPORTED_TYPES = LLAMA_LIKE_TYPES + ("gpt2",)
SUPPORTED_ROPE_TYPES = ("default", "linear", "llama3")


@dataclasses.dataclass(frozen=True)
class ModelConfig:
    """Architecture of a decoder-only LM; every field is read from `config.json`.

    `family` is "llama" (RMSNorm, RoPE, GQA, SwiGLU; also mistral and qwen2) or "gpt2" (LayerNorm, learned
    positions, GELU). `rope_scaling` holds the scaling parameters as a sorted tuple of (name, value) pairs so the
    config stays hashable (it is a static argument of jitted functions).
    """

    model_type: str
    family: str
    vocab_size: int
    d_model: int
    num_layers: int
    num_heads: int
    num_kv_heads: int
    head_dim: int
    ffn_dim: int
    norm_eps: float
    max_positions: int
    tie_embeddings: bool
    qkv_bias: bool = False
    out_bias: bool = False
    mlp_bias: bool = False
    rope_theta: float = 10000.0
    rope_scaling: tuple[tuple[str, Any], ...] | None = None
    sliding_window: int | None = None
    bos_token_id: int | None = None
    eos_token_ids: tuple[int, ...] = ()

    @property
    def q_dim(self) -> int:
        """Width of the concatenated query heads."""
        return self.num_heads * self.head_dim

    @property
    def kv_dim(self) -> int:
        """Width of the concatenated key (or value) heads."""
        return self.num_kv_heads * self.head_dim

    def to_json_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict of every field (used for fingerprints)."""
        fields = dataclasses.asdict(self)
        if self.rope_scaling is not None:
            fields["rope_scaling"] = dict(self.rope_scaling)
        fields["eos_token_ids"] = list(self.eos_token_ids)
        return fields


def _require(raw: dict[str, Any], key: str, source: str) -> Any:
    if key not in raw or raw[key] is None:
        raise CheckpointError(f"{source} lacks the required field {key!r}.")
    return raw[key]


def _eos_ids(value: Any) -> tuple[int, ...]:
    if value is None:
        return ()
    if isinstance(value, int):
        return (value,)
    return tuple(int(v) for v in value)


def _rope_parameters(raw: dict[str, Any], source: str) -> tuple[float, tuple[tuple[str, Any], ...] | None]:
    """Reads RoPE settings from either transformers-5 `rope_parameters` or older `rope_theta`/`rope_scaling`."""
    params = dict(raw.get("rope_parameters") or {})
    theta = params.pop("rope_theta", raw.get("rope_theta", 10000.0))
    scaling = dict(raw.get("rope_scaling") or {})
    scaling.update(params)
    rope_type = scaling.pop("rope_type", scaling.pop("type", "default"))
    if rope_type not in SUPPORTED_ROPE_TYPES:
        raise CheckpointError(
            f"{source} uses rope_type {rope_type!r}; supported rope types are {', '.join(SUPPORTED_ROPE_TYPES)}."
        )
    if rope_type == "default":
        return float(theta), None
    scaling["rope_type"] = rope_type
    scaling.pop("rope_theta", None)
    return float(theta), tuple(sorted(scaling.items()))


def _gpt2_config(raw: dict[str, Any], source: str) -> ModelConfig:
    """The `ModelConfig` of a GPT-2 `config.json` (layer norms, learned positions, biased GELU MLP)."""
    d_model = int(_require(raw, "n_embd", source))
    num_heads = int(_require(raw, "n_head", source))
    activation = raw.get("activation_function", "gelu_new")
    if activation not in ("gelu_new", "gelu_pytorch_tanh"):
        raise CheckpointError(
            f"{source} uses activation_function {activation!r}; only gelu_new is supported."
        )
    if raw.get("scale_attn_by_inverse_layer_idx") or raw.get("reorder_and_upcast_attn"):
        raise CheckpointError(f"{source} uses GPT-2 attention options that are not supported.")
    return ModelConfig(
        model_type="gpt2",
        family="gpt2",
        vocab_size=int(_require(raw, "vocab_size", source)),
        d_model=d_model,
        num_layers=int(_require(raw, "n_layer", source)),
        num_heads=num_heads,
        num_kv_heads=num_heads,
        head_dim=d_model // num_heads,
        ffn_dim=int(raw.get("n_inner") or 4 * d_model),
        norm_eps=float(raw.get("layer_norm_epsilon", 1e-5)),
        max_positions=int(_require(raw, "n_positions", source)),
        tie_embeddings=bool(raw.get("tie_word_embeddings", True)),
        qkv_bias=True,
        out_bias=True,
        mlp_bias=True,
        bos_token_id=raw.get("bos_token_id"),
        eos_token_ids=_eos_ids(raw.get("eos_token_id")),
    )


def _llama_config(raw: dict[str, Any], source: str, model_type: str) -> ModelConfig:
    """The `ModelConfig` of a Llama-like `config.json` (llama, mistral, qwen2: RMS norms, RoPE, SwiGLU)."""
    hidden_act = raw.get("hidden_act", "silu")
    if hidden_act != "silu":
        raise CheckpointError(f"{source} uses hidden_act {hidden_act!r}; only silu (SwiGLU) is supported.")
    d_model = int(_require(raw, "hidden_size", source))
    num_heads = int(_require(raw, "num_attention_heads", source))
    theta, scaling = _rope_parameters(raw, source)
    attention_bias = bool(raw.get("attention_bias", False))
    sliding_window = raw.get("sliding_window")
    if model_type == "qwen2" and not raw.get("use_sliding_window", False):
        sliding_window = None
    return ModelConfig(
        model_type=model_type,
        family="llama",
        vocab_size=int(_require(raw, "vocab_size", source)),
        d_model=d_model,
        num_layers=int(_require(raw, "num_hidden_layers", source)),
        num_heads=num_heads,
        num_kv_heads=int(raw.get("num_key_value_heads") or num_heads),
        head_dim=int(raw.get("head_dim") or d_model // num_heads),
        ffn_dim=int(_require(raw, "intermediate_size", source)),
        norm_eps=float(raw.get("rms_norm_eps", 1e-6)),
        max_positions=int(raw.get("max_position_embeddings", 2048)),
        tie_embeddings=bool(raw.get("tie_word_embeddings", False)),
        qkv_bias=model_type == "qwen2" or attention_bias,
        out_bias=attention_bias,
        mlp_bias=bool(raw.get("mlp_bias", False)),
        rope_theta=theta,
        rope_scaling=scaling,
        sliding_window=int(sliding_window) if sliding_window else None,
        bos_token_id=raw.get("bos_token_id"),
        eos_token_ids=_eos_ids(raw.get("eos_token_id")),
    )


def config_from_dict(raw: dict[str, Any], source: str = "config.json") -> ModelConfig:
    """Builds a `ModelConfig` from the dict of a Hugging Face `config.json`.

    Raises `CheckpointError` naming the field when a required one is missing or the architecture is unsupported.
    """
    model_type = raw.get("model_type")
    if model_type not in SUPPORTED_TYPES:
        raise CheckpointError(
            f"{source} has model_type {model_type!r}; supported model types are {', '.join(SUPPORTED_TYPES)}."
        )
    if model_type == "gpt2":
        return _gpt2_config(raw, source)
    return _llama_config(raw, source, model_type)


def load_config(folder: str) -> ModelConfig:
    """Reads `folder/config.json` into a `ModelConfig`."""
    path = os.path.join(folder, "config.json")
    if not os.path.isfile(path):
        raise CheckpointError(f"checkpoint folder {folder!r} has no config.json.")
    try:
        with open(path) as f:
            raw = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        raise CheckpointError(f"{path} is not valid JSON: {e}.") from None
    if not isinstance(raw, dict):
        raise CheckpointError(f"{path} does not hold a JSON object.")
    return config_from_dict(raw, source=path)
