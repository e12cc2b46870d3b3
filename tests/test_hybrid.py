"""The hybrid method in-process: a bandit gives each prompt slot to the LM, program mutation or crossover; real
program mutation of real seeds, a scripted LM, a scoring stand-in evaluator, real Orbax checkpoints."""

from __future__ import annotations

import collections

import pytest

from evojax_nas.analyze import restore_run, write_report
from evojax_nas.checkpointing import RunStore
from evojax_nas.operators import Child
from evojax_nas.search import Parts, Search, SearchState
from evojax_nas.search.arms import arm_of
from evojax_nas.search.evaluation import CandidateEvaluation
from evojax_nas.search.methods import LM, Hybrid
from evojax_nas.search.reporting import RunLog, summarize
from evojax_nas.search.runner import child_sources
from evojax_nas.tasks.base import ConfigError
from tests.search_fakes import HashScoringEvaluator, KeyedCopier
from tests.test_search_loop import children, config_for


class ParentCopier:
    """A scripted LM arm that always fails: every child is a copy of its prompt's first parent (a duplicate)."""

    def generate(self, parent_groups, samples_per_prompt, key, soft_prompt=None, temperatures=None):
        return [
            [Child(group[0].source, (0,), "prompt", 0.2, "lm") for _ in range(samples_per_prompt)]
            for group in parent_groups
        ]


class UntunedHybrid(Hybrid):
    """The hybrid without soft-prompt tuning (there is no LM to tune here; the arms and bandit are the real ones)."""

    tunes = False


def hybrid_search(config, workdir, generator):
    store = RunStore(workdir)
    store.check_or_save_config(config)
    evaluator = HashScoringEvaluator(config)
    log = RunLog(config, store)
    method = UntunedHybrid(config.search)
    evaluation = CandidateEvaluation(evaluator, store, log, evaluator.task.metric, float(config.search.alpha))
    sources = child_sources(config, method, evaluator, log, generator=generator)
    return Search(config, Parts(method, sources, evaluation, None, evaluator.task, log, store)), store


def run_rounds(config, workdir, generator, state=None, rounds=None):
    search, store = hybrid_search(config, workdir, generator)
    try:
        if state is None:
            state = search.initial_state()
            search.save(state)
        for _ in range(rounds if rounds is not None else search.rounds - state.round):
            search.run_round(state)
            search.save(state)
        return state
    finally:
        search.log.close()
        store.close()


def hybrid_config(tmp_path, min_share=0.0, **search):
    config = config_for(tmp_path, "hybrid", **search)
    config.search.hybrid.min_share = min_share
    return config


def test_an_arm_that_always_fails_loses_its_share(tmp_path):
    config = hybrid_config(tmp_path, rounds=10, prompts_per_round=6, samples_per_prompt=2, max_resamples=0)
    state = run_rounds(config, tmp_path / "run", ParentCopier())
    by_round = [collections.Counter(arm_of(i) for i in state.population.round_samples(r)) for r in range(10)]
    lm_share = sum(counts[LM] for counts in by_round) / len(children(state))
    assert all(i.status == "duplicate" for i in children(state) if arm_of(i) == LM)
    assert lm_share < 1 / 6  # half of an equal share
    arms = state.history[-1]["arms"]
    assert arms[LM]["posterior_mean"] < min(arms[a]["posterior_mean"] for a in arms if a != LM)


def test_the_arms_are_real_operators_and_the_summary_counts_them(tmp_path):
    config = hybrid_config(
        tmp_path, min_share=0.5, rounds=2, prompts_per_round=6, samples_per_prompt=2, max_resamples=1
    )
    state = run_rounds(config, tmp_path / "run", KeyedCopier())
    made = children(state)
    assert {arm_of(i) for i in made} == {"lm", "program_mutation", "program_crossover"}
    assert all(len(i.parents) == 2 for i in made if arm_of(i) == "program_crossover" and i.status == "ok")
    assert all(len(i.parents) == 1 for i in made if arm_of(i) == "program_mutation")
    summary = summarize(state, tmp_path / "run", config)
    totals = summary["arms"]
    assert sum(entry["samples"] for entry in totals.values()) == len(made) == summary["samples"]
    for entry in totals.values():
        assert entry["ok"] + entry["duplicate"] + entry["failed"] == entry["samples"]
        assert entry["mean_reward"] is None or 0.0 <= entry["mean_reward"] <= 1.0
    report = write_report(restore_run(tmp_path / "run"))
    text = (report / "README.md").read_text()
    assert "## Operator arms (hybrid)" in text and (report / "arms.png").stat().st_size > 0
    for arm, entry in totals.items():
        assert f"| all | **{arm}** | {entry['samples']} | {entry['ok']} |" in text
    assert "| program | arm | round |" in text


def test_smaller_slots_give_the_bandit_more_decisions_at_the_same_budget(tmp_path):
    config = hybrid_config(tmp_path, rounds=2, prompts_per_round=2, samples_per_prompt=4, max_resamples=0)
    config.search.hybrid.samples_per_slot = 2
    state = run_rounds(config, tmp_path / "run", KeyedCopier())
    for round_index in range(2):
        made = state.population.round_samples(round_index)
        assert len(made) == 2 * 4  # m*n, whatever the slot size
        lm_prompts = collections.Counter(i.prompt_id for i in made if arm_of(i) == LM)
        assert all(count == 2 for count in lm_prompts.values())  # an LM slot is one prompt of 2 samples
    assert sum(state.bandit["pulls"]) == 16 and len(state.history[0]["arms"]) == 3
    config.search.hybrid.samples_per_slot = 3
    with pytest.raises(ConfigError, match="samples_per_slot must be 0 .* or divide"):
        Hybrid(config.search).validate(config)


def test_choices_and_bandit_state_are_the_same_after_a_resume(tmp_path):
    config = hybrid_config(tmp_path, rounds=3, prompts_per_round=4, samples_per_prompt=2, max_resamples=1)
    reference = run_rounds(config, tmp_path / "reference", KeyedCopier())
    run_rounds(config, tmp_path / "stopped", KeyedCopier(), rounds=1)
    store = RunStore(tmp_path / "stopped")
    _, state_json, arrays = store.restore_latest(record_events=False)
    store.close()
    restored = SearchState.from_checkpoint(state_json, arrays)
    assert restored.bandit is not None and restored.bandit["pulls"] and sum(restored.bandit["pulls"]) == 8
    resumed = run_rounds(config, tmp_path / "stopped", KeyedCopier(), state=restored)
    assert [(i.key, i.origin, i.status) for i in resumed.population.archive] == [
        (i.key, i.origin, i.status) for i in reference.population.archive
    ]
    assert resumed.bandit == reference.bandit


def test_bad_hybrid_settings_get_one_clear_error(tmp_path):
    config = hybrid_config(tmp_path)
    config.search.hybrid.arms = ("lm", "beam_search")
    with pytest.raises(ConfigError, match="config.search.hybrid.arms must be at least two distinct"):
        Hybrid(config.search).validate(config)
    config.search.hybrid.arms = ("lm", "program_mutation")
    config.search.hybrid.decay = 0.0
    with pytest.raises(ConfigError, match="config.search.hybrid.decay must be in"):
        Hybrid(config.search).validate(config)
