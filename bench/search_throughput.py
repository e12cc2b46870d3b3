"""Throughput of the whole search loop with each evaluation speed feature off and on, in one run.

Runs the same small MNIST-1D search (fixed seed, the `mutation` method so no LM is needed) once per variant, each
in a fresh process and workdir (`python -m evojax_nas.main`), and prints samples per minute, the seconds of each
phase (seed evaluation, generation, evaluation, tuning) and whether each variant's archive is identical to the
baseline's. The variants add one feature at a time:

    baseline          train.overlap=False, train.parallel_compile=False, train.early_stop=0,
                      train.cpu_optimization_level=3, train.seed_batching=unroll (the defaults before 2026-12-04)
    compile_level     + train.cpu_optimization_level=1 (XLA:CPU backend level; not exact: the variants after it
                        are compared with it, and it with the baseline, reported but not required to match)
    seed_loop         + train.seed_batching=loop (one seed's step, called per seed; exact)
    parallel_compile  + a candidate's step, evaluation and initialisation compile on threads at once (exact)
    overlap           + the next candidate builds and compiles while the current one trains (exact)
    early_stop        + train.early_stop=F (changes the archive: the report says which children it stopped and
                        how many of those the run without it kept, i.e. how often the early stop was wrong)

    python bench/search_throughput.py                                  # cpu preset, 2 rounds of 2x2 samples
    python bench/search_throughput.py --steps=500 --seeds=cnn,mlp --json=out.json
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import tempfile
import time

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
VARIANTS = ("baseline", "compile_level", "seed_loop", "parallel_compile", "overlap", "early_stop")
ARCHIVE_FIELDS = ("round", "sample_index", "key", "status", "num_params", "val_accuracy", "test_accuracy")


def variant_flags(name: str, early_stop: float) -> list[str]:
    """The config overrides of a variant: every feature up to and including `name` is on."""
    on = VARIANTS[: VARIANTS.index(name) + 1]
    return [
        f"--config.train.cpu_optimization_level={1 if 'compile_level' in on else 3}",
        f"--config.train.seed_batching={'loop' if 'seed_loop' in on else 'unroll'}",
        f"--config.train.parallel_compile={'parallel_compile' in on}",
        f"--config.train.overlap={'overlap' in on}",
        f"--config.train.early_stop={early_stop if 'early_stop' in on else 0.0}",
    ]


def run_variant(name: str, args: argparse.Namespace, seeds_dir: pathlib.Path, root: pathlib.Path) -> dict:
    """Runs the search of one variant in a fresh process; returns wall time, phases and the archive."""
    workdir = root / name
    command = [
        sys.executable,
        "-m",
        "evojax_nas.main",
        f"--config=configs/mnist1d.py:{args.preset}",
        f"--workdir={workdir}",
        "--config.search.method=mutation",
        f"--config.seed={args.seed}",
        f"--config.search.rounds={args.rounds}",
        f"--config.search.prompts_per_round={args.prompts}",
        f"--config.search.samples_per_prompt={args.samples}",
        f"--config.task.seeds_dir={seeds_dir}",
        "--config.log.progress=False",
        *variant_flags(name, args.early_stop),
    ]
    if args.steps:
        command.append(f"--config.train.steps={args.steps}")
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"variant {name} failed:\n{completed.stderr[-3000:]}")
    summary = json.loads(completed.stdout.strip().splitlines()[-1])
    phases = {"seeds": 0.0, "generate": 0.0, "evaluate": 0.0, "tune": 0.0}
    for line in (workdir / "events.jsonl").read_text().splitlines():
        event = json.loads(line)
        if event.get("event") == "seeds":
            phases["seeds"] += float(event["seconds"])
        elif event.get("event") == "round":
            for phase, seconds in event.get("seconds", {}).items():
                phases[phase] = phases.get(phase, 0.0) + float(seconds)
    return {
        "variant": name,
        "wall_seconds": wall,
        "samples": summary["samples"],
        "samples_per_minute": 60.0 * summary["samples"] / wall,
        "phases": phases,
        "archive": archive(workdir),
    }


def archive(workdir: pathlib.Path) -> list[dict]:
    """The archive of a finished run: the fields that must match between exact variants, and the reason."""
    from evojax_nas.search import restore_state

    state = restore_state(workdir)
    return [
        {**{field: getattr(i, field) for field in ARCHIVE_FIELDS}, "reason": i.reason or ""}
        for i in state.population.archive
    ]


def exact_view(entries: list[dict]) -> list[tuple]:
    return [tuple(entry[field] for field in ARCHIVE_FIELDS) for entry in entries]


def early_stop_effect(baseline: list[dict], stopped: list[dict]) -> dict:
    """Children the early stop ended, and how many of them the baseline run kept (the wrong stops)."""
    by_key = {entry["key"]: entry for entry in baseline}
    ended = [entry for entry in stopped if entry["reason"].startswith("stopped early")]
    wrong = [e for e in ended if by_key.get(e["key"], {}).get("status") == "ok"]
    unmatched = [e for e in ended if e["key"] not in by_key]
    return {
        "stopped": len(ended),
        "wrong": len(wrong),
        "not_in_baseline": len(unmatched),
        "children": sum(1 for entry in stopped if entry["round"] >= 0),
        "archive_identical": exact_view(baseline) == exact_view(stopped),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="cpu")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--prompts", type=int, default=2, help="search.prompts_per_round")
    parser.add_argument("--samples", type=int, default=2, help="search.samples_per_prompt")
    parser.add_argument("--steps", type=int, default=0, help="train.steps (0: the preset's)")
    parser.add_argument(
        "--seeds", default="cnn,mlp,gru,residual_cnn", help="programs of seeds/mnist1d to start from"
    )
    parser.add_argument(
        "--early_stop", type=float, default=0.25, help="train.early_stop of the early_stop variant"
    )
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--json", default="", help="also write the results to this file")
    args = parser.parse_args()
    variants = args.variants.split(",")
    unknown = [name for name in variants if name not in VARIANTS]
    if unknown or variants[0] != "baseline":
        raise SystemExit(f"--variants must start with baseline and name only {VARIANTS}, got {args.variants}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs; preset {args.preset}, mutation search, seed "
        f"{args.seed}, {args.rounds} rounds x {args.prompts * args.samples} samples, seeds {args.seeds}, "
        f"steps {args.steps or 'preset'}"
    )
    root = pathlib.Path(tempfile.mkdtemp(prefix="search_throughput_"))
    try:
        seeds_dir = root / "seeds"
        seeds_dir.mkdir()
        for name in args.seeds.split(","):
            shutil.copy(REPO_ROOT / "seeds" / "mnist1d" / f"{name}.py", seeds_dir / f"{name}.py")
        results = []
        print(f"{'variant':<17} {'wall s':>7} {'samples':>7} {'/min':>6} {'x base':>6}  phases (s)  archive")
        for name in variants:
            result = run_variant(name, args, seeds_dir, root)
            base = results[0] if results else result
            result["speedup"] = base["wall_seconds"] / result["wall_seconds"]
            # The variants after the inexact compile level are compared with it; it with the baseline.
            reference = next((r for r in results if r["variant"] == "compile_level"), base)
            if name == "early_stop":
                result["early_stop_effect"] = early_stop_effect(reference["archive"], result["archive"])
                effect = result["early_stop_effect"]
                verdict = (
                    f"stopped {effect['stopped']} of {effect['children']} children, {effect['wrong']} of them kept "
                    f"by {reference['variant']} (wrong); archive {'identical' if effect['archive_identical'] else 'differs'}"
                )
            else:
                identical = exact_view(result["archive"]) == exact_view(reference["archive"])
                result["archive_identical"] = identical
                if name == "compile_level":
                    verdict = "identical" if identical else "differs from baseline (level 1 is not exact)"
                else:
                    verdict = f"{'identical' if identical else 'DIFFERS (must be identical)'} to {reference['variant']}"
            results.append(result)
            phases = " ".join(f"{phase} {seconds:.0f}" for phase, seconds in result["phases"].items())
            print(
                f"{name:<17} {result['wall_seconds']:>7.1f} {result['samples']:>7} "
                f"{result['samples_per_minute']:>6.2f} {result['speedup']:>6.2f}  {phases}  {verdict}",
                flush=True,
            )
        if args.json:
            pathlib.Path(args.json).write_text(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
