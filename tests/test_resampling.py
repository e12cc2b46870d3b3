"""Novelty rejection before training (`config.search.max_resamples`): draws that copy a parent, an archive member
or an earlier sample of the round, or that fail the static policy, are drawn again from their prompt, in batched
waves, and the round still records exactly m*n samples.

In-process and fast: the search-loop logic runs with a scripted operator (it writes copies of its parent, fresh
variants of it, or broken text, as each test says) and a scoring stand-in for the evaluator that applies the real
policy; one test samples with a real tiny random Llama (real tokenizer, real sampler). The end-to-end runs with
real training (`tests/test_search.py`, `tests/test_distributed.py`) use the smoke preset, whose
`max_resamples` is 1.
"""

from __future__ import annotations

import json
import struct

import jax
import ml_collections
import numpy as np
import pytest

from evojax_nas import search as search_module
from evojax_nas.analyze import Run, write_report
from evojax_nas.checkpointing import RunStore, config_differences, config_to_json
from evojax_nas.operators import Child
from evojax_nas.population import SEED_ROUND, Individual, Population
from evojax_nas.programs import program_key
from evojax_nas.sandbox.policy import PolicyViolation, check_program
from evojax_nas.search import SearchState, build_search, validate_search_config
from evojax_nas.tasks.base import ConfigError
from evojax_nas.tasks.registry import get_task
from tests.conftest import REPO_ROOT, load_config
from tests.search_fakes import KeyedCopier, variant

CNN = (REPO_ROOT / "seeds" / "mnist1d" / "cnn.py").read_text()
MLP = (REPO_ROOT / "seeds" / "mnist1d" / "mlp.py").read_text()
BROKEN = "class Model(nn.Module):\n    def __call__(self, x:\n"


class ScoringEvaluator:
    """The search loop's evaluator stand-in: the real task and policy; a policy-breaking program is rejected as
    the real evaluator rejects it, any other scores `num_params = len(source)`, val accuracy 0.9. Records every
    program it is asked to evaluate."""

    def __init__(self, config):
        self.task = get_task(config.task.name)
        self.policy = self.task.policy
        self.evaluated: list[str] = []

    def evaluate(self, source: str, key: jax.Array, **options) -> dict:
        self.evaluated.append(source)
        try:
            check_program(source, self.policy)
        except PolicyViolation as error:
            return {"status": "rejected", "reason": f"policy: {error}"}
        return {"status": "ok", "num_params": len(source), "val_accuracy": 0.9, "test_accuracy": 0.88}

    def map(self, function, jobs, on_result=None):
        results = []
        for position, job in enumerate(jobs):
            results.append(function(self, job))
            if on_result is not None:
                on_result(position, results[-1])
        return results


class ScriptedOperator:
    """An LM operator whose draws follow `script(call, prompt, row, parents) -> source`; records each sampler
    call as (number of prompts, samples per prompt)."""

    def __init__(self, script):
        self.script = script
        self.calls: list[tuple[int, int]] = []

    def generate(self, parent_groups, samples_per_prompt, key, soft_prompt=None, temperatures=None):
        call = len(self.calls)
        self.calls.append((len(parent_groups), samples_per_prompt))
        return [
            [
                Child(
                    self.script(call, prompt, row, [p.source for p in group]),
                    tuple(range(len(group))),
                    f"prompt {prompt}",
                    0.2,
                    "lm",
                )
                for row in range(samples_per_prompt)
            ]
            for prompt, group in enumerate(parent_groups)
        ]


def smoke_config(tmp_path, **search):
    config = load_config("mnist1d", "smoke")
    config.search.method = "no_prompt_tuning"
    config.log.progress = False
    config.log.tensorboard = False
    for name, value in search.items():
        config.search[name] = value
    return config


def seeded_state(parents=(CNN, MLP)) -> SearchState:
    """A state whose archive holds the scored seeds, all of them parents."""
    population = Population()
    for index, source in enumerate(parents):
        population.add(
            Individual(
                program_key(source),
                source,
                "ok",
                SEED_ROUND,
                index,
                "seed",
                num_params=5000 + index,
                val_accuracy=0.8,
                fitness=-0.2 * (5000 + index),
            )
        )
    population.parents = [i.key for i in population.archive]
    return SearchState(population, 0, jax.random.key(0))


def make_search(tmp_path, config, operator, store=None):
    return build_search(
        config, store or RunStore(tmp_path / "run"), ScoringEvaluator(config), generator=operator
    )


def evaluate(search, *arguments):
    """The search's FILTER_AND_EVAL step on its own."""
    return search.parts.evaluation.evaluate_samples(*arguments)


def evaluated(search) -> list[str]:
    """The programs the search's stand-in evaluator was asked to evaluate."""
    return search.parts.evaluation.evaluator.evaluated


def copies_then_variants(call, prompt, row, parents):
    """Round script used below: the first wave copies parents and siblings, later waves write variants."""
    first_wave = {
        0: ["copy", "new", "copy", "copy"],  # call 0, prompt 0
        1: ["new", "new", "new", "new"],  # call 0, prompt 1
        2: ["copy", "new", "same", "new"],  # call 1 (prompt 2 of the round): row 2 repeats row 1
    }
    waves = {
        2: {0: ["copy", "new", "new", "copy"], 1: ["copy", "new", "new", "new"]},  # wave 1: prompts 0 and 2
        3: {0: ["new"]},  # wave 2: prompt 0 only
    }
    kind = first_wave[2 * call + prompt][row] if call < 2 else waves[call][prompt][row]
    if kind == "copy":
        return parents[0]
    number = 100 * call + 10 * prompt + (row - 1 if kind == "same" else row)
    return variant(parents[0], number)


def test_copies_are_drawn_again_in_batched_waves_and_the_round_keeps_its_budget(tmp_path):
    config = smoke_config(tmp_path, prompts_per_round=3, samples_per_prompt=4, max_resamples=3)
    config.lm.prompts_per_call = 2
    operator = ScriptedOperator(copies_then_variants)
    search = make_search(tmp_path, config, operator)
    state = seeded_state()
    samples = search.generate(state, 0, jax.random.key(3))

    # First draws: 2 calls (prompts_per_call = 2); wave 1: the 2 pending prompts in ONE call, 4 draws each (the
    # most samples pending on one prompt, 3, rounded up to a power of two); wave 2: the one sample still rejected.
    assert operator.calls == [(2, 4), (1, 4), (2, 4), (1, 1)]
    assert search.generation == {"draws": 12 + 8 + 1, "waves": 2}
    assert [s.index for s in samples] == list(range(12))
    assert all(s.verdict == "new" for s in samples)
    keys = [program_key(s.source) for s in samples]
    assert len(set(keys)) == 12 and not any(state.population.seen(k) for k in keys)
    # Prompt 0: samples 0, 2, 3 copied the parent; in wave 1 sample 0 copied it again, and again with the
    # prompt's spare draw, so its 4th draw comes in wave 2. Prompt 2: sample 8 copied, sample 10 repeated
    # sample 9; in wave 1 sample 8 copied again and took the prompt's first spare draw.
    assert [s.attempts for s in samples] == [4, 1, 2, 2, 1, 1, 1, 1, 3, 1, 2, 1]
    assert samples[0].rejected_attempts == {"parent": 3} and samples[8].rejected_attempts == {"parent": 2}
    assert samples[2].rejected_attempts == samples[3].rejected_attempts == {"parent": 1}
    assert samples[10].rejected_attempts == {"sibling": 1} and samples[1].rejected_attempts == {}
    assert all(s.attempts == 1 + sum(s.rejected_attempts.values()) for s in samples)
    assert {s.prompt_id for s in samples[8:]} == {"r0p2"} and all(len(s.parents) == 2 for s in samples)

    children = evaluate(search, state.population, 0, samples, jax.random.key(4), "evaluate")
    assert [c.status for c in children] == ["ok"] * 12
    assert len(evaluated(search)) == 12
    archived = [i for i in state.population.archive if i.round == 0]
    assert [i.attempts for i in archived] == [s.attempts for s in samples]
    assert archived[10].rejected_attempts == {"sibling": 1}


def test_a_sample_still_rejected_after_the_last_draw_is_recorded_untrained(tmp_path):
    config = smoke_config(tmp_path, prompts_per_round=2, samples_per_prompt=2, max_resamples=2)
    archived = variant(CNN, 7)

    def script(call, prompt, row, parents):
        if prompt == 0:
            return parents[0]  # always a copy of the parent
        return BROKEN if row == 0 else archived  # policy failure; a copy of an archive member

    operator = ScriptedOperator(script)
    search = make_search(tmp_path, config, operator)
    state = seeded_state()
    state.population.add(Individual(program_key(archived), archived, "filtered", SEED_ROUND, 9, "earlier"))
    samples = search.generate(state, 0, jax.random.key(0))
    assert operator.calls == [(2, 2), (2, 2), (2, 2)]  # both prompts pending in each of the 2 waves
    assert [s.attempts for s in samples] == [3, 3, 3, 3]
    assert [s.rejected_attempts for s in samples] == [
        {"parent": 2},
        {"parent": 2},
        {"policy": 2},
        {"archive": 2},
    ]
    assert [s.verdict for s in samples] == ["duplicate", "duplicate", "policy", "duplicate"]
    children = evaluate(search, state.population, 0, samples, jax.random.key(1), "evaluate")
    # Only the policy failure reaches the evaluator, which refuses it as before (journaled, not trained).
    assert [c.status for c in children] == ["duplicate", "duplicate", "rejected", "duplicate"]
    assert evaluated(search) == [BROKEN] and children[2].reason.startswith("policy:")


def test_max_resamples_zero_keeps_the_papers_accounting(tmp_path):
    """With 0, each prompt is sampled once and every draw is a sample: copies of a parent and a repeated sibling
    are recorded as duplicates, as the search always did; nothing is redrawn."""
    config = smoke_config(tmp_path, prompts_per_round=3, samples_per_prompt=4, max_resamples=0)
    config.lm.prompts_per_call = 2
    operator = ScriptedOperator(copies_then_variants)
    search = make_search(tmp_path, config, operator)
    state = seeded_state()
    samples = search.generate(state, 0, jax.random.key(3))
    assert operator.calls == [(2, 4), (1, 4)]
    assert search.generation == {"draws": 12, "waves": 0}
    assert all(s.verdict is None and s.attempts == 1 and not s.rejected_attempts for s in samples)
    children = evaluate(search, state.population, 0, samples, jax.random.key(4), "evaluate")
    expected = ["duplicate", "ok", "duplicate", "duplicate", "ok", "ok", "ok", "ok", "duplicate", "ok"]
    assert [c.status for c in children] == [*expected, "duplicate", "ok"]
    assert len(evaluated(search)) == 7


def test_mutation_method_rejects_and_redraws_deterministically(tmp_path):
    config = smoke_config(
        tmp_path, method="mutation", prompts_per_round=2, samples_per_prompt=4, max_resamples=3
    )
    state = seeded_state()
    state.aging = list(state.population.parents)
    runs = []
    for name in ("a", "b"):
        search = build_search(config, RunStore(tmp_path / name), ScoringEvaluator(config))
        runs.append((search.generate(state, 0, jax.random.key(5)), search.generation))
    (samples, generation), (again, _) = runs
    assert samples == again  # a replayed round redraws the same programs
    assert len(samples) == 8 and generation["draws"] >= 8
    kept = [program_key(s.source) for s in samples if s.verdict == "new"]
    assert len(kept) == len(set(kept)) and not any(state.population.seen(k) for k in kept)
    assert all(s.attempts == 1 + sum(s.rejected_attempts.values()) <= 4 for s in samples)
    assert all(s.origin.startswith("mutation: ") and s.parents for s in samples)


@pytest.fixture(scope="module")
def tiny_lm(tmp_path_factory):
    from evojax_nas import lm as lm_package
    from tests.lm.conftest import _train_tokenizer, write_random_llama

    return lm_package.load(write_random_llama(str(tmp_path_factory.mktemp("tiny_lm")), _train_tokenizer(384)))


def test_real_tiny_lm_draws_are_redrawn_in_one_call_per_wave_at_the_resample_temperatures(tmp_path, tiny_lm):
    """A random tiny Llama writes programs that break the policy or repeat each other: each is redrawn, one
    sampler call per wave for all pending prompts, at `resample_temperatures`, and the round replays identically
    from its key."""
    config = smoke_config(
        tmp_path, method="evoprompting", prompts_per_round=2, samples_per_prompt=2, max_resamples=2
    )
    config.lm.prompts_per_call = 2
    config.search.resample_temperatures = (1.5,)
    results = []
    for name in ("a", "b"):
        search = build_search(config, RunStore(tmp_path / name), ScoringEvaluator(config), tiny_lm)
        calls = []
        operator = search.parts.sources["lm"].operator
        generate = operator.generate

        def counted(groups, count, key, soft_prompt, temperatures, generate=generate, calls=calls):
            calls.append((len(groups), count, temperatures))
            return generate(groups, count, key, soft_prompt, temperatures)

        operator.generate = counted
        state = seeded_state()
        state.soft_prompt = np.asarray(tiny_lm.init_soft_prompt(jax.random.key(1), 4), np.float32)
        results.append((search.generate(state, 0, jax.random.key(2)), calls, search.generation))
    (samples, calls, generation), (again, calls_again, _) = results
    assert samples == again and calls == calls_again
    # Random weights write no program that passes the policy and is new: every sample is drawn 3 times, and
    # each wave samples both prompts in one call, at the resample temperature (first draws: the operator's).
    assert calls == [(2, 2, None), (2, 2, (1.5,)), (2, 2, (1.5,))] and generation == {"draws": 12, "waves": 2}
    assert [s.attempts for s in samples] == [3, 3, 3, 3]
    assert all(sum(s.rejected_attempts.values()) == 2 for s in samples)
    assert all(s.verdict in ("duplicate", "policy") for s in samples)
    assert [s.temperature for s in samples] == [1.5] * 4


def _tensorboard_tags(directory) -> set[str]:
    """Scalar tags in the TensorBoard event files under `directory` (TFRecord framing, tensorboardX protos)."""
    from tensorboardX.proto import event_pb2

    tags = set()
    for path in directory.rglob("events.out.tfevents.*"):
        data = path.read_bytes()
        offset = 0
        while offset + 12 <= len(data):
            (length,) = struct.unpack("<Q", data[offset : offset + 8])
            event = event_pb2.Event.FromString(data[offset + 12 : offset + 12 + length])
            tags.update(value.tag for value in event.summary.value)
            offset += 12 + length + 4
    return tags


def test_rounds_record_attempts_in_the_summary_events_tensorboard_and_report(tmp_path):
    config = smoke_config(tmp_path, prompts_per_round=2, samples_per_prompt=3, max_resamples=1)
    config.log.tensorboard = True
    config.task.seeds_dir = str(tmp_path / "seeds")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "cnn.py").write_text(CNN)
    (tmp_path / "seeds" / "mlp.py").write_text(MLP)

    def script(call, prompt, row, parents):  # first draw of each prompt copies its parent
        return (
            parents[0] if row == 0 and call % 2 == 0 else variant(parents[0], 1000 * call + 10 * prompt + row)
        )

    store = RunStore(tmp_path / "run")
    store.check_or_save_config(config)
    search = make_search(tmp_path, config, ScriptedOperator(script), store)
    state = search.execute(None)
    search.log.close()
    budget = 2 * 2 * 3
    children = [i for i in state.population.archive if i.round != SEED_ROUND]
    assert len(children) == budget and all(c.status == "ok" for c in children)
    assert len(evaluated(search)) == 2 + budget  # the seeds and every sample, each once
    for entry in state.history:
        assert entry["samples"] == 6 and entry["attempts"] == 8 and entry["resamples"] == 2
        assert entry["rejected_before_training"] == {"parent": 2, "archive": 0, "sibling": 0, "policy": 0}
        assert entry["draws"] == 8 and entry["resample_waves"] == 1
    rounds = [json.loads(line) for line in (tmp_path / "run" / "events.jsonl").read_text().splitlines()]
    rounds = [r for r in rounds if r["event"] == "round"]
    assert [r["attempts"] for r in rounds] == [8, 8]
    tags = _tensorboard_tags(tmp_path / "run" / "tensorboard")
    assert {"search/attempts", "search/resamples", "search/rejected_parent", "search/rejected_policy"} <= tags
    summary = search_module.summarize(state, tmp_path / "run", config)
    assert summary["attempts"] == 16 and summary["rejected_before_training"]["parent"] == 4
    store.close()

    report = write_report(Run(tmp_path / "run", config_to_json(config), state), tmp_path / "report")
    readme = (report / "README.md").read_text()
    assert "`max_resamples` = 1): 16 attempts for 12 samples; 4 draws were rejected" in readme
    assert "| 1 | 6 | 8 | 8 | 2 | 2 | 0 | 0 | 0 | 0 | 6 |" in readme


class FailingAfter(ScoringEvaluator):
    """Stops the search (like a kill) when asked for its `limit`+1-th evaluation."""

    def __init__(self, config, limit: int):
        super().__init__(config)
        self.limit = limit

    def evaluate(self, source: str, key: jax.Array, **options) -> dict:
        if len(self.evaluated) == self.limit:
            raise KeyboardInterrupt("stopped mid-round")
        return super().evaluate(source, key)


def test_a_round_interrupted_mid_evaluation_resumes_to_the_same_archive(tmp_path):
    """The resumed round redraws the same programs (waves included) from the checkpointed key, reuses the
    journaled results, evaluates only the rest, and ends with the archive of an uninterrupted run."""
    config = smoke_config(tmp_path, prompts_per_round=2, samples_per_prompt=3, max_resamples=2)
    config.task.seeds_dir = str(tmp_path / "seeds")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "cnn.py").write_text(CNN)
    (tmp_path / "seeds" / "mlp.py").write_text(MLP)

    def run(workdir, evaluator):
        store = RunStore(workdir)
        restored = store.restore_latest(record_events=False)
        state = None if restored is None else SearchState.from_checkpoint(*restored[1:])
        search = build_search(config, store, evaluator, generator=KeyedCopier())
        try:
            return search.execute(state)
        finally:
            search.log.close()
            store.close()

    reference = run(tmp_path / "reference", ScoringEvaluator(config))
    children = [i for i in reference.population.archive if i.round != SEED_ROUND]
    assert len(children) == 12 and sum(i.attempts for i in children) > 12  # some copies were redrawn
    trained = [sum(i.status != "duplicate" for i in children if i.round == r) for r in (0, 1)]
    with pytest.raises(KeyboardInterrupt):  # after the seeds, round 1 and 2 candidates of round 2
        run(tmp_path / "killed", FailingAfter(config, 2 + trained[0] + 2))
    resumed_evaluator = ScoringEvaluator(config)
    resumed = run(tmp_path / "killed", resumed_evaluator)
    assert [i.to_json() for i in resumed.population.archive] == [
        {**i.to_json(), "seconds": j.seconds}
        for i, j in zip(reference.population.archive, resumed.population.archive, strict=True)
    ]
    assert trained[1] > 2 and len(resumed_evaluator.evaluated) == trained[1] - 2


def test_max_resamples_is_validated_and_part_of_the_search_config():
    config = load_config("mnist1d", "paper")
    assert config.search.max_resamples == 0 and config.search.resample_temperatures == ()
    assert load_config("mnist1d", "cpu").search.max_resamples == 3
    assert load_config("clrs", "cpu").search.max_resamples == 3
    assert load_config("clrs", "cpu").search.resample_temperatures == (0.8, 1.0)
    for bad in ((-0.5,), ("hot",), 1.0, (True,)):
        changed = load_config("mnist1d", "cpu")
        changed.search = ml_collections.ConfigDict({**changed.search.to_dict(), "resample_temperatures": bad})
        with pytest.raises(ConfigError, match=r"config\.search\.resample_temperatures must be a list"):
            validate_search_config(changed)
    for bad in (-1, True, "2", None):  # a section built by hand may hold any type
        config.search = ml_collections.ConfigDict({**config.search.to_dict(), "max_resamples": bad})
        with pytest.raises(
            ConfigError, match=r"config\.search\.max_resamples must be a non-negative integer"
        ):
            validate_search_config(config)
    # A resume with another value is refused like any other search field.
    changed = load_config("mnist1d", "paper")
    changed.search.max_resamples = 2
    saved = config_to_json(load_config("mnist1d", "paper"))
    assert config_differences(saved, config_to_json(changed)) == ["search.max_resamples"]


def test_parent_order_and_choice_default_to_the_paper_and_are_validated():
    """The paper preset keeps the paper's choices; MNIST-1D's cpu preset uses the default adapter's operator."""
    config = load_config("mnist1d", "paper")
    assert (config.search.parent_order, config.search.parent_choice) == ("sampled", "top")
    assert (config.lm.copy_penalty, config.lm.avoid_archive) == (0.0, False)
    config = load_config("mnist1d", "cpu")
    assert (config.search.parent_order, config.search.parent_choice) == ("sampled", "distinct")
    assert (config.lm.copy_penalty, config.lm.avoid_archive) == (2.0, True)
    validate_search_config(config)
    for field, bad in (("parent_order", "best_first"), ("parent_choice", "random")):
        changed = load_config("mnist1d", "cpu")
        changed.search[field] = bad
        with pytest.raises(ConfigError, match=rf"config\.search\.{field} must be one of .*, got '{bad}'"):
            validate_search_config(changed)


def test_relative_target_reaches_the_lm_prompts_and_the_tuning_examples(tmp_path, tiny_lm, capsys):
    """`search.relative_target` (issue 12's "target relative to the parents"): off by default (paper), on it
    changes the real LM operator's prompts and the soft prompt-tuning examples alike, and the search warns when
    the LM's adapter was trained on the other format."""
    import dataclasses

    from evojax_nas.prompting import Example
    from evojax_nas.search.runner import lm_operator
    from evojax_nas.search.tuning import tuning_examples

    config = smoke_config(tmp_path, method="evoprompting")
    assert config.search.relative_target is False
    task = get_task("mnist1d")
    group = [Example(CNN, 5000, 0.8), Example(MLP, 4000, 0.8)]
    prompts = {}
    for relative in (False, True):
        config.search.relative_target = relative
        validate_search_config(config)
        (children,) = lm_operator(config, tiny_lm, task).generate([group], 1, jax.random.key(0))
        prompts[relative] = children[0].prompt
    assert "size_vs_smallest_parent" not in prompts[False]
    assert "'size_vs_smallest_parent': '0.90x', 'val_accuracy_vs_best_parent': '+0.016'" in prompts[True]
    assert "warning" not in capsys.readouterr().err  # the tiny LM has no adapter
    # Tuning examples are written in the same format.
    state = seeded_state()
    child = variant(CNN, 1)
    state.population.add(
        Individual(
            program_key(child),
            child,
            "ok",
            0,
            0,
            "lm",
            parents=state.population.parents,
            num_params=2500,
            val_accuracy=0.85,
        )
    )
    state.population.parents = []
    header = task.program_header
    (relative_example,) = tuning_examples(
        state.population, state.population.round_samples(0), header, relative_target=True
    )
    assert "'size_vs_smallest_parent': '0.50x'" in relative_example[0]
    # An adapter trained on the other format is named in a warning.
    adapted = dataclasses.replace(tiny_lm, adapter_info={"relative_target": True})
    config.search.relative_target = False
    lm_operator(config, adapted, task)
    assert "adapter was trained with relative_target=True" in capsys.readouterr().err
    # A bad value is refused; a run saved before the field existed resumes (the paper's value).
    config.search = ml_collections.ConfigDict({**config.search.to_dict(), "relative_target": "yes"})
    with pytest.raises(ConfigError, match=r"config\.search\.relative_target must be True or False"):
        validate_search_config(config)
    saved = config_to_json(load_config("mnist1d", "cpu"))
    del saved["search"]["relative_target"]
    assert config_differences(saved, config_to_json(load_config("mnist1d", "cpu"))) == []


def test_a_resample_wave_is_told_the_programs_the_round_kept_so_far():
    """`redraw` gets the round's kept programs (index order) so that an LM with `avoid_archive` can steer its
    redraws off them too; a redraw that copies one is still rejected as a sibling."""
    from evojax_nas.search.resampling import Resampler
    from evojax_nas.search.sources import Sample

    state = seeded_state()
    group = [program_key(CNN), program_key(MLP)]
    first = [CNN, variant(CNN, 1), variant(CNN, 2), variant(CNN, 1)]  # a parent copy; a sibling copy
    samples = [Sample(i, source, group, "r0p0", 1.0, "lm") for i, source in enumerate(first)]
    told = []

    def redraw(positions, count, key, kept):
        told.append(list(kept))
        return [
            [Sample(-1, variant(CNN, 1), group, "r0p0", 1.0, "lm")]
            + [Sample(-1, variant(CNN, 10 + row), group, "r0p0", 1.0, "lm") for row in range(1, count)]
        ]

    resampler = Resampler(state.population, get_task("mnist1d").policy, 4, max_resamples=2)
    results = resampler.resample([group], samples, redraw, jax.random.key(0))
    # Wave 1 redraws samples 0 and 3: 0 copies kept sample 1 again, 3 is new (variant 11); wave 2 is told that
    # too, and sample 0's last draw, a sibling copy again, is recorded as a duplicate.
    assert told == [[variant(CNN, 1), variant(CNN, 2)], [variant(CNN, 1), variant(CNN, 2), variant(CNN, 11)]]
    assert results[0].rejected_attempts == {"parent": 1, "sibling": 1} and results[0].verdict == "duplicate"
    assert results[3].rejected_attempts == {"sibling": 1} and results[3].verdict == "new"
