"""CLRS training speed: our exported, seed-vmapped Triplet-GMPNN step vs dm-clrs `BaselineModel.feedback`.

Both train the standard Triplet-GMPNN (seeds/clrs/standard.py in our processor; dm-clrs's own `triplet_gmpnn`
in BaselineModel) with identical settings: the same algorithm, graph size, padded trajectory length, batch size,
hidden size, clip-then-Adam optimiser. Ours runs the exported training step on 1, 2 and 4 seeds at once with
batches gathered on the device; BaselineModel gets the same batches already on the device (its `feedback` is
one jitted step). Printed: ms per step, seed-steps per second, and the ratio ours/BaselineModel per seed-step.

    python bench/clrs_step.py                                   # bfs, n=16, hidden 128, batch 32 (reference)
    python bench/clrs_step.py --hidden_size=64 --steps=20 --seeds=1,2,4,8 --batching=unroll
    python bench/clrs_step.py --parity_steps=300               # also: train both, compare val/test scores
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pathlib
import platform
import time

import numpy as np

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]


def load_config(preset: str | None):
    spec = importlib.util.spec_from_file_location("clrs_config", REPO_ROOT / "configs" / "clrs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.get_config(preset)


def bench_config(args, num_seeds: int, steps: int):
    config = load_config("paper")
    config.task.algorithm = args.algorithm
    config.task.train_lengths = (args.length,)
    config.task.train_pool_size = args.pool_size
    config.task.val_length = args.length
    config.task.val_num_samples = args.batch_size
    config.model.hidden_size = args.hidden_size
    config.model.nb_triplet_fts = args.nb_triplet_fts
    config.train.optimizer = "adam"  # BaselineModel's
    config.train.batch_size = args.batch_size
    config.train.eval_batch_size = args.batch_size
    config.train.num_seeds = num_seeds
    config.train.steps = steps
    config.train.seed_batching = args.batching
    return config


def build_ours(config, data):
    """Builds the standard seed with the task's own builder (in-process: the seed is our trusted code)."""
    from evojax_nas.sandbox.restricted import load_program
    from evojax_nas.tasks.clrs import build as clrs_build
    from evojax_nas.tasks.clrs.task import ClrsTask, train_settings
    from evojax_nas.tasks.clrs.training import ExportedClrsModel

    module = load_program((REPO_ROOT / "seeds" / "clrs" / "standard.py").read_text(), clrs_build.POLICY)
    metadata, artifacts = clrs_build.build_artifacts(module, ClrsTask().build_config(config, data))
    model = ExportedClrsModel(artifacts, metadata, train_settings(config))
    compile_seconds, _ = model.compile(data)
    return model, compile_seconds


def run_ours(args, num_seeds: int) -> dict:
    import jax

    from evojax_nas.tasks.clrs.task import load_data

    config = bench_config(args, num_seeds, args.steps + 2)
    data = load_data(config)
    model, compile_seconds = build_ours(config, data)
    seconds = model.seconds_per_step(jax.random.key(0), args.steps)
    return {
        "who": f"ours ({args.batching}, {num_seeds} seeds)",
        "seeds": num_seeds,
        "ms_per_step": 1000 * seconds,
        "seed_steps_per_second": num_seeds / seconds,
        "compile_seconds": compile_seconds,
        "num_params": model.num_params,
        "trajectory_length": data.train[0].num_steps,
    }


def baseline_model(config, data):
    from evojax_nas.tasks.clrs.dm_clrs import import_clrs

    clrs = import_clrs()
    pool = data.train[0]
    model = config.model
    return clrs.models.BaselineModel(
        data.spec_dict(),
        pool.to_feedback(np.arange(config.train.batch_size)),
        clrs.get_processor_factory("triplet_gmpnn", use_ln=model.use_ln, nb_triplet_fts=model.nb_triplet_fts),
        hidden_dim=model.hidden_size,
        encode_hints=model.encode_hints,
        decode_hints=model.decode_hints,
        encoder_init=model.encoder_init,
        learning_rate=config.train.learning_rate,
        grad_clip_max_norm=config.train.grad_clip_norm,
    )


def run_baseline(args) -> dict:
    import jax

    from evojax_nas.tasks.clrs.task import load_data

    config = bench_config(args, 1, args.steps + 2)
    data = load_data(config)
    pool = data.train[0]
    model = baseline_model(config, data)
    rng = np.random.default_rng(0)
    batches = [
        jax.device_put(pool.to_feedback(rng.choice(pool.num_samples, args.batch_size, replace=False)))
        for _ in range(args.steps + 1)
    ]
    model.init(batches[0].features, 0)
    started = time.perf_counter()
    loss = model.feedback(jax.random.PRNGKey(0), batches[0])
    jax.block_until_ready(loss)
    compile_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for index in range(1, args.steps + 1):
        loss = model.feedback(jax.random.PRNGKey(index), batches[index])
    jax.block_until_ready(loss)
    seconds = (time.perf_counter() - started) / args.steps
    return {
        "who": "dm-clrs BaselineModel.feedback",
        "seeds": 1,
        "ms_per_step": 1000 * seconds,
        "seed_steps_per_second": 1 / seconds,
        "compile_seconds": compile_seconds,
        "trajectory_length": pool.num_steps,
    }


def run_parity(args) -> dict:
    """Trains the standard seed with our task (evaluator, 2 seeds) and BaselineModel (2 runs) on the same data.

    Both use the config's protocol on `args.algorithm` (training lengths cycled, validation every `eval_every`
    steps, test with the best-validation parameters), the `cpu` preset's sizes and `args.parity_steps` steps.
    """
    import jax

    from evojax_nas.evaluator import Evaluator
    from evojax_nas.tasks.clrs.task import load_data
    from evojax_nas.tasks.clrs.training import score_predictions

    config = load_config("cpu")
    config.task.algorithm = args.algorithm
    config.task.score_test = True
    config.train.optimizer = "adam"
    config.train.steps = args.parity_steps
    source = (REPO_ROOT / "seeds" / "clrs" / "standard.py").read_text()
    with Evaluator(config) as evaluator:
        ours = evaluator.evaluate(source, jax.random.key(0))
    assert ours["status"] == "ok", ours["reason"]
    data = load_data(config)
    spec = data.spec_dict()
    val_feedback, test_feedback = data.val.to_feedback(), data.test.to_feedback()

    def score(model, feedback_set, feedback):
        predictions = []
        for start in range(0, feedback_set.num_samples, config.train.eval_batch_size):
            rows = np.arange(start, min(start + config.train.eval_batch_size, feedback_set.num_samples))
            preds, _ = model.predict(jax.random.PRNGKey(0), feedback_set.to_feedback(rows).features)
            predictions.append(preds)
        merged = {
            name: np.concatenate([np.asarray(p[name].data) for p in predictions]) for name in predictions[0]
        }
        return score_predictions(spec, feedback_set, [merged[f.name] for f in feedback_set.outputs])

    baseline_val, baseline_test = [], []
    baseline_started = time.perf_counter()
    for seed in range(config.train.num_seeds):
        rng = np.random.default_rng(seed)
        model = baseline_model(config, data)
        model.init(
            [pool.to_feedback(np.arange(config.train.batch_size)) for pool in data.train][0].features, seed
        )
        best, best_params = -1.0, None
        for step in range(config.train.steps):
            pool = data.train[step % len(data.train)]
            rows = rng.choice(pool.num_samples, config.train.batch_size, replace=False)
            model.feedback(jax.random.PRNGKey(step), pool.to_feedback(rows))
            if step % config.train.eval_every == 0 or step == config.train.steps - 1:
                val = score(model, data.val, val_feedback)
                if val > best:
                    best, best_params = val, jax.tree.map(np.array, model.params)
        model.params = best_params
        baseline_val.append(best)
        baseline_test.append(score(model, data.test, test_feedback))
    return {
        "algorithm": args.algorithm,
        "steps": config.train.steps,
        "hidden_size": config.model.hidden_size,
        "ours_val": ours["val_score_per_seed"],
        "ours_test": ours["test_score_per_seed"],
        "baseline_val": baseline_val,
        "baseline_test": baseline_test,
        "ours_num_params": ours["num_params"],
        "ours_seconds": {key: ours[key] for key in ("sandbox_seconds", "compile_seconds", "train_seconds")},
        "baseline_seconds": time.perf_counter() - baseline_started,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--algorithm", default="bfs")
    parser.add_argument("--length", type=int, default=16)
    parser.add_argument("--hidden_size", type=int, default=128)
    parser.add_argument("--nb_triplet_fts", type=int, default=8)
    parser.add_argument("--batch_size", type=int, default=32)
    parser.add_argument("--pool_size", type=int, default=256)
    parser.add_argument("--steps", type=int, default=10, help="timed steps per configuration")
    parser.add_argument("--seeds", default="1,2,4")
    parser.add_argument("--batching", default="vmap", choices=("vmap", "unroll"))
    parser.add_argument("--parity_steps", type=int, default=0, help="> 0: also run the score parity check")
    args = parser.parse_args()

    import jax

    print(
        f"# {platform.processor() or platform.machine()}, {jax.device_count()} {jax.default_backend()} device(s)"
    )
    rows = [run_baseline(args)]
    print(json.dumps(rows[-1]))
    for num_seeds in (int(s) for s in args.seeds.split(",")):
        rows.append(run_ours(args, num_seeds))
        print(json.dumps(rows[-1]))
    reference = rows[0]["seed_steps_per_second"]
    print(
        f"\n{args.algorithm} n={args.length}, T={rows[0]['trajectory_length']}, hidden {args.hidden_size}, "
        f"batch {args.batch_size}"
    )
    print("| run | ms/step | seed-steps/s | per seed-step vs BaselineModel | compile s |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['who']} | {row['ms_per_step']:.0f} | {row['seed_steps_per_second']:.2f} "
            f"| {row['seed_steps_per_second'] / reference:.2f}x | {row['compile_seconds']:.1f} |"
        )
    if args.parity_steps > 0:
        print(json.dumps(run_parity(args)))


if __name__ == "__main__":
    main()
