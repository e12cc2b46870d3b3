r"""Ending rows at the stop string inside the decode loop, against decoding every row to `max_new_tokens`.

The LM operator cuts each sample at `\"\"\"Metrics:` (the next metrics docstring). Before, the cut happened on the
host after the loop, so a sampler call ran until every row reached `max_new_tokens` or EOS; now a row ends once
its tokens spell the stop string (`tokenizer.stop_token_sequences`) and the loop ends with its last row. Both
variants run the same sampler calls (the `cpu` preset's shapes: a round's first call, 4 prompts x 8 samples,
plain; a resample wave, 2 prompts x 4 samples, speculative) on prompts of a corpus's examples, with the same
keys, after a warm-up call of each at the same shapes, and must return the same texts:

  python bench/lm_stop_sequences.py
  python bench/lm_stop_sequences.py --calls=4x8:0 --repeats=3 --corpus=docs/results/corpus_mnist1d_v2
"""

from __future__ import annotations

import json
import pathlib
import time

import jax
import numpy as np
from absl import app, flags

from evojax_nas.lm import load, sampling
from evojax_nas.lm.tokenizer import stop_token_sequences

flags.DEFINE_string("checkpoint", "default", "LM checkpoint (name, HF folder or .gguf).")
flags.DEFINE_string(
    "corpus", "docs/results/corpus_mnist1d_fresh_seed11", "Corpus whose examples give prompts."
)
flags.DEFINE_list("calls", ["4x8:0", "2x4:4"], "Sampler calls: PROMPTSxSAMPLES:DRAFT_TOKENS.")
flags.DEFINE_integer("max_new_tokens", 320, "The `cpu` preset's lm.max_new_tokens.")
flags.DEFINE_integer("repeats", 2, "Timed calls per shape and variant (each with other prompts and key).")
flags.DEFINE_integer("seed", 0, "Chooses the prompts and the keys.")
FLAGS = flags.FLAGS

STOP = '"""Metrics:'  # what `operators.LMOperator` cuts at
TEMPERATURES = (0.2, 0.6, 0.8, 1.0)  # the search's


def _call(
    lm, prompts: list[str], samples: int, draft_tokens: int, key, stop_sequences
) -> tuple[float, list[str], list[int]]:
    """Seconds of one sampler call, its texts cut at the stop string (as `sampling.sample_embedded` cuts) and the
    tokens each row decoded."""
    rows = len(prompts) * samples
    temperatures = np.resize(np.asarray(TEMPERATURES, np.float32), rows)
    embedded = [sampling.prompt_embedding(lm, None, prompt) for prompt in prompts]
    start = time.perf_counter()
    generation = sampling.generate(
        lm,
        embedded,
        num_samples_per_prompt=samples,
        temperatures=temperatures,
        key=key,
        top_p=0.95,
        max_new_tokens=FLAGS.max_new_tokens,
        draft_tokens=draft_tokens,
        prompt_token_ids=[lm.encode(prompt) for prompt in prompts],
        stop_sequences=stop_sequences,
    )
    seconds = time.perf_counter() - start
    texts = []
    for row in range(rows):
        text = lm.decode(generation.tokens[row, : generation.num_tokens[row]])
        texts.append(text[: text.find(STOP)] if STOP in text else text)
    return seconds, texts, generation.num_tokens.tolist()


def main(argv: list[str]) -> None:
    del argv
    lm = load(FLAGS.checkpoint)
    contexts = [
        json.loads(line)["context"] for line in (pathlib.Path(FLAGS.corpus) / "examples.jsonl").open()
    ]
    rng = np.random.default_rng(FLAGS.seed)
    sequences = stop_token_sequences(lm.tokenizer, [STOP])
    print(f"stop sequences for {STOP!r}: {sequences}", flush=True)
    summary = []
    for index, call in enumerate(FLAGS.calls):
        shape, draft = call.split(":")
        num_prompts, samples = (int(part) for part in shape.split("x"))
        totals = {"host_cut": 0.0, "in_loop": 0.0}
        identical, kept = True, []
        for repeat in range(FLAGS.repeats + 1):  # repeat 0 compiles both variants (not timed)
            prompts = [contexts[i] for i in rng.choice(len(contexts), num_prompts, replace=False)]
            key = jax.random.fold_in(jax.random.key(FLAGS.seed), 1000 * index + repeat)
            plain_seconds, plain_texts, _ = _call(lm, prompts, samples, int(draft), key, ())
            loop_seconds, loop_texts, counts = _call(lm, prompts, samples, int(draft), key, sequences)
            if repeat:
                totals["host_cut"] += plain_seconds
                totals["in_loop"] += loop_seconds
                identical &= plain_texts == loop_texts
                kept += counts
                print(
                    f"{call} repeat {repeat}: host cut {plain_seconds:.1f} s, in loop {loop_seconds:.1f} s, "
                    f"tokens decoded per row {counts}",
                    flush=True,
                )
        ratio = totals["in_loop"] / totals["host_cut"]
        summary.append({"call": call, **totals, "ratio": ratio, "identical_texts": identical})
        print(
            f"{call}: host cut {totals['host_cut']:.1f} s, in loop {totals['in_loop']:.1f} s "
            f"({ratio:.2f}x), texts identical: {identical}, rows at max_new_tokens: "
            f"{sum(count >= FLAGS.max_new_tokens for count in kept)}/{len(kept)}",
            flush=True,
        )
    print(json.dumps(summary))


if __name__ == "__main__":
    app.run(main)
