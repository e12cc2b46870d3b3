"""Config sections shared by every task's config file (`configs/*.py`)."""

from __future__ import annotations

import ml_collections


def preset_config(
    preset: str | None, presets: tuple[str, ...], config_file: str
) -> ml_collections.ConfigDict:
    """A new config for `preset` of `config_file` (None or '' means the first of `presets`), holding `preset` and
    the run's root seed; raises `ValueError` naming the choices for an unknown preset."""
    preset = preset or presets[0]
    if preset not in presets:
        raise ValueError(f"unknown preset '{preset}' for {config_file}; choose one of {', '.join(presets)}")
    config = ml_collections.ConfigDict()
    config.preset = preset
    config.seed = 0  # the one root PRNG key of a run
    return config


def sandbox_config(**overrides) -> ml_collections.ConfigDict:
    """Limits of the sandbox that builds untrusted programs; keyword arguments override the defaults."""
    sandbox = ml_collections.ConfigDict()
    sandbox.wall_seconds = 120.0  # per program build, enforced by the worker (kills the build)
    sandbox.cpu_seconds = 240
    sandbox.address_space_bytes = 16 * 1024**3
    sandbox.file_size_bytes = 64 * 1024**2
    sandbox.scratch_bytes = 64 * 1024**2  # private tmpfs on /tmp, /var/tmp, /dev/shm
    sandbox.max_result_bytes = 256 * 1024**2
    sandbox.max_source_chars = 20_000
    # What of the host a candidate's build process sees: "minimal" (the Python installation, site-packages and
    # the package, read-only, plus a private scratch) or "host_read_only" (every mount read-only, homes masked).
    sandbox.filesystem = "minimal"
    for name, value in overrides.items():
        if name not in sandbox:
            raise KeyError(f"unknown sandbox setting '{name}'")
        sandbox[name] = value
    return sandbox


def search_config(preset: str) -> ml_collections.ConfigDict:
    """The search section (evoprompting.md, Table 2 for `paper`); the same for every task."""
    search = ml_collections.ConfigDict()
    # evoprompting | no_prompt_tuning | random_parents | naive_prompting | mutation (regularised evolution) |
    # hybrid (a bandit over the LM and program mutation per prompt slot)
    search.method = "evoprompting"
    search.num_parents = 10  # p: parents kept per round
    search.num_in_context = 2  # k: parents per prompt
    search.rounds = 10  # T
    search.prompts_per_round = 10  # m
    search.samples_per_prompt = 16  # n
    search.alpha = 0.5  # a child with validation error >= alpha is discarded
    search.temperatures = (0.2, 0.6, 0.8, 1.0)  # each sample's temperature is drawn from these
    # Our decisions where the paper is silent (evoprompting.md):
    search.retire_parents = True  # selected parents leave G
    search.seeds_in_pool = False  # seeds are the first parents but not members of G
    # Options for a small LM (issue 12), the paper's behaviour by default: a prompt's parents "sampled" (in drawn
    # order) or "worst_to_best" (fittest last, next to the LM's output); the next parents GET_TOP ("top"),
    # "pareto" (G's size/error Pareto front first, then the fittest) or "distinct" (the fittest of each program
    # structure, numbers masked, first: not p parents of one family that differ only in a size).
    search.parent_order = "sampled"
    search.parent_choice = "top"
    # True: the target docstring also gives the target's size as a multiple of the smallest parent's and its score
    # against the best parent's (`prompting.relative_entries`); False: absolute targets only (paper). Soft
    # prompt-tuning examples use the same format; an adapter should be trained on it (`tools.adapt`).
    search.relative_target = False
    # The mutation baseline (regularised evolution): aging population and tournament size.
    search.population_size = 20
    search.tournament_size = 5
    search.crossover_rate = 0.3
    # Novelty rejection before training (docs/evoprompting.md, "Budget and duplicates"): a draw that copies a
    # parent of its prompt, an archive member or an earlier sample of its round, or that fails the static policy,
    # is not evaluated; its prompt is sampled again (fresh key) up to this many times, and the last draw is
    # recorded. 0 = the paper's accounting: every draw is a sample, duplicates included.
    search.max_resamples = 0
    # The temperatures a resample wave draws at (empty: `temperatures`, as first draws). A draw rejected as a copy
    # was most often sampled cold, and a cold redraw of the same prompt tends to copy again.
    search.resample_temperatures = ()
    # The hybrid method (evojax_nas/bandit.py): each slot goes to an arm drawn by discounted Thompson sampling on
    # rewards valid_reward + (1 - valid_reward) g / (g + half_gain) for a scored child (0 otherwise), g its relative
    # fitness gain over its better parent; the arms' evidence is multiplied by `decay` every round; `min_share` of
    # a round's slots cycle through the arms.
    search.hybrid = ml_collections.ConfigDict()
    search.hybrid.arms = ("lm", "program_mutation", "program_crossover")
    search.hybrid.decay = 0.8
    search.hybrid.min_share = 0.25
    search.hybrid.half_gain = 0.02  # a child 2% fitter than its better parent earns reward 0.5
    search.hybrid.valid_reward = 0.1  # a valid child that is no fitter: above a failed or duplicate one's 0
    search.hybrid.samples_per_slot = 0  # samples per bandit decision; 0: a prompt's n (a slot is a prompt)
    if preset == "cpu":
        search.num_parents = 4
        search.rounds = 4
        search.prompts_per_round = 4
        search.samples_per_prompt = 8
        search.population_size = 8
        search.tournament_size = 3
        search.max_resamples = (
            3  # a small LM copies its parents: rejected draws cost sampling, never training
        )
        search.resample_temperatures = (0.8, 1.0)
        search.hybrid.samples_per_slot = 4  # 8 bandit decisions of 4 samples a round, not 4 of 8
    elif preset == "smoke":
        search.num_parents = 2
        search.rounds = 2
        search.prompts_per_round = 2
        search.samples_per_prompt = 2
        search.population_size = 4
        search.tournament_size = 2
        search.max_resamples = 1  # the rejection path runs in the smoke tests
    return search


def lm_config(preset: str) -> ml_collections.ConfigDict:
    """The code LM section: checkpoint, sampling and soft prompt-tuning settings."""
    lm = ml_collections.ConfigDict()
    lm.checkpoint = "default"  # a name (default, smollm2-135m), a Hugging Face folder or a .gguf file
    # A LoRA adapter file (written by tools.adapt) merged into the checkpoint's weights; "" none. The `default`
    # checkpoint already includes the shipped adapter: another one goes with checkpoint=smollm2-135m.
    lm.adapter = ""
    lm.dtype = "float32"
    lm.max_new_tokens = 384
    lm.top_p = 0.95
    # Speculative decoding: up to this many draft tokens per pass, looked up in the prompt (the parents' code)
    # and verified in one forward pass; samples keep exactly the model's distribution. 0 turns it off.
    lm.draft_tokens = 4
    # Sampler calls of more rows decode plainly (0: no limit). A pass verifies K + 1 positions of every row and
    # the loop runs until the slowest row is done; on 2 cores at 32 rows x 384 tokens that made speculation
    # 0.51x plain decoding, against 1.42x at 16 rows x 256 tokens and 1.9x at 1 row (docs/lm.md).
    lm.draft_max_rows = 16
    # Nats subtracted from the logit (before the temperature) of the token that would go on copying a prompt's
    # parent verbatim, while a sample still reproduces it, where the LM gives that token a probability below
    # copy_penalty_below (a point where it considers an edit). > 0 decodes plainly (no speculation). 0: off (paper).
    lm.copy_penalty = 0.0
    lm.copy_penalty_below = 0.9
    # With copy_penalty > 0: also steer samples off verbatim copies of every program of the archive, and a resample
    # wave's draws off the round's samples kept so far (the search rejects such copies before training anyway).
    # False: parents only.
    lm.avoid_archive = False
    # Which draws copy avoidance steers: "all", or "redraws" (only the resample waves that redraw a rejected sample;
    # first draws sample plainly, with speculative decoding where it applies).
    lm.copy_penalty_scope = "all"
    lm.prompts_per_call = 4  # prompts sampled together (rows = prompts x samples per prompt)
    lm.soft_prompt_length = 16
    lm.tuning_epochs = 5
    lm.tuning_batch_size = 16
    # The paper's 0.1 suits PaLM's embedding norm; Adam 1e-2 suits small Llama-family models (docs/lm.md).
    lm.tuning_learning_rate = 1e-2
    lm.tuning_optimizer = "adam"
    lm.tuning_max_length = 1024  # tokens per tuning example; longer ones lose the start of their context
    # Children tuned on per round: 0 = every scored non-selected child (paper); else a random subset of that size.
    lm.max_tuning_examples = 0
    # Which children: "not_selected" (the paper: the round's scored children not kept as parents) or "improved"
    # (the round's scored children fitter than their fittest parent, kept or not).
    lm.tuning_children = "not_selected"
    # > 0: a trust region for the tuned soft prompt: after every tuning step it is projected back within this
    # distance of the prompt the run started from, relative to that prompt's norm. 0: unbounded (the paper).
    # The paper's step (Adam 1e-2, cpu preset) moves the prompt 0.21-0.22 in a run; 0.05 was measured in
    # docs/results/mnist1d_cpu_study_v4 (median best fitness -27.8 against -40.7 unbounded, -27.7 untuned).
    lm.tuning_max_drift = 0.0
    # What PROMPT_TUNE trains: "soft_prompt" (the paper) or "lora": the soft prompt and low-rank factors on the
    # top `tune_lora_layers` layers together, in the same backward pass (the LM samples with the factors merged).
    # "lora" also replays the `tune_replay` fittest children of the run's Pareto front each round (their own
    # prompts with their achieved metrics), within `max_tuning_examples`.
    lm.tune = "soft_prompt"
    lm.tune_lora_rank = 4
    lm.tune_lora_layers = 6
    lm.tune_lora_learning_rate = 1e-3  # Adam (the default adapter was trained at 1e-3)
    lm.tune_replay = 4
    if preset == "cpu":
        # Measured on the 2-core machine (SmolLM2-135M): 32 samples of 320 tokens ~2 min; one tuning step of
        # 8 examples of ~500 tokens ~1 min; so one epoch of at most 16 examples per round. A sampler call lasts
        # as long as its longest row, and most calls have a row that never stops; the valid children of the
        # study's LM runs were 173 tokens long at the median and 269 at the 99th percentile (header included),
        # 1.3% over 256 (docs/results/mnist1d_cpu_study_v2): 256 cuts every call by a fifth.
        lm.max_new_tokens = 256
        lm.tuning_epochs = 1
        lm.tuning_batch_size = 8
        lm.tuning_max_length = 768
        lm.max_tuning_examples = 16
    elif preset == "smoke":
        lm.max_new_tokens = 48
        lm.prompts_per_call = 2
        lm.soft_prompt_length = 4
        lm.tuning_epochs = 1
        lm.tuning_batch_size = 4
        lm.tuning_max_length = 512
    return lm


def log_config() -> ml_collections.ConfigDict:
    """Logging settings: the only section a resumed run may change."""
    log = ml_collections.ConfigDict()
    log.progress = True  # tqdm progress bars on stderr
    log.tensorboard = True  # scalars in workdir/tensorboard
    log.estimate = True  # after the first trained candidate, one line estimating the run's evaluation time
    log.long_run_warning_hours = 4.0  # on a CPU, warn (naming the cpu preset) when that estimate exceeds this
    return log


def distributed_config(preset: str = "paper") -> ml_collections.ConfigDict:
    """Processes and devices (README "Scaling up"); a resumed run may change them: results do not depend on them."""
    distributed = ml_collections.ConfigDict()
    # True: connect this process to the others with jax.distributed.initialize (one process per host).
    distributed.enabled = False
    distributed.coordinator_address = ""  # host:port of process 0; empty: detected (TPU VM slice, SLURM, ...)
    distributed.num_processes = 0  # 0: detected
    distributed.process_id = -1  # -1: detected
    distributed.initialization_timeout = 300  # seconds to wait for every process to connect
    distributed.heartbeat_timeout = 100  # seconds without news after which a process counts as dead
    distributed.evaluation_workers = 0  # candidates evaluated at once per host; 0: one per local device
    # On a CPU host, split the cores into this many JAX devices (set before JAX starts; 0: JAX's default, one).
    # Candidates then train concurrently, one per device, with the same results; the LM stays on the first
    # device (its rows split over devices that share the same cores would only add synchronisation).
    distributed.cpu_devices = 0
    if preset == "cpu":
        # Two candidates at once on the 2-core machine: a recurrent child's sequential steps, and every child's
        # single-threaded sandbox build, leave a core idle (docs/results/mnist1d_cpu_wall_time).
        distributed.cpu_devices = 2
    return distributed
