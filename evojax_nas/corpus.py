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

Measurements are journaled to `programs.jsonl` as they finish, so an interrupted build resumes where it stopped.
The summary (last stdout line, and `summary.json`) holds the size histogram of the measured programs, also
drawn in `size_histogram.png`.

    python -m evojax_nas.corpus --config=configs/mnist1d.py:cpu --workdir=runs/corpus --seed=7
    (add --config.train.steps=500 --config.train.num_seeds=1 for the reduced measuring budget of tools.adapt)

The CLI's defaults are this size-spanning corpus; `build_corpus`'s keyword defaults keep the first corpus's
behaviour (1-2 edits, no size steering, no smaller-child share) for callers that do not ask for it.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import math
import pathlib
import sys
from collections.abc import Callable

import jax
import numpy as np

from evojax_nas.checkpointing import config_differences
from evojax_nas.program_mutation import MutationFailed, ProgramMutator
from evojax_nas.programs import program_key
from evojax_nas.prompting import Example, tuning_example


@dataclasses.dataclass
class PoolProgram:
    """A program of the pool, its provenance and (once measured) its metrics.

    `built_params` is the parameter count of the growth's dry run; `num_params` and `val_accuracy` are the
    measurement's."""

    key: str
    source: str
    parents: list[str]
    origin: str
    num_params: int | None = None
    val_accuracy: float | None = None
    status: str = "pending"
    built_params: int | None = None


@dataclasses.dataclass(frozen=True)
class SizeBins:
    """`count` log-spaced bins of parameter counts from `min_params` to `max_params` (growth refuses children
    outside that range; a seed outside it is kept but in no bin)."""

    min_params: int = 100
    max_params: int = 100_000
    count: int = 6

    def __post_init__(self):
        if not 0 < self.min_params < self.max_params or self.count < 1:
            raise ValueError(
                f"size bins need 0 < min_params < max_params and count >= 1, got {self.min_params}, "
                f"{self.max_params}, {self.count}"
            )

    @property
    def edges(self) -> np.ndarray:
        """The `count + 1` bin edges."""
        return np.logspace(math.log10(self.min_params), math.log10(self.max_params), self.count + 1)

    def index(self, num_params: int) -> int:
        """The bin of a program of `num_params` parameters (clipped to the first and last bin)."""
        position = int(np.searchsorted(self.edges, num_params, side="right")) - 1
        return min(max(position, 0), self.count - 1)

    def center(self, index: int) -> float:
        """log10 of the geometric centre of bin `index`."""
        return float(np.mean(np.log10(self.edges[index : index + 2])))

    def labels(self) -> list[str]:
        """Human-readable bin ranges, e.g. '100-316', '316-1000', ..."""
        edges = [int(round(edge)) for edge in self.edges]
        return [f"{low}-{high}" for low, high in zip(edges[:-1], edges[1:], strict=True)]

    def histogram(self, sizes) -> list[int]:
        """Programs per bin (sizes outside [min_params, max_params] are not counted)."""
        counts = [0] * self.count
        for size in sizes:
            if size is not None and self.min_params <= size <= self.max_params:
                counts[self.index(size)] += 1
        return counts


@dataclasses.dataclass(frozen=True)
class Growth:
    """How the pool grows across sizes."""

    crossover_rate: float = 0.3  # probability that a new program is a crossover of two pool programs
    # None: no size steering (parents drawn uniformly, every new valid child kept), for search spaces whose
    # sizes a task cannot move much (CLRS: the triplet function is a small part of the whole model).
    bins: SizeBins | None = dataclasses.field(default_factory=SizeBins)
    # A parent is drawn with weight exp(-|log10(size) - (log10(target bin centre) + steer_offset)| / steer_decades):
    # near a point `steer_offset` decades above the target bin's centre, so that children reach the bin mostly
    # by shrinking (examples whose child is smaller than its parents are what teaches the LM to write small ones).
    steer_decades: float = 0.25
    steer_offset: float = 0.3
    overflow_accept: float = 0.2  # chance that a child landing in a size bin already at quota is kept anyway
    max_rejections_in_a_row: int = 400  # growth stops with an error after this many refused children in a row

    def __post_init__(self):
        if not 0.0 <= self.crossover_rate <= 1.0 or not 0.0 <= self.overflow_accept <= 1.0:
            raise ValueError("crossover_rate and overflow_accept must be probabilities in [0, 1]")
        if self.steer_decades <= 0:
            raise ValueError(f"steer_decades must be positive, got {self.steer_decades}")


def _steered_choice(
    pool: list[PoolProgram], target: float | None, decades: float, rng: np.random.Generator, exclude: str = ""
) -> PoolProgram | None:
    """A pool program drawn with weight falling off with its log-size distance from `target` (uniformly when
    `target` is None)."""
    members = [program for program in pool if program.key != exclude]
    if not members:
        return None
    if target is None:
        return members[int(rng.integers(len(members)))]
    distance = np.abs(np.log10([max(program.built_params, 1) for program in members]) - target)
    weights = np.exp(-(distance - distance.min()) / decades)
    return members[int(rng.choice(len(members), p=weights / weights.sum()))]


def _read_growth_journal(journal: pathlib.Path) -> tuple[list[PoolProgram], dict | None]:
    """The programs of a growth journal and the random state after the last one. A torn last line (the growth
    was interrupted while writing it) is removed from the file: that program is grown again from the state
    before it."""
    pool, state, kept = [], None, []
    for line in journal.read_text().splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            break
        pool.append(PoolProgram(**record["program"]))
        state = record["rng"]
        kept.append(line + "\n")
    _write_text(journal, "".join(kept))
    return pool, state


def grow_pool(
    seeds: dict[str, str],
    mutator: ProgramMutator,
    size: int,
    rng: np.random.Generator,
    size_of: Callable[[str], int | None],
    growth: Growth | None = None,
    journal: pathlib.Path | None = None,
) -> list[PoolProgram]:
    """Seeds plus mutants and crossovers of pool members, until the pool holds `size` distinct programs.

    `size_of` gives a (valid) program's parameter count (a dry run), None if it does not build. Each growth
    step picks a size bin with probability proportional to its deficit against an equal quota, draws the
    parent(s) near it and keeps the child unless it is a duplicate, outside the bins' range, or (with
    probability 1 - overflow_accept) lands in a bin already at quota. With a `journal`, every accepted program
    is appended with the random state after it, and an existing journal is resumed from."""
    growth = growth or Growth()
    bins = growth.bins
    pool: list[PoolProgram] = []
    if journal is not None and journal.exists():
        pool, state = _read_growth_journal(journal)
        if state is not None:
            rng.bit_generator.state = state
    handle = journal.open("a") if journal is not None else None

    def record(program: PoolProgram) -> None:
        pool.append(program)
        if handle is not None:
            handle.write(_growth_line(program, rng.bit_generator.state))
            handle.flush()

    try:
        if not pool:
            for name, source in seeds.items():
                num_params = size_of(source)
                if num_params is None:
                    raise ValueError(f"seed program '{name}' does not build in the sandbox")
                record(PoolProgram(program_key(source), source, [], f"seed {name}", built_params=num_params))
        known = {program.key for program in pool}
        quota = math.ceil(size / bins.count) if bins is not None else size
        rejected = collections.Counter()
        in_a_row = 0
        while len(pool) < size:
            target = None
            if bins is not None:
                counts = bins.histogram(program.built_params for program in pool)
                deficits = np.array([max(quota - count, 0) for count in counts], dtype=float)
                if deficits.sum() == 0:
                    deficits[:] = 1.0
                target_bin = int(rng.choice(bins.count, p=deficits / deficits.sum()))
                target = bins.center(target_bin) + growth.steer_offset
            first = _steered_choice(pool, target, growth.steer_decades, rng)
            try:
                if len(pool) > 1 and rng.random() < growth.crossover_rate:
                    second = _steered_choice(pool, target, growth.steer_decades, rng, exclude=first.key)
                    child = mutator.crossover(first.source, second.source, rng)
                    parents = [first.key, second.key]
                else:
                    child = mutator.mutate(first.source, rng)
                    parents = [first.key]
                key = program_key(child.source)
                num_params = None if key in known else size_of(child.source)
                if key in known:
                    reason = "duplicate"
                elif num_params is None:
                    reason = "did not build"
                elif bins is None:
                    reason = None
                elif num_params > bins.max_params:
                    reason = "too large"
                elif num_params < bins.min_params:
                    reason = "too small"
                elif counts[bins.index(num_params)] >= quota and rng.random() >= growth.overflow_accept:
                    reason = "size bin full"
                else:
                    reason = None
            except MutationFailed:
                reason = "no valid offspring"
            if reason is not None:
                rejected[reason] += 1
                in_a_row += 1
                if in_a_row > growth.max_rejections_in_a_row:
                    raise MutationFailed(
                        f"pool growth stalled at {len(pool)}/{size} programs: {in_a_row} children refused in a "
                        f"row ({dict(rejected)}); widen the size bins or raise overflow_accept"
                    )
                continue
            in_a_row = 0
            known.add(key)
            record(PoolProgram(key, child.source, parents, child.description, built_params=num_params))
            print(
                f"pool {len(pool)}/{size}: {num_params} params, {child.description[:60]}",
                file=sys.stderr,
                flush=True,
            )
        if rejected:
            print(f"pool growth refused children: {dict(rejected)}", file=sys.stderr)
    finally:
        if handle is not None:
            handle.close()
    return pool[:size] if len(pool) > size else pool


def _growth_line(program: PoolProgram, state: dict | None) -> str:
    return json.dumps({"program": dataclasses.asdict(program), "rng": state}) + "\n"


MEASURE_MODES = ("train", "params")


def measure_pool(
    pool: list[PoolProgram],
    evaluator,
    key: jax.Array,
    journal: pathlib.Path,
    measure: str = "train",
) -> None:
    """Measures every unmeasured program; results are appended to `journal` as they finish.

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
    done = {}
    text = journal.read_text() if journal.exists() else ""
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue  # torn by an interruption: that program is measured again
        done[record["key"]] = record
    for program in pool:
        if program.key in done:
            _apply(program, done[program.key])
    pending = [index for index, program in enumerate(pool) if program.key not in done]
    with journal.open("a") as handle:
        if text and not text.endswith("\n"):
            handle.write("\n")  # a torn last line stays on its own line

        def finish(index: int, result: dict, inherit: bool) -> None:
            program = pool[index]
            record = _measurement(program, result, inherit, by_key)
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


def _measurement(program: PoolProgram, result: dict, inherit: bool, by_key: dict[str, PoolProgram]) -> dict:
    """The journal record of one program's evaluation `result` (with the inherited accuracy when `inherit`)."""
    val_accuracy = result.get("val_accuracy")
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


def _smaller_than_all(child: PoolProgram, parents: list[PoolProgram]) -> bool:
    return all(child.num_params < parent.num_params for parent in parents)


def build_examples(
    pool: list[PoolProgram],
    header: str,
    heldout_fraction: float,
    rng: np.random.Generator,
    examples_per_child: int = 1,
    min_smaller_fraction: float = 0.0,
) -> tuple[list[dict], list[PoolProgram]]:
    """Examples from the measured pool, and the held-out programs (in no example as parent or child).

    Every example shows two parents with their measured metrics and targets the child's achieved metrics. A
    crossover shows its two parents; a mutant shows its parent and another usable program, drawn among those
    larger than the child when the mutant is smaller than its parent (so that the child is smaller than both).
    With `examples_per_child > 1`, each child appears in up to that many examples that differ in the order of
    its parents and, for a mutant, in the other parent (duplicates of an example are dropped). If fewer than
    `min_smaller_fraction` of the examples have a child smaller than both parents, shrunken mutants get up to
    `examples_per_child` more examples each (other larger second parents), then examples without a smaller
    child are dropped at random (a child's extra examples first) until that fraction is reached. Each example
    records `smaller_child`."""
    measured = [p for p in pool if p.status == "ok"]
    candidates = [p for p in measured if p.parents]
    order = rng.permutation(len(candidates))
    num_heldout = int(round(heldout_fraction * len(candidates)))
    heldout = [candidates[i] for i in order[:num_heldout]]
    heldout_keys = {p.key for p in heldout}
    usable = {p.key: p for p in measured if p.key not in heldout_keys}
    usable_list = list(usable.values())
    seen: set[tuple[str, ...]] = set()

    def examples_of(child: PoolProgram, count: int) -> list[dict]:
        own = [usable[key] for key in child.parents]
        shrank = _smaller_than_all(child, own)
        made = []
        for _ in range(count):
            parents = list(own)
            if len(parents) == 1:
                others = [p for p in usable_list if p.key not in (child.key, parents[0].key)]
                if shrank:
                    others = [p for p in others if p.num_params > child.num_params] or others
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
            made.append(
                {
                    "context": context,
                    "target": target,
                    "parents": [p.key for p in parents],
                    "child": child.key,
                    "smaller_child": _smaller_than_all(child, parents),
                }
            )
        return made

    children = [
        child
        for child in candidates
        if child.key not in heldout_keys and all(parent in usable for parent in child.parents)
    ]
    groups = [examples_of(child, examples_per_child) for child in children]
    examples = [example for group in groups for example in group]
    smaller = sum(example["smaller_child"] for example in examples)
    if min_smaller_fraction > 0 and smaller < min_smaller_fraction * len(examples):
        shrunken = [
            child
            for child in children
            if len(child.parents) == 1 and _smaller_than_all(child, [usable[child.parents[0]]])
        ]
        reserves = [examples_of(child, examples_per_child) for child in shrunken]
        needed = math.ceil((min_smaller_fraction * len(examples) - smaller) / (1 - min_smaller_fraction))
        reserves = [reserves[i] for i in rng.permutation(len(reserves))]
        rounds = [reserve[i] for i in range(examples_per_child) for reserve in reserves if i < len(reserve)]
        examples += rounds[:needed]
    return _thin_to_smaller_fraction(groups, examples, min_smaller_fraction, rng), heldout


def _thin_to_smaller_fraction(
    groups: list[list[dict]], examples: list[dict], min_fraction: float, rng: np.random.Generator
) -> list[dict]:
    """`examples` without enough of those whose child is not smaller than both parents to reach `min_fraction`
    smaller-child examples: a child's extra examples (beyond the first of its group) first, then the rest."""
    smaller = sum(example["smaller_child"] for example in examples)
    if min_fraction <= 0 or smaller == 0:
        return examples
    excess = len(examples) - math.floor(smaller / min_fraction)
    if excess <= 0:
        return examples
    extras = [id(e) for group in groups for e in group[1:] if not e["smaller_child"]]
    firsts = [id(group[0]) for group in groups if group and not group[0]["smaller_child"]]
    dropped = [extras[i] for i in rng.permutation(len(extras))]
    dropped += [firsts[i] for i in rng.permutation(len(firsts))]
    dropped = set(dropped[:excess])
    return [example for example in examples if id(example) not in dropped]


def _write_text(path: pathlib.Path, text: str) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text)
    temporary.replace(path)


def _write_jsonl(path: pathlib.Path, records) -> None:
    _write_text(path, "".join(json.dumps(record) + "\n" for record in records))


def plot_size_histogram(labels: list[str], counts: list[int], path: pathlib.Path) -> None:
    """A bar chart of programs per size bin, written as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

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
        _write_text(path, json.dumps(settings, indent=2))


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
    from evojax_nas import distributed
    from evojax_nas.evaluator import EvaluatorPool
    from evojax_nas.tasks.registry import get_task

    if max_edits < 1:
        raise ValueError(f"max_edits must be >= 1, got {max_edits}")
    growth = Growth(crossover_rate=crossover_rate, bins=bins)
    workdir.mkdir(parents=True, exist_ok=True)
    _check_settings(
        workdir / "settings.json",
        {
            "seed": int(config.seed),
            "task": config.task.name,
            "train": config.train.to_dict(),
            "measure": measure,
            "crossover_rate": crossover_rate,
            "max_edits": max_edits,
            "bins": dataclasses.asdict(bins) if bins is not None else None,
        },
    )
    task = get_task(config.task.name)
    rules, crossover = task.mutation_rules()
    key = jax.random.key(config.seed)
    rng = np.random.default_rng(config.seed)
    built: dict[str, dict] = {}  # dry runs of the growth, by program key
    with EvaluatorPool(config, distributed.evaluation_devices(config)) as evaluator:
        pool_path = workdir / "pool.jsonl"
        growth_path = workdir / "growth.jsonl"
        if pool_path.exists() and not growth_path.exists():  # a corpus grown before growth was journaled
            pool = [
                PoolProgram(**json.loads(line)) for line in pool_path.read_text().splitlines() if line.strip()
            ]
        else:

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
            pool = grow_pool(
                task.seed_programs(config), mutator, pool_size, rng, size_of, growth, growth_path
            )
            _write_jsonl(pool_path, [dataclasses.asdict(program) for program in pool])
        measure_pool(pool, evaluator, key, workdir / "programs.jsonl", measure)
    # Its own stream, so the split is the same whether the pool was grown in this call or reloaded.
    split_rng = np.random.default_rng([config.seed, 1])
    examples, heldout = build_examples(
        pool, task.program_header, heldout_fraction, split_rng, examples_per_child, min_smaller_fraction
    )
    _write_jsonl(workdir / "examples.jsonl", examples)
    _write_jsonl(workdir / "heldout.jsonl", [dataclasses.asdict(program) for program in heldout])
    statuses = {status: sum(p.status == status for p in pool) for status in ("ok", "rejected", "failed")}
    bins = bins or SizeBins()
    histogram = bins.histogram(p.num_params for p in pool if p.status == "ok")
    smaller = sum(example["smaller_child"] for example in examples)
    summary = {
        "programs": len(pool),
        **statuses,
        "examples": len(examples),
        "heldout": len(heldout),
        "smaller_child_examples": smaller,
        "smaller_child_fraction": round(smaller / len(examples), 3) if examples else None,
        "size_bins": bins.labels(),
        "size_histogram": histogram,
        "outside_bins": sum(
            p.status == "ok" and not bins.min_params <= p.num_params <= bins.max_params for p in pool
        ),
    }
    (workdir / "summary.json").write_text(json.dumps(summary, indent=2))
    plot_size_histogram(bins.labels(), histogram, workdir / "size_histogram.png")
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
    from absl import app, flags
    from ml_collections import config_flags

    from evojax_nas.cli import parse_flags

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
