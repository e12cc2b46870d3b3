"""The search loop in-process, in seconds: a keyed scripted LM operator and a scoring stand-in evaluator
(`tests/search_fakes.py`) in place of the LM and the sandboxed training; the real methods, resampling, dedup,
journal, selection, checkpoints (Orbax) and reports."""

from __future__ import annotations

import jax
import pytest

from evojax_nas.checkpointing import RunStore
from evojax_nas.population import SEED_ROUND
from evojax_nas.search import Parts, Search, SearchError, SearchState, build_search
from evojax_nas.search.evaluation import CandidateEvaluation
from evojax_nas.search.methods import LM, MUTATION, EvoPrompting, RoundPlan, draw_groups
from evojax_nas.search.reporting import RunLog
from evojax_nas.search.sources import LMSource, Sample
from tests.conftest import load_config
from tests.search_fakes import HashScoringEvaluator, KeyedCopier, variant
from tests.search_fixture import seeds_directory


def config_for(tmp_path, method="no_prompt_tuning", **search):
    config = load_config("mnist1d", "smoke")
    config.task.seeds_dir = str(seeds_directory(tmp_path))
    config.search.method = method
    config.log.progress = False
    config.log.tensorboard = False
    for name, value in search.items():
        config.search[name] = value
    return config


def run_search(config, workdir, state=None, rounds=None):
    """Runs (or continues) the scripted search; `rounds` stops it after that many rounds (a checkpoint each)."""
    store = RunStore(workdir)
    store.check_or_save_config(config)
    search = build_search(config, store, HashScoringEvaluator(config), generator=KeyedCopier())
    try:
        if rounds is None:
            return search.execute(state), search
        state = state or search.initial_state()
        search.save(state)
        for _ in range(rounds):
            search.run_round(state)
            search.save(state)
        return state, search
    finally:
        search.log.close()
        store.close()


def children(state):
    return [i for i in state.population.archive if i.round != SEED_ROUND]


def test_every_sample_counts_toward_the_budget_and_duplicates_are_not_trained(tmp_path):
    config = config_for(tmp_path, rounds=3, prompts_per_round=2, samples_per_prompt=3, max_resamples=0)
    state, search = run_search(config, tmp_path / "run")
    made = children(state)
    assert state.finished and len(made) == 3 * 2 * 3 and state.samples == 18
    assert [len(state.population.round_samples(r)) for r in range(3)] == [6, 6, 6]
    duplicates = [i for i in made if i.status == "duplicate"]
    assert duplicates and all(i.num_params is None and i.fitness is None for i in duplicates)
    trained = 2 + sum(i.status != "duplicate" for i in made)  # seeds and every new program, once each
    assert len(search.parts.evaluation.evaluator.evaluated) == trained
    assert all(entry["samples"] == 6 and entry["draws"] == 6 for entry in state.history)


def test_novelty_rejection_redraws_copies_and_keeps_the_budget(tmp_path):
    config = config_for(tmp_path, rounds=2, prompts_per_round=2, samples_per_prompt=4, max_resamples=3)
    state, _ = run_search(config, tmp_path / "run")
    made = children(state)
    assert len(made) == 16 and sum(i.attempts for i in made) > 16  # copies of a parent were drawn again
    assert all(i.attempts == 1 + sum(i.rejected_attempts.values()) <= 4 for i in made)
    assert all(entry["draws"] >= entry["attempts"] for entry in state.history)


def test_get_top_selects_the_fittest_of_g_and_retires_them(tmp_path):
    config = config_for(tmp_path, rounds=2, prompts_per_round=2, samples_per_prompt=3, num_parents=2)
    state, _ = run_search(config, tmp_path / "run", rounds=1)
    population = state.population
    scored = [i for i in population.round_samples(0) if i.status == "ok"]
    fittest = sorted(scored, key=lambda i: (-i.fitness, i.num_params, i.key))[:2]
    assert population.parents == [i.key for i in fittest]
    assert not set(population.parents) & set(population.pool)  # retired from G
    assert set(population.pool) == {i.key for i in scored} - set(population.parents)


def test_naive_prompting_spends_the_budget_in_one_round_of_seed_pairs(tmp_path):
    config = config_for(tmp_path, "naive_prompting", rounds=2, prompts_per_round=2, samples_per_prompt=2)
    state, _ = run_search(config, tmp_path / "run")
    seeds = {i.key for i in state.population.seeds()}
    assert state.round == 1 and len(children(state)) == 8
    assert all(set(i.parents) <= seeds and len(i.parents) == 2 for i in children(state))


def test_a_search_resumed_from_its_checkpoint_ends_like_an_uninterrupted_one(tmp_path):
    config = config_for(tmp_path, rounds=3, prompts_per_round=2, samples_per_prompt=3, max_resamples=2)
    reference, _ = run_search(config, tmp_path / "reference")
    run_search(config, tmp_path / "stopped", rounds=1)
    store = RunStore(tmp_path / "stopped")
    step, state_json, arrays = store.restore_latest(record_events=False)
    store.close()
    assert step == 1
    resumed, search = run_search(
        config, tmp_path / "stopped", SearchState.from_checkpoint(state_json, arrays)
    )
    assert [i.to_json() | {"seconds": None} for i in resumed.population.archive] == [
        i.to_json() | {"seconds": None} for i in reference.population.archive
    ]
    assert resumed.final == reference.final and resumed.population.parents == reference.population.parents
    assert len(search.parts.evaluation.evaluator.evaluated) == sum(  # only rounds 2 and 3 were evaluated
        i.status != "duplicate" for i in children(resumed) if i.round > 0
    )


def test_a_method_that_tunes_needs_an_lm(tmp_path):
    config = config_for(tmp_path, "evoprompting")
    with pytest.raises(SearchError, match="tunes the soft prompt: it needs an LM"):
        build_search(
            config, RunStore(tmp_path / "run"), HashScoringEvaluator(config), generator=KeyedCopier()
        )


class Widener:
    """A scripted second operator: each child is its slot's first parent with a wider first layer."""

    def randomness(self, key, kept_sources):
        return key

    def draw(self, state, round_index, positions, groups, count, randomness, label):
        return [
            [
                Sample(
                    -1,
                    variant(state.population.get(group[0]).source, 500 + 10 * p + row),
                    [group[0]],
                    None,
                    None,
                    "widen",
                )
                for row in range(count)
            ]
            for p, group in zip(positions, groups, strict=True)
        ]


class Alternating(EvoPrompting):
    """A method that mixes operators per prompt slot (as a hybrid would): even slots LM, odd slots mutation."""

    name = "alternating"
    tunes = False
    operators = (LM, MUTATION)

    def plan(self, state, key):
        group_key, sample_key = jax.random.split(key)
        count = self.prompts_per_round()
        groups = draw_groups(state.population.parents, count, self.search.num_in_context, group_key)
        return RoundPlan(
            groups, [LM if p % 2 == 0 else MUTATION for p in range(count)], {LM: sample_key, MUTATION: None}
        )


def test_a_method_chooses_the_operator_of_each_prompt_slot(tmp_path):
    config = config_for(tmp_path, rounds=2, prompts_per_round=4, samples_per_prompt=2, max_resamples=1)
    store = RunStore(tmp_path / "run")
    evaluator = HashScoringEvaluator(config)
    log = RunLog(config, store)
    evaluation = CandidateEvaluation(evaluator, store, log, evaluator.task.metric, float(config.search.alpha))
    sources = {LM: LMSource(KeyedCopier(), config.lm.prompts_per_call, log), MUTATION: Widener()}
    parts = Parts(Alternating(config.search), sources, evaluation, None, evaluator.task, log, store)
    state = Search(config, parts).execute(None)
    store.close()
    for round_index in range(2):
        samples = state.population.round_samples(round_index)
        assert [i.origin for i in samples] == ["lm", "lm", "widen", "widen"] * 2  # slot order kept
        assert [i.sample_index for i in samples] == list(range(8))
    assert all(i.prompt_id is None for i in children(state) if i.origin == "widen")
