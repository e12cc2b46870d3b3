r"""Command-line sampling: one JSON object per sample on stdout, progress on stderr.

  python -m evojax_nas.lm.sample --checkpoint=/path/to/hf_model_folder --prompt_file=p.txt \
      --num_samples=16 --max_new_tokens=256 --temperature=0.8 --top_p=0.95 --seed=0
  python -m evojax_nas.lm.sample --checkpoint=smollm2-135m --prompt_file=p.txt --draft_tokens=4

A missing or malformed checkpoint (or prompt file, or soft prompt) is reported as one line on stderr with exit
code 2.
"""

from __future__ import annotations

import json
import sys
import time

from absl import app, flags

FLAGS = flags.FLAGS
flags.DEFINE_string(
    "checkpoint", None, "Hugging Face model folder, .gguf file, or known name (smollm2-135m)."
)
flags.DEFINE_string("prompt_file", None, "Text file holding the prompt to continue.")
flags.DEFINE_integer("num_samples", 1, "Number of samples.")
flags.DEFINE_integer("max_new_tokens", 256, "Tokens generated per sample (also the fixed decode length).")
flags.DEFINE_float("temperature", 0.8, "Sampling temperature; 0 means greedy.")
flags.DEFINE_float("top_p", 0.95, "Nucleus probability mass (inside the top_k tokens).")
flags.DEFINE_integer("top_k", 64, "Candidates considered per step before top-p.")
flags.DEFINE_integer("seed", 0, "PRNG seed; equal seeds give equal samples.")
flags.DEFINE_multi_string("stop", [], "Stop string(s): a sample is cut before the first one.")
flags.DEFINE_string("soft_prompt", None, "Optional saved soft prompt (from save_soft_prompt) to prepend.")
flags.DEFINE_enum("dtype", "float32", ["float32", "bfloat16"], "Parameter dtype.")
flags.DEFINE_integer(
    "draft_tokens",
    0,
    "Speculative decoding: up to this many draft tokens per forward pass, looked up in the prompt and the "
    "sample so far (same output distribution; greedy output unchanged). 0 turns it off.",
)
flags.mark_flags_as_required(["checkpoint", "prompt_file"])


def _fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str]) -> None:
    """Loads the checkpoint, samples, and writes one JSON line per sample."""
    del argv
    # Deferred until the flags are read: `--help` and flag errors answer without loading JAX and the model code.
    import jax
    import jax.numpy as jnp

    from evojax_nas.lm import language_model, sampling, soft_prompt
    from evojax_nas.lm.errors import CheckpointError, SoftPromptMismatchError

    try:
        with open(FLAGS.prompt_file, encoding="utf-8") as f:
            prompt = f.read()
    except OSError as e:
        _fail(f"cannot read --prompt_file {FLAGS.prompt_file!r}: {e.strerror}.")
    if FLAGS.num_samples < 1 or FLAGS.max_new_tokens < 1 or FLAGS.temperature < 0 or FLAGS.draft_tokens < 0:
        _fail("--num_samples and --max_new_tokens must be >= 1, --temperature and --draft_tokens >= 0.")
    start = time.time()
    try:
        lm = language_model.load(FLAGS.checkpoint, dtype=jnp.dtype(FLAGS.dtype))
        prompt_vectors = None
        if FLAGS.soft_prompt:
            prompt_vectors, _ = soft_prompt.restore_soft_prompt(FLAGS.soft_prompt, lm)
    except (CheckpointError, SoftPromptMismatchError) as e:
        _fail(str(e))
    _log(f"loaded {FLAGS.checkpoint} ({lm.identity}) in {time.time() - start:.1f}s; sampling...")
    start = time.time()
    results = sampling.sample(
        lm,
        prompt_vectors,
        [prompt],
        num_samples_per_prompt=FLAGS.num_samples,
        temperatures=FLAGS.temperature,
        top_p=FLAGS.top_p,
        top_k=FLAGS.top_k,
        max_new_tokens=FLAGS.max_new_tokens,
        stop_strings=FLAGS.stop,
        key=jax.random.key(FLAGS.seed),
        draft_tokens=FLAGS.draft_tokens,
    )[0]
    elapsed = time.time() - start
    for index, result in enumerate(results):
        print(json.dumps({"index": index, "text": result.text, "num_tokens": result.num_tokens}), flush=True)
    total = sum(r.num_tokens for r in results)
    _log(f"{len(results)} samples, {total} tokens in {elapsed:.1f}s (compilation included)")


if __name__ == "__main__":
    app.run(main)
