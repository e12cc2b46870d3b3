"""MNIST-1D configuration. Presets: `paper` (default), `cpu`, `smoke`.

python -m evojax_nas.evaluate --config=configs/mnist1d.py:cpu --program=seeds/mnist1d/cnn.py
... --config.train.steps=2000 --config.train.num_seeds=8     # any field can be overridden
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
    config = preset_config(preset, PRESETS, "configs/mnist1d.py")
    preset = config.preset

    config.task = ml_collections.ConfigDict()
    config.task.name = "mnist1d"
    config.task.num_val = 500  # held out of the 4000 training examples; 3500 remain for training
    config.task.split_seed = 0
    config.task.seeds_dir = ""  # empty: the repository's seeds/mnist1d

    # Child training (paper: AdamW, lr 0.01, batch 128, 8000 steps; validation every 250 steps; 4 seeds).
    config.train = ml_collections.ConfigDict()
    config.train.optimizer = "adamw"
    config.train.learning_rate = 0.01
    config.train.weight_decay = 0.05  # paper silent; chosen on validation accuracy (README)
    config.train.b1 = 0.9
    config.train.b2 = 0.999
    config.train.grad_clip_norm = 0.0  # 0 disables clipping
    config.train.batch_size = 128
    config.train.steps = 8000
    config.train.eval_every = 250
    config.train.num_seeds = 4
    config.train.eval_batch_size = 500
    config.train.steps_per_call = 1  # >1 runs that many steps per jitted call (lax.fori_loop)
    # How seeds share one compiled step: "vmap", "unroll" (one traced copy per seed), "loop" (one seed's step,
    # compiled once and called for each seed in turn), or "auto" (loop on CPU, where it measured fastest, vmap on
    # accelerators).
    config.train.seed_batching = "auto"
    # Wall-clock limit of one candidate's training, checked between jitted calls (0: none); a candidate over it
    # fails and the search goes on. One call is bounded by the budget below (FLOPs include loop trip counts).
    config.train.max_seconds = 3600.0
    # A candidate whose training, at the pace measured so far, would take more than this many times max_seconds
    # fails early (judged after a quarter of the limit) instead of spending the whole limit first (0: off).
    config.train.time_projection_margin = 1.5
    # Speed (bench/search_throughput.py). overlap: while a candidate trains, the next one is built and compiled
    # on a second thread of its device; parallel_compile: a candidate's step, evaluation and initialisation
    # compile at once. Both leave every result unchanged.
    config.train.overlap = True
    config.train.parallel_compile = True
    # XLA:CPU backend (LLVM) optimisation level of a candidate's compiled functions, 0-3 (3: XLA's default).
    # Level 1 halved the compile time of the four MNIST-1D seeds at the cpu preset with identical training
    # (bench/eval_throughput.py --breakdown seeds/mnist1d/*.py --cpu_optimization_levels 3 2 1 0), but it is not
    # exact in general: in bench/search_throughput.py 2 of 12 archive entries moved by 0.004 validation accuracy
    # (one example of 500). Level 0 changed more and trained slower. No effect on accelerators.
    config.train.cpu_optimization_level = 1
    # Early stop (0: off): at the first validation at or after this fraction of train.steps, a candidate whose
    # validation accuracy so far would fail the alpha filter (not above 1 - search.alpha) stops training; it is
    # then filtered as it would be at the end unless it would have improved past the threshold later.
    config.train.early_stop = 0.0

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
        config.train.steps = 2000
        config.train.num_seeds = 2
        config.train.max_seconds = (
            180.0  # a 2,000-step CNN trains in about 15 s here, the 91k-param one in 50 s
        )
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
    if preset == "cpu":
        # The operator the default adapter (v4) was measured with (docs/lm_adapter.md, "The default operator"):
        # samples steered off verbatim copies of their parents, the archive and (in a redraw) the round's kept
        # samples; without steering and without distinct-structure parents, v4 collapsed onto one program family
        # (docs/results/mnist1d_cpu_v4_p2_avoid_distinct). The paper preset keeps the paper's operator.
        config.lm.copy_penalty = 2.0
        config.lm.avoid_archive = True
        config.search.parent_choice = "distinct"
    config.log = log_config()
    config.distributed = distributed_config(preset)  # processes and devices; like log, a resume may change it
    return config
