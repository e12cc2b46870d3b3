"""Domain adaptation of the code LM to EvoPrompting prompts: LoRA factors and a warm-start soft prompt, trained
on corpora of (two parents with metrics, target metrics) -> child program examples.

    python -m evojax_nas.lm.adapt --config=configs/lm_adapt.py --workdir=runs/lm_adapt

1. Each corpus of `config.corpora` is built with `evojax_nas.corpus` unless its directory already has one.
2. The base LM is loaded; the adapter (LoRA factors of `config.lora.rank`, soft prompt of
   `config.soft_prompt_length` tokens) is trained with the loss on the child's code tokens only.
3. An Orbax checkpoint (factors, soft prompt, optimiser state, step) is written every `checkpoint_every` steps;
   running the command again resumes from the latest one (a later session can finish a long run).
4. The result is written as an adapter file `<workdir>/adapter.safetensors` (and to `config.export_path`;
   `package` means the default adapter shipped in the package), with `<workdir>/summary.json`.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import pathlib
import sys
import time
from collections.abc import Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import optax

from evojax_nas.lm import lora, tuning
from evojax_nas.lm.language_model import LanguageModel

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]


@dataclasses.dataclass(frozen=True)
class Split:
    """Training and validation examples (`(context, target)` pairs) and where they came from."""

    train: list[tuple[str, str]]
    val: list[tuple[str, str]]
    counts: dict[str, dict[str, int]]


def _load_task_config(spec: str):
    """`path/to/config.py:preset` -> the config (paths are relative to the repository root if not found)."""
    from evojax_nas.cli import load_config_file

    return load_config_file(spec, REPO_ROOT)


def corpus_directory(workdir: pathlib.Path, name: str, corpus_config) -> pathlib.Path:
    """Where corpus `name` lives: its configured directory, or `<workdir>/corpus_<name>`."""
    return pathlib.Path(corpus_config.workdir) if corpus_config.workdir else workdir / f"corpus_{name}"


def ensure_corpora(config, workdir: pathlib.Path) -> dict[str, pathlib.Path]:
    """Builds every configured corpus that has no `examples.jsonl` yet; returns their directories."""
    from evojax_nas.corpus import build_corpus

    directories = {}
    for name, corpus_config in config.corpora.items():
        directory = corpus_directory(workdir, name, corpus_config)
        if not (directory / "examples.jsonl").is_file():
            task_config = _load_task_config(corpus_config.task_config)
            if corpus_config.train_steps:
                task_config.train.steps = corpus_config.train_steps
                task_config.train.eval_every = min(task_config.train.eval_every, corpus_config.train_steps)
            task_config.train.num_seeds = corpus_config.num_seeds
            print(f"building corpus '{name}' in {directory}", file=sys.stderr)
            build_corpus(
                task_config,
                directory,
                corpus_config.pool_size,
                corpus_config.heldout_fraction,
                corpus_config.crossover_rate,
                corpus_config.measure,
                corpus_config.examples_per_child,
            )
        directories[name] = directory
    return directories


def split_examples(directories: dict[str, pathlib.Path], val_fraction: float) -> Split:
    """All examples of the corpora, split by child program (a child's examples are all on one side); the
    validation children are a fixed, hash-ordered `val_fraction` of each corpus's (at least one)."""
    train, val, counts = [], [], {}
    for name, directory in directories.items():
        records = [
            json.loads(line) for line in (directory / "examples.jsonl").read_text().splitlines() if line
        ]
        if not records:
            raise ValueError(f"corpus {directory} has no examples; grow its pool or lower heldout_fraction.")
        counts[name] = {"train": 0, "val": 0}
        children = sorted({r["child"] for r in records}, key=lambda c: hashlib.sha256(c.encode()).hexdigest())
        num_val = (
            min(len(children) - 1, max(1, round(val_fraction * len(children)))) if val_fraction > 0 else 0
        )
        val_children = set(children[:num_val])
        for record in records:
            side = "val" if record["child"] in val_children else "train"
            (val if side == "val" else train).append((record["context"], record["target"]))
            counts[name][side] += 1
    if not train:
        raise ValueError("no training examples: val_fraction leaves nothing to train on.")
    return Split(train, val, counts)


def make_optimizer(config) -> optax.GradientTransformation:
    """AdamW with warmup and cosine decay over `lora.schedule_steps` for the LoRA factors; Adam for the soft
    prompt; global-norm clipping. The schedule does not depend on `steps`, so a run can be stopped early or
    extended (resumed with a larger `steps`) without changing the steps already taken."""
    horizon = max(config.lora.schedule_steps, config.warmup_steps + 1)  # not `steps`: a run may stop early
    schedule = optax.warmup_cosine_decay_schedule(
        0.0, config.lora.learning_rate, max(1, config.warmup_steps), horizon
    )
    transforms = {
        "factors": optax.adamw(schedule, weight_decay=config.lora.weight_decay),
        "soft_prompt": optax.adam(config.soft_prompt_learning_rate),
    }

    def labels(tree):
        return {"factors": jax.tree.map(lambda _: "factors", tree["factors"]), "soft_prompt": "soft_prompt"}

    chain = [optax.multi_transform(transforms, labels)]
    if config.grad_clip_norm:
        chain.insert(0, optax.clip_by_global_norm(config.grad_clip_norm))
    return optax.chain(*chain)


def _loss(model_config, frozen, trainable, arrays):
    params = lora.with_factors(frozen, trainable["factors"])
    return tuning.batch_loss(model_config, params, trainable["soft_prompt"], *arrays)


@functools.partial(
    jax.jit, static_argnames=("model_config", "optimizer"), donate_argnames=("trainable", "opt_state")
)
def _train_step(model_config, optimizer, frozen, trainable, opt_state, arrays):
    loss, grads = jax.value_and_grad(lambda t: _loss(model_config, frozen, t, arrays))(trainable)
    updates, opt_state = optimizer.update(grads, opt_state, trainable)
    return optax.apply_updates(trainable, updates), opt_state, loss


@functools.partial(jax.jit, static_argnames=("model_config",))
def _eval_losses(model_config, frozen, trainable, arrays):
    params = lora.with_factors(frozen, trainable["factors"])
    return tuning.per_example_loss(model_config, params, trainable["soft_prompt"], *arrays)


def mean_loss(lm: LanguageModel, trainable, examples: Sequence[tuple[str, str]], config) -> float:
    """Token-weighted mean target NLL (nats/token) of `examples` under the adapter `trainable`."""
    total, tokens = 0.0, 0.0
    num_soft = trainable["soft_prompt"].shape[0]
    for start in range(0, len(examples), config.batch_size):
        batch = tuning.make_batch(
            lm, examples[start : start + config.batch_size], config.length_bucket, config.max_length, num_soft
        )
        losses, counts = _eval_losses(lm.config, lm.params, trainable, tuning.batch_arrays(batch))
        total += float(jnp.sum(losses * counts))
        tokens += float(jnp.sum(counts))
    return total / max(tokens, 1.0)


def initial_trainable(lm: LanguageModel, config, key: jax.Array) -> dict[str, Any]:
    """Fresh factors (B = 0: the model starts unchanged) and a soft prompt from vocabulary rows."""
    factor_key, prompt_key = jax.random.split(key)
    factors = {}
    if config.lora.rank > 0:
        lora_config = lora.LoraConfig(rank=config.lora.rank, targets=tuple(config.lora.targets))
        factors = lora.init_factors(factor_key, lm.config, lora_config)
    if config.soft_prompt_length > 0:
        soft_prompt = lm.init_soft_prompt(prompt_key, config.soft_prompt_length)
    else:
        soft_prompt = jnp.zeros((0, lm.config.d_model), jnp.float32)
    return {"factors": factors, "soft_prompt": soft_prompt}


def _checkpoint_manager(workdir: pathlib.Path, config):
    import orbax.checkpoint as ocp

    options = ocp.CheckpointManagerOptions(max_to_keep=config.max_checkpoints, create=True)
    return ocp.CheckpointManager((workdir / "checkpoints").absolute(), options=options)


def _restore_latest(manager, trainable, opt_state):
    """(step, trainable, opt_state, log) of the newest readable checkpoint, falling back to older ones."""
    import orbax.checkpoint as ocp

    for step in sorted(manager.all_steps(), reverse=True):
        try:
            restored = manager.restore(
                step,
                args=ocp.args.Composite(
                    state=ocp.args.StandardRestore({"trainable": trainable, "opt_state": opt_state}),
                    log=ocp.args.JsonRestore(),
                ),
            )
        except Exception as error:  # noqa: BLE001 - a damaged checkpoint: say so and try the previous one
            print(
                f"warning: checkpoint at step {step} is unreadable ({error}); trying an older one",
                file=sys.stderr,
            )
            continue
        state = restored["state"]
        return step, state["trainable"], state["opt_state"], dict(restored["log"])
    return 0, trainable, opt_state, {"train_loss": [], "val_loss": [], "seconds": 0.0}


def _save(manager, step, trainable, opt_state, log) -> None:
    import orbax.checkpoint as ocp

    manager.save(
        step,
        args=ocp.args.Composite(
            state=ocp.args.StandardSave({"trainable": trainable, "opt_state": opt_state}),
            log=ocp.args.JsonSave(log),
        ),
        force=True,
    )
    manager.wait_until_finished()


def _export_targets(config, workdir: pathlib.Path) -> list[str]:
    targets = [str(workdir / "adapter.safetensors")]
    if config.export_path == "package":
        from evojax_nas.lm.language_model import _DEFAULT_ADAPTER

        targets.append(_DEFAULT_ADAPTER)
    elif config.export_path:
        targets.append(config.export_path)
    return targets


# Fields that may change between a run and its resumption (how long, how often, where to export).
RESUMABLE_CHANGES = ("steps", "eval_every", "checkpoint_every", "max_checkpoints", "export_path")


def check_same_run(saved_path: pathlib.Path, config) -> None:
    """Saves the config on the first call; later, refuses a config that would change the adaptation itself."""
    from evojax_nas.checkpointing import config_differences, config_to_json

    current = config_to_json(config)
    if saved_path.exists():
        changed = config_differences(json.loads(saved_path.read_text()), current, RESUMABLE_CHANGES)
        if changed:
            raise ValueError(
                f"{saved_path.parent} holds an adaptation run with a different config ({', '.join(changed)} "
                "changed); use another --workdir or the same settings."
            )
    saved_path.write_text(json.dumps(current, indent=2))


def adapt(config, workdir: pathlib.Path) -> dict:
    """Builds the corpora if needed, trains (or resumes) the adapter and exports it; returns the summary."""
    from tqdm import tqdm

    from evojax_nas.lm.language_model import load

    workdir.mkdir(parents=True, exist_ok=True)
    check_same_run(workdir / "config.json", config)
    directories = ensure_corpora(config, workdir)
    split = split_examples(directories, config.val_fraction)
    print(f"examples: {split.counts}", file=sys.stderr)

    lm = load(config.base_checkpoint)
    key = jax.random.key(config.seed)
    trainable = initial_trainable(lm, config, jax.random.fold_in(key, 0))
    optimizer = make_optimizer(config)
    opt_state = optimizer.init(trainable)
    manager = _checkpoint_manager(workdir, config)
    step, trainable, opt_state, log = _restore_latest(manager, trainable, opt_state)
    if step:
        print(f"resuming from step {step} of {config.steps}", file=sys.stderr)
    num_soft = config.soft_prompt_length
    if not log["val_loss"] and split.val:
        log["val_loss"].append([0, mean_loss(lm, trainable, split.val, config)])
    steps_per_epoch = max(1, len(split.train) // config.batch_size)
    progress = tqdm(total=config.steps, initial=step, desc="adapting", file=sys.stderr, dynamic_ncols=True)
    started = time.time() - log["seconds"]
    while step < config.steps:
        epoch, position = divmod(step, steps_per_epoch)
        order = np.asarray(
            jax.random.permutation(jax.random.fold_in(key, 1_000_000 + epoch), len(split.train))
        )
        chosen = [
            split.train[i] for i in order[position * config.batch_size : (position + 1) * config.batch_size]
        ]
        batch = tuning.make_batch(lm, chosen, config.length_bucket, config.max_length, num_soft)
        trainable, opt_state, loss = _train_step(
            lm.config, optimizer, lm.params, trainable, opt_state, tuning.batch_arrays(batch)
        )
        step += 1
        log["train_loss"].append([step, float(loss)])
        progress.update(1)
        progress.set_postfix(
            loss=f"{float(loss):.3f}", val=f"{log['val_loss'][-1][1]:.3f}" if log["val_loss"] else "-"
        )
        if split.val and (step % config.eval_every == 0 or step == config.steps):
            log["val_loss"].append([step, mean_loss(lm, trainable, split.val, config)])
        if step % config.checkpoint_every == 0 or step == config.steps:
            log["seconds"] = time.time() - started
            _save(manager, step, trainable, opt_state, log)
    progress.close()
    manager.close()

    lora_config = lora.LoraConfig(rank=config.lora.rank, targets=tuple(config.lora.targets))
    summary = {
        "base_checkpoint": config.base_checkpoint,
        "base_identity": lm.identity,
        "steps": step,
        "batch_size": config.batch_size,
        "examples": split.counts,
        "train_loss_first": log["train_loss"][0][1] if log["train_loss"] else None,
        "train_loss_last10": float(np.mean([v for _, v in log["train_loss"][-10:]]))
        if log["train_loss"]
        else None,
        "val_loss": log["val_loss"],
        "train_seconds": round(log["seconds"], 1),
        "lora_rank": config.lora.rank,
        "soft_prompt_length": num_soft,
    }
    for target in _export_targets(config, workdir):
        lora.save_adapter(
            target,
            trainable["factors"],
            trainable["soft_prompt"] if num_soft else None,
            lm.identity,
            lora_config,
            extra_metadata={key: summary[key] for key in ("steps", "examples", "val_loss", "train_seconds")},
        )
    summary["adapter_files"] = _export_targets(config, workdir)
    summary["adapter_bytes"] = os.path.getsize(summary["adapter_files"][0])
    (workdir / "summary.json").write_text(json.dumps(summary, indent=2))
    (workdir / "train_log.json").write_text(json.dumps(log))
    return summary


def main(argv: list[str]) -> None:
    from absl import flags

    from evojax_nas.cli import exit_with_usage_error, load_config, print_json_line, quiet_jax_logging
    from evojax_nas.lm.errors import CheckpointError

    del argv
    config = load_config(_CONFIG)
    quiet_jax_logging()
    if not flags.FLAGS.workdir:
        exit_with_usage_error("--workdir is required: where corpora, checkpoints and the adapter are written")
    if config.steps < 1 or config.batch_size < 1 or config.lora.rank < 0 or config.soft_prompt_length < 0:
        exit_with_usage_error("steps and batch_size must be >= 1; lora.rank and soft_prompt_length >= 0")
    if config.lora.rank == 0 and config.soft_prompt_length == 0:
        exit_with_usage_error("nothing to train: lora.rank and soft_prompt_length are both 0")
    try:
        summary = adapt(config, pathlib.Path(flags.FLAGS.workdir))
    except (ValueError, CheckpointError, FileNotFoundError) as error:
        exit_with_usage_error(str(error))
    print_json_line(summary)


if __name__ == "__main__":
    from absl import app, flags
    from ml_collections import config_flags

    from evojax_nas.cli import parse_flags

    _CONFIG = config_flags.DEFINE_config_file("config", "configs/lm_adapt.py", "Adaptation config.")
    flags.DEFINE_string(
        "workdir", "runs/lm_adapt", "Directory for corpora, checkpoints, adapter and summary."
    )
    app.run(main, flags_parser=parse_flags)
