"""Adapting the default code LM (SmolLM2-135M) to EvoPrompting's prompts: corpora, adapter and training settings.

python -m evojax_nas.tools.adapt --config=configs/lm_adapt.py --workdir=runs/lm_adapt    # adapter v2
python -m evojax_nas.tools.adapt --config=configs/lm_adapt.py:smoke --workdir=/tmp/adapt   # tiny, for tests
python -m evojax_nas.tools.adapt --config=configs/lm_adapt.py:refine --workdir=runs/lm_refine
    # adapter v4: v2 trained further on its own shrinking children from the committed searches
python -m evojax_nas.tools.adapt --config=configs/lm_adapt.py:prompt --workdir=runs/lm_prompt
    # adapter v8, the shipped one: v4's factors, frozen, and a 16-token warm-start soft prompt trained on them
launch/build_default_adapter.sh --workdir=runs/default_adapter   # all three stages, resumable; ships the result
... --config.lora.layers_from=0 --config.cache_activations=False --config.soft_prompt_length=16 \
    --config.sort_window=0 --config.target_bucket=0   # the first adapter's step: every layer, a soft prompt

Running the same command again resumes from the last checkpoint in the workdir (any directory).
"""

import ml_collections

from evojax_nas.config_defaults import lm_config, preset_config

PRESETS = ("default", "smoke", "refine", "prompt")


def _corpus(task_config: str, pool_size: int, measure: str, train_steps: int) -> ml_collections.ConfigDict:
    """One corpus built by `evojax_nas.corpus` (its CLI flags of the same names)."""
    corpus = ml_collections.ConfigDict()
    corpus.task_config = task_config  # configs/<task>.py:<preset> whose evaluator measures the programs
    corpus.seed = 0  # the growth, split and training seed (the corpus CLI's --seed)
    corpus.pool_size = pool_size
    corpus.heldout_fraction = 0.1  # programs kept out of every example (operator evaluation's parents)
    corpus.crossover_rate = 0.3
    corpus.measure = measure  # "train" every program, or "params" (train seeds, inherit accuracy)
    corpus.train_steps = train_steps  # child-training budget while measuring (0: the task preset's)
    corpus.num_seeds = 1
    corpus.examples_per_child = 4
    corpus.max_edits = 4  # a mutant is a chain of 1..max_edits edits
    corpus.size_bins = ml_collections.ConfigDict()
    corpus.size_bins.min_params = 100
    corpus.size_bins.max_params = 100_000
    corpus.size_bins.count = 6  # log-spaced bins growth fills evenly; 0: no size steering
    corpus.min_smaller_fraction = 0.4  # least share of examples whose child is smaller than both parents
    corpus.workdir = ""  # empty: <workdir>/corpus_<name>; a relative path is from the repository root
    return corpus


def get_config(preset: str | None = None) -> ml_collections.ConfigDict:
    """Returns the adaptation configuration for `preset` (one of PRESETS; None or '' means 'default')."""
    config = preset_config(preset, PRESETS, "configs/lm_adapt.py")
    preset = config.preset
    config.base_checkpoint = "smollm2-135m"

    config.corpora = ml_collections.ConfigDict()
    # The size-spanning MNIST-1D corpus committed under docs/results (grown with seed 7; resumable there).
    config.corpora.mnist1d = _corpus("configs/mnist1d.py:cpu", 640, "train", 500)
    config.corpora.mnist1d.seed = 7
    config.corpora.mnist1d.workdir = "docs/results/corpus_mnist1d_v2"
    # CLRS: the first corpus's recipe (1-2 edits, no size steering: the triplet function is a small part of the
    # model's size), accuracy inherited from the parents (training a CLRS candidate takes minutes).
    config.corpora.clrs = _corpus("configs/clrs.py:cpu", 70, "params", 150)
    config.corpora.clrs.heldout_fraction = 0.15
    config.corpora.clrs.max_edits = 2
    config.corpora.clrs.workdir = "docs/results/corpus_clrs_v2"  # committed (resumable there)
    config.corpora.clrs.size_bins.count = 0
    config.corpora.clrs.min_smaller_fraction = 0.0
    config.val_fraction = 0.05  # of the children: their examples measure held-out loss during training
    # True: every example's target docstring also gives the target against its parents (the search's
    # `search.relative_target` format; recorded in the adapter, and the search warns on a mismatch).
    config.relative_target = False

    config.lora = ml_collections.ConfigDict()
    config.lora.rank = 16  # 0: no LoRA
    config.lora.targets = ("wqkv", "wo", "w_gate_up", "w_down")
    config.lora.layers_from = 20  # factors on layers 20..29 only (0: every layer, the first adapter's recipe)
    config.lora.learning_rate = 1e-3
    config.lora.weight_decay = 0.0
    config.lora.schedule_steps = 0  # warmup + cosine decay horizon; 0: the steps of `epochs` epochs
    # 0: no warm-start soft prompt (the search's prompt-tuning starts fresh from vocabulary rows). It sits at the
    # input, below cached activations, so it cannot be trained with cache_activations (the first adapter's
    # ablation: the trained prompt added nothing on top of the LoRA factors, docs/lm_adapter.md).
    config.soft_prompt_length = 0
    # An adapter file whose factors (same rank, targets and layers) training starts from: "" fresh factors,
    # "package" the shipped default adapter, or a path (relative: from the repository root).
    config.init_adapter = ""
    config.soft_prompt_learning_rate = 1e-2  # Adam; lm.md: 1e-2 was among the best on SmolLM2

    # Fast step: the frozen layers below lora.layers_from run once per example (cached under
    # <workdir>/activations in cache_dtype); each step runs only the upper layers. False: every step runs all
    # layers (the first adapter's step; needed for a soft prompt).
    config.cache_activations = True
    config.cache_dtype = "float32"  # or "bfloat16" (half the disk, rounded activations)
    config.remat = True  # rematerialise the trained layers in the backward pass (only matmul outputs kept)
    config.sort_window = 8  # batches of similar length within windows of this many batches (0: random)
    # Fast step: the vocabulary projection covers the batch's target tokens packed into one list padded to a
    # multiple of this (0: every row padded to the longest target, as the plain step does). Each distinct size
    # compiles the step again, so it is as coarse as length_bucket.
    config.target_bucket = 256

    # > 0: the objective adds this weight x the copy unlikelihood: where a child departs from a parent shown in
    # its prompt, the parent's next token is pushed down (evojax_nas.lm.adapter_training; 0: target NLL only).
    config.unlikelihood_weight = 0.0

    config.epochs = 2  # passes over the training examples (sets `steps` and the schedule when they are 0)
    config.steps = 0  # 0: ceil(epochs x training examples / batch_size); a larger value on resume continues
    config.batch_size = 4
    config.warmup_steps = 10
    config.grad_clip_norm = 1.0
    config.max_length = 1536  # tokens of context + target (longer examples lose the start of the context)
    config.length_bucket = 256  # few distinct shapes: each one compiles the training step
    config.eval_every = 50
    config.checkpoint_every = 10
    config.max_checkpoints = 3
    # Besides <workdir>/adapter.safetensors; "package" = the shipped default adapter. This preset trains adapter
    # v2, the first stage of the shipped one (launch/build_default_adapter.sh runs both stages and ships it).
    config.export_path = ""

    if preset == "smoke":
        config.corpora.mnist1d = _corpus("configs/mnist1d.py:smoke", 7, "train", 20)
        config.corpora.mnist1d.examples_per_child = 2
        config.corpora.mnist1d.heldout_fraction = 0.15
        config.corpora.mnist1d.max_edits = 2
        config.corpora.mnist1d.size_bins.count = 0
        config.corpora.mnist1d.min_smaller_fraction = 0.0
        del config["corpora"]["clrs"]
        config.lora.rank = 2
        config.lora.layers_from = 0
        config.soft_prompt_length = 2
        config.cache_activations = False
        config.sort_window = 0
        config.target_bucket = 0
        config.steps = 6
        config.lora.schedule_steps = 8
        config.export_path = ""  # never overwrite the shipped adapter
        config.batch_size = 2
        config.warmup_steps = 1
        config.max_length = 512
        config.eval_every = 3
        config.checkpoint_every = 2
        config.val_fraction = 0.2
    if preset in ("refine", "prompt"):
        # Expert iteration: adapter v2, trained on the children it wrote in the committed searches that
        # were smaller than every parent of their prompt (what each prompt asks for; evojax_nas.harvest).
        harvested = ml_collections.ConfigDict()
        harvested.runs = (
            "docs/results/mnist1d_cpu_study_v2/*_seed*",
            "docs/results/mnist1d_cpu_study_v3/evoprompting_seed*",
            "docs/results/mnist1d_cpu_study_v3/evoprompting+parent_*_seed*",
        )
        harvested.smaller_only = True
        # Children at least this many changed lines away from each parent (evojax_nas.harvest.changed_lines); 0
        # keeps all (adapter v4). A different value needs its own workdir (a harvest is built once).
        harvested.min_changed_lines = 0
        harvested.workdir = "docs/results/harvest_mnist1d_v1"
        config.corpora = ml_collections.ConfigDict({"search_children": harvested})
        # Adapter v2 (this file's default preset; committed, identical to what that preset writes here).
        config.init_adapter = "docs/results/lm_adapt_v2/adapter.safetensors"
        config.lora.learning_rate = 5e-4
        config.export_path = ""  # --config.export_path=package ships it
    if preset == "prompt":
        # Adapter v8: v4's factors frozen (a zero learning rate leaves them exactly as they are) and a soft prompt
        # of the searches' length (lm.soft_prompt_length, 16 in the cpu and paper presets) trained in front of them
        # on the same harvested children, so that the prompt every search samples with from its first round is
        # one the adapter reads (docs/lm_adapter.md, "Adapter v8"). It sits at the input: no activation cache.
        config.init_adapter = "docs/results/lm_adapt_v4_refine/adapter.safetensors"
        config.lora.learning_rate = 0.0
        config.soft_prompt_length = lm_config("cpu").soft_prompt_length  # the length the searches start from
        config.cache_activations = False
        config.sort_window = 0
        config.target_bucket = 0
        config.steps = 60  # 0.45 epochs: the held-out loss stopped falling by step 40 (0.0603 -> 0.0580)
        config.eval_every = 20
        config.checkpoint_every = 5
    return config
