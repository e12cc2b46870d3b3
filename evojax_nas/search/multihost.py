"""The search's multi-host glue (`evojax_nas.distributed`): every process holds the same state, and each does
its share of a round's work, whose outcome is gathered so that all of them go on alike."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from evojax_nas import distributed
from evojax_nas.checkpointing import RunConfigMismatch, RunStore
from evojax_nas.operators import Child


def gather_children(made_by_chunk: dict[int, list]) -> dict[int, list]:
    """Every process's sampled children (`{chunk index: [[Child, ...] per prompt]}`), merged."""
    local = {
        str(chunk): [[dataclasses.asdict(child) for child in made] for made in groups]
        for chunk, groups in made_by_chunk.items()
    }
    merged = {}
    for part in distributed.allgather_json(local, "the sampled programs"):
        for chunk, groups in part.items():
            merged[int(chunk)] = [
                [Child(**{**fields, "parents": tuple(fields["parents"])}) for fields in made]
                for made in groups
            ]
    return merged


def gather_results(by_index: dict[int, dict], expected: Sequence[int], what: str) -> dict[int, dict]:
    """Every process's evaluation results by sample index, merged; raises `DistributedError` when one of the
    `expected` indices came from no process."""
    gathered = {}
    for part in distributed.allgather_json({str(index): result for index, result in by_index.items()}, what):
        gathered.update({int(index): result for index, result in part.items()})
    missing = [index for index in expected if index not in gathered]
    if missing:
        raise distributed.DistributedError(f"no process returned the results of samples {missing}")
    return gathered


def open_workdir(store: RunStore, config) -> bool:
    """`store.check_or_save_config(config)`, done by process 0 of a multi-host run and its outcome shared; every
    other process then checks that it sees the same workdir. Returns True when resuming."""
    if distributed.process_count() == 1:
        return store.check_or_save_config(config)
    outcome = None
    if distributed.is_primary():
        try:
            outcome = {"resuming": store.check_or_save_config(config)}
        except RunConfigMismatch as error:
            outcome = {"mismatch": str(error)}
    outcome = distributed.broadcast_json(outcome, "the workdir's config check")
    if "mismatch" in outcome:
        raise RunConfigMismatch(outcome["mismatch"])
    if not store.config_path.exists():
        raise distributed.DistributedError(
            f"process {distributed.process_index()} does not see {store.config_path}, which process 0 wrote: the "
            "processes of a multi-host run need one workdir on a shared filesystem (persistent disk, NFS, "
            "mounted bucket)"
        )
    return outcome["resuming"]
