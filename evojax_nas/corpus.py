"""A reproducible corpus of EvoPrompting-format examples, for adapting the code LM to a search space.

1. Grow a pool of programs from the task's seeds with the program-mutation operator: each new program is a
   mutant of one pool member or a crossover of two, so every non-seed program has one or two parents.
2. Measure every program for real through the sandboxed evaluator: exact `num_params`, and `val_accuracy` from a
   short training run (the budget is the task config's `train` section, typically a reduced one).
3. Hold out a fraction of the programs (never used in any example): their pairs are the unseen parents for
   operator evaluation.
4. Each remaining non-seed program becomes one example: the prompt holds its two parents (a mutant's second
   in-context parent is another pool program) with their measured metrics, the target metrics are the child's
   *achieved* metrics, and the target text is the child's code after the task header.

Measurements are journaled to `programs.jsonl` as they finish, so an interrupted build resumes where it stopped.

    python -m evojax_nas.corpus --config=configs/mnist1d.py:cpu --workdir=runs/corpus --pool_size=200
"""

from __future__ import annotations

import dataclasses
import json
import pathlib
import sys

import jax
import numpy as np

from evojax_nas.program_mutation import MutationFailed, ProgramMutator
from evojax_nas.programs import program_key
from evojax_nas.prompting import Example, tuning_example


@dataclasses.dataclass
class PoolProgram:
    """A program of the pool, its provenance and (once measured) its metrics."""

    key: str
    source: str
    parents: list[str]
    origin: str
    num_params: int | None = None
    val_accuracy: float | None = None
    status: str = "pending"


def grow_pool(
    seeds: dict[str, str],
    mutator: ProgramMutator,
    size: int,
    rng: np.random.Generator,
    crossover_rate: float = 0.3,
) -> list[PoolProgram]:
    """Seeds plus mutants and crossovers of pool members, until the pool holds `size` distinct programs."""
    pool = [PoolProgram(program_key(source), source, [], f"seed {name}") for name, source in seeds.items()]
    known = {program.key for program in pool}
    failures = 0
    while len(pool) < size:
        first = pool[int(rng.integers(len(pool)))]
        try:
            if len(pool) > 1 and rng.random() < crossover_rate:
                second = pool[int(rng.integers(len(pool)))]
                if second.key == first.key:
                    continue
                child = mutator.crossover(first.source, second.source, rng)
                parents = [first.key, second.key]
            else:
                child = mutator.mutate(first.source, rng)
                parents = [first.key]
        except MutationFailed:
            failures += 1
            if failures > 10 * size:
                raise
            continue
        key = program_key(child.source)
        if key in known:
            continue
        known.add(key)
        pool.append(PoolProgram(key, child.source, parents, child.description))
        print(f"pool {len(pool)}/{size}: {child.description[:60]}", file=sys.stderr, flush=True)
    return pool


MEASURE_MODES = ("train", "params")


def measure_pool(
    pool: list[PoolProgram],
    evaluator,
    key: jax.Array,
    journal: pathlib.Path,
    measure: str = "train",
    built: dict[str, dict] | None = None,
) -> None:
    """Measures every unmeasured program; results are appended to `journal` as they finish.

    `measure="train"` trains and scores every program. `measure="params"` (for tasks whose training is too slow
    to train hundreds of programs on a CPU) trains only the seeds; every other program is built for its exact
    `num_params`, and its `val_accuracy` is inherited: the mean of its parents' (recorded as such). `built`
    holds dry-run results already made while growing the pool (keyed by program key), which are reused.
    """
    if measure not in MEASURE_MODES:
        raise ValueError(f"measure must be one of {MEASURE_MODES}, got {measure!r}.")
    by_key = {program.key: program for program in pool}
    done = {}
    if journal.exists():
        for line in journal.read_text().splitlines():
            if line.strip():
                record = json.loads(line)
                done[record["key"]] = record
    with journal.open("a") as handle:
        for index, program in enumerate(pool):
            if program.key in done:
                record = done[program.key]
            else:
                inherit = measure == "params" and bool(program.parents)
                if inherit and built and program.key in built:
                    result = built[program.key]
                else:
                    result = evaluator.evaluate(
                        program.source, jax.random.fold_in(key, index), dry_run=inherit
                    )
                val_accuracy = result["val_accuracy"]
                if inherit and result["status"] == "ok":
                    parent_values = [by_key[k].val_accuracy for k in program.parents]
                    known = [v for v in parent_values if v is not None]
                    val_accuracy = float(np.mean(known)) if known else None
                record = {
                    "key": program.key,
                    "status": result["status"]
                    if val_accuracy is not None or result["status"] != "ok"
                    else "failed",
                    "num_params": result["num_params"],
                    "val_accuracy": val_accuracy,
                    "val_source": "inherited" if inherit else "trained",
                    "reason": result["reason"],
                }
                handle.write(json.dumps(record) + "\n")
                handle.flush()
                print(
                    f"[{index + 1}/{len(pool)}] {program.origin[:60]}: {record['status']} "
                    f"params={record['num_params']} val={record['val_accuracy']}",
                    file=sys.stderr,
                )
            program.status = record["status"]
            program.num_params = record["num_params"]
            program.val_accuracy = record["val_accuracy"]


def build_examples(
    pool: list[PoolProgram],
    header: str,
    heldout_fraction: float,
    rng: np.random.Generator,
    examples_per_child: int = 1,
) -> tuple[list[dict], list[PoolProgram]]:
    """Examples from the measured pool, and the held-out programs (in no example as parent or child).

    With `examples_per_child > 1`, each child appears in that many examples that differ in the order of its
    parents and, for a mutant, in the other in-context parent (duplicates of an example are dropped)."""
    measured = [p for p in pool if p.status == "ok"]
    candidates = [p for p in measured if p.parents]
    order = rng.permutation(len(candidates))
    num_heldout = int(round(heldout_fraction * len(candidates)))
    heldout = [candidates[i] for i in order[:num_heldout]]
    heldout_keys = {p.key for p in heldout}
    usable = {p.key: p for p in measured if p.key not in heldout_keys}
    usable_list = list(usable.values())
    examples = []
    seen = set()
    for child in candidates:
        if child.key in heldout_keys or any(parent not in usable for parent in child.parents):
            continue
        for _ in range(examples_per_child):
            parents = [usable[key] for key in child.parents]
            if len(parents) == 1:
                others = [p for p in usable_list if p.key not in (child.key, parents[0].key)]
                if not others:
                    continue
                parents.append(others[int(rng.integers(len(others)))])
            if rng.random() < 0.5:
                parents.reverse()
            identity = (child.key, *(p.key for p in parents))
            if identity in seen:
                continue
            seen.add(identity)
            as_example = [Example(p.source, p.num_params, p.val_accuracy) for p in parents]
            try:
                context, target = tuning_example(
                    as_example, Example(child.source, child.num_params, child.val_accuracy), header
                )
            except ValueError:  # code before the header (e.g. a helper function): not a completion of it
                break
            examples.append(
                {
                    "context": context,
                    "target": target,
                    "parents": [p.key for p in parents],
                    "child": child.key,
                }
            )
    return examples, heldout


def _write_jsonl(path: pathlib.Path, records) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text("".join(json.dumps(record) + "\n" for record in records))
    temporary.replace(path)


def build_corpus(
    config,
    workdir: pathlib.Path,
    pool_size: int,
    heldout_fraction: float,
    crossover_rate: float,
    measure: str = "train",
    examples_per_child: int = 1,
) -> dict:
    """Grows (or reloads), measures and splits the pool under `workdir`; returns a summary."""
    from evojax_nas.evaluator import Evaluator
    from evojax_nas.program_mutation import ProgramMutator
    from evojax_nas.tasks.registry import get_task

    workdir.mkdir(parents=True, exist_ok=True)
    task = get_task(config.task.name)
    rules, crossover = task.mutation_rules()
    key = jax.random.key(config.seed)
    rng = np.random.default_rng(config.seed)
    built: dict[str, dict] = {}  # dry-run results of the pool's growth, reused by params-only measurement
    with Evaluator(config) as evaluator:
        pool_path = workdir / "pool.jsonl"
        if pool_path.exists():
            pool = [
                PoolProgram(**json.loads(line)) for line in pool_path.read_text().splitlines() if line.strip()
            ]
        else:

            def validate(source: str) -> bool:
                result = evaluator.evaluate(source, key, dry_run=True)
                built[program_key(source)] = result
                return result["status"] == "ok"

            mutator = ProgramMutator(rules, crossover, evaluator.policy, validator=validate)
            pool = grow_pool(task.seed_programs(config), mutator, pool_size, rng, crossover_rate)
            _write_jsonl(pool_path, [dataclasses.asdict(program) for program in pool])
        measure_pool(pool, evaluator, key, workdir / "programs.jsonl", measure, built)
    # Its own stream, so the split is the same whether the pool was grown in this call or reloaded.
    split_rng = np.random.default_rng([config.seed, 1])
    examples, heldout = build_examples(
        pool, task.program_header, heldout_fraction, split_rng, examples_per_child
    )
    _write_jsonl(workdir / "examples.jsonl", examples)
    _write_jsonl(workdir / "heldout.jsonl", [dataclasses.asdict(program) for program in heldout])
    statuses = {status: sum(p.status == status for p in pool) for status in ("ok", "rejected", "failed")}
    summary = {"programs": len(pool), **statuses, "examples": len(examples), "heldout": len(heldout)}
    (workdir / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def main(argv: list[str]) -> None:
    from absl import flags

    from evojax_nas.cli import exit_with_usage_error, load_config, print_json_line, quiet_jax_logging

    del argv
    config = load_config(_CONFIG)
    quiet_jax_logging()
    flag_values = flags.FLAGS
    if not flag_values.workdir:
        exit_with_usage_error("--workdir is required: where the corpus is written")
    if flag_values.pool_size < 2 or not 0.0 <= flag_values.heldout_fraction < 1.0:
        exit_with_usage_error("--pool_size must be >= 2 and --heldout_fraction in [0, 1)")
    summary = build_corpus(
        config,
        pathlib.Path(flag_values.workdir),
        flag_values.pool_size,
        flag_values.heldout_fraction,
        flag_values.crossover_rate,
        flag_values.measure,
        flag_values.examples_per_child,
    )
    print_json_line(summary)


if __name__ == "__main__":
    from absl import app, flags
    from ml_collections import config_flags

    from evojax_nas.cli import parse_flags

    _CONFIG = config_flags.DEFINE_config_file(
        "config", None, "Task config; its train section is the training budget."
    )
    flags.DEFINE_string(
        "workdir", None, "Directory for pool.jsonl, programs.jsonl, examples.jsonl, heldout.jsonl."
    )
    flags.DEFINE_integer("pool_size", 200, "Number of distinct programs (seeds included).")
    flags.DEFINE_float("heldout_fraction", 0.1, "Share of non-seed programs kept out of every example.")
    flags.DEFINE_float("crossover_rate", 0.3, "Probability that a new program is a crossover of two.")
    flags.DEFINE_enum(
        "measure",
        "train",
        ["train", "params"],
        "train: train every program; params: train the seeds, count the others' params, inherit accuracy.",
    )
    flags.DEFINE_integer("examples_per_child", 1, "Examples per child (other parent order / second parent).")
    app.run(main, flags_parser=parse_flags)
