"""Adapting the default code LM (SmolLM2-135M) to EvoPrompting's prompts: corpora, adapter and training settings.

python -m evojax_nas.lm.adapt --config=configs/lm_adapt.py --workdir=runs/lm_adapt
python -m evojax_nas.lm.adapt --config=configs/lm_adapt.py:smoke --workdir=/tmp/adapt   # tiny, for tests
... --config.lora.rank=0                 # soft prompt only;  --config.soft_prompt_length=0: LoRA only

Running the same command again resumes from the last checkpoint in the workdir.
"""

import ml_collections

PRESETS = ("default", "smoke")


def _corpus(task_config: str, pool_size: int, measure: str, train_steps: int) -> ml_collections.ConfigDict:
    corpus = ml_collections.ConfigDict()
    corpus.task_config = task_config  # configs/<task>.py:<preset> whose evaluator measures the programs
    corpus.pool_size = pool_size
    corpus.heldout_fraction = 0.15  # programs kept out of every example (operator evaluation's parents)
    corpus.crossover_rate = 0.3
    corpus.measure = measure  # "train" every program, or "params" (train seeds, inherit accuracy)
    corpus.train_steps = train_steps  # child-training budget while measuring (0: the task preset's)
    corpus.num_seeds = 1
    corpus.examples_per_child = 3
    corpus.workdir = ""  # empty: <workdir>/corpus_<name>; or an existing corpus to reuse
    return corpus


def get_config(preset: str | None = None) -> ml_collections.ConfigDict:
    """Returns the adaptation configuration for `preset` (one of PRESETS; None or '' means 'default')."""
    preset = preset or "default"
    if preset not in PRESETS:
        raise ValueError(
            f"unknown preset '{preset}' for configs/lm_adapt.py; choose one of {', '.join(PRESETS)}"
        )
    config = ml_collections.ConfigDict()
    config.preset = preset
    config.seed = 0
    config.base_checkpoint = "smollm2-135m"

    config.corpora = ml_collections.ConfigDict()
    config.corpora.mnist1d = _corpus("configs/mnist1d.py:cpu", 240, "train", 500)
    config.corpora.clrs = _corpus("configs/clrs.py:cpu", 70, "params", 150)
    config.corpora.clrs.examples_per_child = 4
    config.val_fraction = 0.05  # of the children: their examples measure held-out loss during training

    config.lora = ml_collections.ConfigDict()
    config.lora.rank = 16  # 0: no LoRA
    config.lora.targets = ("wqkv", "wo", "w_gate_up", "w_down")
    config.lora.learning_rate = 1e-3
    config.lora.weight_decay = 0.0
    config.lora.schedule_steps = 64  # warmup + cosine decay horizon (independent of `steps`)
    config.soft_prompt_length = 16  # 0: no warm-start soft prompt (the search's prompt-tuning starts fresh)
    config.soft_prompt_learning_rate = 1e-2  # Adam; lm.md: 1e-2 was among the best on SmolLM2

    config.steps = 28  # the shipped adapter; resuming with a larger value continues the same schedule
    config.batch_size = 4
    config.warmup_steps = 10
    config.grad_clip_norm = 1.0
    config.max_length = 1536  # tokens of context + target (longer examples lose the start of the context)
    config.length_bucket = 256  # few distinct shapes: each one compiles the training step
    config.eval_every = 16
    config.checkpoint_every = 4
    config.max_checkpoints = 3
    config.export_path = (
        "package"  # besides <workdir>/adapter.safetensors; "package" = the shipped default adapter
    )

    if preset == "smoke":
        config.corpora.mnist1d = _corpus("configs/mnist1d.py:smoke", 7, "train", 20)
        config.corpora.mnist1d.examples_per_child = 2
        del config["corpora"]["clrs"]
        config.lora.rank = 2
        config.soft_prompt_length = 2
        config.steps = 6
        config.lora.schedule_steps = 8
        config.export_path = ""  # never overwrite the shipped adapter
        config.batch_size = 2
        config.warmup_steps = 1
        config.max_length = 512
        config.eval_every = 3
        config.checkpoint_every = 2
        config.val_fraction = 0.2
    return config
