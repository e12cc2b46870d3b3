"""Loading a Hugging Face model folder (config.json + single or sharded safetensors) into our parameter pytree."""

from __future__ import annotations

import glob
import hashlib
import json
import os

import numpy as np

from evojax_nas.lm.config import ModelConfig
from evojax_nas.lm.errors import CheckpointError
from evojax_nas.lm.safetensors_io import read_safetensors


def safetensors_files(folder: str) -> list[str]:
    """The weight files of a checkpoint folder: the shards named by the index, or all `*.safetensors`."""
    index_path = os.path.join(folder, "model.safetensors.index.json")
    if os.path.isfile(index_path):
        try:
            with open(index_path) as f:
                weight_map = json.load(f)["weight_map"]
        except (OSError, json.JSONDecodeError, KeyError) as e:
            raise CheckpointError(f"{index_path} is malformed ({e}).") from None
        files = sorted({os.path.join(folder, shard) for shard in weight_map.values()})
        for path in files:
            if not os.path.isfile(path):
                raise CheckpointError(f"shard {os.path.basename(path)} named in {index_path} is missing.")
        return files
    files = sorted(glob.glob(os.path.join(folder, "*.safetensors")))
    if not files:
        raise CheckpointError(f"checkpoint folder {folder!r} has no *.safetensors weights.")
    return files


def read_state_dict(folder: str) -> dict[str, np.ndarray]:
    """All tensors of a checkpoint folder by their Hugging Face names (memory-mapped numpy arrays)."""
    state: dict[str, np.ndarray] = {}
    for path in safetensors_files(folder):
        state.update(read_safetensors(path))
    return state


class _Tensors:
    """Looks up Hugging Face tensor names, ignoring the `model.` / `transformer.` prefix."""

    def __init__(self, state: dict[str, np.ndarray], folder: str):
        self._state = {}
        for name, value in state.items():
            for prefix in ("model.", "transformer."):
                if name.startswith(prefix) and not name.startswith("model.lm_head"):
                    name = name[len(prefix) :]
                    break
            self._state[name] = value
        self._folder = folder

    def __contains__(self, name: str) -> bool:
        return name in self._state

    def get(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        if name not in self._state:
            raise CheckpointError(f"checkpoint {self._folder!r} lacks the tensor {name!r}.")
        value = self._state[name]
        if tuple(value.shape) != tuple(shape):
            raise CheckpointError(
                f"checkpoint {self._folder!r}: tensor {name!r} has shape {tuple(value.shape)}, expected {shape}."
            )
        return np.asarray(value, dtype=np.float32)

    def layers(self, template: str, shape: tuple[int, ...], num_layers: int, transpose: bool = False):
        arrays = [self.get(template.format(i), shape) for i in range(num_layers)]
        return np.stack([a.T if transpose else a for a in arrays])


def _llama_params(config: ModelConfig, t: _Tensors) -> dict:
    c, n = config, config.num_layers
    d = c.d_model
    attn = "layers.{}.self_attn."
    layers = {
        "attn_norm": t.layers("layers.{}.input_layernorm.weight", (d,), n),
        "wqkv": np.concatenate(
            [
                t.layers(attn + "q_proj.weight", (c.q_dim, d), n, transpose=True),
                t.layers(attn + "k_proj.weight", (c.kv_dim, d), n, transpose=True),
                t.layers(attn + "v_proj.weight", (c.kv_dim, d), n, transpose=True),
            ],
            axis=-1,
        ),
        "wo": t.layers(attn + "o_proj.weight", (d, c.q_dim), n, transpose=True),
        "mlp_norm": t.layers("layers.{}.post_attention_layernorm.weight", (d,), n),
        "w_gate_up": np.concatenate(
            [
                t.layers("layers.{}.mlp.gate_proj.weight", (c.ffn_dim, d), n, transpose=True),
                t.layers("layers.{}.mlp.up_proj.weight", (c.ffn_dim, d), n, transpose=True),
            ],
            axis=-1,
        ),
        "w_down": t.layers("layers.{}.mlp.down_proj.weight", (d, c.ffn_dim), n, transpose=True),
    }
    if c.qkv_bias:
        layers["bqkv"] = np.concatenate(
            [
                t.layers(attn + "q_proj.bias", (c.q_dim,), n),
                t.layers(attn + "k_proj.bias", (c.kv_dim,), n),
                t.layers(attn + "v_proj.bias", (c.kv_dim,), n),
            ],
            axis=-1,
        )
    if c.out_bias:
        layers["bo"] = t.layers(attn + "o_proj.bias", (d,), n)
    if c.mlp_bias:
        layers["b_gate_up"] = np.concatenate(
            [
                t.layers("layers.{}.mlp.gate_proj.bias", (c.ffn_dim,), n),
                t.layers("layers.{}.mlp.up_proj.bias", (c.ffn_dim,), n),
            ],
            axis=-1,
        )
        layers["b_down"] = t.layers("layers.{}.mlp.down_proj.bias", (d,), n)
    params = {
        "embed": t.get("embed_tokens.weight", (c.vocab_size, d)),
        "final_norm": t.get("norm.weight", (d,)),
        "layers": layers,
    }
    if not c.tie_embeddings:
        params["lm_head"] = t.get("lm_head.weight", (c.vocab_size, d)).T
    return params


def _gpt2_params(config: ModelConfig, t: _Tensors) -> dict:
    c, n, d = config, config.num_layers, config.d_model
    layers = {
        "attn_norm": t.layers("h.{}.ln_1.weight", (d,), n),
        "attn_norm_bias": t.layers("h.{}.ln_1.bias", (d,), n),
        "wqkv": t.layers("h.{}.attn.c_attn.weight", (d, 3 * d), n),  # Conv1D weights are already [in, out]
        "bqkv": t.layers("h.{}.attn.c_attn.bias", (3 * d,), n),
        "wo": t.layers("h.{}.attn.c_proj.weight", (d, d), n),
        "bo": t.layers("h.{}.attn.c_proj.bias", (d,), n),
        "mlp_norm": t.layers("h.{}.ln_2.weight", (d,), n),
        "mlp_norm_bias": t.layers("h.{}.ln_2.bias", (d,), n),
        "w_up": t.layers("h.{}.mlp.c_fc.weight", (d, c.ffn_dim), n),
        "b_up": t.layers("h.{}.mlp.c_fc.bias", (c.ffn_dim,), n),
        "w_down": t.layers("h.{}.mlp.c_proj.weight", (c.ffn_dim, d), n),
        "b_down": t.layers("h.{}.mlp.c_proj.bias", (d,), n),
    }
    params = {
        "embed": t.get("wte.weight", (c.vocab_size, d)),
        "pos_embed": t.get("wpe.weight", (c.max_positions, d)),
        "final_norm": t.get("ln_f.weight", (d,)),
        "final_norm_bias": t.get("ln_f.bias", (d,)),
        "layers": layers,
    }
    if not c.tie_embeddings:
        params["lm_head"] = t.get("lm_head.weight", (c.vocab_size, d)).T
    return params


def params_from_state_dict(config: ModelConfig, state: dict[str, np.ndarray], folder: str = "") -> dict:
    """Converts Hugging Face tensors to our float32 numpy parameter pytree (fused, stacked, `[in, out]`)."""
    tensors = _Tensors(state, folder)
    if config.family == "gpt2":
        return _gpt2_params(config, tensors)
    return _llama_params(config, tensors)


def fingerprint(config: ModelConfig, embedding: np.ndarray) -> str:
    """Identity of a model: a hash of its architecture and its token-embedding matrix (as float32)."""
    digest = hashlib.sha256(json.dumps(config.to_json_dict(), sort_keys=True).encode())
    digest.update(np.ascontiguousarray(embedding, dtype=np.float32).tobytes())
    return f"{config.model_type}-{digest.hexdigest()[:16]}"
