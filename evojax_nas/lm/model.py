"""The decoder: a pure-JAX forward pass over a parameter pytree, for the Llama-like family and GPT-2.

Parameters are a plain dict of arrays (see `param_shapes`) with the layers stacked along a leading axis, so
the layer loop is one `lax.scan` (compile time independent of depth) and the same pytree works with optax,
Orbax and `jax.sharding`. Matrices are stored `[in, out]`; Q, K and V are fused into one `wqkv` matrix and the
SwiGLU gate and up projections into one `w_gate_up`, so a layer runs three large matmuls instead of six.

The entry points share one layer body and differ only in the attention they do:
- `forward`: all tokens attend causally to each other (training, parity tests, prefill);
- `prefill`: `forward` that also returns each layer's keys and values (the prompt's KV cache);
- `decode_step`: one new token per row attends to a prompt cache shared by groups of rows, to the row's own
  cache of generated tokens, and to itself (see `sampling.py`);
- `decode_tokens`: the same for several new tokens per row, each row at its own cache offset (speculative
  decoding's verification pass).
Each also accepts the layers as a list of per-layer pytrees (`unstack_layers`), which the decode loops use. The
attentions themselves are in `attention.py`.
"""

from __future__ import annotations

import math
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from evojax_nas.lm.attention import (
    AttentionFn,
    causal_attention,
    one_token_attention,
    several_tokens_attention,
)
from evojax_nas.lm.config import ModelConfig

Params = dict[str, Any]


def param_shapes(config: ModelConfig) -> Params:
    """The shape of every parameter for `config`, as a pytree of tuples mirroring the parameter pytree."""
    c, n = config, config.num_layers
    qkv = c.q_dim + 2 * c.kv_dim
    layers: dict[str, tuple[int, ...]] = {
        "attn_norm": (n, c.d_model),
        "wqkv": (n, c.d_model, qkv),
        "wo": (n, c.q_dim, c.d_model),
        "mlp_norm": (n, c.d_model),
        "w_down": (n, c.ffn_dim, c.d_model),
    }
    if c.qkv_bias:
        layers["bqkv"] = (n, qkv)
    if c.out_bias:
        layers["bo"] = (n, c.d_model)
    shapes: Params = {"embed": (c.vocab_size, c.d_model), "final_norm": (c.d_model,), "layers": layers}
    if c.family == "gpt2":
        layers.update(
            attn_norm_bias=(n, c.d_model), mlp_norm_bias=(n, c.d_model), w_up=(n, c.d_model, c.ffn_dim)
        )
        layers.update(b_up=(n, c.ffn_dim), b_down=(n, c.d_model))
        shapes.update(final_norm_bias=(c.d_model,), pos_embed=(c.max_positions, c.d_model))
    else:
        layers["w_gate_up"] = (n, c.d_model, 2 * c.ffn_dim)
        if c.mlp_bias:
            layers.update(b_gate_up=(n, 2 * c.ffn_dim), b_down=(n, c.d_model))
    if not c.tie_embeddings:
        shapes["lm_head"] = (c.d_model, c.vocab_size)
    return shapes


def rope_inverse_frequencies(config: ModelConfig) -> np.ndarray:
    """RoPE inverse frequencies `[head_dim // 2]`, with `rope_scaling` (linear or Llama-3) applied."""
    dim = config.head_dim
    inv_freq = 1.0 / (config.rope_theta ** (np.arange(0, dim, 2, dtype=np.float32) / dim))
    if config.rope_scaling is None:
        return inv_freq.astype(np.float32)
    scaling = dict(config.rope_scaling)
    factor = float(scaling["factor"])
    if scaling["rope_type"] == "linear":
        return (inv_freq / factor).astype(np.float32)
    # Llama 3: long wavelengths divided by `factor`, short ones kept, a smooth blend in between.
    low, high = float(scaling["low_freq_factor"]), float(scaling["high_freq_factor"])
    old_context = float(scaling["original_max_position_embeddings"])
    wavelen = 2 * math.pi / inv_freq
    scaled = np.where(wavelen > old_context / low, inv_freq / factor, inv_freq)
    smooth = (old_context / wavelen - low) / (high - low)
    smoothed = (1 - smooth) * scaled / factor + smooth * scaled
    medium = (wavelen >= old_context / high) & (wavelen <= old_context / low)
    return np.where(medium, smoothed, scaled).astype(np.float32)


def _rope_tables(config: ModelConfig, positions: jax.Array) -> tuple[jax.Array, jax.Array]:
    """cos and sin tables `[B, T, head_dim // 2]` for integer positions `[B, T]`."""
    angles = positions.astype(jnp.float32)[..., None] * jnp.asarray(rope_inverse_frequencies(config))
    return jnp.cos(angles), jnp.sin(angles)


def _apply_rope(x: jax.Array, cos: jax.Array, sin: jax.Array) -> jax.Array:
    """Rotates `x` `[B, T, heads, head_dim]` in the half-split layout of Hugging Face Llama."""
    half = x.shape[-1] // 2
    x1, x2 = x[..., :half].astype(jnp.float32), x[..., half:].astype(jnp.float32)
    cos, sin = cos[:, :, None, :], sin[:, :, None, :]
    return jnp.concatenate([x1 * cos - x2 * sin, x2 * cos + x1 * sin], axis=-1).astype(x.dtype)


def _rms_norm(x: jax.Array, scale: jax.Array, eps: float) -> jax.Array:
    x32 = x.astype(jnp.float32)
    x32 = x32 * jax.lax.rsqrt(jnp.mean(x32 * x32, axis=-1, keepdims=True) + eps)
    return scale * x32.astype(x.dtype)


def _layer_norm(x: jax.Array, scale: jax.Array, bias: jax.Array, eps: float) -> jax.Array:
    x32 = x.astype(jnp.float32)
    mean = jnp.mean(x32, axis=-1, keepdims=True)
    var = jnp.mean(jnp.square(x32 - mean), axis=-1, keepdims=True)
    return ((x32 - mean) * jax.lax.rsqrt(var + eps)).astype(x.dtype) * scale + bias


def _norm(config: ModelConfig, x: jax.Array, p: Params, name: str) -> jax.Array:
    if config.family == "gpt2":
        return _layer_norm(x, p[name], p[name + "_bias"], config.norm_eps)
    return _rms_norm(x, p[name], config.norm_eps)


def _project(x: jax.Array, p: Params, name: str) -> jax.Array:
    """`x @ p[name]`, plus the low-rank update `(x @ A) @ B` when the layer carries LoRA factors
    `p[name + "_lora_a"]` `[in, r]` and `p[name + "_lora_b"]` `[r, out]` (adapter training, see `lora.py`).

    Kept unmerged during training so that gradients reach only the small factors; for sampling the factors are
    merged into the weight once (`lora.merge`)."""
    y = x @ p[name]
    lora_a = p.get(name + "_lora_a")
    if lora_a is not None:
        y = y + ((x @ lora_a.astype(x.dtype)) @ p[name + "_lora_b"].astype(x.dtype)).astype(y.dtype)
    return y


def _layer(config: ModelConfig, attention: AttentionFn, x: jax.Array, p: Params, cos, sin, layer_index):
    """One decoder block; returns the new hidden state and this block's keys and values `[B, K, T, hd]`.

    The named scopes label the compiled ops so that profiles (bench/lm_sampling.py --profile) can attribute
    time to each part."""
    c = config
    batch, length, _ = x.shape
    with jax.named_scope("qkv_projection"):
        h = _norm(c, x, p, "attn_norm")
        qkv = _project(h, p, "wqkv")
        if c.qkv_bias:
            qkv = qkv + p["bqkv"]
    q = qkv[..., : c.q_dim].reshape(batch, length, c.num_heads, c.head_dim)
    k = qkv[..., c.q_dim : c.q_dim + c.kv_dim].reshape(batch, length, c.num_kv_heads, c.head_dim)
    v = qkv[..., c.q_dim + c.kv_dim :].reshape(batch, length, c.num_kv_heads, c.head_dim)
    with jax.named_scope("attention"):
        if c.family == "llama":
            q, k = _apply_rope(q, cos, sin), _apply_rope(k, cos, sin)
        groups = c.num_heads // c.num_kv_heads
        q = q.reshape(batch, length, c.num_kv_heads, groups, c.head_dim) * (1.0 / math.sqrt(c.head_dim))
        attended = attention(q, k, v, layer_index).reshape(batch, length, c.q_dim)
    with jax.named_scope("out_projection"):
        out = _project(attended, p, "wo")
        if c.out_bias:
            out = out + p["bo"]
        x = x + out
    with jax.named_scope("mlp"):
        h = _norm(c, x, p, "mlp_norm")
        if c.family == "gpt2":
            h = jax.nn.gelu(_project(h, p, "w_up") + p["b_up"], approximate=True)
        else:
            gate_up = _project(h, p, "w_gate_up")
            if c.mlp_bias:
                gate_up = gate_up + p["b_gate_up"]
            h = jax.nn.silu(gate_up[..., : c.ffn_dim]) * gate_up[..., c.ffn_dim :]
        h = _project(h, p, "w_down")
        if c.mlp_bias:
            h = h + p["b_down"]
    return x + h, (k.transpose(0, 2, 1, 3), v.transpose(0, 2, 1, 3))


def _run_layers(
    config,
    params,
    inputs_embeds,
    positions,
    attention,
    remat: bool = False,
    *,
    from_hidden: bool = False,
    final_norm: bool = True,
):
    """Embeds positions, scans the blocks, and applies the final norm; returns hidden states and new K/V.

    With `remat`, each block saves only its matmul outputs for the backward pass and recomputes the rest
    (attention scores and probabilities are `[B, heads, T, T]` per layer: kept for 30 layers of long training
    sequences they would need tens of GB). The blocks run are those of `params["layers"]` (any number of them):
    with `from_hidden` the inputs are the hidden states of an earlier block (no position embedding is added),
    and without `final_norm` the last block's output is returned as is (to continue with later blocks)."""
    x = inputs_embeds.astype(params["embed"].dtype)
    if config.family == "gpt2":
        if not from_hidden:
            x = x + params["pos_embed"][positions]
        cos = sin = None
    else:
        cos, sin = _rope_tables(config, positions)

    def body(x, layer_inputs):
        layer_params, layer_index = layer_inputs
        return _layer(config, attention, x, layer_params, cos, sin, layer_index)

    if remat:
        body = jax.checkpoint(body, policy=jax.checkpoint_policies.dots_with_no_batch_dims_saveable)

    layers = params["layers"]
    if isinstance(layers, (list, tuple)):
        # Layers given one pytree each (`unstack_layers`): an unrolled loop whose matmuls read the weights in
        # place. A scan over stacked weights slices each layer's matrices out of the stack, and XLA:CPU
        # materialises every slice as a copy before the matmul (in a decode loop: every weight, every step).
        keys, values = [], []
        for index, layer_params in enumerate(layers):
            x, (k, v) = body(x, (layer_params, index))
            keys.append(k)
            values.append(v)
        new_kv = (jnp.stack(keys), jnp.stack(values))
    else:
        # Caches are not scanned over (that would copy each layer's slice); attention slices them by layer index.
        layer_indices = jnp.arange(len(jax.tree.leaves(layers)[0]), dtype=jnp.int32)
        x, new_kv = jax.lax.scan(body, x, (layers, layer_indices))
    return (_norm(config, x, params, "final_norm") if final_norm else x), new_kv


def unstack_layers(params: Params) -> Params:
    """`params` with the stacked layer weights split into a list of per-layer pytrees.

    Every entry point accepts either layout and computes the same thing; the per-layer layout runs the layers as
    an unrolled loop that reads each weight matrix in place (no per-layer slice copies: see `_run_layers`), at
    the price of a longer compile. The sampler splits the weights once per call (one copy of the weights)."""
    layers = params["layers"]
    num_layers = len(next(iter(layers.values())))
    return dict(params, layers=[jax.tree.map(lambda a, i=i: a[i], layers) for i in range(num_layers)])


def embed_tokens(params: Params, token_ids: jax.Array) -> jax.Array:
    """Token embeddings `[..., d_model]` of integer ids (no positional embedding: that is added in `forward`)."""
    return params["embed"][token_ids]


def logits_from_hidden(config: ModelConfig, params: Params, hidden: jax.Array) -> jax.Array:
    """Next-token logits (float32) from final hidden states."""
    with jax.named_scope("lm_head"):
        head = params["embed"].T if config.tie_embeddings else params["lm_head"]
        return jnp.matmul(hidden, head, preferred_element_type=jnp.float32)


def forward(
    config: ModelConfig,
    params: Params,
    inputs_embeds: jax.Array,
    positions: jax.Array | None = None,
    valid: jax.Array | None = None,
) -> jax.Array:
    """Logits `[B, T, vocab]` for embedded inputs `[B, T, d_model]` with causal attention.

    `positions` `[B, T]` defaults to 0..T-1; `valid` `[B, T]` marks real tokens (padding keys are masked out;
    outputs at padded positions are meaningless).
    """
    hidden, _ = prefill(config, params, inputs_embeds, positions, valid)
    return logits_from_hidden(config, params, hidden)


def prefill(
    config: ModelConfig,
    params: Params,
    inputs_embeds: jax.Array,
    positions: jax.Array | None = None,
    valid: jax.Array | None = None,
    remat: bool = False,
    *,
    from_hidden: bool = False,
    final_norm: bool = True,
) -> tuple[jax.Array, tuple[jax.Array, jax.Array]]:
    """Final hidden states `[B, T, d]` and the KV cache `([L, B, K, T, hd], [L, B, K, T, hd])` of the inputs.

    `remat=True` trades recomputation for memory when differentiating (see `_run_layers`). To run a slice of the
    layers (`params["layers"]` holding only those), pass `final_norm=False` for the lower slice and
    `from_hidden=True` with its output as `inputs_embeds` for the upper one."""
    batch, length, _ = inputs_embeds.shape
    if positions is None:
        positions = jnp.broadcast_to(jnp.arange(length, dtype=jnp.int32), (batch, length))
    if valid is None:
        valid = jnp.ones((batch, length), dtype=bool)
    attention = causal_attention(config, positions, valid)
    return _run_layers(
        config,
        params,
        inputs_embeds,
        positions,
        attention,
        remat=remat,
        from_hidden=from_hidden,
        final_norm=final_norm,
    )


def decode_step(
    config: ModelConfig,
    params: Params,
    inputs_embeds: jax.Array,
    positions: jax.Array,
    prefix_cache: tuple[jax.Array, jax.Array],
    prefix_positions: jax.Array,
    prefix_valid: jax.Array,
    generated_cache: tuple[jax.Array, jax.Array],
    step: jax.Array,
) -> tuple[jax.Array, tuple[jax.Array, jax.Array]]:
    """One decoding step for `B = num_prompts * n` rows, one new token each.

    inputs_embeds `[B, 1, d]`; positions `[B, 1]`; prefix_cache K and V `[L, num_prompts, K, S, hd]` shared by
    the n consecutive rows of each prompt, with prefix_positions and prefix_valid `[num_prompts, S]`;
    generated_cache K and V `[L, B, K, M, hd]` (M a multiple of `attention.GENERATED_CHUNK`) of which slots
    `< step` are filled. Returns logits `[B, vocab]` and this token's keys and values `[L, B, K, 1, hd]` (the
    caller writes them into slot `step`).

    Attention is split into three parts merged with a running log-sum-exp: the shared prompt cache (one
    matmul per prompt over all its rows), the filled chunks of the row's own cache (a loop over only
    `ceil(step / GENERATED_CHUNK)` chunks, so early steps do not read the empty slots), and the token itself
    (`attention.one_token_attention`).
    """
    attention = one_token_attention(
        config, positions[:, 0], prefix_cache, prefix_positions, prefix_valid, generated_cache, step
    )
    hidden, new_kv = _run_layers(config, params, inputs_embeds, positions, attention)
    return logits_from_hidden(config, params, hidden[:, 0]), new_kv


def decode_tokens(
    config: ModelConfig,
    params: Params,
    inputs_embeds: jax.Array,
    positions: jax.Array,
    prefix_cache: tuple[jax.Array, jax.Array],
    prefix_positions: jax.Array,
    prefix_valid: jax.Array,
    generated_cache: tuple[jax.Array, jax.Array],
    filled: jax.Array,
) -> tuple[jax.Array, tuple[jax.Array, jax.Array]]:
    """`T` new tokens per row at once (speculative decoding's verification pass), each row at its own offset.

    Like `decode_step`, with inputs_embeds `[B, T, d]` and positions `[B, T]` (consecutive per row), and
    `filled` `[B]`: the number of leading slots of each row's generated cache that hold earlier tokens (rows may
    have generated different numbers of tokens). Token `t` of a row attends to the shared prompt cache, to the
    row's filled slots, and causally to the row's new tokens `0..t`. Returns logits `[B, T, vocab]` (each
    predicts the token after its position) and the new tokens' keys and values `[L, B, K, T, hd]` (the caller
    writes them into slots `filled .. filled + T - 1` of each row).
    """
    attention = several_tokens_attention(
        config, positions, prefix_cache, prefix_positions, prefix_valid, generated_cache, filled
    )
    hidden, new_kv = _run_layers(config, params, inputs_embeds, positions, attention)
    return logits_from_hidden(config, params, hidden), new_kv
