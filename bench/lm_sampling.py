r"""Sampling throughput: ours (JAX) vs transformers + PyTorch `generate` (and llama.cpp if installed).

Both run the same dequantized SmolLM2-135M weights in float32 on the same prompt in this one process:

  python bench/lm_sampling.py                                   # 370-token prompt, 200 new tokens, batch 1,16,64
  python bench/lm_sampling.py --batch_sizes=16 --max_new_tokens=64 --prompt_tokens=128   # a quick run
  python bench/lm_sampling.py --batch_sizes=16 --profile        # + where a decode step's time goes

Tokens per second count generated tokens only (every row is forced to `max_new_tokens`: EOS is ignored) over
the whole call (prefill + decode; compilation excluded by a warm-up call at the same shapes).
"""

from __future__ import annotations

import functools
import os
import sys
import time

import flax
import jax
import jax.numpy as jnp
import numpy as np
from absl import app, flags

from evojax_nas.lm import load, model, sampling

flags.DEFINE_string("checkpoint", "smollm2-135m", "Checkpoint to benchmark (name, HF folder or .gguf).")
flags.DEFINE_integer("prompt_tokens", 370, "Prompt length in tokens (a prefix of flax's linen/linear.py).")
flags.DEFINE_integer("max_new_tokens", 200, "New tokens per sample.")
flags.DEFINE_list("batch_sizes", ["1", "16", "64"], "Samples per call (one prompt shared by all rows).")
flags.DEFINE_float("temperature", 0.8, "Sampling temperature.")
flags.DEFINE_float("top_p", 0.95, "Nucleus mass.")
flags.DEFINE_bool("transformers", True, "Also time transformers + PyTorch generate.")
flags.DEFINE_bool("llama_cpp", True, "Also time llama-cpp-python on the GGUF when it is importable.")
flags.DEFINE_integer("torch_threads", 2, "torch.set_num_threads for the reference.")
flags.DEFINE_bool("profile", False, "Break a decode step down into matmuls, attention over the cache, sampling.")
FLAGS = flags.FLAGS


def _log(message: str) -> None:
    print(message, flush=True)


def _prompt_ids(lm, num_tokens: int) -> list[int]:
    with open(os.path.join(os.path.dirname(flax.__file__), "linen", "linear.py"), encoding="utf-8") as f:
        ids = lm.encode(f.read())
    return ids[:num_tokens]


def bench_ours(lm, prompt_ids: list[int], batch: int, max_new_tokens: int) -> tuple[float, float]:
    """(tokens per second, seconds of the first call including compilation)."""

    def run(seed):
        tokens, _, _ = sampling.generate_tokens(
            lm,
            [lm.embed(prompt_ids)],
            num_samples_per_prompt=batch,
            temperatures=FLAGS.temperature,
            top_p=FLAGS.top_p,
            key=jax.random.key(seed),
            max_new_tokens=max_new_tokens,
            stop_token_ids=(),
        )
        return tokens

    start = time.perf_counter()
    run(0)
    first = time.perf_counter() - start
    start = time.perf_counter()
    tokens = run(1)
    elapsed = time.perf_counter() - start
    assert tokens.shape == (batch, max_new_tokens)
    return batch * max_new_tokens / elapsed, first


def bench_transformers(folder: str, prompt_ids: list[int], batch: int, max_new_tokens: int) -> float:
    """Tokens per second of transformers' `generate` (sampling, KV cache) on the same float32 weights."""
    import torch
    import transformers

    torch.set_num_threads(FLAGS.torch_threads)
    hf = _hf_model(folder)
    inputs = torch.tensor([prompt_ids] * batch)
    kwargs = dict(do_sample=True, temperature=FLAGS.temperature, top_p=FLAGS.top_p, top_k=None, pad_token_id=0)
    with torch.inference_mode():
        hf.generate(inputs[:, :16], max_new_tokens=4, min_new_tokens=4, **kwargs)  # warm-up
        torch.manual_seed(0)
        start = time.perf_counter()
        out = hf.generate(inputs, max_new_tokens=max_new_tokens, min_new_tokens=max_new_tokens, **kwargs)
        elapsed = time.perf_counter() - start
    assert out.shape == (batch, len(prompt_ids) + max_new_tokens)
    del transformers
    return batch * max_new_tokens / elapsed


@functools.cache
def _hf_model(folder: str):
    import torch
    import transformers

    return transformers.AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32).eval()


def bench_llama_cpp(prompt_ids: list[int], max_new_tokens: int) -> float | None:
    """Single-stream tokens per second of llama-cpp-python on the original GGUF, or None if not importable."""
    try:
        import llama_cpp
    except ImportError:
        _log("llama-cpp-python is not importable: skipping it (pip install llama-cpp-python to include it).")
        return None
    from evojax_nas.lm.gguf_loader import smollm2_gguf_path

    llm = llama_cpp.Llama(model_path=smollm2_gguf_path(), n_ctx=2048, n_threads=2, verbose=False)
    llm.generate  # noqa: B018
    start = time.perf_counter()
    count = 0
    for _ in llm.generate(prompt_ids, temp=FLAGS.temperature, top_p=FLAGS.top_p, top_k=0):
        count += 1
        if count == max_new_tokens:
            break
    return count / (time.perf_counter() - start)


def _per_call_ms(fn, *args, repeats: int = 5) -> float:
    jax.block_until_ready(fn(*args))
    start = time.perf_counter()
    for _ in range(repeats):
        jax.block_until_ready(fn(*args))
    return (time.perf_counter() - start) / repeats * 1000


def profile_decode_step(lm, prompt_len: int, batch: int, max_new_tokens: int) -> None:
    """Times the parts of one decode step at this batch with the cache half full, each jitted on its own."""
    c, p = lm.config, lm.params
    prefix = -(-prompt_len // 64) * 64
    shape = (c.num_layers, 1, c.num_kv_heads, prefix, c.head_dim)
    prefix_kv = (jnp.zeros(shape), jnp.zeros(shape))
    gen_shape = (c.num_layers, batch, c.num_kv_heads, max_new_tokens, c.head_dim)
    gen_kv = (jnp.zeros(gen_shape), jnp.zeros(gen_shape))
    prefix_positions = jnp.arange(prefix)[None]
    prefix_valid = jnp.ones((1, prefix), bool)
    embeds = jnp.zeros((batch, 1, c.d_model))
    positions = jnp.full((batch, 1), prefix + max_new_tokens // 2)
    step = jnp.int32(max_new_tokens // 2)

    @jax.jit
    def full_step(p, embeds, prefix_kv, gen_kv):
        return model.decode_step(c, p, embeds, positions, prefix_kv, prefix_positions, prefix_valid, gen_kv, step)

    @jax.jit
    def no_cache_step(p, embeds):  # the same layers, attending only to the token itself
        hidden, _ = model.prefill(c, p, embeds, positions)
        return hidden

    @jax.jit
    def lm_head(p, hidden):
        return model.logits_from_hidden(c, p, hidden)

    logits = jax.random.normal(jax.random.key(0), (batch, c.vocab_size))
    keys = jax.random.split(jax.random.key(0), batch)
    sample = jax.jit(functools.partial(sampling.sample_token, top_k=64))
    full = _per_call_ms(full_step, p, embeds, prefix_kv, gen_kv)
    layers = _per_call_ms(no_cache_step, p, embeds)
    head = _per_call_ms(lm_head, p, embeds[:, 0])
    draw = _per_call_ms(sample, logits, jnp.full(batch, 0.8), jnp.full(batch, 0.95), keys)
    total = full + draw
    _log(f"decode step at batch {batch} (prompt cache {prefix}, generated cache {max_new_tokens} slots):")
    for name, ms in [
        ("layer matmuls + norms (no cache)", layers),
        ("attention over the KV cache", full - layers - head),
        ("lm head (vocab projection)", head),
        ("sampling (top-k 64 + top-p)", draw),
    ]:
        _log(f"  {name:36s} {ms:7.1f} ms  {100 * ms / total:5.1f}%")
    _log(f"  {'total':36s} {total:7.1f} ms")


def main(argv):
    del argv
    lm = load(FLAGS.checkpoint)
    prompt_ids = _prompt_ids(lm, FLAGS.prompt_tokens)
    max_new = FLAGS.max_new_tokens
    _log(f"{FLAGS.checkpoint}: prompt {len(prompt_ids)} tokens, {max_new} new tokens, float32, "
         f"{os.cpu_count()} CPUs, jax {jax.__version__} on {jax.devices()[0].platform}")
    llama_cpp_rate = bench_llama_cpp(prompt_ids, max_new) if FLAGS.llama_cpp else None
    if llama_cpp_rate is not None:
        _log(f"llama.cpp (GGUF, 2 threads, single stream): {llama_cpp_rate:.1f} tok/s")
    folder = lm.source if os.path.isdir(lm.source) else None
    if folder is None:
        from evojax_nas.lm.gguf_loader import converted_folder, smollm2_gguf_path

        folder = converted_folder(smollm2_gguf_path())
    for batch in (int(b) for b in FLAGS.batch_sizes):
        ours, first = bench_ours(lm, prompt_ids, batch, max_new)
        line = f"batch {batch:3d}: ours {ours:7.1f} tok/s (first call incl. compile {first:5.1f}s)"
        if FLAGS.transformers:
            theirs = bench_transformers(folder, prompt_ids, batch, max_new)
            best = max(theirs, llama_cpp_rate or 0.0)
            line += f" | transformers+torch {theirs:6.1f} tok/s | ours / best other {ours / best:5.2f}x"
        _log(line)
    if FLAGS.profile:
        for batch in (int(b) for b in FLAGS.batch_sizes):
            profile_decode_step(lm, len(prompt_ids), batch, max_new)


if __name__ == "__main__":
    sys.exit(app.run(main))
