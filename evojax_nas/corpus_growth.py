"""Growing a corpus pool: seeds plus mutants and crossovers of pool members, steered across program sizes.

Log-spaced size bins (`SizeBins`) each get an equal quota; every new program's parents are drawn near an
under-filled bin, children outside the bins' range are refused, and children landing in a full bin are mostly
refused. Growth is journaled (`growth.jsonl`, with the random state after each program), so an interrupted
growth resumes to the same pool. `corpus.py` measures the pool and builds the examples.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import math
import pathlib
import sys
from collections.abc import Callable

import numpy as np

from evojax_nas.json_lines import read_json_lines
from evojax_nas.program_mutation import MutationFailed, Offspring, ProgramMutator
from evojax_nas.programs import program_key


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
    text = journal.read_text()
    records, torn = read_json_lines(text)
    end = torn[0] if torn else len(text.splitlines()) + 1  # lines before the first torn one are kept
    pool, state = [], None
    for number, record in records:
        if number >= end:
            break
        pool.append(PoolProgram(**record["program"]))
        state = record["rng"]
    write_text(journal, "".join(line + "\n" for line in text.splitlines()[: end - 1] if line.strip()))
    return pool, state


def _resume_growth(journal: pathlib.Path | None, rng: np.random.Generator) -> list[PoolProgram]:
    """The programs of an existing growth journal (none without one); `rng` takes the state after the last."""
    if journal is None or not journal.exists():
        return []
    pool, state = _read_growth_journal(journal)
    if state is not None:
        rng.bit_generator.state = state
    return pool


def _target_size(
    pool: list[PoolProgram], growth: Growth, quota: int, rng: np.random.Generator
) -> tuple[float | None, list[int] | None]:
    """log10 of the size near which the next parents are drawn (a size bin picked with probability proportional
    to its deficit against `quota`, shifted by `steer_offset`) and the programs per bin; (None, None) without
    bins."""
    bins = growth.bins
    if bins is None:
        return None, None
    counts = bins.histogram(program.built_params for program in pool)
    deficits = np.array([max(quota - count, 0) for count in counts], dtype=float)
    if deficits.sum() == 0:
        deficits[:] = 1.0
    target_bin = int(rng.choice(bins.count, p=deficits / deficits.sum()))
    return bins.center(target_bin) + growth.steer_offset, counts


def _offspring(
    pool: list[PoolProgram], mutator: ProgramMutator, target: float | None, growth: Growth, rng
) -> tuple[Offspring, list[str]]:
    """A crossover of two pool programs drawn near `target` (with probability `crossover_rate`, once the pool
    has two) or a mutant of one, and its parents' keys; raises `MutationFailed` when there is none."""
    first = _steered_choice(pool, target, growth.steer_decades, rng)
    if len(pool) > 1 and rng.random() < growth.crossover_rate:
        second = _steered_choice(pool, target, growth.steer_decades, rng, exclude=first.key)
        return mutator.crossover(first.source, second.source, rng), [first.key, second.key]
    return mutator.mutate(first.source, rng), [first.key]


def _refusal(
    duplicate: bool, num_params: int | None, counts: list[int] | None, quota: int, growth: Growth, rng
) -> str | None:
    """Why a child is not added to the pool, or None to add it."""
    bins = growth.bins
    if duplicate:
        return "duplicate"
    if num_params is None:
        return "did not build"
    if bins is None:
        return None
    if num_params > bins.max_params:
        return "too large"
    if num_params < bins.min_params:
        return "too small"
    if counts[bins.index(num_params)] >= quota and rng.random() >= growth.overflow_accept:
        return "size bin full"
    return None


def _grow(pool, size, mutator, rng, size_of, growth: Growth, record: Callable[[PoolProgram], None]) -> None:
    """Adds children to `pool` (through `record`) until it holds `size` programs; raises `MutationFailed` after
    `max_rejections_in_a_row` refused children in a row."""
    known = {program.key for program in pool}
    quota = math.ceil(size / growth.bins.count) if growth.bins is not None else size
    rejected = collections.Counter()
    in_a_row = 0
    while len(pool) < size:
        target, counts = _target_size(pool, growth, quota, rng)
        try:
            child, parents = _offspring(pool, mutator, target, growth, rng)
            key = program_key(child.source)
            num_params = None if key in known else size_of(child.source)
            reason = _refusal(key in known, num_params, counts, quota, growth, rng)
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
    pool = _resume_growth(journal, rng)
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
        _grow(pool, size, mutator, rng, size_of, growth, record)
    finally:
        if handle is not None:
            handle.close()
    return pool[:size] if len(pool) > size else pool


def _growth_line(program: PoolProgram, state: dict | None) -> str:
    return json.dumps({"program": dataclasses.asdict(program), "rng": state}) + "\n"


def write_text(path: pathlib.Path, text: str) -> None:
    """Writes `path` through a temporary file, so a reader never sees it half-written."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text)
    temporary.replace(path)
