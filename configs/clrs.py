"""CLRS-30 configuration (EvoPrompting's triplet-function search). Presets: `paper` (default), `cpu`, `smoke`.

python -m evojax_nas.evaluate --config=configs/clrs.py --program=seeds/clrs/standard.py --dry_run
python -m evojax_nas.evaluate --config=configs/clrs.py:cpu --program=seeds/clrs/standard.py \
    --config.task.algorithm=bfs                    # any field can be overridden
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
    config = preset_config(preset, PRESETS, "configs/clrs.py")
    preset = config.preset

    config.task = ml_collections.ConfigDict()
    config.task.name = "clrs"
    config.task.algorithm = "bfs"  # the algorithm `evaluate` trains and scores on
    # The algorithms a search scores each candidate on (EvoPrompting's search tasks): the fitness uses the mean
    # best validation score and the mean parameter count over them; empty: `algorithm` alone.
    config.task.search_algorithms = ("articulation_points", "graham_scan", "mst_kruskal")
    config.task.seeds_dir = ""  # empty: the repository's seeds/clrs
    # Data, following dm-clrs examples/run.py (Ibarz et al. 2022). Pools are sampled once, before training.
    config.task.train_lengths = (4, 7, 11, 13, 16)  # cycled one per step; string matchers use 5/4 of the max
    config.task.train_pool_size = 1000  # samples per training length (the reference samples on the fly)
    config.task.val_length = 16
    config.task.val_num_samples = 0  # 0: CLRS-30's 32 x num_samples_multiplier x val_multiplier
    config.task.val_multiplier = 1  # the reference script uses 2
    config.task.test_length = 64  # OOD test (0 disables it); CLRS-30's test split: n=64, seed 3
    config.task.test_num_samples = 0  # 0: CLRS-30's 32 x num_samples_multiplier
    config.task.test_seed = 3
    config.task.data_seed = 42  # draws the training and validation samplers' seeds, as the reference does
    config.task.edge_probabilities = tuple(
        round(0.1 + 0.1 * i, 1) for i in range(9)
    )  # halved for sparse algos
    config.task.length_needle = -8  # string matchers: needle length uniform in 1..8 (train/validation)
    config.task.random_pos = True
    config.task.enforce_pred_as_input = True
    config.task.enforce_permutations = True
    config.task.score_test = False  # test at n=64 with the best-validation parameters (slow on CPU)

    # The model around the candidate: dm-clrs encoders/decoders, our Triplet-GMPNN processor.
    config.model = ml_collections.ConfigDict()
    config.model.hidden_size = 128
    config.model.nb_triplet_fts = 8
    config.model.use_ln = True
    config.model.encode_hints = True  # hint_mode encoded_decoded
    config.model.decode_hints = True
    config.model.encoder_init = "xavier_on_scalars"
    config.model.hint_repred_mode = "soft"
    config.model.nb_msg_passing_steps = 1

    # Child training (EvoPrompting: AdamW, 2000 steps; otherwise Ibarz et al.: lr 1e-3, batch 32, clip 1.0).
    config.train = ml_collections.ConfigDict()
    config.train.optimizer = "adamw"  # "adam" is dm-clrs BaselineModel's optimiser
    config.train.learning_rate = 1e-3
    config.train.weight_decay = 1e-4  # the paper gives none; optax's default
    config.train.b1 = 0.9
    config.train.b2 = 0.999
    config.train.grad_clip_norm = 1.0
    config.train.batch_size = 32
    config.train.steps = 2000
    config.train.eval_every = 50
    config.train.num_seeds = 2
    config.train.eval_batch_size = 32
    # How seeds share one compiled step: "vmap", "unroll", or "auto" (vmap; see bench/clrs_step.py).
    config.train.seed_batching = "auto"
    # Wall-clock limit of one candidate's training per algorithm, checked between jitted calls (0: none); a
    # candidate over it fails and the search goes on (docs/security.md).
    config.train.max_seconds = {"cpu": 600.0, "smoke": 120.0}.get(preset, 4 * 3600.0)
    # A candidate whose training, at the pace measured so far, would take more than this many times max_seconds
    # fails early (judged after a quarter of the limit) instead of spending the whole limit first (0: off).
    config.train.time_projection_margin = 1.5
    # True: a candidate's modules (one training step per length, the predictors, init) compile side by side on
    # threads; the results are the same either way. Off until measured faster: on the 2-core CPU shared with two
    # other jobs, the cpu preset's standard seed on graham_scan compiled in 140 s with it against 110 s without.
    config.train.parallel_compile = False
    # XLA:CPU backend (LLVM) optimisation level of a candidate's compiled functions, 0-3 (3: XLA's default).
    # Level 1 did not pay here: the standard seed at the cpu preset compiled in 48.3 s instead of 57.8 but trained
    # in 109.8 s instead of 96.7, and its validation score changed (0.848 vs 0.850).
    config.train.cpu_optimization_level = 3

    config.budget = ml_collections.ConfigDict()
    config.budget.max_params = 2_000_000
    config.budget.max_memory_bytes = 16 * 1024**3  # training step, all seeds
    config.budget.max_loop_iterations = (
        1_000_000  # nested static trip counts of any loop; data-dependent: refused
    )

    config.sandbox = sandbox_config(
        wall_seconds=300.0, cpu_seconds=600, address_space_bytes=32 * 1024**3, max_result_bytes=512 * 1024**2
    )

    if preset == "cpu":
        # A real but small search on a 2-core CPU: small model, short graphs, a few hundred steps. Scored on
        # mst_prim, where the nine seeds span 0.729-0.884 on validation (bfs: 0.995-1.000, graham_scan 0.858-0.884
        # within its seed noise), with 4 training seeds and 128 validation graphs of n=16 (docs/clrs.md).
        config.model.hidden_size = 32
        config.task.algorithm = "mst_prim"
        config.task.train_lengths = (4, 7, 10)
        config.task.train_pool_size = 512
        config.task.val_length = 16
        config.task.val_num_samples = 128
        config.task.test_length = 32
        config.train.steps = 300
        config.train.eval_every = 50
        config.train.num_seeds = 4
        config.sandbox.wall_seconds = 180.0
        config.task.search_algorithms = ("mst_prim",)
    elif preset == "smoke":
        config.model.hidden_size = 16
        config.model.nb_triplet_fts = 4
        config.task.train_lengths = (4, 6)
        config.task.train_pool_size = 64
        config.task.val_length = 6
        config.task.val_num_samples = 32
        config.task.test_length = 8
        config.task.test_num_samples = 32
        config.train.batch_size = 8
        config.train.steps = 20
        config.train.eval_every = 10
        config.train.num_seeds = 2
        config.train.eval_batch_size = 16
        config.sandbox.wall_seconds = 120.0
        config.task.search_algorithms = ()
    # The search (evoprompting.md), the code LM, and logging (the only section a resume may change).
    config.search = search_config(preset)
    config.lm = lm_config(preset)
    if preset != "smoke":
        config.lm.max_new_tokens = 512  # a triplet function with two parents in context runs longer than 384
    if preset == "cpu":
        # A CLRS child costs 60-85 s here on mst_prim (4 seeds; bilinear, twice the size, 160 s): 9 seeds plus 3
        # rounds of 4 prompts x 3 samples keep the search near an hour on the 2-core CPU (docs/clrs.md).
        config.search.rounds = 3
        config.search.samples_per_prompt = 3
    config.log = log_config()
    config.distributed = distributed_config(preset)  # processes and devices; like log, a resume may change it
    return config
