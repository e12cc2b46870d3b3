"""Soft prompts: initialisation from vocabulary rows, and Orbax save/restore tied to the model's identity."""

from __future__ import annotations

import os
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import orbax.checkpoint as ocp

from evojax_nas.lm.errors import SoftPromptMismatchError
from evojax_nas.lm.language_model import LanguageModel

_FORMAT = "evojax_nas.soft_prompt/1"


def init_soft_prompt(lm: LanguageModel, key: jax.Array, num_tokens: int) -> jax.Array:
    """A `[num_tokens, d_model]` soft prompt copied from `num_tokens` randomly drawn vocabulary embeddings (see
    `LanguageModel.init_soft_prompt`)."""
    return lm.init_soft_prompt(key, num_tokens)


def rms(x: jax.Array) -> float:
    """Root mean square of an array (to compare a prompt's scale against the embeddings')."""
    return float(jnp.sqrt(jnp.mean(jnp.square(jnp.asarray(x, jnp.float32)))))


def save_soft_prompt(path: str, soft_prompt: jax.Array, lm: LanguageModel, opt_state: Any = None) -> None:
    """Saves a soft prompt (and optionally its optimiser state) with Orbax at `path`, tagged with the identity of
    `lm`. `path` must not exist yet."""
    path = os.path.abspath(path)
    state = {"soft_prompt": np.asarray(soft_prompt)}
    if opt_state is not None:
        state["opt_state"] = jax.tree.map(np.asarray, opt_state)
    metadata = {
        "format": _FORMAT,
        "model_identity": lm.identity,
        "model_source": lm.source,
        "shape": list(np.shape(soft_prompt)),
        "has_opt_state": opt_state is not None,
    }
    with ocp.Checkpointer(ocp.CompositeCheckpointHandler()) as checkpointer:
        checkpointer.save(
            path, ocp.args.Composite(state=ocp.args.PyTreeSave(state), metadata=ocp.args.JsonSave(metadata))
        )


def soft_prompt_metadata(path: str) -> dict:
    """The metadata saved with a soft prompt (format, model identity, shape)."""
    path = os.path.abspath(path)
    if not os.path.isdir(path):
        raise FileNotFoundError(f"no saved soft prompt at {path!r}.")
    with ocp.Checkpointer(ocp.CompositeCheckpointHandler()) as checkpointer:
        restored = checkpointer.restore(path, ocp.args.Composite(metadata=ocp.args.JsonRestore()))
    return dict(restored["metadata"])


def restore_soft_prompt(path: str, lm: LanguageModel, opt_state_like: Any = None) -> tuple[jax.Array, Any]:
    """Restores `(soft_prompt, opt_state)` saved by `save_soft_prompt` for the model `lm`.

    Raises `SoftPromptMismatchError` if the prompt was saved for a model with a different identity. The
    optimiser state is restored into the structure of `opt_state_like` (e.g. `optimizer.init(soft_prompt)`)
    when given; otherwise it is returned as nested containers of arrays, or None if none was saved.
    """
    path = os.path.abspath(path)
    metadata = soft_prompt_metadata(path)
    if metadata.get("model_identity") != lm.identity:
        raise SoftPromptMismatchError(
            f"the soft prompt at {path!r} belongs to model {metadata.get('model_identity')!r} "
            f"({metadata.get('model_source')}), not to {lm.identity!r} ({lm.source})."
        )
    with ocp.Checkpointer(ocp.CompositeCheckpointHandler()) as checkpointer:
        restored = checkpointer.restore(path, ocp.args.Composite(state=ocp.args.PyTreeRestore()))["state"]
    soft_prompt = jnp.asarray(restored["soft_prompt"])
    opt_state = restored.get("opt_state")
    if opt_state is not None and opt_state_like is not None:
        leaves = jax.tree.leaves(opt_state)
        opt_state = jax.tree.unflatten(jax.tree.structure(opt_state_like), [jnp.asarray(x) for x in leaves])
    return soft_prompt, opt_state
