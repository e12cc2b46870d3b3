"""A reproducible corpus of EvoPrompting-format examples, for adapting the code LM to a search space.

1. Grow a pool of programs from the task's seeds with the program-mutation operator: each new program is a
   chain of 1..`max_edits` edits of one pool member, or a crossover of two, so every non-seed program has one or
   two parents. Growth is steered across program sizes: log-spaced size bins (`SizeBins`, by default 100 to
   100,000 parameters) each get an equal quota; every new program's parents are drawn near an under-filled bin,
   children outside the bins' range are refused, and children landing in a full bin are mostly refused.
   Sizes come from sandboxed dry runs; growth is journaled (`growth.jsonl`, with the random state after each
   program), so an interrupted growth resumes to the same pool.
2. Measure every program for real through the sandboxed evaluator: exact `num_params`, and `val_accuracy` from a
   short training run (the budget is the task config's `train` section, typically a reduced one).
3. Hold out a fraction of the programs (never used in any example): their pairs are the unseen parents for
   operator evaluation.
4. Each remaining non-seed program becomes examples: the prompt holds two parents (a crossover's two, or a
   mutant's parent and another pool program, chosen larger than the child when the mutant shrank) with their
   measured metrics, the target metrics are the child's *achieved* metrics (hindsight relabelling), and the
   target text is the child's code after the task header. Until at least `min_smaller_fraction` of the examples
   have a child smaller than both parents, shrunken mutants get extra examples (other larger second parents),
   then examples without a smaller child are dropped.

Growth is in `corpus_growth.py`, the examples in `corpus_examples.py`; this module measures the pool, writes the
corpus and holds the CLI. Measurements are journaled to `programs.jsonl` as they finish, so an interrupted build resumes where it stopped.
The summary (last stdout line, and `summary.json`) holds the size histogram of the measured programs, also
drawn in `size_histogram.png`.

    python -m evojax_nas.corpus --config=configs/mnist1d.py:cpu --workdir=runs/corpus --seed=7
    (add --config.train.steps=500 --config.train.num_seeds=1 for the reduced measuring budget of tools.adapt)

The CLI's defaults are this size-spanning corpus; `build_corpus`'s keyword defaults keep the first corpus's
behaviour (1-2 edits, no size steering, no smaller-child share) for callers that do not ask for it.
"""

from __future__ import annotations

import dataclasses
import json
import pathlib
import sys

import jax
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from absl import app, flags
from ml_collections import config_flags

from evojax_nas import distributed
from evojax_nas.checkpointing import config_differences
from evojax_nas.cli import (
    exit_with_usage_error,
    load_config,
    parse_flags,
    prepare_jax,
    print_json_line,
)
from evojax_nas.corpus_examples import build_examples
from evojax_nas.corpus_growth import Growth, PoolProgram, SizeBins, grow_pool, write_text
from evojax_nas.evaluator import EvaluatorPool
from evojax_nas.json_lines import read_json_lines
from evojax_nas.program_mutation import ProgramMutator
from evojax_nas.programs import program_key
from evojax_nas.tasks.base import DEFAULT_METRIC, MetricSpec
from evojax_nas.tasks.registry import get_task

# Growth and example building live in their own modules; their public names stay importable from here.
__all__ = [
    "MEASURE_MODES",
    "Growth",
    "PoolProgram",
    "SizeBins",
    "build_corpus",
    "build_examples",
    "grow_pool",
    "measure_pool",
    "plot_size_histogram",
]


MEASURE_MODES = ("train", "params")


def measure_pool(
    pool: list[PoolProgram],
    evaluator,
    key: jax.Array,
    journal: pathlib.Path,
    measure: str = "train",
    metric: MetricSpec = DEFAULT_METRIC,
) -> None:
    """Measures every unmeasured program (its score is the result's `metric.name`, kept as `val_accuracy`); results are appended to `journal` as they finish.

    `measure="train"` trains and scores every program; with an `EvaluatorPool` evaluator (`map`) the pending
    programs are evaluated concurrently by its workers (`config.distributed.evaluation_workers`,
    `config.train.overlap`), each with the key `fold_in(key, index)` whatever the order, so the measurements do
    not depend on the number of workers. `measure="params"` (for tasks whose training is too slow to train
    hundreds of programs on a CPU) trains only the seeds; every other program is built for its exact
    `num_params` (the growth's dry-run count when there is one), and its `val_accuracy` is inherited: the mean of
    its parents' (recorded as such); it runs in pool order, parents first."""
    if measure not in MEASURE_MODES:
        raise ValueError(f"measure must be one of {MEASURE_MODES}, got {measure!r}.")
    by_key = {program.key: program for program in pool}
    text = journal.read_text() if journal.exists() else ""
    done = _read_measurements(text)
    for program in pool:
        if program.key in done:
            _apply(program, done[program.key])
    pending = [index for index, program in enumerate(pool) if program.key not in done]
    with journal.open("a") as handle:
        if text and not text.endswith("\n"):
            handle.write("\n")  # a torn last line stays on its own line

        def finish(index: int, result: dict, inherit: bool) -> None:
            program = pool[index]
            record = _measurement(program, result, inherit, by_key, metric)
            handle.write(json.dumps(record) + "\n")
            handle.flush()
            print(
                f"[{index + 1}/{len(pool)}] {program.origin[:60]}: {record['status']} "
                f"params={record['num_params']} val={record['val_accuracy']}",
                file=sys.stderr,
                flush=True,
            )
            _apply(program, record)

        if measure == "train" and hasattr(evaluator, "map"):
            evaluator.map(
                lambda worker, index: worker.evaluate(pool[index].source, jax.random.fold_in(key, index)),
                pending,
                on_result=lambda position, result: finish(pending[position], result, False),
            )
            return
        for index in pending:
            program = pool[index]
            inherit = measure == "params" and bool(program.parents)
            if inherit and program.built_params is not None:
                result = {"status": "ok", "num_params": program.built_params, "reason": None}
            else:
                result = evaluator.evaluate(program.source, jax.random.fold_in(key, index), dry_run=inherit)
            finish(index, result, inherit)


def _read_measurements(text: str) -> dict[str, dict]:
    """The records of a measurement journal by program key; a torn line is skipped (measured again)."""
    records, _ = read_json_lines(text)  # a torn line's program is measured again
    return {record["key"]: record for _, record in records}


def _measurement(
    program: PoolProgram,
    result: dict,
    inherit: bool,
    by_key: dict[str, PoolProgram],
    metric: MetricSpec = DEFAULT_METRIC,
) -> dict:
    """The journal record of one program's evaluation `result` (with the inherited accuracy when `inherit`)."""
    val_accuracy = result.get(metric.name)
    if inherit and result["status"] == "ok":
        known = [by_key[k].val_accuracy for k in program.parents if by_key[k].val_accuracy is not None]
        val_accuracy = float(np.mean(known)) if known else None
    return {
        "key": program.key,
        "status": result["status"] if val_accuracy is not None or result["status"] != "ok" else "failed",
        "num_params": result["num_params"],
        "val_accuracy": val_accuracy,
        "val_source": "inherited" if inherit else "trained",
        "reason": result["reason"],
    }


def _apply(program: PoolProgram, record: dict) -> None:
    program.status = record["status"]
    program.num_params = record["num_params"]
    program.val_accuracy = record["val_accuracy"]


def _write_jsonl(path: pathlib.Path, records) -> None:
    write_text(path, "".join(json.dumps(record) + "\n" for record in records))


def plot_size_histogram(labels: list[str], counts: list[int], path: pathlib.Path) -> None:
    """A bar chart of programs per size bin, written as a PNG."""
    matplotlib.use("Agg")
    figure, axes = plt.subplots(figsize=(6, 3.2))
    axes.bar(range(len(counts)), counts, color="tab:blue")
    axes.set_xticks(range(len(counts)), labels, rotation=20)
    axes.set_xlabel("parameters")
    axes.set_ylabel("measured programs")
    axes.set_title(f"Corpus programs by size ({sum(counts)} measured)")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def _check_settings(path: pathlib.Path, settings: dict) -> None:
    """Records the settings that fix the pool and its measurements; refuses to resume with different ones."""
    if path.exists():
        changed = config_differences(json.loads(path.read_text()), settings, resumable=())
        if changed:
            raise ValueError(
                f"the corpus in {path.parent} was built with other settings ({', '.join(changed)}); "
                "use a new --workdir or the same settings"
            )
    else:
        write_text(path, json.dumps(settings, indent=2))


def _settings(config, measure: str, crossover_rate: float, max_edits: int, bins: SizeBins | None) -> dict:
    """What fixes the pool and its measurements (recorded in `settings.json`, checked on a resume)."""
    return {
        "seed": int(config.seed),
        "task": config.task.name,
        "train": config.train.to_dict(),
        "measure": measure,
        "crossover_rate": crossover_rate,
        "max_edits": max_edits,
        "bins": dataclasses.asdict(bins) if bins is not None else None,
    }


def _grown_pool(
    config, workdir: pathlib.Path, evaluator, key, pool_size: int, growth: Growth, max_edits: int
):
    """The pool of `workdir`: grown (or resumed from `growth.jsonl`) with sandboxed dry runs for sizes and
    validity, and written to `pool.jsonl`; a corpus grown before growth was journaled is read back as it is."""
    pool_path, growth_path = workdir / "pool.jsonl", workdir / "growth.jsonl"
    if pool_path.exists() and not growth_path.exists():  # a corpus grown before growth was journaled
        return [
            PoolProgram(**json.loads(line)) for line in pool_path.read_text().splitlines() if line.strip()
        ]
    task = get_task(config.task.name)
    rules, crossover = task.mutation_rules()
    built: dict[str, dict] = {}  # dry runs of the growth, by program key

    def dry_run(source: str) -> dict:
        source_key = program_key(source)
        if source_key not in built:
            built[source_key] = evaluator.evaluate(source, key, dry_run=True)
        return built[source_key]

    def size_of(source: str) -> int | None:
        result = dry_run(source)
        return result["num_params"] if result["status"] == "ok" else None

    mutator = ProgramMutator(
        rules,
        crossover,
        evaluator.policy,
        validator=lambda source: dry_run(source)["status"] == "ok",
        max_rules_per_mutation=max_edits,
    )
    rng = np.random.default_rng(config.seed)
    pool = grow_pool(task.seed_programs(config), mutator, pool_size, rng, size_of, growth, growth_path)
    _write_jsonl(pool_path, [dataclasses.asdict(program) for program in pool])
    return pool


def _summary(
    pool: list[PoolProgram], examples: list[dict], heldout: list[PoolProgram], bins: SizeBins
) -> dict:
    """Program counts by status, example counts and the size histogram of the measured programs."""
    statuses = {status: sum(p.status == status for p in pool) for status in ("ok", "rejected", "failed")}
    smaller = sum(example["smaller_child"] for example in examples)
    return {
        "programs": len(pool),
        **statuses,
        "examples": len(examples),
        "heldout": len(heldout),
        "smaller_child_examples": smaller,
        "smaller_child_fraction": round(smaller / len(examples), 3) if examples else None,
        "size_bins": bins.labels(),
        "size_histogram": bins.histogram(p.num_params for p in pool if p.status == "ok"),
        "outside_bins": sum(
            p.status == "ok" and not bins.min_params <= p.num_params <= bins.max_params for p in pool
        ),
    }


def build_corpus(
    config,
    workdir: pathlib.Path,
    pool_size: int,
    heldout_fraction: float,
    crossover_rate: float,
    measure: str = "train",
    examples_per_child: int = 1,
    *,
    max_edits: int = 2,
    bins: SizeBins | None = None,
    min_smaller_fraction: float = 0.0,
) -> dict:
    """Grows (or resumes), measures and splits the pool under `workdir`; returns a summary.

    The keyword defaults keep the first corpus's behaviour (1-2 edits, no size steering, no thinning); the CLI's
    defaults are the size-spanning corpus (1-4 edits, `SizeBins()`, at least 40% smaller-child examples). The
    pool's growth and measurement depend on `config.seed`, the task, `config.train`, `crossover_rate`,
    `max_edits`, `bins` and `measure`, which are recorded in `settings.json` and must match on a resume; a larger
    `pool_size` continues the growth. The examples are rebuilt on every call. The summary's size histogram uses
    `bins` (or `SizeBins()` without steering)."""
    if max_edits < 1:
        raise ValueError(f"max_edits must be >= 1, got {max_edits}")
    growth = Growth(crossover_rate=crossover_rate, bins=bins)
    workdir.mkdir(parents=True, exist_ok=True)
    _check_settings(workdir / "settings.json", _settings(config, measure, crossover_rate, max_edits, bins))
    key = jax.random.key(config.seed)
    with EvaluatorPool(config, distributed.evaluation_devices(config)) as evaluator:
        pool = _grown_pool(config, workdir, evaluator, key, pool_size, growth, max_edits)
        measure_pool(pool, evaluator, key, workdir / "programs.jsonl", measure, evaluator.task.metric)
    # Its own stream, so the split is the same whether the pool was grown in this call or reloaded.
    split_rng = np.random.default_rng([config.seed, 1])
    task = get_task(config.task.name)
    examples, heldout = build_examples(
        pool,
        task.program_header,
        heldout_fraction,
        split_rng,
        examples_per_child,
        min_smaller_fraction,
        task.metric,
    )
    _write_jsonl(workdir / "examples.jsonl", examples)
    _write_jsonl(workdir / "heldout.jsonl", [dataclasses.asdict(program) for program in heldout])
    bins = bins or SizeBins()
    summary = _summary(pool, examples, heldout, bins)
    (workdir / "summary.json").write_text(json.dumps(summary, indent=2))
    plot_size_histogram(bins.labels(), summary["size_histogram"], workdir / "size_histogram.png")
    return summary


def main(argv: list[str]) -> None:
    """The CLI: builds the corpus the flags describe and prints its summary as the last stdout line."""
    del argv
    config = load_config(_CONFIG)
    prepare_jax()
    flag_values = flags.FLAGS
    if not flag_values.workdir:
        exit_with_usage_error("--workdir is required: where the corpus is written")
    if flag_values.pool_size < 2 or not 0.0 <= flag_values.heldout_fraction < 1.0:
        exit_with_usage_error("--pool_size must be >= 2 and --heldout_fraction in [0, 1)")
    if not 0.0 <= flag_values.min_smaller_fraction < 1.0 or flag_values.max_edits < 1:
        exit_with_usage_error("--min_smaller_fraction must be in [0, 1) and --max_edits >= 1")
    if flag_values.seed is not None:
        config.seed = flag_values.seed
    try:
        bins = (
            SizeBins(flag_values.min_params, flag_values.max_params, flag_values.size_bins)
            if flag_values.size_bins
            else None
        )
        summary = build_corpus(
            config,
            pathlib.Path(flag_values.workdir),
            flag_values.pool_size,
            flag_values.heldout_fraction,
            flag_values.crossover_rate,
            flag_values.measure,
            flag_values.examples_per_child,
            max_edits=flag_values.max_edits,
            bins=bins,
            min_smaller_fraction=flag_values.min_smaller_fraction,
        )
    except ValueError as error:
        exit_with_usage_error(str(error))
    print_json_line(summary)


if __name__ == "__main__":
    # The flags are defined only when run as a program: tools.adapt imports this module and has flags of its own.
    _CONFIG = config_flags.DEFINE_config_file(
        "config", None, "Task config; its train section is the training budget."
    )
    flags.DEFINE_string(
        "workdir", None, "Directory for pool.jsonl, programs.jsonl, examples.jsonl, heldout.jsonl."
    )
    flags.DEFINE_integer("seed", None, "Seed of the growth, split and training keys (default: the config's).")
    flags.DEFINE_integer(
        "pool_size", 640, "Number of distinct programs (seeds included); a larger one resumes."
    )
    flags.DEFINE_float("heldout_fraction", 0.1, "Share of non-seed programs kept out of every example.")
    flags.DEFINE_float("crossover_rate", 0.3, "Probability that a new program is a crossover of two.")
    flags.DEFINE_integer("max_edits", 4, "A mutant is a chain of 1..max_edits edits.")
    flags.DEFINE_integer("min_params", 100, "Lower edge of the size bins growth fills evenly.")
    flags.DEFINE_integer("max_params", 100_000, "Upper edge of the size bins; larger children are refused.")
    flags.DEFINE_integer(
        "size_bins", 6, "Number of log-spaced size bins; 0: no size steering (e.g. for CLRS)."
    )
    flags.DEFINE_float(
        "min_smaller_fraction", 0.4, "Least share of examples whose child is smaller than both parents."
    )
    flags.DEFINE_enum(
        "measure",
        "train",
        ["train", "params"],
        "train: train every program; params: train the seeds, count the others' params, inherit accuracy.",
    )
    flags.DEFINE_integer("examples_per_child", 4, "Examples per child (other parent order / second parent).")
    app.run(main, flags_parser=parse_flags)
