"""The interface every task implements on the evaluator side.

A task owns: its seed programs, the program header the LM completes, the policy its programs are checked
against, the settings its sandbox builder needs, and how an exported candidate is trained and scored. Adding a
task touches only `tasks/`, `configs/` and `seeds/`.
"""

from __future__ import annotations

import abc
import dataclasses
import importlib
import math
import pathlib
from collections.abc import Iterable

import jax
import ml_collections

from evojax_nas.sandbox.policy import ProgramPolicy

SEEDS_ROOT = pathlib.Path(__file__).resolve().parents[2] / "seeds"

# The builder contract. A task is a package `evojax_nas/tasks/<name>/` whose `__init__` names `TASK`
# ("module:Class", a subclass of `Task` below) and `BUILDER` (a module; see `evojax_nas.tasks.registry`). The
# builder runs inside the sandbox worker, whose filesystem view holds only the Python installation,
# site-packages and this package (`config.sandbox.filesystem`), so it may import only those; it is imported
# once per worker, so it should import no more than JAX, Flax/Haiku, optax and light modules of this package.
# It defines these names:
#   POLICY           the `ProgramPolicy` a program is checked against (before the sandbox and inside it);
#   PROGRAM_HEADER   the program's first line, which the LM completes (the task's `program_header`);
#   build_artifacts  `(module, build_config: dict) -> (metadata: dict, blobs: dict[str, bytes])`: checks the
#                    contract (raising `ContractError`) and exports the functions the task's `score` runs,
#                    with `jax.export`; `build_config` is the task's `build_config(config)`, JSON only.
BUILDER_NAMES = ("POLICY", "PROGRAM_HEADER", "build_artifacts")


class ConfigError(ValueError):
    """A configuration value is invalid; the message names the field and what is accepted."""


@dataclasses.dataclass(frozen=True)
class MetricSpec:
    """The score a task's search optimises, and everything the search derives from it.

    `name` is the result key the task's `score` reports (and the key the prompt docstrings show to the LM); an
    individual keeps it in its `val_accuracy` field, the archive's name for the score, so that older checkpoints
    restore. `std_name` and `test_name` are the keys of its spread over training seeds and of the reported-only
    test score. The error is the distance to `bound` (`bound - score` when higher is better, else
    `score - bound`); EvoPrompting's fitness is `-num_params * error` (higher is better) and its alpha filter keeps
    a child whose error is below alpha. A prompt prints a score with `decimals` decimals; its target asks for
    `target_factor` times the parents' best score (divided by it when lower is better, never past `bound`) and
    `size_factor` times their smallest size, rounded to `size_step` parameters."""

    name: str = "val_accuracy"
    std_name: str = "val_accuracy_std"
    test_name: str = "test_accuracy"
    label: str = "val"
    higher_is_better: bool = True
    bound: float = 1.0
    decimals: int = 3
    target_factor: float = 1.02
    size_factor: float = 0.9
    size_step: int = 100

    def error(self, score: float | None) -> float:
        """The score's distance to its bound (NaN when there is no score)."""
        if score is None:
            return math.nan
        return self.bound - float(score) if self.higher_is_better else float(score) - self.bound

    def fitness(self, num_params: int, score: float) -> float:
        """EvoPrompting's fitness `-(num_params * error)`: higher is better."""
        return -float(num_params) * self.error(score)

    def passes(self, score: float | None, alpha: float) -> bool:
        """The alpha filter: True when there is a score and its error is below `alpha`."""
        return score is not None and self.error(score) < alpha

    def format(self, score: float) -> str:
        """The score as a prompt docstring prints it."""
        return f"{float(score):.{self.decimals}f}"

    def target(self, scores: Iterable[float]) -> float:
        """The score a prompt asks for: better than the best of `scores` by `target_factor`, within the bound."""
        scores = list(scores)
        if self.higher_is_better:
            return min(self.bound, round(self.target_factor * max(scores), self.decimals))
        return max(self.bound, round(min(scores) / self.target_factor, self.decimals))

    def target_size(self, sizes: Iterable[int]) -> int:
        """The parameter count a prompt asks for: `size_factor` of the smallest, to the nearest `size_step`."""
        target = int(round(self.size_factor * min(sizes) / float(self.size_step))) * self.size_step
        return max(target, self.size_step)


DEFAULT_METRIC = MetricSpec()  # MNIST-1D's and CLRS's: best validation accuracy, higher is better, at most 1


class Task(abc.ABC):
    """A search space and its evaluation."""

    name: str
    program_header: str
    policy: ProgramPolicy
    metric: MetricSpec = DEFAULT_METRIC  # the score the search optimises
    mutations_module: str | None = (
        None  # defines MUTATION_RULES and crossover for the program-mutation operator
    )

    def mutation_rules(self) -> tuple[tuple, object]:
        """The task's program-mutation rules and crossover (see `evojax_nas.program_mutation`)."""
        if self.mutations_module is None:
            raise NotImplementedError(f"task '{self.name}' has no program-mutation rules yet")
        module = importlib.import_module(self.mutations_module)
        return tuple(module.MUTATION_RULES), module.crossover

    def seeds_dir(self, config: ml_collections.ConfigDict) -> pathlib.Path:
        """Where this task's seed programs live (`config.task.seeds_dir` overrides the repository's)."""
        override = config.task.get("seeds_dir", "")
        return pathlib.Path(override) if override else SEEDS_ROOT / self.name

    def seed_programs(self, config: ml_collections.ConfigDict) -> dict[str, str]:
        """The seed programs, by file stem, in name order."""
        directory = self.seeds_dir(config)
        if not directory.is_dir():
            raise ConfigError(f"seed directory '{directory}' does not exist")
        return {path.stem: path.read_text() for path in sorted(directory.glob("*.py"))}

    def search_configs(
        self, config: ml_collections.ConfigDict
    ) -> list[tuple[str, ml_collections.ConfigDict]]:
        """The (label, config) pairs a search scores each candidate under (one build and training each; the label
        names the config in a refusal); `combine` merges the results. Default: the config itself, unlabelled."""
        return [("", config)]

    def combine(self, results: list[dict]) -> dict:
        """One result from the `search_configs` results, all of them `ok` (default: the only one)."""
        if len(results) != 1:
            raise NotImplementedError(f"task '{self.name}' scores a candidate under one config only")
        return results[0]

    @abc.abstractmethod
    def validate_config(self, config: ml_collections.ConfigDict) -> None:
        """Raises `ConfigError` for any invalid value."""

    @abc.abstractmethod
    def build_config(self, config: ml_collections.ConfigDict) -> dict:
        """The JSON-serialisable settings the sandbox builder needs to export a candidate."""

    @abc.abstractmethod
    def score(
        self,
        metadata: dict,
        artifacts: dict[str, bytes],
        config: ml_collections.ConfigDict,
        key: jax.Array,
        *,
        dry_run: bool = False,
        progress: bool = False,
    ) -> dict:
        """Trains and scores an exported candidate; returns metrics including `status` and `reason`."""
