"""Domain adaptation of the code LM to EvoPrompting prompts: LoRA factors (and optionally a warm-start soft
prompt), trained on corpora of (two parents with metrics, target metrics) -> child program examples.

    python -m evojax_nas.tools.adapt --config=configs/lm_adapt.py --workdir=runs/lm_adapt

1. Each corpus of `config.corpora` is built (or resumed) with `evojax_nas.corpus` unless its directory already
   holds `examples.jsonl`; the default MNIST-1D corpus is the one committed under `docs/results`. A corpus with
   `runs` (glob patterns of search workdirs) is harvested from those finished searches instead
   (`evojax_nas.harvest`: the LM's own children that shrank).
2. The base LM is loaded; the adapter (LoRA factors of `config.lora.rank` on the layers from
   `config.lora.layers_from` on, a soft prompt of `config.soft_prompt_length` tokens; starting from the factors of
   `config.init_adapter` when set, fresh otherwise) is trained with the loss on
   the child's code tokens only, for `config.epochs` epochs unless `config.steps` says otherwise. With
   `config.cache_activations` the frozen lower layers run once per example (cached under `<workdir>/activations`)
   and each step runs only the upper layers (`evojax_nas.lm.adapter_training`).
3. An Orbax checkpoint (factors, soft prompt, optimiser state, step) is written every `checkpoint_every` steps;
   running the command again resumes from the latest one (the workdir may be any directory: a later session, or
   another machine with a copy of it, continues the run).
4. The result is written as an adapter file `<workdir>/adapter.safetensors` (and to `config.export_path`;
   `package` means the default adapter shipped in the package), with `<workdir>/summary.json`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pathlib
import sys
import time

import jax
import numpy as np
import orbax.checkpoint as ocp
from absl import app, flags
from ml_collections import config_flags
from tqdm import tqdm

from evojax_nas.checkpointing import config_differences, config_to_json
from evojax_nas.cli import (
    REPO_ROOT,
    exit_with_usage_error,
    load_config,
    load_config_file,
    parse_flags,
    prepare_jax,
    print_json_line,
    repo_relative,
)
from evojax_nas.corpus import SizeBins, build_corpus
from evojax_nas.harvest import expand_runs, write_harvest
from evojax_nas.lm import adapter_training, lora
from evojax_nas.lm.errors import CheckpointError
from evojax_nas.lm.language_model import default_adapter_path, default_adapter_target, load
from evojax_nas.lm.model import param_shapes
from evojax_nas.prompting import parent_completions, with_relative_target

# Fields that may change between a run and its resumption (how long, how often, where to export).
RESUMABLE_CHANGES = ("steps", "eval_every", "checkpoint_every", "max_checkpoints", "export_path")


@dataclasses.dataclass(frozen=True)
class Split:
    """Training and validation examples (`(context, target)` pairs) and where they came from."""

    train: list[tuple[str, str]]
    val: list[tuple[str, str]]
    counts: dict[str, dict[str, int]]


def corpus_directory(workdir: pathlib.Path, name: str, corpus_config) -> pathlib.Path:
    """Where corpus `name` lives: its configured directory (a relative one from the repository root), or
    `<workdir>/corpus_<name>`."""
    if not corpus_config.workdir:
        return workdir / f"corpus_{name}"
    directory = pathlib.Path(corpus_config.workdir)
    return directory if directory.is_absolute() else REPO_ROOT / directory


def ensure_corpora(config, workdir: pathlib.Path) -> dict[str, pathlib.Path]:
    """Builds (or resumes) every configured corpus that has no `examples.jsonl` yet, a corpus with `runs` by
    harvesting those finished searches (`evojax_nas.harvest`); returns their directories."""
    directories = {}
    for name, corpus_config in config.corpora.items():
        directory = corpus_directory(workdir, name, corpus_config)
        if not (directory / "examples.jsonl").is_file() and corpus_config.get("runs"):
            print(f"harvesting corpus '{name}' from finished searches into {directory}", file=sys.stderr)
            runs = expand_runs(str(REPO_ROOT / pattern) for pattern in corpus_config.runs)
            write_harvest(
                directory,
                runs,
                corpus_config.get("smaller_only", True),
                corpus_config.get("min_changed_lines", 0),
            )
        elif not (directory / "examples.jsonl").is_file():
            task_config = load_config_file(corpus_config.task_config, REPO_ROOT)
            task_config.seed = corpus_config.seed
            if corpus_config.train_steps:
                task_config.train.steps = corpus_config.train_steps
                task_config.train.eval_every = min(task_config.train.eval_every, corpus_config.train_steps)
            task_config.train.num_seeds = corpus_config.num_seeds
            bins = corpus_config.size_bins
            print(f"building corpus '{name}' in {directory}", file=sys.stderr)
            build_corpus(
                task_config,
                directory,
                corpus_config.pool_size,
                corpus_config.heldout_fraction,
                corpus_config.crossover_rate,
                corpus_config.measure,
                corpus_config.examples_per_child,
                max_edits=corpus_config.max_edits,
                bins=SizeBins(bins.min_params, bins.max_params, bins.count) if bins.count else None,
                min_smaller_fraction=corpus_config.min_smaller_fraction,
            )
        directories[name] = directory
    return directories


def split_examples(
    directories: dict[str, pathlib.Path], val_fraction: float, relative_target: bool = False
) -> Split:
    """All examples of the corpora, split by child program (a child's examples are all on one side); the
    validation children are a fixed, hash-ordered `val_fraction` of each corpus's (at least one). With
    `relative_target` each context's target docstring is rewritten in that format (`prompting.with_relative_target`)."""
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
            context = with_relative_target(record["context"]) if relative_target else record["context"]
            (val if side == "val" else train).append((context, record["target"]))
            counts[name][side] += 1
    if not train:
        raise ValueError("no training examples: val_fraction leaves nothing to train on.")
    return Split(train, val, counts)


def resolve_steps(config, num_train: int):
    """A copy of `config` whose `steps` and `lora.schedule_steps`, where 0, are `epochs` epochs of `num_train`
    examples (an epoch is `num_train // batch_size` steps)."""
    resolved = config.copy_and_resolve_references()
    per_epoch = max(1, num_train // config.batch_size)
    if not resolved.steps:
        resolved.steps = config.epochs * per_epoch
    if not resolved.lora.schedule_steps:
        resolved.lora.schedule_steps = config.epochs * per_epoch
    return resolved


def _checkpoint_manager(workdir: pathlib.Path, config):
    options = ocp.CheckpointManagerOptions(max_to_keep=config.max_checkpoints, create=True)
    return ocp.CheckpointManager((workdir / "checkpoints").absolute(), options=options)


def _restore_latest(manager, trainable, opt_state):
    """(step, trainable, opt_state, log) of the newest readable checkpoint, falling back to older ones."""
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
    return 0, trainable, opt_state, {"train_loss": [], "val_loss": [], "seconds": 0.0, "cache_seconds": 0.0}


def _save(manager, step, trainable, opt_state, log) -> None:
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
        targets.append(default_adapter_target())
    elif config.export_path:
        targets.append(config.export_path)
    return targets


def check_same_run(saved_path: pathlib.Path, config) -> None:
    """Saves the config on the first call; later, refuses a config that would change the adaptation itself."""
    current = config_to_json(config)
    if saved_path.exists():
        changed = config_differences(json.loads(saved_path.read_text()), current, RESUMABLE_CHANGES)
        if changed:
            raise ValueError(
                f"{saved_path.parent} holds an adaptation run with a different config ({', '.join(changed)} "
                "changed); use another --workdir or the same settings."
            )
    saved_path.write_text(json.dumps(current, indent=2))


def _fill_cache(trainer, tokenized, log) -> None:
    """Computes the activations of uncached examples (fast step), adding the time to `log["cache_seconds"]`."""
    missing = len(trainer.cache.missing([row[0] for row in tokenized])) if trainer.fast else 0
    if not missing:
        return
    started = time.time()
    with tqdm(total=missing, desc="caching activations", file=sys.stderr, dynamic_ncols=True) as bar:
        trainer.prepare(tokenized, bar.update)
    log["cache_seconds"] = log.get("cache_seconds", 0.0) + time.time() - started


def _train(config, trainer, tokenized, log, step, trainable, opt_state, manager, key):
    """The training loop from `step` to `config.steps`; returns the final (step, trainable)."""
    train_rows, val_rows = tokenized
    lengths = [len(row[0]) for row in train_rows]
    batches_of_epoch: dict[int, list[np.ndarray]] = {}
    progress = tqdm(total=config.steps, initial=step, desc="adapting", file=sys.stderr, dynamic_ncols=True)
    started = time.time() - log["seconds"]
    while step < config.steps:
        steps_per_epoch = max(1, len(train_rows) // config.batch_size)
        epoch, position = divmod(step, steps_per_epoch)
        if epoch not in batches_of_epoch:
            batches_of_epoch = {
                epoch: adapter_training.epoch_batches(
                    lengths, config.batch_size, jax.random.fold_in(key, 1_000_000 + epoch), config.sort_window
                )
            }
        rows = [train_rows[i] for i in batches_of_epoch[epoch][position]]
        trainable, opt_state, loss = trainer.step(trainable, opt_state, rows)
        step += 1
        log["train_loss"].append([step, float(loss)])
        progress.update(1)
        progress.set_postfix(
            loss=f"{float(loss):.3f}", val=f"{log['val_loss'][-1][1]:.3f}" if log["val_loss"] else "-"
        )
        if val_rows and (step % config.eval_every == 0 or step == config.steps):
            _log_validation(log, step, trainer.evaluate(trainable, val_rows))
        if step % config.checkpoint_every == 0 or step == config.steps:
            log["seconds"] = time.time() - started
            _save(manager, step, trainable, opt_state, log)
    progress.close()
    return step, trainable


def _log_validation(log: dict, step: int, measured: dict) -> None:
    """Appends the held-out NLL, and the held-out copy probability (see `AdapterTrainer.evaluate`), at `step`."""
    log["val_loss"].append([step, measured["nll"]])
    log.setdefault("val_copy_probability", []).append([step, measured["copy_probability"]])


def starting_adapter(config) -> tuple[str, lora.Adapter] | None:
    """The adapter whose factors training starts from (`config.init_adapter`: a file, relative paths from the
    repository root; `package`: the shipped default adapter; empty: none, fresh factors) and its path. Raises
    CheckpointError naming a missing or unreadable file (before any corpus is built)."""
    name = config.get("init_adapter", "")
    if not name:
        return None
    path = default_adapter_path() if name == "package" else str(REPO_ROOT / name)
    return path, lora.load_adapter(path)


def adapt(config, workdir: pathlib.Path) -> dict:
    """Builds the corpora if needed, trains (or resumes) the adapter and exports it; returns the summary."""
    workdir.mkdir(parents=True, exist_ok=True)
    check_same_run(workdir / "config.json", config)
    start = starting_adapter(config)
    directories = ensure_corpora(config, workdir)
    split = split_examples(directories, config.val_fraction, bool(config.get("relative_target", False)))
    config = resolve_steps(config, len(split.train))
    print(f"examples: {split.counts}; {config.steps} steps of {config.batch_size}", file=sys.stderr)

    lm = load(config.base_checkpoint)
    if start is not None:  # trained for this base model, with factors that fit its layers
        lora.check_compatible(start[1], lm.identity, start[0], param_shapes(lm.config)["layers"])
    key = jax.random.key(config.seed)
    trainer = adapter_training.AdapterTrainer(
        lm, config, str(workdir / "activations"), parents_of=parent_completions
    )
    trainable = adapter_training.initial_trainable(
        lm, config, jax.random.fold_in(key, 0), start[1] if start else None
    )
    opt_state = trainer.optimizer.init(trainable)
    manager = _checkpoint_manager(workdir, config)
    step, trainable, opt_state, log = _restore_latest(manager, trainable, opt_state)
    if step:
        print(f"resuming from step {step} of {config.steps}", file=sys.stderr)
    tokenized = (trainer.tokenize(split.train), trainer.tokenize(split.val))
    _fill_cache(trainer, tokenized[0] + tokenized[1], log)
    if not log["val_loss"] and split.val:
        _log_validation(log, 0, trainer.evaluate(trainable, tokenized[1]))
    step, trainable = _train(config, trainer, tokenized, log, step, trainable, opt_state, manager, key)
    manager.close()
    return _export(config, workdir, lm, split, log, step, trainable)


def _export(config, workdir, lm, split, log, step, trainable) -> dict:
    """Writes the adapter files (factors of every layer, zero below `layers_from`), summary and log."""
    num_soft = config.soft_prompt_length
    train_losses = [v for _, v in log["train_loss"]]
    summary = {
        "base_checkpoint": config.base_checkpoint,
        "base_identity": lm.identity,
        "steps": step,
        "batch_size": config.batch_size,
        "epochs": round(step * config.batch_size / max(1, len(split.train)), 2),
        "examples": split.counts,
        "train_loss_first": train_losses[0] if train_losses else None,
        "train_loss_last10": float(np.mean(train_losses[-10:])) if train_losses else None,
        "val_loss": log["val_loss"],
        "val_copy_probability": log.get("val_copy_probability", []),
        "unlikelihood_weight": float(config.get("unlikelihood_weight", 0.0)),
        "train_seconds": round(log["seconds"], 1),
        "cache_seconds": round(log.get("cache_seconds", 0.0), 1),
        "lora_rank": config.lora.rank,
        "lora_layers_from": config.lora.layers_from,
        "soft_prompt_length": num_soft,
        "relative_target": bool(config.get("relative_target", False)),
    }
    factors = lora.pad_layers(trainable["factors"], config.lora.layers_from)
    metadata_keys = (
        "steps",
        "epochs",
        "examples",
        "val_loss",
        "unlikelihood_weight",
        "train_seconds",
        "lora_layers_from",
        "relative_target",
    )
    for target in _export_targets(config, workdir):
        lora.save_adapter(
            target,
            factors,
            trainable.get("soft_prompt"),
            lm.identity,
            adapter_training.lora_config(config),
            extra_metadata={key: summary[key] for key in metadata_keys},
        )
    targets = _export_targets(config, workdir)
    summary["adapter_files"] = [repo_relative(target) for target in targets]
    summary["adapter_bytes"] = os.path.getsize(targets[0])
    (workdir / "summary.json").write_text(json.dumps(summary, indent=2))
    (workdir / "train_log.json").write_text(json.dumps(log))
    return summary


def main(argv: list[str]) -> None:
    """Validates the config and runs `adapt`; the summary is the last stdout line (JSON)."""
    del argv
    config = load_config(_CONFIG)
    prepare_jax()
    if not flags.FLAGS.workdir:
        exit_with_usage_error("--workdir is required: where corpora, checkpoints and the adapter are written")
    if config.steps < 0 or config.epochs < 1 or config.batch_size < 1 or config.lora.rank < 0:
        exit_with_usage_error("steps must be >= 0, epochs and batch_size >= 1, lora.rank >= 0")
    if config.soft_prompt_length < 0 or config.lora.layers_from < 0:
        exit_with_usage_error("soft_prompt_length and lora.layers_from must be >= 0")
    if config.lora.rank == 0 and config.soft_prompt_length == 0:
        exit_with_usage_error("nothing to train: lora.rank and soft_prompt_length are both 0")
    try:
        summary = adapt(config, pathlib.Path(flags.FLAGS.workdir))
    except (ValueError, CheckpointError, FileNotFoundError) as error:
        exit_with_usage_error(str(error))
    print_json_line(summary)


if __name__ == "__main__":
    # The flags are defined only when run as a program (no module-level flags to clash with an importer's).
    _CONFIG = config_flags.DEFINE_config_file("config", "configs/lm_adapt.py", "Adaptation config.")
    flags.DEFINE_string(
        "workdir", "runs/lm_adapt", "Directory for corpora, checkpoints, adapter and summary."
    )
    app.run(main, flags_parser=parse_flags)
