"""CLRS-30 (Velickovic et al. 2022) with EvoPrompting's search space: the Triplet-GMPNN's triplet function.

Candidates are Haiku functions `get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size)` returning
the `[B, N, N, out_size]` edge latent (contract in `evojax_nas.tasks.clrs.build`). Encoders, decoders, losses,
samplers and scoring are dm-clrs's; the processor around the candidate is ours (`evojax_nas.tasks.clrs.processor`).
The fitness accuracy is the best validation score (dm-clrs `evaluate(...)['score']`) during training at
`config.task.val_length`; `num_params` counts the whole model. The OOD test score (n=64, best-validation
parameters) is reported only. A search scores each candidate on every algorithm of
`config.task.search_algorithms` (the mean validation score and the mean parameter count enter the fitness);
`evaluate` uses `config.task.algorithm`.
"""

from __future__ import annotations

import copy

import jax
import ml_collections
import numpy as np

from evojax_nas.evaluation_result import budget_violation
from evojax_nas.exported import DEFAULT_MAX_LOOP_ITERATIONS
from evojax_nas.tasks.base import Task
from evojax_nas.tasks.clrs import build as clrs_build
from evojax_nas.tasks.clrs.data import ClrsData, DataSettings, generate_data
from evojax_nas.tasks.clrs.dm_clrs import import_clrs
from evojax_nas.tasks.clrs.training import ClrsTrainSettings, ExportedClrsModel
from evojax_nas.tasks.common import (
    export_platform,
    optimizer_settings,
    require,
    require_positive_ints,
    validate_train,
)
from evojax_nas.training import XLA_DEFAULT_OPTIMIZATION_LEVEL

ENCODER_INITS = ("default", "xavier_on_scalars")
HINT_REPRED_MODES = ("soft", "hard", "hard_on_eval")


def data_settings(config: ml_collections.ConfigDict, algorithm: str | None = None) -> DataSettings:
    """The data generation settings from `config.task` (for `algorithm`, default `config.task.algorithm`)."""
    task = config.task
    return DataSettings(
        algorithm=algorithm or task.algorithm,
        train_lengths=tuple(int(n) for n in task.train_lengths),
        train_pool_size=int(task.train_pool_size),
        val_length=int(task.val_length),
        val_num_samples=int(task.val_num_samples),
        val_multiplier=int(task.val_multiplier),
        test_length=int(task.test_length) if task.score_test else 0,
        test_num_samples=int(task.test_num_samples),
        test_seed=int(task.test_seed),
        data_seed=int(task.data_seed),
        edge_probabilities=tuple(float(p) for p in task.edge_probabilities),
        length_needle=int(task.length_needle),
        random_pos=bool(task.random_pos),
        enforce_pred_as_input=bool(task.enforce_pred_as_input),
        enforce_permutations=bool(task.enforce_permutations),
    )


def load_data(config: ml_collections.ConfigDict) -> ClrsData:
    """Samples (once per process) the data of `config.task.algorithm`."""
    return generate_data(data_settings(config))


def train_settings(config: ml_collections.ConfigDict) -> ClrsTrainSettings:
    """The training loop settings from `config.train` and `config.task.score_test`."""
    train = config.train
    return ClrsTrainSettings(
        steps=train.steps,
        batch_size=train.batch_size,
        eval_every=train.eval_every,
        num_seeds=train.num_seeds,
        eval_batch_size=train.eval_batch_size,
        score_test=bool(config.task.score_test),
        max_seconds=float(train.get("max_seconds", 0.0)),
        time_projection_margin=float(train.get("time_projection_margin", 0.0)),
        max_loop_iterations=int(config.budget.get("max_loop_iterations", DEFAULT_MAX_LOOP_ITERATIONS)),
        parallel_compile=bool(train.get("parallel_compile", False)),
        cpu_optimization_level=int(train.get("cpu_optimization_level", XLA_DEFAULT_OPTIMIZATION_LEVEL)),
    )


def resolve_seed_batching(setting: str) -> str:
    """`auto` means `vmap` (measured at least as fast as `unroll` for this model, see bench/clrs_step.py)."""
    return "vmap" if setting == "auto" else setting


class ClrsTask(Task):
    """One CLRS-30 algorithm, learned by a Triplet-GMPNN whose triplet function is the candidate."""

    name = "clrs"
    program_header = clrs_build.PROGRAM_HEADER
    mutations_module = "evojax_nas.tasks.clrs.mutations"
    policy = clrs_build.POLICY
    # Every LM child's imports on top of its parents' (`prompting.child_imports`). The seeds import only `hk` and
    # `jnp`, and 6 of the 12 children of the first `cpu` round on mst_prim failed with "name 'jax' is not
    # defined" (they called `jax.nn.relu` and the like).
    required_imports = ("import haiku as hk", "import jax", "import jax.numpy as jnp")

    def validate_config(self, config: ml_collections.ConfigDict) -> None:
        train, task, model = config.train, config.task, config.model
        validate_train(train, ("steps", "batch_size", "eval_every", "num_seeds", "eval_batch_size"))
        require(
            train.seed_batching != "loop",
            "config.train.seed_batching 'loop' is for classifier tasks; CLRS takes 'auto', 'vmap' or 'unroll'",
        )
        algorithms = import_clrs().specs.CLRS_30_ALGS
        require(
            task.algorithm in algorithms,
            f"config.task.algorithm must be one of the CLRS-30 algorithms ({', '.join(algorithms)}), "
            f"got {task.algorithm!r}",
        )
        unknown = [name for name in task.search_algorithms if name not in algorithms]
        require(not unknown, f"config.task.search_algorithms has unknown algorithms {unknown}")
        lengths = tuple(task.train_lengths)
        require(
            1 <= len(lengths) <= 16 and all(isinstance(n, int) and n >= 4 for n in lengths),
            f"config.task.train_lengths must be 1 to 16 integers >= 4, got {lengths!r}",
        )
        require(
            isinstance(task.train_pool_size, int) and task.train_pool_size >= train.batch_size,
            f"config.task.train_pool_size ({task.train_pool_size}) must be at least the batch size ({train.batch_size})",
        )
        require(
            isinstance(task.val_length, int) and task.val_length >= 4,
            f"config.task.val_length must be an integer >= 4, got {task.val_length!r}",
        )
        require(
            isinstance(task.test_length, int) and (task.test_length >= 4 or not task.score_test),
            f"config.task.test_length must be an integer >= 4 when config.task.score_test is set, got {task.test_length!r}",
        )
        require_positive_ints(
            model, "config.model", ("hidden_size", "nb_triplet_fts", "nb_msg_passing_steps")
        )
        require(
            model.encoder_init in ENCODER_INITS,
            f"config.model.encoder_init must be one of {ENCODER_INITS}, got {model.encoder_init!r}",
        )
        require(
            model.hint_repred_mode in HINT_REPRED_MODES,
            f"config.model.hint_repred_mode must be one of {HINT_REPRED_MODES}, got {model.hint_repred_mode!r}",
        )
        require(
            model.decode_hints or not model.encode_hints,
            "config.model.encode_hints needs config.model.decode_hints (dm-clrs refuses encoded-only hints)",
        )

    def search_configs(
        self, config: ml_collections.ConfigDict
    ) -> list[tuple[str, ml_collections.ConfigDict]]:
        """One config per algorithm of `config.task.search_algorithms`, labelled with it (empty:
        `config.task.algorithm` alone)."""
        configs = []
        for name in tuple(config.task.search_algorithms) or (config.task.algorithm,):
            algorithm_config = copy.deepcopy(config)
            algorithm_config.task.algorithm = name
            configs.append((name, algorithm_config))
        return configs

    def combine(self, results: list[dict]) -> dict:
        """A candidate scored on several algorithms: the mean best validation score and the mean whole-model
        parameter count (encoders and decoders differ per algorithm), with each algorithm's numbers kept."""
        per_algorithm = {
            r["algorithm"]: {k: r.get(k) for k in ("num_params", "val_accuracy", "test_accuracy")}
            for r in results
        }

        def mean(name: str) -> float | None:
            values = [r.get(name) for r in results]
            return None if any(v is None for v in values) else float(np.mean(values))

        return {
            "status": "ok",
            "reason": "",
            "algorithm": ",".join(per_algorithm),
            "num_params": int(round(mean("num_params"))),
            "val_accuracy": mean("val_accuracy"),
            "val_accuracy_std": mean("val_accuracy_std"),  # the seeds' spread, averaged over algorithms
            "test_accuracy": mean("test_accuracy"),
            "per_algorithm": per_algorithm,
            **{k: float(sum(r.get(k) or 0.0 for r in results)) for k in ("sandbox_seconds", "train_seconds")},
        }

    def build_config(self, config: ml_collections.ConfigDict, data: ClrsData | None = None) -> dict:
        data = data or load_data(config)
        train, model = config.train, config.model
        platform = jax.default_backend()
        eval_layouts = {"val": data.val.layout()}
        if data.test is not None:
            eval_layouts["test"] = data.test.layout()
        return {
            "algorithm": data.algorithm,
            "spec": [list(row) for row in data.spec],
            "train_layouts": [pool.layout() for pool in data.train],
            "eval_layouts": eval_layouts,
            "num_seeds": train.num_seeds,
            "batch_size": train.batch_size,
            "eval_batch_size": train.eval_batch_size,
            "model": {
                "hidden_size": model.hidden_size,
                "nb_triplet_fts": model.nb_triplet_fts,
                "use_ln": bool(model.use_ln),
                "encode_hints": bool(model.encode_hints),
                "decode_hints": bool(model.decode_hints),
                "encoder_init": model.encoder_init,
                "hint_repred_mode": model.hint_repred_mode,
                "nb_msg_passing_steps": model.nb_msg_passing_steps,
            },
            "platforms": [export_platform(platform)],
            "seed_batching": resolve_seed_batching(train.seed_batching),
            "optimizer": optimizer_settings(train),
        }

    def score(self, metadata, artifacts, config, key, *, dry_run=False, progress=False, data=None) -> dict:
        model = ExportedClrsModel(artifacts, metadata, train_settings(config))
        metrics = {"num_params": model.num_params, "algorithm": config.task.algorithm}
        violation = budget_violation(metrics, config.budget)
        if violation:
            return {**metrics, "status": "rejected", "reason": violation}
        if dry_run:
            return {**metrics, "status": "ok", "reason": ""}
        data = data or load_data(config)
        compile_seconds, memory_bytes = model.compile(data)
        metrics.update(compile_seconds=compile_seconds, memory_bytes=memory_bytes)
        violation = budget_violation(metrics, config.budget)
        if violation:
            return {**metrics, "status": "rejected", "reason": violation}
        outcome = model.train(key, progress=progress)
        result = {
            **metrics,
            "status": "ok",
            "reason": "",
            "val_accuracy": float(outcome.best_val_score.mean()),
            "val_accuracy_std": float(outcome.best_val_score.std()),
            "val_score_per_seed": outcome.best_val_score.tolist(),
            "best_step_per_seed": outcome.best_step.tolist(),
            "final_loss_per_seed": outcome.final_loss.tolist(),
            "train_seconds": outcome.train_seconds,
        }
        if outcome.test_score is not None:
            result.update(
                test_accuracy=float(outcome.test_score.mean()),
                test_accuracy_std=float(outcome.test_score.std()),
                test_score_per_seed=outcome.test_score.tolist(),
                test_seconds=outcome.test_seconds,
            )
        return result
