"""What a user sees while a search runs: one estimate line after the first trained candidate, and a warning
naming the cpu preset when the run is far beyond what its preset is meant for on a CPU."""

from __future__ import annotations

import jax

from evojax_nas.checkpointing import RunStore
from evojax_nas.search import Search, build_search
from tests.search_fakes import KeyedCopier
from tests.test_resampling import ScoringEvaluator, smoke_config


class TrainingEvaluator(ScoringEvaluator):
    """Scores as `ScoringEvaluator` and says it compiled and trained the program, as the real evaluator does."""

    size = 2

    def evaluate(self, source: str, key: jax.Array, **options) -> dict:
        self.options = options
        return {**super().evaluate(source, key), "compile_seconds": 0.5, "train_seconds": 1.0}


def _seed_phase(tmp_path, config) -> tuple[Search, TrainingEvaluator]:
    evaluator = TrainingEvaluator(config)
    search = build_search(config, RunStore(tmp_path / "run"), evaluator, generator=KeyedCopier())
    search.initial_state()
    return search, evaluator


def test_one_estimate_line_after_the_first_trained_candidate(tmp_path, capsys):
    config = smoke_config(tmp_path)
    _, evaluator = _seed_phase(tmp_path, config)
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("estimate:")]
    seeds = len(evaluator.task.seed_programs(config))
    evaluations = (
        seeds + config.search.rounds * config.search.prompts_per_round * config.search.samples_per_prompt
    )
    assert len(lines) == 1, lines
    assert f"up to {evaluations} evaluations" in lines[0] and "on 2 evaluation worker(s)" in lines[0]
    assert evaluator.options == {"progress": False}  # the training bar follows config.log.progress


def test_a_run_far_beyond_its_preset_on_a_cpu_names_the_cpu_preset(tmp_path, capsys):
    config = smoke_config(tmp_path)
    config.preset = "paper"
    config.log.long_run_warning_hours = 1e-9  # anything is 'far beyond' this
    _seed_phase(tmp_path, config)
    error = capsys.readouterr().err
    assert "far beyond what the 'paper' preset is meant for on a CPU" in error
    assert "--config=configs/mnist1d.py:cpu" in error
    config.preset = "cpu"
    _seed_phase(tmp_path / "cpu", config)
    assert "far beyond" not in capsys.readouterr().err
