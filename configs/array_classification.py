"""array_classification configuration: users' own data. Presets: `paper` (default), `cpu`, `smoke`.

python -m evojax_nas.evaluate --config=configs/array_classification.py:cpu --program=seeds/array_classification/cnn.py
... --config.task.data_path=my_data.npz      # x_train, y_train, x_test, y_test; default: scikit-learn's digits
"""

import ml_collections

from evojax_nas.config_defaults import (
    distributed_config,
    lm_config,
    log_config,
    preset_config,
    sandbox_config,
    search_config,
)

PRESETS = ("paper", "cpu", "smoke")


def get_config(preset: str | None = None) -> ml_collections.ConfigDict:
    """Returns the configuration for `preset` (one of PRESETS; None or '' means 'paper')."""
    config = preset_config(preset, PRESETS, "configs/array_classification.py")
    preset = config.preset

    config.task = ml_collections.ConfigDict()
    config.task.name = "array_classification"
    # An .npz holding x_train [examples, *features], y_train [examples] (integer labels from 0), x_test, y_test.
    # Empty: scikit-learn's bundled digits (8x8 images, 10 classes), converted once into the cache.
    config.task.data_path = ""
    config.task.val_fraction = 0.1  # of the training examples, held out for validation (the fitness)
    config.task.split_seed = 0
    config.task.standardize = True  # scale each feature by the training split's mean and standard deviation
    config.task.seeds_dir = ""  # empty: the repository's seeds/array_classification

    # Child training (as configs/mnist1d.py: AdamW, lr 0.01, batch 128; digits needs fewer steps).
    config.train = ml_collections.ConfigDict()
    config.train.optimizer = "adamw"
    config.train.learning_rate = 0.01
    config.train.weight_decay = 0.05
    config.train.b1 = 0.9
    config.train.b2 = 0.999
    config.train.grad_clip_norm = 0.0  # 0 disables clipping
    config.train.batch_size = 128
    config.train.steps = 4000
    config.train.eval_every = 200
    config.train.num_seeds = 4
    config.train.eval_batch_size = 500
    config.train.steps_per_call = 1  # >1 runs that many steps per jitted call (lax.fori_loop)
    config.train.seed_batching = "auto"  # vmap, unroll, loop, or auto (loop on CPU, vmap on accelerators)
    # Wall-clock limit of one candidate's training, checked between jitted calls (0: none).
    config.train.max_seconds = 3600.0
    # A candidate whose training, at the pace measured so far, would take more than this many times max_seconds
    # fails early (judged after a quarter of the limit) instead of spending the whole limit first (0: off).
    config.train.time_projection_margin = 1.5
    config.train.overlap = True  # build and compile the next candidate while one trains
    config.train.parallel_compile = True
    # XLA:CPU backend (LLVM) optimisation level of a candidate's compiled functions, 0-3 (3: XLA's default).
    # Level 1 halved the compile time of the four MNIST-1D seeds at the cpu preset with identical training
    # (bench/eval_throughput.py --breakdown seeds/mnist1d/*.py --cpu_optimization_levels 3 2 1 0), but it is not
    # exact in general: in bench/search_throughput.py 2 of 12 archive entries moved by 0.004 validation accuracy
    # (one example of 500). Level 0 changed more and trained slower. No effect on accelerators.
    config.train.cpu_optimization_level = 1
    config.train.early_stop = (
        0.0  # fraction of train.steps after which a candidate failing alpha stops (0: off)
    )

    # Candidates over these limits are refused before training (0 disables a limit).
    config.budget = ml_collections.ConfigDict()
    config.budget.max_params = 2_000_000
    config.budget.max_flops = 1e9  # forward FLOPs per example
    config.budget.max_memory_bytes = 4 * 1024**3  # training step, all seeds
    config.budget.max_loop_iterations = (
        100_000  # nested static trip counts of any loop; data-dependent: refused
    )

    # The sandbox that builds untrusted programs.
    config.sandbox = sandbox_config()

    if preset == "cpu":
        config.train.steps = 1000
        config.train.eval_every = 100
        config.train.num_seeds = 2
        config.train.max_seconds = 180.0
    elif preset == "smoke":
        config.train.steps = 40
        config.train.eval_every = 20
        config.train.num_seeds = 2
        config.train.batch_size = 32
        config.train.max_seconds = 60.0
        config.sandbox.wall_seconds = 60.0
    # The search (evoprompting.md), the code LM, and logging (the only section a resume may change).
    config.search = search_config(preset)
    config.lm = lm_config(preset)
    config.log = log_config()
    config.distributed = distributed_config(preset)  # processes and devices; like log, a resume may change it
    return config
