"""The search's behaviour fixture: compact records of small real searches, recorded before the search became a
package (issue 13), that the same config and seed must reproduce.

    python -m tests.search_fixture          # re-records tests/fixtures/search_smoke_*.json (minutes)

Three searches, the smallest that exercise the loop:
  - `mutation`: the smoke preset's program-mutation search with real sandboxed training, as `tests/test_search.py`
    runs it (two seeds, one training seed, 20 steps, alpha 1);
  - `evoprompting_tiny_lm`: the EvoPrompting smoke search with a real tiny random Llama (generation, novelty
    rejection, duplicates and policy refusals; its programs are unusable, so nothing is selected or tuned);
  - `evoprompting_scripted`: EvoPrompting in-process over 3 rounds with a keyed scripted operator, a scoring
    stand-in evaluator (`tests/search_fakes.py`) and real soft prompt-tuning of the tiny Llama: generation,
    duplicates, resampling, failures, selection with retirement and tuning.
Each record: per individual its program key, parents, round, sample index, status, parameters, rounded
validation accuracy, attempts and rejected draws; the parents, G and the final population; per round its counts
and tuning size.
"""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

from tests.conftest import REPO_ROOT

FIXTURES = REPO_ROOT / "tests" / "fixtures"
SEARCHES = ("mutation", "evoprompting_tiny_lm", "evoprompting_scripted")
ROUND_FIELDS = (
    "samples",
    "ok",
    "filtered",
    "duplicate",
    "rejected",
    "failed",
    "attempts",
    "resamples",
    "draws",
)


def fixture_path(name: str) -> pathlib.Path:
    """Where the record of search `name` lives."""
    return FIXTURES / f"search_smoke_{name}.json"


def compact(state) -> dict:
    """The record of a search state that a behaviour-preserving change must reproduce exactly."""
    population = state.population
    return {
        "archive": [
            {
                "key": i.key,
                "round": i.round,
                "index": i.sample_index,
                "status": i.status,
                "parents": list(i.parents),
                "origin": i.origin,
                "num_params": i.num_params,
                "val_accuracy": None if i.val_accuracy is None else round(float(i.val_accuracy), 4),
                "attempts": i.attempts,
                "rejected_attempts": dict(sorted(i.rejected_attempts.items())),
            }
            for i in population.archive
        ],
        "parents": list(population.parents),
        "pool": list(population.pool),
        "aging": list(state.aging),
        "final": list(state.final),
        "rounds": [
            {
                **{name: entry.get(name) for name in ROUND_FIELDS},
                "tuning_examples": (entry.get("tuning") or {}).get("examples"),
            }
            for entry in state.history
        ],
    }


def seeds_directory(root: pathlib.Path) -> pathlib.Path:
    """A seed directory with the CNN and MLP seeds (the smoke searches' two seeds)."""
    directory = root / "seeds"
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("cnn", "mlp"):
        shutil.copy(REPO_ROOT / "seeds" / "mnist1d" / f"{name}.py", directory / f"{name}.py")
    return directory


def tiny_lm_directory(root: pathlib.Path) -> str:
    """The tests' tiny random Llama, written under `root`."""
    from tests.lm.conftest import _train_tokenizer, write_random_llama

    return write_random_llama(str(root / "tiny_lm"), _train_tokenizer(384))


def scripted_config(seeds_dir: pathlib.Path):
    """The in-process EvoPrompting search's config: smoke preset, 3 rounds of 2 prompts x 3 samples."""
    from tests.conftest import load_config

    config = load_config("mnist1d", "smoke")
    config.task.seeds_dir = str(seeds_dir)
    config.search.method = "evoprompting"
    config.search.rounds = 3
    config.search.prompts_per_round = 2
    config.search.samples_per_prompt = 3
    config.search.max_resamples = 1
    config.log.progress = False
    config.log.tensorboard = False
    return config


def run_scripted(config, workdir: pathlib.Path, lm):
    """Runs the scripted EvoPrompting search in `workdir`; returns its final state."""
    from evojax_nas.checkpointing import RunStore
    from evojax_nas.search import build_search
    from tests.search_fakes import HashScoringEvaluator, KeyedCopier

    store = RunStore(workdir)
    store.check_or_save_config(config)
    search = build_search(config, store, HashScoringEvaluator(config), lm, generator=KeyedCopier())
    try:
        return search.execute(None)
    finally:
        search.log.close()
        store.close()


def record(root: pathlib.Path) -> dict[str, dict]:
    """Runs the three searches under `root` and returns their records by name."""
    from evojax_nas import lm as lm_package
    from evojax_nas.search import restore_state
    from tests.test_search import _arguments, _mutation_arguments

    seeds_dir = seeds_directory(root)
    lm_dir = tiny_lm_directory(root)
    commands = {
        "mutation": _mutation_arguments(root / "mutation", seeds_dir),
        "evoprompting_tiny_lm": _arguments(root / "lm", seeds_dir, f"--config.lm.checkpoint={lm_dir}"),
    }
    processes = {
        name: subprocess.Popen(
            arguments, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for name, arguments in commands.items()
    }
    records = {}
    scripted = run_scripted(scripted_config(seeds_dir), root / "scripted", lm_package.load(lm_dir))
    records["evoprompting_scripted"] = compact(scripted)
    for name, process in processes.items():
        _, stderr = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"the {name} search failed: {stderr[-2000:]}")
    records["mutation"] = compact(restore_state(root / "mutation"))
    records["evoprompting_tiny_lm"] = compact(restore_state(root / "lm"))
    return records


def main() -> None:
    """Records every search's fixture."""
    FIXTURES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as root:
        records = record(pathlib.Path(root))
    for name in SEARCHES:
        note = json.loads(fixture_path(name).read_text()).get("note") if fixture_path(name).exists() else None
        fixture_path(name).write_text(json.dumps({"note": note, **records[name]}, indent=1) + "\n")
        print(f"wrote {fixture_path(name)}", file=sys.stderr)


if __name__ == "__main__":
    main()
