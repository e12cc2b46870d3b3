"""Harvesting adapter-training examples from finished searches (`evojax_nas.harvest`), on scripted searches run
in-process (`tests/test_search_loop.py`'s keyed copier and scoring stand-in: sizes are program lengths)."""

from __future__ import annotations

import json

import pytest

from evojax_nas import harvest
from evojax_nas.programs import program_key
from evojax_nas.prompting import parse_metrics_docstrings, split_imports
from evojax_nas.restored_run import restore_run
from evojax_nas.tasks.registry import get_task
from tests.test_search_loop import config_for, run_search


@pytest.fixture(scope="module")
def finished_runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("harvest")
    workdirs = []
    for seed in (0, 1):
        config = config_for(root, rounds=3, prompts_per_round=2, samples_per_prompt=4)
        config.seed = seed
        run_search(config, root / f"run{seed}")
        workdirs.append(root / f"run{seed}")
    return workdirs


def test_examples_are_the_lms_ok_children_with_hindsight_targets_in_both_parent_orders(finished_runs):
    records, summary = harvest.harvest(finished_runs, smaller_only=False)
    run = restore_run(finished_runs[0])
    scored = {i.key: i for i in run.state.population.archive if i.scored}
    wanted = harvest.wanted_children(run, smaller_only=False)
    header = get_task("mnist1d").program_header
    assert wanted and all(child.origin == "lm" and child.status == "ok" for child, _ in wanted)
    assert len(wanted) == sum(i.origin == "lm" and i.status == "ok" for i in run.children())
    for child, parents in wanted:
        assert [p.key for p in parents] == child.parents
        mine = [r for r in records if r["child"] == child.key and set(r["parents"]) == set(child.parents)]
        assert sorted(tuple(r["parents"]) for r in mine) == sorted(
            [tuple(child.parents), tuple(reversed(child.parents))]
        )
        for record in mine:
            shown = parse_metrics_docstrings(record["context"])
            ordered = [scored[key] for key in record["parents"]]
            assert shown[:2] == [(p.num_params, pytest.approx(p.val_accuracy, abs=5e-4)) for p in ordered]
            assert shown[2] == (child.num_params, pytest.approx(child.val_accuracy, abs=5e-4))  # hindsight
            imports, _ = split_imports(child.source)
            rebuilt = "\n".join(imports) + "\n" + header + record["target"]
            assert program_key(rebuilt) == child.key  # the completion is the child's code
    identities = [(*r["parents"], r["child"]) for r in records]
    assert len(identities) == len(set(identities))  # runs sharing programs give each example once
    assert summary["examples"] == len(records) and set(summary["runs"]) == {str(p) for p in finished_runs}


def test_by_default_only_children_smaller_than_every_parent_are_kept(finished_runs, tmp_path):
    everything, _ = harvest.harvest(finished_runs, smaller_only=False)
    summary = harvest.write_harvest(tmp_path / "harvest", finished_runs)
    written = [
        json.loads(line) for line in (tmp_path / "harvest" / "examples.jsonl").read_text().splitlines()
    ]
    assert written and summary["smaller_child_fraction"] == 1.0
    assert [r for r in everything if r["smaller_child"]] == written
    assert len(written) < len(everything)
    assert json.loads((tmp_path / "harvest" / "summary.json").read_text()) == summary


def test_bad_run_patterns_and_empty_harvests_are_refused(finished_runs, tmp_path):
    with pytest.raises(FileNotFoundError, match="names no search workdir"):
        harvest.expand_runs([str(tmp_path / "nothing_*")])
    assert harvest.expand_runs([str(finished_runs[0].parent / "run*")]) == finished_runs
    with pytest.raises(ValueError, match="nothing to train on"):
        harvest.harvest([])


def test_changed_lines_counts_a_line_diff_and_the_filter_drops_near_copies(finished_runs):
    parent = "class Model(nn.Module):\n    def __call__(self, x):\n        x = f(x)\n\n        return g(x)\n"
    assert harvest.changed_lines(parent, parent.replace("\n\n", "\n")) == 0  # blank lines do not count
    assert harvest.changed_lines(parent, parent.replace("f(x)", "h(x)")) == 2  # one edited line
    assert harvest.changed_lines(parent, parent.replace("        x = f(x)\n", "")) == 1  # one deleted line
    # The scripted LM edits one line of a parent (2 changed lines) in every child.
    run = restore_run(finished_runs[0])
    distances = {
        min(harvest.changed_lines(p.source, child.source) for p in parents)
        for child, parents in harvest.wanted_children(run, smaller_only=False)
    }
    assert distances == {2}
    everything, summary = harvest.harvest(finished_runs, smaller_only=False)
    kept, kept_summary = harvest.harvest(finished_runs, smaller_only=False, min_changed_lines=2)
    assert kept == everything and (summary["min_changed_lines"], kept_summary["min_changed_lines"]) == (0, 2)
    assert harvest.wanted_children(run, False, 3) == []
    with pytest.raises(ValueError, match="nothing to train on"):
        harvest.harvest(finished_runs, smaller_only=False, min_changed_lines=3)
    with pytest.raises(ValueError, match="min_changed_lines"):
        harvest.harvest(finished_runs, min_changed_lines=-1)


def test_search_prompts_are_the_late_rounds_parent_sets_with_every_archive_key(finished_runs):
    prompts, known = harvest.search_prompts(finished_runs, from_round=2)
    runs = [restore_run(w) for w in finished_runs]
    expected = {
        tuple(child.parents)
        for run in runs
        for child in run.children()
        if child.origin == "lm" and child.round >= 2 and child.parents
    }
    assert prompts and len(prompts) == len(expected)  # each parent set once
    scored = {i.key: i for run in runs for i in run.state.population.archive if i.scored}
    shown = {tuple(program_key(p.source) for p in prompt) for prompt in prompts}
    assert shown == {tuple(program_key(scored[k].source) for k in parents) for parents in expected}
    assert all(p.num_params == scored[program_key(p.source)].num_params for prompt in prompts for p in prompt)
    assert set(known) == {i.key for run in runs for i in run.state.population.archive}
    assert all(program_key(source) == key for key, source in known.items())
    assert len(harvest.search_prompts(finished_runs, from_round=1)[0]) > len(prompts)
    assert harvest.search_prompts(finished_runs, from_round=4)[0] == []
