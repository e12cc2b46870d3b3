"""The interface every task implements on the evaluator side.

A task owns: its seed programs, the program header the LM completes, the policy its programs are checked
against, the settings its sandbox builder needs, and how an exported candidate is trained and scored. Adding a
task touches only `tasks/`, `configs/` and `seeds/`.
"""

from __future__ import annotations

import abc
import importlib
import pathlib

import jax
import ml_collections

from evojax_nas.sandbox.policy import ProgramPolicy

SEEDS_ROOT = pathlib.Path(__file__).resolve().parents[2] / "seeds"


class ConfigError(ValueError):
    """A configuration value is invalid; the message names the field and what is accepted."""


class Task(abc.ABC):
    """A search space and its evaluation."""

    name: str
    program_header: str
    policy: ProgramPolicy
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
