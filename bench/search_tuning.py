r"""The search's PROMPT_TUNE step with and without LoRA factors (`lm.tune=soft_prompt` against `lm.tune=lora`), in
one process on the same batches of real corpus examples, with the `cpu` preset's tuning settings.

    python bench/search_tuning.py                  # the default LM, 3 batches of the cpu preset's 8 examples
    python bench/search_tuning.py --steps=1 --batch_size=2 --checkpoint=smollm2-135m   # a quick look

Each mode runs one untimed step first (compiling it), then `--steps` timed steps that alternate between the modes
batch by batch; wall-clock and process CPU seconds per step are printed with the ratio lora / soft_prompt (on a
shared machine the CPU-time ratio is the steadier one). The last stdout line is JSON.
"""

from __future__ import annotations

import json
import pathlib
import time

import jax
import numpy as np
from absl import app, flags
from ml_collections import config_dict

from evojax_nas.config_defaults import lm_config
from evojax_nas.lm import load
from evojax_nas.population import Population
from evojax_nas.search import SearchState, tune_state, tuning_config
from evojax_nas.search.tuning import fresh_factors

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]

flags.DEFINE_string("checkpoint", "default", "The LM (config.lm.checkpoint).")
flags.DEFINE_string("examples", "docs/results/corpus_mnist1d_v2/examples.jsonl", "Corpus examples (JSONL).")
flags.DEFINE_integer("steps", 3, "Timed steps per mode.")
flags.DEFINE_integer("batch_size", 0, "Examples per step (0: the cpu preset's lm.tuning_batch_size).")
flags.DEFINE_integer("lora_layers", 0, "Top layers with factors (0: lm.tune_lora_layers).")
flags.DEFINE_integer("lora_rank", 0, "Factor rank (0: lm.tune_lora_rank).")
FLAGS = flags.FLAGS


def median_examples(path: pathlib.Path, count: int) -> list[tuple[str, str]]:
    """The `count` examples whose text length is nearest the file's median (steady shapes)."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    lengths = np.asarray([len(r["context"]) + len(r["target"]) for r in rows])
    order = np.argsort(np.abs(lengths - np.median(lengths)), kind="stable")[:count]
    return [(rows[i]["context"], rows[i]["target"]) for i in sorted(order)]


def main(argv: list[str]) -> None:
    del argv
    settings = lm_config("cpu")
    settings.tune_lora_layers = FLAGS.lora_layers or settings.tune_lora_layers
    settings.tune_lora_rank = FLAGS.lora_rank or settings.tune_lora_rank
    batch_size = FLAGS.batch_size or settings.tuning_batch_size
    settings.tuning_batch_size = batch_size
    config = config_dict.ConfigDict({"lm": settings})
    tuning = tuning_config(config)
    lm = load(FLAGS.checkpoint)
    examples = median_examples(REPO_ROOT / FLAGS.examples, batch_size * (FLAGS.steps + 1))
    batches = [examples[i * batch_size : (i + 1) * batch_size] for i in range(FLAGS.steps + 1)]
    prompt = np.asarray(lm.init_soft_prompt(jax.random.key(0), settings.soft_prompt_length))
    states = {
        "soft_prompt": SearchState(Population(), 0, jax.random.key(0), soft_prompt=prompt.copy()),
        "lora": SearchState(
            Population(),
            0,
            jax.random.key(0),
            soft_prompt=prompt.copy(),
            lora_factors=fresh_factors(lm, settings, jax.random.key(1)),
        ),
    }
    seconds = {mode: {"wall": [], "cpu": []} for mode in states}
    losses = {mode: [] for mode in states}
    for index, batch in enumerate(batches):
        for mode, state in states.items():
            wall, cpu = time.perf_counter(), time.process_time()
            record = tune_state(lm, state, batch, tuning, jax.random.key(index))
            if index:  # the first step of each mode compiles it
                seconds[mode]["wall"].append(time.perf_counter() - wall)
                seconds[mode]["cpu"].append(time.process_time() - cpu)
            losses[mode].append(record["loss"])
    result = {
        "checkpoint": FLAGS.checkpoint,
        "batch_size": batch_size,
        "steps": FLAGS.steps,
        "lora_layers": settings.tune_lora_layers,
        "lora_rank": settings.tune_lora_rank,
        "tokens_per_batch": [sum(len(lm.encode(c + t)) for c, t in b) for b in batches[1:]],
    }
    for mode in states:
        result[mode] = {
            "wall_s_per_step": float(np.mean(seconds[mode]["wall"])),
            "cpu_s_per_step": float(np.mean(seconds[mode]["cpu"])),
            "losses": losses[mode],
        }
        print(
            f"{mode:12s} {result[mode]['wall_s_per_step']:7.2f} s/step wall, "
            f"{result[mode]['cpu_s_per_step']:7.2f} s/step CPU"
        )
    for clock in ("wall", "cpu"):
        ratio = result["lora"][f"{clock}_s_per_step"] / result["soft_prompt"][f"{clock}_s_per_step"]
        result[f"lora_over_soft_prompt_{clock}"] = ratio
        print(f"lora / soft_prompt ({clock}): {ratio:.2f}x")
    print(json.dumps(result))


if __name__ == "__main__":
    app.run(main)
