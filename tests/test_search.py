"""The search end to end: real subprocesses, real sandboxed training, real Orbax checkpoints, no mocks.

Runs use the smoke preset with two small seeds (CNN, MLP), one training seed and 20 steps per candidate, and
alpha = 1 so that short-trained children still join G. The program-mutation method gives valid children; a
tiny random LM (which writes unusable programs) checks the LM path and its budget accounting.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import jax
import numpy as np
import pytest

from tests.conftest import REPO_ROOT, load_config
from tests.test_search_fixture import assert_same_search

RUN_TIMEOUT = 400
# How far a real-training validation accuracy may be from the behaviour fixture's (5 of the smoke preset's 500
# validation examples): XLA's float results differ between CPUs.
REAL_TRAINING_TOLERANCE = 0.01


@pytest.fixture(scope="module")
def seeds_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("seeds")
    for name in ("cnn", "mlp"):
        shutil.copy(REPO_ROOT / "seeds" / "mnist1d" / f"{name}.py", directory / f"{name}.py")
    return directory


def _arguments(workdir, seeds_dir, *extra):
    return [
        sys.executable,
        "-m",
        "evojax_nas.main",
        "--config=configs/mnist1d.py:smoke",
        f"--workdir={workdir}",
        f"--config.task.seeds_dir={seeds_dir}",
        "--config.train.num_seeds=1",
        "--config.train.steps=20",
        "--config.train.eval_every=10",
        "--config.search.alpha=1.0",
        "--config.log.progress=false",
        *extra,
    ]


def _mutation_arguments(workdir, seeds_dir, *extra):
    return _arguments(workdir, seeds_dir, "--config.search.method=mutation", *extra)


def _run(arguments, timeout=RUN_TIMEOUT):
    return subprocess.run(arguments, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout)


def _summary(completed):
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _archive(workdir):
    from evojax_nas.search import restore_state

    state = restore_state(workdir)
    return state, [
        (i.round, i.sample_index, i.key, i.status, i.num_params, i.val_accuracy)
        for i in state.population.archive
    ]


def _journal_keys(workdir):
    lines = (workdir / "journal.jsonl").read_text().splitlines()
    return [(json.loads(line)["round"], json.loads(line)["index"]) for line in lines if line.strip()]


def _start(arguments):
    return subprocess.Popen(
        arguments,
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: a kill takes its sandbox worker with it
    )


def _kill_if_running(*processes):
    """SIGKILLs the process group of each process still running (its sandbox workers with it) and reaps it."""
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _finish(process, timeout=RUN_TIMEOUT):
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    finally:
        _kill_if_running(process)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@pytest.fixture(scope="module")
def mutation_runs(tmp_path_factory, seeds_dir):
    """Two runs with the same seed, side by side: one uninterrupted, one killed with SIGKILL while the second
    child of round 1 is in flight (its first is journaled). Returns both workdirs, the reference summary and the
    killed run's journal at the time of the kill."""
    root = tmp_path_factory.mktemp("mutation")
    reference_dir, killed_dir = root / "reference", root / "killed"
    reference = _start(_mutation_arguments(reference_dir, seeds_dir))
    killed = _start(_mutation_arguments(killed_dir, seeds_dir))
    deadline = time.monotonic() + RUN_TIMEOUT
    try:
        while time.monotonic() < deadline and killed.poll() is None:
            if (killed_dir / "journal.jsonl").exists() and any(r == 0 for r, _ in _journal_keys(killed_dir)):
                break
            time.sleep(0.2)
        assert killed.poll() is None, "the run ended before it could be killed"
        os.killpg(killed.pid, signal.SIGKILL)
        killed.communicate()
        journal_at_kill = _journal_keys(killed_dir)
        summary = _summary(_finish(reference))
    finally:
        _kill_if_running(reference, killed)
    return {"reference": (reference_dir, summary), "killed": killed_dir, "journal_at_kill": journal_at_kill}


@pytest.fixture(scope="module")
def reference_run(mutation_runs):
    """An uninterrupted mutation-method run: its workdir and summary."""
    return mutation_runs["reference"]


def test_mutation_run_completes_with_the_whole_budget(reference_run):
    workdir, summary = reference_run
    assert summary["finished"] and summary["rounds"] == 2
    assert summary["samples"] == summary["budget"] == 2 * 2 * 2
    assert (
        sum(summary[s] for s in ("ok", "filtered", "duplicate", "rejected", "failed")) == summary["samples"]
    )
    assert summary["ok"] >= 1 and 1 <= len(summary["final_population"]) <= 2
    fitnesses = [member["fitness"] for member in summary["final_population"]]
    assert fitnesses == sorted(fitnesses, reverse=True)
    for name in ("config.json", "journal.jsonl", "events.jsonl"):
        assert (workdir / name).is_file()
    assert list((workdir / "tensorboard").iterdir())
    events = [json.loads(line)["event"] for line in (workdir / "events.jsonl").read_text().splitlines()]
    assert events.count("round") == 2 and events[-1] == "finished"
    state, archive = _archive(workdir)
    assert state.finished and len(archive) == 2 + 8  # seeds + samples
    # What the search did before it became a package.
    assert_same_search(state, "mutation", REAL_TRAINING_TOLERANCE)
    # Journal: every trained sample once (duplicates are not trained).
    journal = _journal_keys(workdir)
    assert len(journal) == len(set(journal)) == sum(1 for row in archive if row[3] != "duplicate")
    for individual in state.population.archive:
        if individual.round >= 0:
            assert individual.parents and all(state.population.seen(k) for k in individual.parents)


def test_sigkill_mid_round_resumes_to_the_same_final_population(mutation_runs, seeds_dir):
    reference_dir, reference_summary = mutation_runs["reference"]
    workdir, journaled_before = mutation_runs["killed"], mutation_runs["journal_at_kill"]
    resumed = _run(_mutation_arguments(workdir, seeds_dir))
    summary = _summary(resumed)
    assert "resuming" in resumed.stderr
    assert summary["final_population"] == reference_summary["final_population"]
    _, archive = _archive(workdir)
    _, reference_archive = _archive(reference_dir)
    assert archive == reference_archive
    journal = _journal_keys(workdir)
    assert journal[: len(journaled_before)] == journaled_before and len(journal) == len(set(journal))


def test_finished_run_says_so_and_exits_zero(reference_run, seeds_dir):
    workdir, summary = reference_run
    journal = (workdir / "journal.jsonl").read_text()
    completed = _run(_mutation_arguments(workdir, seeds_dir), timeout=120)
    again = _summary(completed)
    assert "already finished" in completed.stderr
    assert again["already_finished"] and again["final_population"] == summary["final_population"]
    assert (workdir / "journal.jsonl").read_text() == journal


def test_changed_search_config_is_refused(reference_run, seeds_dir):
    workdir, _ = reference_run
    completed = _run(
        _mutation_arguments(workdir, seeds_dir, "--config.search.samples_per_prompt=3"), timeout=120
    )
    assert completed.returncode == 2
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and "search.samples_per_prompt" in lines[0] and lines[0].startswith("error:")


def test_corrupt_latest_checkpoint_falls_back_to_the_previous(tmp_path, reference_run, seeds_dir):
    reference_dir, reference_summary = reference_run
    workdir = tmp_path / "copy"
    shutil.copytree(reference_dir, workdir)
    latest = max(int(p.name) for p in (workdir / "checkpoints").iterdir() if p.name.isdigit())
    for path in (workdir / "checkpoints" / str(latest) / "state").iterdir():
        if path.is_file() and path.name != "commit_success.txt":
            path.write_text("{not json")
    journal = (workdir / "journal.jsonl").read_text()
    completed = _run(_mutation_arguments(workdir, seeds_dir))
    summary = _summary(completed)
    assert "falling back" in completed.stderr and "resuming" in completed.stderr
    assert summary["final_population"] == reference_summary["final_population"]
    assert (
        workdir / "journal.jsonl"
    ).read_text() == journal  # replayed round reused the journal: no training
    assert _archive(workdir)[1] == _archive(reference_dir)[1]


def test_analyze_writes_the_report_from_the_checkpoints(reference_run, tmp_path):
    workdir, summary = reference_run
    output = tmp_path / "report"
    completed = _run(
        [sys.executable, "-m", "evojax_nas.analyze", f"--workdir={workdir}", f"--output={output}"],
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    for name in ("README.md", "pareto.png", "fitness_vs_samples.png", "lineage.png"):
        assert (output / name).is_file() and (output / name).stat().st_size > 0
    readme = (output / "README.md").read_text()
    best = summary["final_population"][0]
    assert f"`{best['key'][:10]}`" in readme and "test acc" in readme
    # The rounds' table counts each round's distinct structures: at least one, at most its samples.
    rounds = [
        line.split(" | ") for line in readme.splitlines() if re.match(r"\| \d+ \| \d+ \| \d+ \| \d+ \|", line)
    ]
    header = next(line for line in readme.splitlines() if line.startswith("| round | samples | ok |")).split(
        " | "
    )
    column = header.index("structures")
    assert rounds and all(1 <= int(row[column]) <= int(row[1]) for row in rounds[: summary["rounds"]])
    programs = sorted((output / "programs").glob("*.py"))
    assert programs and all("class Model(nn.Module)" in p.read_text() for p in programs)


def test_study_compares_finished_runs(reference_run, seeds_dir, tmp_path):
    reference_dir, _ = reference_run
    study = tmp_path / "study"
    study.mkdir()
    shutil.copytree(reference_dir, study / "mutation_seed0")  # the same config: the study finds it finished
    # A finished run of a method not in --methods (on a listed seed, and on another) joins the comparison.
    shutil.copytree(reference_dir, study / "earlier_seed0")
    shutil.copytree(reference_dir, study / "earlier_seed5")
    arguments = _mutation_arguments(study, seeds_dir)
    arguments[2] = "evojax_nas.study"
    completed = _run([*arguments, "--methods=mutation", "--search_seeds=0"], timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert json.loads(completed.stdout.strip().splitlines()[-1])["runs"] == 2
    readme = (study / "comparison" / "README.md").read_text()
    assert "| mutation | 1 | 8 |" in readme and "| earlier | 1 | 8 |" in readme
    row = next(line for line in readme.splitlines() if line.startswith("| mutation | 1 | 8 |"))
    # search minutes: the seeds' evaluation and the rounds' phases, from the run's events and history
    assert "search minutes" in readme and 0 < float(row.strip("| ").split(" | ")[-1]) < 60
    assert "| 0 | mutation |" in readme and "| hypervolume | covers |" in readme  # the per-seed front table
    assert "(2,000,000 parameters: config.budget.max_params; error 1.0)" in readme  # a fixed reference point
    # best fitness per seed; the copied run is level with its original on their one shared seed
    assert "| method | seed 0 | median | ahead / level / behind, on shared seeds |" in readme
    assert re.search(r"\| mutation \| (-?[\d.]+) \| \1 \| earlier 0/1/0 \(p 1.00\) \|", readme)
    # how sizes moved: shares in [0, 1] and where the best child came from (its round and operator)
    moves = next(line for line in readme.splitlines() if line.startswith("| mutation |") and "round" in line)
    smaller, larger = (float(cell) for cell in moves.strip("| ").split(" | ")[1:3])
    assert 0 <= smaller <= 1 and 0 <= larger <= 1 and smaller + larger <= 1
    assert re.search(r"\| 0: round [1-9], (mutation|crossover) \|$", moves)
    for name in ("fitness_vs_samples.png", "pareto.png"):
        assert (study / "comparison" / name).stat().st_size > 0
    assert (study / "mutation_seed0" / "report" / "README.md").is_file()
    # --compare_only runs nothing and compares what has finished (no evoprompting run here).
    (study / "comparison" / "README.md").unlink()
    completed = _run(
        [
            *arguments,
            "--methods=evoprompting,mutation",
            "--search_seeds=0,1",
            "--compare_only",
            "--nocompare_others",
            "--comparison_name=comparison_seeds0-1",
        ]
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "study:" not in completed.stderr and not (study / "evoprompting_seed0").exists()
    assert not (study / "comparison" / "README.md").exists()  # it went to the named sub-directory
    readme = (study / "comparison_seeds0-1" / "README.md").read_text()
    assert (
        "| mutation | 1 | 8 |" in readme and "| evoprompting |" not in readme and "| earlier |" not in readme
    )
    assert "[mutation_seed0](../mutation_seed0/report/README.md)" in readme
    # A name that is not one plain sub-directory is refused with one line, before anything is loaded.
    completed = _run([*arguments, "--compare_only", "--comparison_name=../elsewhere"], timeout=60)
    assert completed.returncode == 2 and "--comparison_name" in completed.stderr
    assert len(completed.stderr.strip().splitlines()) == 1 and not (tmp_path / "elsewhere").exists()


@pytest.fixture(scope="module")
def tiny_lm_dir(tmp_path_factory):
    from tests.lm.conftest import _train_tokenizer, write_random_llama

    return write_random_llama(str(tmp_path_factory.mktemp("tiny_lm")), _train_tokenizer(384))


def test_lm_methods_spend_the_budget(tmp_path, seeds_dir, tiny_lm_dir):
    lm_flag = f"--config.lm.checkpoint={tiny_lm_dir}"
    evoprompting = _start(_arguments(tmp_path / "lm", seeds_dir, lm_flag))
    naive = _start(
        _arguments(tmp_path / "naive", seeds_dir, lm_flag, "--config.search.method=naive_prompting")
    )
    summary, naive_summary = _summary(_finish(evoprompting)), _summary(_finish(naive))
    assert summary["finished"] and summary["rounds"] == 2 and summary["samples"] == summary["budget"] == 8
    assert naive_summary["rounds"] == 1 and naive_summary["samples"] == naive_summary["budget"] == 8
    state, _ = _archive(tmp_path / "lm")
    assert state.soft_prompt.shape == (4, 64) and state.lm_identity
    # What the search did before it became a package.
    assert_same_search(state, "evoprompting_tiny_lm", REAL_TRAINING_TOLERANCE)
    lm_samples = [i for i in state.population.archive if i.round >= 0]
    assert {i.temperature for i in lm_samples} <= {0.2, 0.6, 0.8, 1.0}
    for individual in lm_samples:
        prompt = state.population.prompts[individual.prompt_id]
        assert prompt.count('"""Metrics:') == 3 and prompt.endswith("class Model(nn.Module):")
        assert len(individual.parents) == 2
    naive_state, _ = _archive(tmp_path / "naive")
    seed_keys = {i.key for i in naive_state.population.seeds()}
    assert all(set(i.parents) <= seed_keys for i in naive_state.population.archive)


def _scored_population(seeds_dir, children):
    """The CNN and MLP seeds (s0, s1), scored and the parents, and children of both: (key, the CNN's features,
    round, params, val accuracy) each, the fitness -(params x val error)."""
    from evojax_nas.population import Individual, Population

    population = Population()
    seeds = [(seeds_dir / f"{name}.py").read_text() for name in ("cnn", "mlp")]
    for index, (source, params, accuracy) in enumerate(zip(seeds, (5210, 15210), (0.9, 0.7), strict=True)):
        population.add(
            Individual(f"s{index}", source, "ok", -1, index, "seed", num_params=params, val_accuracy=accuracy)
        )
    for key, features, round_index, params, accuracy in children:
        source = seeds[0].replace("features=25", f"features={features}")
        fitness = -params * (1 - accuracy)
        population.add(
            Individual(
                key,
                source,
                "ok",
                round_index,
                0,
                "lm",
                parents=["s0", "s1"],
                num_params=params,
                val_accuracy=accuracy,
                fitness=fitness,
            )
        )
    population.parents = ["s0", "s1"]
    return population


def test_tuning_on_scored_children_updates_and_checkpoints_the_soft_prompt(tmp_path, seeds_dir, tiny_lm_dir):
    from evojax_nas import lm as lm_package
    from evojax_nas.checkpointing import RunStore
    from evojax_nas.search import SearchState, tune_state, tuning_config, tuning_examples
    from evojax_nas.tasks.base import ConfigError

    config = load_config("mnist1d", "smoke")
    model = lm_package.load(tiny_lm_dir)
    population = _scored_population(seeds_dir, [("c0", "20", 0, 3500, 0.85)])
    examples = tuning_examples(population, population.round_samples(0), "class Model(nn.Module):")
    assert len(examples) == 1 and "'num_params': '3500'" in examples[0][0]
    state = SearchState(
        population, 1, jax.random.key(0), soft_prompt=np.asarray(model.init_soft_prompt(jax.random.key(1), 4))
    )
    before = state.soft_prompt.copy()
    config.lm.tuning_max_drift = 0.02
    with pytest.raises(ConfigError, match="needs the run's initial soft prompt"):
        tune_state(model, state, examples, tuning_config(config), jax.random.key(2))
    state.initial_soft_prompt = before.copy()
    record = tune_state(model, state, examples, tuning_config(config), jax.random.key(2))
    assert record["steps"] == 1 and np.isfinite(record["loss"]) and 0 < record["drift"] <= 0.02 + 1e-6
    assert not np.allclose(before, state.soft_prompt) and state.opt_state_leaves
    # The soft prompt and its optimiser state survive an Orbax round trip exactly.
    store = RunStore(tmp_path / "store")
    store.save(1, *state.to_checkpoint())
    _, state_json, arrays = store.restore_latest()
    store.close()
    restored = SearchState.from_checkpoint(state_json, arrays)
    np.testing.assert_array_equal(restored.soft_prompt, state.soft_prompt)
    np.testing.assert_array_equal(restored.initial_soft_prompt, before)
    for a, b in zip(restored.opt_state_leaves, state.opt_state_leaves, strict=True):
        np.testing.assert_array_equal(a, b)
    assert jax.random.key_data(restored.key).tolist() == jax.random.key_data(state.key).tolist()
    assert [i.to_json() for i in restored.population.archive] == [i.to_json() for i in population.archive]


def test_tuning_on_improved_children_keeps_selected_improvers_and_drops_the_rest(seeds_dir):
    from evojax_nas.search import SearchState, validate_search_config
    from evojax_nas.search.tuning import PromptTuner, tuning_examples
    from evojax_nas.tasks.base import DEFAULT_METRIC, ConfigError

    # c0 (-525) is worse than its fittest parent s0 (-521); c1 (-200) is better and was kept as a parent.
    population = _scored_population(seeds_dir, [("c0", "20", 0, 3500, 0.85), ("c1", "8", 0, 1000, 0.8)])
    population.get("s0").fitness, population.get("s1").fitness = -521.0, -4563.0
    population.parents = ["s0", "c1"]
    header, children = "class Model(nn.Module):", population.round_samples(0)
    (paper,) = tuning_examples(population, children, header)  # the paper: the non-selected c0 only
    (improved,) = tuning_examples(population, children, header, only_improved=True)
    assert "'num_params': '3500'" in paper[0] and "'num_params': '1000'" in improved[0]
    assert "features=8" in improved[1] and "features=20" in paper[1]

    config = load_config("mnist1d", "smoke")
    config.lm.tuning_children = "improved"
    validate_search_config(config)
    log = _EventLog()
    tuner = PromptTuner(None, config, header, DEFAULT_METRIC, log)
    state = SearchState(population, 1, jax.random.key(0), soft_prompt=np.zeros((4, 8), np.float32))
    # A round without an improver skips tuning before the LM (None here) is used.
    assert tuner.tune(state, [population.get("c0")], jax.random.key(1)) is None
    assert log.events == [
        {"event": "tuning_skipped", "round": 1, "reason": "no scored child fitter than its parents"}
    ]
    config.lm.tuning_children = "best"
    with pytest.raises(ConfigError, match="config.lm.tuning_children must be one of not_selected, improved"):
        validate_search_config(config)
    config.lm.tuning_children = "improved"
    config.lm.tuning_max_drift = -0.1
    with pytest.raises(ConfigError, match="config.lm.tuning_max_drift must be a number >= 0"):
        validate_search_config(config)


class _EventLog:
    """The run log's part that tuning and sampling use: events and (disabled) progress bars."""

    def __init__(self):
        self.events = []

    def event(self, record):
        self.events.append(record)

    def bar(self, total, description):
        from tqdm import tqdm

        return tqdm(total=total, disable=True)


class _FactorRecorder:
    """An LM operator stand-in whose children name the LoRA factors it was adapted to."""

    def __init__(self, name: str = "unadapted"):
        self.name = name

    def with_factors(self, factors):
        return _FactorRecorder(f"adapted: {factors['wo_lora_b'].sum():.6f}")

    def generate(self, parent_groups, samples_per_prompt, key, soft_prompt=None, temperatures=None):
        from evojax_nas.operators import Child

        return [[Child(self.name, (0,), "prompt", 1.0, "lm")] * samples_per_prompt for _ in parent_groups]


class _AvoidRecorder:
    """An LM operator stand-in that records the programs it was told to avoid."""

    def __init__(self):
        self.avoided = self.steering = None

    def generate(
        self, parent_groups, samples_per_prompt, key, soft_prompt=None, temperatures=None, **steering
    ):
        from evojax_nas.operators import Child

        self.steering = steering
        self.avoided = list(steering.get("avoid_sources", ()))
        return [[Child("x", (0,), "prompt", 1.0, "lm")] * samples_per_prompt for _ in parent_groups]


def test_lm_source_shows_the_operator_the_archive_only_with_avoid_archive(seeds_dir):
    """`lm.avoid_archive` hands the operator the archive's programs; `lm.copy_penalty_scope="redraws"` steers only
    the resample waves' draws."""
    from evojax_nas.search import SearchState, validate_search_config
    from evojax_nas.search.sources import LMSource, Redraw
    from evojax_nas.tasks.base import ConfigError

    population = _scored_population(seeds_dir, [("c0", "12", 0, 2000, 0.9)])
    state = SearchState(population, 1, jax.random.key(0))
    recorder = _AvoidRecorder()
    LMSource(recorder, 2, _EventLog()).sample(state, [["s0", "s1"]], 1, jax.random.key(1), "t")
    assert recorder.steering == {}  # not asked: the operator's call is the protocol's five arguments
    LMSource(recorder, 2, _EventLog(), avoid_archive=True).sample(state, [["s0"]], 1, jax.random.key(1), "t")
    assert (
        sorted(recorder.avoided) == sorted(i.source for i in population.archive)
        and len(recorder.avoided) == 3
    )
    avoiding = LMSource(recorder, 2, _EventLog(), avoid_archive=True)
    avoiding.draw(state, 1, [0], [["s0"]], 1, avoiding.randomness(jax.random.key(2), ["y = 2", "x = 3"]), "t")
    assert (
        recorder.avoided[-2:] == ["y = 2", "x = 3"] and len(recorder.avoided) == 5
    )  # + the round's kept ones
    redraws_only = LMSource(recorder, 2, _EventLog(), steer_first_draws=False)
    redraws_only.draw(state, 1, [0], [["s0"]], 1, jax.random.key(1), "t")
    assert recorder.steering == {"steer": False}  # a first draw
    redraws_only.draw(state, 1, [0], [["s0"]], 1, Redraw(jax.random.key(2), None), "t")
    assert recorder.steering == {"steer": True}  # a resample wave
    config = load_config("mnist1d", "smoke")
    config.lm.avoid_archive = True
    with pytest.raises(ConfigError, match="avoid_archive needs config.lm.copy_penalty > 0"):
        validate_search_config(config)
    config.lm.copy_penalty = 1.0
    validate_search_config(config)
    config.lm.copy_penalty_scope = "first"
    with pytest.raises(ConfigError, match="copy_penalty_scope must be one of all, redraws, got 'first'"):
        validate_search_config(config)


def test_copy_avoidance_steers_only_the_draws_it_is_asked_to(seeds_dir, tiny_lm_dir):
    """An unsteered draw never reaches the sampler's copy avoidance: with a penalty the sampler refuses (negative),
    a steered draw fails and an unsteered one is the plain operator's draw."""
    from evojax_nas import lm as lm_package
    from evojax_nas.operators import LMOperator
    from evojax_nas.prompting import Example

    model = lm_package.load(tiny_lm_dir)
    groups = [[Example((seeds_dir / "cnn.py").read_text(), 5210, 0.9)]]
    options = dict(header="class Model(nn.Module):", max_new_tokens=8)
    draw = dict(samples_per_prompt=2, key=jax.random.key(3), avoid_sources=["x = 1"])
    refused = LMOperator(model, copy_penalty=-1.0, **options)
    with pytest.raises(ValueError, match="avoid_penalty must be >= 0"):
        refused.generate(groups, **draw)
    unsteered = refused.generate(groups, **draw, steer=False)
    plain = LMOperator(model, **options).generate(groups, samples_per_prompt=2, key=jax.random.key(3))
    assert [[c.source for c in g] for g in unsteered] == [[c.source for c in g] for g in plain]


def test_lora_tuning_trains_top_layer_factors_that_the_lm_samples_with(tmp_path, seeds_dir, tiny_lm_dir):
    """`lm.tune="lora"` (issue 12's LoRA update on the run's own children): fresh factors leave the LM unchanged;
    the soft prompt's gradient is the same as without factors; one round of tuning moves the top layer's factors
    (the round's child plus the Pareto front's replayed one), the operator samples with them merged, and the
    factors and their optimiser state survive the checkpoint and keep tuning after a restore."""
    from evojax_nas import lm as lm_package
    from evojax_nas.checkpointing import RunStore
    from evojax_nas.lm import lora
    from evojax_nas.search import SearchState, tune_state, tuning_config, validate_search_config
    from evojax_nas.search.runner import lm_operator
    from evojax_nas.search.sources import LMSource
    from evojax_nas.search.tuning import PromptTuner
    from evojax_nas.tasks.base import ConfigError
    from evojax_nas.tasks.registry import get_task

    config = load_config("mnist1d", "smoke")
    config.lm.tune, config.lm.tune_lora_layers, config.lm.tune_lora_rank, config.lm.tune_replay = (
        "lora",
        1,
        2,
        1,
    )
    validate_search_config(config)
    task, model = get_task("mnist1d"), lm_package.load(tiny_lm_dir)
    # An earlier round's child on the Pareto front (replayed) and this round's child.
    population = _scored_population(seeds_dir, [("c0", "12", 0, 2000, 0.9), ("c1", "20", 1, 3500, 0.85)])
    tuner = PromptTuner(model, config, task.program_header, task.metric, _EventLog())
    state = SearchState(population, 1, jax.random.key(0))
    tuner.start(state, jax.random.key(1))
    factors = state.lora_factors
    assert set(factors) == {f"{t}_lora_{ab}" for t in lora.DEFAULT_TARGETS for ab in "ab"}
    assert all(v.shape[0] == 1 for v in factors.values()) and factors["wo_lora_a"].shape[-1] == 2
    operator = lm_operator(config, model, task)
    fresh = operator.with_factors(factors)
    for name, weight in model.params["layers"].items():  # B = 0: the LM is unchanged
        np.testing.assert_allclose(np.asarray(fresh.lm.params["layers"][name]), np.asarray(weight), atol=1e-6)

    # The joint step gives the soft prompt the same update as prompt-tuning alone while the factors are zero.
    examples = [(f"context {i}", f"target {i}") for i in range(2)]
    frozen = dataclasses.replace(tuning_config(config), lora_learning_rate=0.0)
    alone = SearchState(population, 1, jax.random.key(0), soft_prompt=state.soft_prompt.copy())
    joint = SearchState(
        population, 1, jax.random.key(0), soft_prompt=state.soft_prompt.copy(), lora_factors=factors
    )
    tune_state(model, alone, examples, frozen, jax.random.key(2))
    tune_state(model, joint, examples, frozen, jax.random.key(2))
    np.testing.assert_allclose(joint.soft_prompt, alone.soft_prompt, rtol=1e-5, atol=1e-6)

    # A round's tuning: the round's child and the replayed Pareto child move the factors.
    before = state.soft_prompt.copy()
    record = tuner.tune(state, population.round_samples(1), jax.random.key(3))
    assert record["examples"] == 2 and record["replayed"] == 1 and record["lora_rms"] > 0
    assert not np.allclose(before, state.soft_prompt)
    assert np.any(state.lora_factors["wo_lora_b"])
    adapted = operator.with_factors(state.lora_factors)
    assert adapted is operator.with_factors(dict(state.lora_factors)) and adapted.lm is not model
    top, bottom = model.config.num_layers - 1, 0
    delta = state.lora_factors["wo_lora_a"][0] @ state.lora_factors["wo_lora_b"][0]
    merged = np.asarray(adapted.lm.params["layers"]["wo"])
    original = np.asarray(model.params["layers"]["wo"])
    np.testing.assert_allclose(merged[top], original[top] + delta, atol=1e-5)
    np.testing.assert_array_equal(merged[bottom], original[bottom])
    # The search's LM source samples with the operator adapted to the state's factors.
    source = LMSource(_FactorRecorder(), 2, _EventLog())
    (children,) = source.sample(state, [["s0", "s1"]], 1, jax.random.key(5), "test")
    assert children[0].source == f"adapted: {state.lora_factors['wo_lora_b'].sum():.6f}"
    (children,) = source.sample(
        SearchState(population, 1, jax.random.key(0)), [["s0"]], 1, jax.random.key(5), "t"
    )
    assert children[0].source == "unadapted"

    # Checkpointed with the soft prompt; tuning continues from the restored optimiser state.
    store = RunStore(tmp_path / "store")
    store.save(1, *state.to_checkpoint())
    _, state_json, arrays = store.restore_latest()
    store.close()
    restored = SearchState.from_checkpoint(state_json, arrays)
    for name, value in state.lora_factors.items():
        np.testing.assert_array_equal(restored.lora_factors[name], value)
    assert len(restored.opt_state_leaves) == len(state.opt_state_leaves)
    again = tune_state(model, restored, examples, tuning_config(config), jax.random.key(4))
    assert np.isfinite(again["loss"])
    assert not np.allclose(restored.lora_factors["wo_lora_b"], state.lora_factors["wo_lora_b"])

    config.lm.tune = "full"
    with pytest.raises(ConfigError, match=r"config\.lm\.tune must be one of soft_prompt, lora, got 'full'"):
        validate_search_config(config)
