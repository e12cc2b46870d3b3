"""What a search keeps in its workdir, and how it comes back after an interruption.

    workdir/
      config.json        the run's config; a resume with a config that changes the search is refused
      checkpoints/<step>/ Orbax CheckpointManager: `state` (JSON: population, archive, lineage, parents,
                         counters, history) and `arrays` (PRNG key, soft prompt, its optimiser state);
                         step 0 = seeds evaluated, step t = t rounds done
      journal.jsonl      every evaluated candidate as it finishes, keyed by (round, sample index)
      journal.process<k>.jsonl  the same for the candidates process k > 0 of a multi-host run evaluated
      events.jsonl       run events and one summary per round
      tensorboard/       TensorBoard scalars

In a multi-host run the workdir is shared by every process (a persistent disk, NFS or a mounted bucket): process 0
writes config.json, events and TensorBoard; Orbax writes each checkpoint once and every process restores it; each
process appends the candidates it evaluated to its own journal, and every process reads all of them.

A checkpoint that cannot be restored (corrupt or partial) is skipped with a warning for the previous one; the
journal then supplies the results of the rounds that are replayed, so nothing is trained twice.
"""

from __future__ import annotations

import errno
import json
import logging
import pathlib
import sys
import threading
import time
from typing import Any

import ml_collections
import numpy as np
import orbax.checkpoint as ocp

from evojax_nas.cli import json_safe
from evojax_nas.json_lines import read_json_lines

# Config sections that may differ between a run and its resumption (they do not change what is searched): a run
# started on one device may be resumed on four, or on several hosts, and a run saved before `distributed` existed
# resumes with it.
RESUMABLE_SECTIONS = ("log", "distributed")
CHECKPOINTS_TO_KEEP = 3


class RunConfigMismatch(ValueError):
    """The workdir holds a run made with a config that differs in a field that changes the search."""


def config_to_json(config: ml_collections.ConfigDict) -> dict:
    """The config as plain JSON data (tuples become lists)."""
    return json.loads(config.to_json_best_effort(sort_keys=True))


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat = {}
        for key, item in value.items():
            flat.update(_flatten(item, f"{prefix}{key}."))
        return flat
    return {prefix[:-1]: value}


# Single fields a resumed run may change: how evaluation is scheduled, never what it computes.
RESUMABLE_FIELDS = frozenset({"train.overlap", "train.parallel_compile"})

# Config fields added after runs were already made: a workdir whose saved config predates one of them resumes
# with the current value (a warning says so) instead of being refused.
FIELDS_ADDED_LATER = frozenset(
    {
        "search.max_resamples",
        "search.resample_temperatures",
        "search.relative_target",
        "relative_target",  # configs/lm_adapt.py
        "unlikelihood_weight",  # configs/lm_adapt.py
        "corpora.search_children.min_changed_lines",  # configs/lm_adapt.py:refine
        "train.max_seconds",
        "train.time_projection_margin",
        "budget.max_loop_iterations",
        "sandbox.filesystem",
        "lm.draft_tokens",
        "lm.adapter",
        "lm.draft_max_rows",
        "lm.copy_penalty",
        "lm.copy_penalty_below",
        "lm.avoid_archive",
        "lm.copy_penalty_scope",
        "train.overlap",
        "train.parallel_compile",
        "train.cpu_optimization_level",
        "train.early_stop",
        "search.hybrid.arms",
        "search.hybrid.decay",
        "search.hybrid.min_share",
        "search.hybrid.half_gain",
        "search.hybrid.samples_per_slot",
        "search.hybrid.valid_reward",
        "lm.tune",
        "lm.tune_lora_rank",
        "lm.tune_lora_layers",
        "lm.tune_lora_learning_rate",
        "lm.tune_replay",
        "lm.tuning_children",
        "lm.tuning_max_drift",
    }
)


def fields_added_since(saved: dict, current: dict) -> list[str]:
    """The `FIELDS_ADDED_LATER` that `current` has and the saved config lacks."""
    old, new = _flatten(saved), _flatten(current)
    return sorted(name for name in FIELDS_ADDED_LATER if name in new and name not in old)


def config_differences(
    saved: dict, current: dict, resumable: tuple[str, ...] = RESUMABLE_SECTIONS
) -> list[str]:
    """Dotted names of the fields that differ, ignoring the top-level fields or sections named in `resumable`."""
    old, new = _flatten(saved), _flatten(current)
    names = sorted(set(old) | set(new))
    return [
        name
        for name in names
        if name.split(".", 1)[0] not in resumable
        and old.get(name, "<absent>") != new.get(name, "<absent>")
        and not (name not in old and name in FIELDS_ADDED_LATER)
        and name not in RESUMABLE_FIELDS
    ]


def warn(message: str) -> None:
    """A warning line on stderr."""
    print(f"warning: {message}", file=sys.stderr, flush=True)


class RunStore:
    """The workdir of one search: config, Orbax checkpoints, candidate journal and event log.

    `process_index` is this process's index in a multi-host run: only process 0 writes events, and each process
    has its own journal file."""

    def __init__(self, workdir: str | pathlib.Path, process_index: int = 0):
        self.workdir = pathlib.Path(workdir)
        self.process_index = process_index
        self.primary = process_index == 0
        self.config_path = self.workdir / "config.json"
        self.journal_path = self.workdir / (
            "journal.jsonl" if self.primary else f"journal.process{process_index}.jsonl"
        )
        self.events_path = self.workdir / "events.jsonl"
        self.checkpoint_dir = self.workdir / "checkpoints"
        self._manager = None
        self._append_lock = threading.Lock()  # candidates finish on several evaluation threads

    # -- config ---------------------------------------------------------------------------------------------
    def check_or_save_config(self, config: ml_collections.ConfigDict) -> bool:
        """Saves the config of a new run, or checks a resumed run's; returns True when resuming.

        Raises `RunConfigMismatch` naming the first differing fields."""
        current = config_to_json(config)
        if self.config_path.exists():
            saved = json.loads(self.config_path.read_text())
            differences = config_differences(saved, current)
            if differences and not self.has_progress():
                warn(f"workdir '{self.workdir}' holds no results yet; its config is replaced")
                differences = []
                self.config_path.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
            added = fields_added_since(saved, current)
            if added and not differences:
                values = ", ".join(f"{name}={_flatten(current)[name]!r}" for name in added)
                warn(
                    f"workdir '{self.workdir}' was made before {', '.join(added)} existed; resuming with {values}"
                )
            if differences:
                shown = ", ".join(
                    f"{name} ({_flatten(saved).get(name, '<absent>')!r} -> {_flatten(current).get(name, '<absent>')!r})"
                    for name in differences[:3]
                )
                more = f" and {len(differences) - 3} more" if len(differences) > 3 else ""
                raise RunConfigMismatch(
                    f"workdir '{self.workdir}' holds a run with a different search config: {shown}{more}; "
                    "use a new --workdir or the saved config (config.json)"
                )
            return True
        self.workdir.mkdir(parents=True, exist_ok=True)
        temporary = self.config_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
        temporary.replace(self.config_path)
        return False

    def has_progress(self) -> bool:
        """Whether the workdir holds any result (a checkpoint or a journaled candidate)."""
        has_checkpoint = self.checkpoint_dir.exists() and any(
            path.name.isdigit() for path in self.checkpoint_dir.iterdir()
        )
        return has_checkpoint or any(path.stat().st_size > 0 for path in self.journal_paths())

    # -- checkpoints ----------------------------------------------------------------------------------------
    @property
    def manager(self):
        """The Orbax CheckpointManager of `workdir/checkpoints` (synchronous saves, the last few kept)."""
        if self._manager is None:
            options = ocp.CheckpointManagerOptions(
                max_to_keep=CHECKPOINTS_TO_KEEP,
                create=True,
                enable_async_checkpointing=False,
                cleanup_tmp_directories=True,  # a save cut by a kill leaves a temporary folder behind
            )
            self._manager = ocp.CheckpointManager(
                self.checkpoint_dir.absolute(), options=options, item_names=("state", "arrays")
            )
        return self._manager

    def save(self, step: int, state: dict, arrays: dict[str, Any]) -> None:
        """Saves one checkpoint: `state` as JSON, `arrays` (numpy arrays, lists of them) with StandardSave."""
        arrays = {name: value for name, value in arrays.items() if value is not None}
        if step in self.manager.all_steps():
            self.manager.delete(step)  # a replayed round after a fallback overwrites its unreadable step
        self.manager.save(
            step,
            args=ocp.args.Composite(state=ocp.args.JsonSave(state), arrays=ocp.args.StandardSave(arrays)),
            force=True,
        )
        self.manager.wait_until_finished()

    def restore_latest(self, record_events: bool = True) -> tuple[int, dict, dict] | None:
        """`(step, state, arrays)` of the newest checkpoint that restores; older ones are tried in turn after a
        warning (also written to the event log if `record_events`). None when there is none."""
        if not self.checkpoint_dir.exists():
            return None
        self.manager.reload()
        for step in sorted(self.manager.all_steps(), reverse=True):
            try:
                restored = self.manager.restore(
                    step,
                    args=ocp.args.Composite(state=ocp.args.JsonRestore(), arrays=ocp.args.StandardRestore()),
                )
                state, arrays = dict(restored["state"]), dict(restored["arrays"])
                if state.get("step") != step:
                    raise ValueError(f"state says step {state.get('step')}")
            except Exception as error:  # noqa: BLE001 - any unreadable checkpoint falls back to the previous
                message = " ".join(str(error).split())[:200]
                warn(
                    f"checkpoint {step} in {self.checkpoint_dir} cannot be restored ({type(error).__name__}: "
                    f"{message}); falling back to the previous one"
                )
                if record_events:
                    self.append_event({"event": "checkpoint_fallback", "step": step, "error": message})
                continue
            return step, state, arrays
        if self.manager.all_steps():
            warn(f"no checkpoint in {self.checkpoint_dir} could be restored; starting from the beginning")
        return None

    def close(self) -> None:
        """Closes the checkpoint manager."""
        if self._manager is not None:
            self._manager.close()
            self._manager = None

    # -- journal and events -----------------------------------------------------------------------------------
    def journal_paths(self) -> list[pathlib.Path]:
        """Every process's journal file in the workdir: `journal.jsonl` first, then those of processes 1, 2, ..."""
        others = sorted(
            self.workdir.glob("journal.process*.jsonl"),
            key=lambda path: int("".join(c for c in path.name if c.isdigit()) or 0),
        )
        primary = self.workdir / "journal.jsonl"
        return ([primary] if primary.exists() else []) + others

    def read_journal(self) -> dict[tuple[int, int], dict]:
        """Journaled candidate results by (round, sample index), from every process's journal (so a run may be
        resumed on another number of hosts); a torn last line is ignored."""
        records = {}
        for path in self.journal_paths():
            values, torn = read_json_lines(path.read_text(errors="replace"))
            for number, record in values:
                try:
                    records[(int(record["round"]), int(record["index"]))] = record
                except (KeyError, TypeError, ValueError):
                    torn.append(number)
            for number in sorted(torn):
                warn(
                    f"{path} line {number} is incomplete (cut by a kill or a full disk) and is ignored; "
                    "its candidate is evaluated again"
                )
        return records

    def append_journal(self, record: dict) -> None:
        """Appends one finished candidate to the journal (flushed, so a killed process keeps it)."""
        self._append(self.journal_path, record)

    def append_event(self, record: dict) -> None:
        """Appends one event (with a timestamp) to `events.jsonl` (process 0 only: the processes share it)."""
        if self.primary:
            self._append(self.events_path, {"time": round(time.time(), 3), **record})

    def _append(self, path: pathlib.Path, record: dict) -> None:
        with self._append_lock:
            self.workdir.mkdir(parents=True, exist_ok=True)
            append_json_line(path, record)


def disk_full(error: BaseException) -> bool:
    """Whether `error`, or an error it was raised from, says the disk (or the user's quota) is full."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if "No space left on device" in str(error):
            return True
        error = error.__cause__ or error.__context__
    return False


class _DropDiskFullTracebacks(logging.Filter):
    """Drops log records whose exception is a full disk: Orbax logs the error of its background metadata writer
    with a traceback before re-raising it in the main thread, which reports it in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and record.exc_info[1] is not None and disk_full(record.exc_info[1]))


def quiet_disk_full_tracebacks() -> None:
    """Keeps the tracebacks of a full disk out of absl's log (Orbax logs through absl); idempotent."""
    absl_logger = logging.getLogger("absl")
    if not any(isinstance(existing, _DropDiskFullTracebacks) for existing in absl_logger.filters):
        absl_logger.addFilter(_DropDiskFullTracebacks())


def append_json_line(path: pathlib.Path, record: dict) -> None:
    """Appends `record` to a JSONL file as one line, flushed (NaN/inf as null, numpy values as numbers); after a
    torn last line (a write cut by a kill) it starts a fresh line, so the torn one is all that is lost."""
    line = json.dumps(json_safe(record), default=_json_default) + "\n"
    with path.open("a") as handle:
        if handle.tell() > 0 and not _ends_with_newline(path):
            handle.write("\n")
        handle.write(line)
        handle.flush()


def _ends_with_newline(path: pathlib.Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, 2)
        return handle.read(1) == b"\n"


def plain(value: Any) -> Any:
    """A numpy scalar or array as a Python number or list (what JSON holds); any other value unchanged."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value


def _json_default(value: Any) -> Any:
    converted = plain(value)
    if converted is value:
        raise TypeError(f"{type(value).__name__} is not JSON serialisable")
    return converted
