"""Throughput of candidate evaluation: our sandboxed, exported, seed-vmapped trainer vs a plain PyTorch loop.

Trains the Greydanus MNIST-1D CNN (seeds/mnist1d/cnn.py) with the same steps, batch size and optimiser (AdamW,
lr 0.01, batch 128) with (a) our evaluator at 1, 4 and 8 seeds and (b) a plain PyTorch CPU loop, and prints
seed-trainings per minute, the ratio ours/PyTorch per seed-training (both with the config's AdamW settings), and where a candidate's wall time goes
(sandbox build, compile, training) at the given budget and at the paper budget (8000 steps, 4 seeds).

    python bench/eval_throughput.py                      # 2000 steps; paper-budget breakdown included
    python bench/eval_throughput.py --steps=500 --skip_paper_budget

`--breakdown PROGRAM...` instead times each part of evaluating each program at a preset (sandbox build,
deserialisation, the cost model's analysis of every artifact, the FLOP count, the compile of each jitted function,
training, one validation) and, from each training's validation history, when `train.early_stop` at a few
fractions would have stopped it and whether that stop was wrong (the full training passes the alpha filter):

    python bench/eval_throughput.py --breakdown seeds/mnist1d/*.py --preset=cpu

`--cpu_optimization_levels 3 1` and `--seed_batchings unroll loop` repeat either mode at each XLA:CPU backend
optimisation level (`config.train.cpu_optimization_level`; 3 is XLA's default) and each seed batching
(`config.train.seed_batching`) in the same run; the breakdown says whether each variant's validation history is
identical to the first variant's.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import pathlib
import platform
import time

import numpy as np

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]


def load_config(preset: str):
    spec = importlib.util.spec_from_file_location("mnist1d_config", REPO_ROOT / "configs" / "mnist1d.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.get_config(preset)


def run_ours(
    num_seeds: int, steps: int, eval_every: int, steps_per_call: int, overrides: dict | None = None
) -> dict:
    import jax

    from evojax_nas.evaluator import Evaluator

    config = load_config("paper")
    config.train.update(overrides or {})
    config.train.steps, config.train.num_seeds = steps, num_seeds
    config.train.eval_every, config.train.steps_per_call = eval_every, steps_per_call
    source = (REPO_ROOT / "seeds" / "mnist1d" / "cnn.py").read_text()
    with Evaluator(config) as evaluator:
        evaluator.evaluate(
            source, jax.random.key(0), dry_run=True
        )  # start the sandbox worker: not a per-candidate cost
        started = time.perf_counter()
        result = evaluator.evaluate(source, jax.random.key(0))
        wall = time.perf_counter() - started
    assert result["status"] == "ok", result["reason"]
    return {
        "seeds": num_seeds,
        "variant": variant_name(config),
        "wall_seconds": wall,
        "sandbox_seconds": result["sandbox_seconds"],
        "compile_seconds": result["compile_seconds"],
        "train_seconds": result["train_seconds"],
        "test_accuracy": result["test_accuracy"],
        "seed_trainings_per_minute": 60.0 * num_seeds / wall,
        "seed_trainings_per_minute_training_only": 60.0 * num_seeds / result["train_seconds"],
    }


def run_pytorch(steps: int, eval_every: int, threads: int, weight_decay: float) -> dict:
    import torch
    from torch import nn

    from evojax_nas.tasks.mnist1d.data import load_data

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    data = load_data(500, 0)
    x_train, y_train = torch.tensor(data.x_train), torch.tensor(data.y_train, dtype=torch.long)
    x_val, y_val = torch.tensor(data.x_val), torch.tensor(data.y_val, dtype=torch.long)
    model = nn.Sequential(
        nn.Conv1d(1, 25, 5, stride=2, padding=1),
        nn.ReLU(),
        nn.Conv1d(25, 25, 3, stride=2, padding=1),
        nn.ReLU(),
        nn.Conv1d(25, 25, 3, stride=2, padding=1),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(125, 10),
    )
    assert sum(p.numel() for p in model.parameters()) == 5210
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.01, weight_decay=weight_decay)
    loss_fn = nn.CrossEntropyLoss()
    generator = np.random.default_rng(0)
    started = time.perf_counter()
    order = generator.permutation(len(x_train))
    position = 0
    best = 0.0
    for step in range(1, steps + 1):
        if position + 128 > len(order):
            order, position = generator.permutation(len(x_train)), 0
        index = torch.from_numpy(order[position : position + 128])
        position += 128
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x_train[index, None, :]), y_train[index])
        loss.backward()
        optimizer.step()
        if step % eval_every == 0:
            with torch.no_grad():
                best = max(best, (model(x_val[:, None, :]).argmax(-1) == y_val).float().mean().item())
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "val_accuracy": best, "seed_trainings_per_minute": 60.0 / seconds}


EARLY_STOP_FRACTIONS = (0.125, 0.25, 0.5)


def variant_name(config) -> str:
    """The speed settings a run used, as printed in the tables."""
    return f"level {config.train.cpu_optimization_level} {config.train.seed_batching}"


def variants(levels: list, batchings: list) -> list[dict]:
    """The `config.train` overrides of every combination of the requested levels and seed batchings."""
    return [
        {
            name: value
            for name, value in (("cpu_optimization_level", level), ("seed_batching", batching))
            if value
        }
        for level in levels
        for batching in batchings
    ]


def breakdown(
    paths: list[str], preset: str, fractions=EARLY_STOP_FRACTIONS, overrides: dict | None = None
) -> list[dict]:
    """Where each program's evaluation time goes, and what the early stop would have done to it."""
    import jax

    from evojax_nas.cost_model import analyze_exported
    from evojax_nas.evaluator import Evaluator
    from evojax_nas.exported import load_exported
    from evojax_nas.tasks.classifier.base import train_settings
    from evojax_nas.tasks.classifier.training import ARTIFACTS, ExportedClassifier
    from evojax_nas.tasks.mnist1d.data import load_data

    config = load_config(preset)
    config.train.update(overrides or {})
    print(variant_name(config))
    settings = train_settings(config)
    threshold = 1.0 - float(config.search.alpha)
    data = load_data(config.task.num_val, config.task.split_seed)
    rows = []
    with Evaluator(config) as evaluator:
        seed = (REPO_ROOT / "seeds" / "mnist1d" / "mlp.py").read_text()
        evaluator.evaluate(seed, jax.random.key(0))  # sandbox worker, data caches, batch-order compile
        for path in paths:
            source = pathlib.Path(path).read_text()
            times = {}
            started = time.perf_counter()
            build = evaluator.sandbox.build(source, evaluator.task.build_config(config))
            times["sandbox"] = time.perf_counter() - started
            if build.status != "ok":
                print(f"{path}: {build.status}: {build.reason}")
                continue
            started = time.perf_counter()
            functions = {name: load_exported(name, build.artifacts[name]) for name in ARTIFACTS}
            times["deserialise"] = time.perf_counter() - started
            started = time.perf_counter()
            for function in functions.values():
                analyze_exported(function, settings.max_loop_iterations)
            times["cost_model"] = time.perf_counter() - started
            classifier = ExportedClassifier(
                build.artifacts, int(build.metadata["num_param_leaves"]), settings
            )
            started = time.perf_counter()
            classifier.flops_per_example()
            times["flops"] = time.perf_counter() - started
            times["compile"], _ = classifier.compile(data)
            outcome = classifier.train(jax.random.key(config.seed))
            params = list(
                classifier._init_fn(
                    jax.random.key_data(jax.random.split(jax.random.key(1), classifier.compiled_seeds))
                )
            )
            started = time.perf_counter()
            for _ in range(3):
                jax.block_until_ready(
                    classifier._accuracies(
                        params[: classifier.num_param_leaves], *classifier._eval_sets.values()
                    )
                )
            calls = len(outcome.history) * settings.num_seeds // classifier.compiled_seeds
            times["validation"] = calls * (time.perf_counter() - started) / 3
            times["train"] = outcome.train_seconds - times["validation"]
            final = float(outcome.best_val_accuracy.mean())
            passes = final > threshold
            stops = {}
            for fraction in fractions:
                step = math.ceil(fraction * settings.steps)
                checkpoint = next((r["step"] for r in outcome.history if r["step"] >= step), None)
                seen = [r["val_accuracy"] for r in outcome.history if checkpoint and r["step"] <= checkpoint]
                best = float(np.mean(np.max(seen, axis=0))) if seen else 0.0
                stops[fraction] = bool(checkpoint and checkpoint < settings.steps and not best > threshold)
            history = [np.asarray(record["val_accuracy"]).tolist() for record in outcome.history]
            rows.append(
                {
                    "program": path,
                    "times": times,
                    "val_accuracy": final,
                    "val_history": history,
                    "passes": passes,
                    "stops": stops,
                }
            )
            total = sum(times.values())
            parts = " ".join(f"{name} {seconds:.2f}" for name, seconds in times.items())
            verdicts = " ".join(
                f"{fraction:g}:{'stop' + (' WRONG' if passes else '') if stop else 'go'}"
                for fraction, stop in stops.items()
            )
            print(
                f"{path}: total {total:.1f} s = {parts}; val {final:.3f} (passes {passes}); early stop {verdicts}",
                flush=True,
            )
    totals = {name: sum(row["times"][name] for row in rows) for name in rows[0]["times"]} if rows else {}
    overall = sum(totals.values()) or 1.0
    print("share of the time: " + ", ".join(f"{name} {100 * t / overall:.1f}%" for name, t in totals.items()))
    for fraction in fractions:
        stopped = [row for row in rows if row["stops"][fraction]]
        wrong = [row for row in stopped if row["passes"]]
        print(
            f"early_stop={fraction:g} (threshold val > {threshold:.3f}): stops {len(stopped)} of {len(rows)}, "
            f"wrong {len(wrong)} (of {sum(row['passes'] for row in rows)} that pass)"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--eval_every", type=int, default=250)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--steps_per_call", type=int, default=1)
    parser.add_argument(
        "--torch_threads",
        type=int,
        nargs="+",
        default=[1, 2],
        help="PyTorch is run with each thread count; the fastest is the reference",
    )
    parser.add_argument("--skip_paper_budget", action="store_true")
    parser.add_argument("--json", type=str, default="", help="also write the results to this file")
    parser.add_argument(
        "--breakdown", nargs="+", default=[], help="time the parts of evaluating these programs"
    )
    parser.add_argument("--preset", default="cpu", help="config preset of --breakdown")
    parser.add_argument(
        "--cpu_optimization_levels",
        type=int,
        nargs="+",
        default=[None],
        help="XLA:CPU backend optimisation levels to run at (default: the config's)",
    )
    parser.add_argument(
        "--seed_batchings",
        nargs="+",
        default=[None],
        help="seed batchings to run with: auto, vmap, unroll, loop (default: the config's)",
    )
    args = parser.parse_args()
    overrides = variants(args.cpu_optimization_levels, args.seed_batchings)
    if args.breakdown:
        runs = {}
        for override in overrides:
            rows = breakdown(args.breakdown, args.preset, overrides=override)
            runs[" ".join(f"{value}" for value in override.values()) or "config"] = rows
        names = list(runs)
        first = runs[names[0]]
        for name, rows in runs.items():
            wall = sum(sum(row["times"].values()) for row in rows)
            compile_time = sum(row["times"]["compile"] for row in rows)
            same = [row["val_history"] == ref["val_history"] for row, ref in zip(rows, first, strict=True)]
            print(
                f"{name}: total {wall:.1f} s (compile {compile_time:.1f} s), "
                f"{wall / sum(sum(row['times'].values()) for row in first):.2f}x {names[0]}'s; "
                f"validation history identical to {names[0]}'s for {sum(same)} of {len(same)} programs"
            )
        if args.json:
            pathlib.Path(args.json).write_text(json.dumps(runs, indent=2))
        return

    print(
        f"machine: {platform.machine()}, {__import__('os').cpu_count()} CPUs; steps={args.steps}, batch 128, AdamW"
    )
    weight_decay = load_config("paper").train.weight_decay
    references = []
    for threads in args.torch_threads:
        run = run_pytorch(args.steps, args.eval_every, threads, weight_decay)
        run["threads"] = threads
        references.append(run)
        print(
            f"PyTorch, {threads} thread(s): {run['seconds']:.1f} s per seed-training, "
            f"{run['seed_trainings_per_minute']:.2f} seed-trainings/min (val {run['val_accuracy']:.3f})"
        )
    reference = max(references, key=lambda run: run["seed_trainings_per_minute"])
    print(f"reference = PyTorch with {reference['threads']} thread(s)")
    results = {"reference": reference, "ours": []}
    print(
        f"{'variant':>18} {'seeds':>5} {'wall s':>8} {'sandbox':>8} {'compile':>8} {'train':>8} {'per-min':>8} {'x torch':>8} {'x torch (train)':>16}"
    )
    for override, num_seeds in [(override, num_seeds) for override in overrides for num_seeds in args.seeds]:
        ours = run_ours(num_seeds, args.steps, args.eval_every, args.steps_per_call, override)
        ours["ratio_vs_pytorch"] = ours["seed_trainings_per_minute"] / reference["seed_trainings_per_minute"]
        ours["ratio_vs_pytorch_training_only"] = (
            ours["seed_trainings_per_minute_training_only"] / reference["seed_trainings_per_minute"]
        )
        results["ours"].append(ours)
        print(
            f"{ours['variant']:>18} {num_seeds:>5} {ours['wall_seconds']:>8.1f} {ours['sandbox_seconds']:>8.2f} "
            f"{ours['compile_seconds']:>8.2f} {ours['train_seconds']:>8.1f} "
            f"{ours['seed_trainings_per_minute']:>8.2f} {ours['ratio_vs_pytorch']:>8.2f} "
            f"{ours['ratio_vs_pytorch_training_only']:>16.2f}"
        )
    if not args.skip_paper_budget:
        paper = run_ours(4, 8000, 250, args.steps_per_call, overrides[-1])
        overhead = paper["sandbox_seconds"] + paper["compile_seconds"]
        paper["overhead_share"] = overhead / paper["wall_seconds"]
        results["paper_budget"] = paper
        print(
            f"paper budget (8000 steps, 4 seeds): wall {paper['wall_seconds']:.1f} s = sandbox "
            f"{paper['sandbox_seconds']:.2f} + compile {paper['compile_seconds']:.2f} + training "
            f"{paper['train_seconds']:.1f} (+ rest); sandbox + compile = {100 * paper['overhead_share']:.1f}% "
            f"(goal <= 25%); test accuracy {paper['test_accuracy']:.3f}"
        )
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
