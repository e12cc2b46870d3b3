"""A round's evaluation wall time on 1 vs N devices: the same candidates, evaluated by `EvaluatorPool` (one
candidate at a time per device, fed from a queue) in subprocesses with 1 and N forced CPU devices.

The round: `--candidates` distinct program-mutation children of the MNIST-1D seeds (CNN, MLP), drawn with a
fixed generator, trained with the `--preset` config (and `--steps`). Each subprocess first evaluates one seed on
every worker (sandbox start-up, data generation: once per run, not per round), then times the round. Prints
both wall times, the speed-up, and whether the two placements gave identical results.

    python bench/eval_devices.py                          # 1 vs 2 devices, 8 candidates, cpu preset, 300 steps
    python bench/eval_devices.py --devices=4 --candidates=16 --steps=1000
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import platform
import subprocess
import sys
import tempfile
import time

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
SEEDS = ("cnn", "mlp")


def make_config(preset: str, steps: int):
    sys.path.insert(0, str(REPO_ROOT))
    from tests.conftest import load_config

    config = load_config("mnist1d", preset)
    config.train.steps = steps
    config.train.eval_every = steps
    return config


def make_candidates(count: int, seed: int) -> list[str]:
    """`count` distinct mutants or crossovers of the seeds (a round of the mutation method)."""
    import numpy as np

    from evojax_nas.program_mutation import MutationFailed, ProgramMutator
    from evojax_nas.programs import program_key
    from evojax_nas.tasks.registry import get_task

    task = get_task("mnist1d")
    rules, crossover = task.mutation_rules()
    mutator = ProgramMutator(rules, crossover, task.policy)
    parents = [(REPO_ROOT / "seeds" / "mnist1d" / f"{name}.py").read_text() for name in SEEDS]
    rng = np.random.default_rng(seed)
    seen, candidates = {program_key(p) for p in parents}, []
    for _ in range(50 * count):
        if len(candidates) == count:
            break
        try:
            if rng.random() < 0.3:
                child = mutator.crossover(parents[0], parents[1], rng)
            else:
                child = mutator.mutate(parents[int(rng.integers(len(parents)))], rng)
        except MutationFailed:
            continue
        if program_key(child.source) not in seen:
            seen.add(program_key(child.source))
            candidates.append(child.source)
    return candidates


def worker(arguments) -> None:
    """Runs in the subprocess: warms every worker, then times the round's evaluation."""
    import jax

    from evojax_nas.evaluator import EvaluatorPool

    config = make_config(arguments.preset, arguments.steps)
    candidates = json.loads(pathlib.Path(arguments.candidates_file).read_text())
    seed_source = (REPO_ROOT / "seeds" / "mnist1d" / "cnn.py").read_text()
    key = jax.random.key(0)
    with EvaluatorPool(config, jax.local_devices()) as pool:
        started = time.perf_counter()
        pool.warm_up(seed_source, key)  # once per run, not per round: sandbox start-up, data generation
        warm_seconds = time.perf_counter() - started
        started = time.perf_counter()
        results = pool.map(
            lambda evaluator, job: evaluator.evaluate(job[1], jax.random.fold_in(key, job[0])),
            list(enumerate(candidates)),
        )
        wall = time.perf_counter() - started
    print(
        json.dumps(
            {
                "devices": jax.device_count(),
                "warm_seconds": warm_seconds,
                "wall_seconds": wall,
                "results": [
                    [r["status"], r.get("num_params"), r.get("val_accuracy"), r.get("test_accuracy")]
                    for r in results
                ],
                "candidate_seconds": [
                    sum(r.get(k) or 0.0 for k in ("sandbox_seconds", "compile_seconds", "train_seconds"))
                    for r in results
                ],
            }
        )
    )


def measure(devices: int, candidates_file: str, arguments) -> dict:
    environment = dict(
        os.environ, JAX_PLATFORMS="cpu", XLA_FLAGS=f"--xla_force_host_platform_device_count={devices}"
    )
    completed = subprocess.run(
        [
            sys.executable,
            __file__,
            "--worker",
            f"--candidates_file={candidates_file}",
            f"--preset={arguments.preset}",
            f"--steps={arguments.steps}",
        ],
        capture_output=True,
        text=True,
        env=environment,
        cwd=REPO_ROOT,
    )
    if completed.returncode != 0:
        raise SystemExit(f"the {devices}-device run failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--devices", type=int, default=2, help="devices of the parallel run (vs 1)")
    parser.add_argument("--candidates", type=int, default=8, help="programs in the round")
    parser.add_argument("--preset", default="cpu", help="configs/mnist1d.py preset")
    parser.add_argument("--steps", type=int, default=300, help="training steps per candidate")
    parser.add_argument("--repeats", type=int, default=1, help="alternate 1/N-device runs this many times")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--candidates_file", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        worker(arguments)
        return
    sys.path.insert(0, str(REPO_ROOT))
    candidates = make_candidates(arguments.candidates, seed=0)
    with tempfile.TemporaryDirectory() as directory:
        candidates_file = os.path.join(directory, "candidates.json")
        pathlib.Path(candidates_file).write_text(json.dumps(candidates))
        runs = {1: [], arguments.devices: []}
        for _ in range(arguments.repeats):
            for devices in (1, arguments.devices):
                runs[devices].append(measure(devices, candidates_file, arguments))
    one, many = runs[1], runs[arguments.devices]
    best_one = min(r["wall_seconds"] for r in one)
    best_many = min(r["wall_seconds"] for r in many)
    print(
        f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.2f}; {len(candidates)} candidates, preset {arguments.preset}, "
        f"{arguments.steps} steps"
    )
    print(f"statuses: {[r[0] for r in one[0]['results']]}")
    print(f"per-candidate seconds (1 device): {[round(s, 1) for s in one[0]['candidate_seconds']]}")
    for devices, records in runs.items():
        walls = ", ".join(f"{r['wall_seconds']:.1f}" for r in records)
        print(f"{devices} device(s): round evaluation wall time {walls} s")
    print(
        f"speed-up {arguments.devices}/1 devices (best of {arguments.repeats}): {best_one / best_many:.2f}x"
    )
    same = all(r["results"] == one[0]["results"] for r in one + many)
    print(f"identical results on 1 and {arguments.devices} devices: {same}")


if __name__ == "__main__":
    main()
