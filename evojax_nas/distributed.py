"""Processes and devices of a run: JAX's multi-controller runtime, one process per host.

    distributed.initialize(config)                  # jax.distributed when config.distributed.enabled
    devices = distributed.evaluation_devices(config)  # one candidate at a time on each of these
    mine = distributed.share(jobs)                  # this process's part of a list of jobs
    parts = distributed.allgather_json(value)       # every process's JSON value, in process order
    value = distributed.broadcast_json(value)       # process 0's value, on every process

The same `main` runs on every host of a TPU VM slice (or every process of a multi-GPU or CPU test setup). Every
process holds the same population and takes the same decisions from the same PRNG key; only the work of a round
is divided: candidates (and LM prompt chunks) go to processes by position, and the results are gathered so that
each process fills the same individuals in the same order. A result depends on the candidate's own key only, so a
run gives the same population on 1 device, N devices or N hosts.

When a process dies, the others do not hang: a gather in flight fails at once (the peer's connection closes) and
is reported as a `DistributedError`; a process busy training learns it from the coordination service after
`config.distributed.heartbeat_timeout` seconds, and JAX then terminates it with a message that another task died.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from typing import Any

import jax
import ml_collections
import numpy as np
from jax.experimental import multihost_utils

from evojax_nas.cli import one_line
from evojax_nas.config_defaults import distributed_config
from evojax_nas.tasks.base import ConfigError
from evojax_nas.tasks.common import is_non_negative_int, require_positive_ints

MESSAGE_CHARS = 300  # of a peer's or JAX's error quoted in a DistributedError


class DistributedError(RuntimeError):
    """The processes of a multi-host run cannot go on together (a peer died, or they disagree)."""


@contextlib.contextmanager
def _collective(doing: str, hint: str = ""):
    """Turns the failure of a cross-process collective (a peer's connection closed) into a `DistributedError`
    saying that this process lost contact with another one while `doing`."""
    try:
        yield
    except Exception as error:  # noqa: BLE001 - a collective fails when a peer's connection closes
        raise DistributedError(
            f"process {process_index()} lost contact with another process while {doing}{hint}: {one_line(error, MESSAGE_CHARS)}"
        ) from error


def settings(config: ml_collections.ConfigDict) -> ml_collections.ConfigDict:
    """`config.distributed`, or the defaults for a config (or a saved run) that has no such section."""
    return config.get("distributed") or distributed_config()


def validate(config: ml_collections.ConfigDict) -> None:
    """Raises `ConfigError` naming the first invalid `config.distributed` field and what is accepted."""
    section = settings(config)
    for name in ("num_processes", "evaluation_workers", "cpu_devices"):
        value = section.get(name, 0)
        if not is_non_negative_int(value):
            raise ConfigError(
                f"config.distributed.{name} must be 0 (automatic) or a positive integer, got {value!r}"
            )
    if not isinstance(section.process_id, int) or section.process_id < -1:
        raise ConfigError(
            f"config.distributed.process_id must be -1 (automatic) or a process index, got {section.process_id!r}"
        )
    require_positive_ints(section, "config.distributed", ("initialization_timeout", "heartbeat_timeout"))


def initialize(config: ml_collections.ConfigDict) -> None:
    """Connects this process to the others with `jax.distributed.initialize` when `config.distributed.enabled`.

    Empty fields are detected by JAX from the environment (TPU VM slice, SLURM, ...). Does nothing when disabled
    or already connected; must run before anything else uses JAX's devices. Also splits a CPU host into
    `config.distributed.cpu_devices` devices (see `use_cpu_devices`)."""
    section = prepare_devices(config)
    if not section.enabled or jax.distributed.is_initialized():
        return
    # Cross-process collectives of CPU devices (the tests' localhost processes); accelerators use their own.
    jax.config.update("jax_cpu_collectives_implementation", "gloo")
    try:
        jax.distributed.initialize(
            coordinator_address=section.coordinator_address or None,
            num_processes=section.num_processes or None,
            process_id=None if section.process_id < 0 else section.process_id,
            initialization_timeout=int(section.initialization_timeout),
            heartbeat_timeout_seconds=int(section.heartbeat_timeout),
        )
    except Exception as error:  # noqa: BLE001 - any failure to connect is the user's setup
        raise DistributedError(
            f"jax.distributed.initialize failed (coordinator_address={section.coordinator_address!r}, "
            f"num_processes={section.num_processes}, process_id={section.process_id}): {one_line(error, MESSAGE_CHARS)}"
        ) from error


def prepare_devices(config: ml_collections.ConfigDict) -> ml_collections.ConfigDict:
    """Checks `config.distributed` and applies its `cpu_devices` (`use_cpu_devices`); returns the section."""
    validate(config)
    section = settings(config)
    use_cpu_devices(section.get("cpu_devices", 0))
    return section


def use_cpu_devices(count: int) -> None:
    """Makes JAX's CPU backend `count` devices (0: leave JAX's setting). They share the host's cores: candidates
    train concurrently, one per device. Must run before JAX starts its backends; raises `ConfigError` when JAX has
    started them with another number of CPU devices."""
    if not count:
        return
    try:
        jax.config.update("jax_num_cpu_devices", count)
    except RuntimeError as error:  # the backends are running already
        have = len(jax.devices("cpu"))
        if have != count:
            raise ConfigError(
                f"config.distributed.cpu_devices={count} can only be applied before JAX starts, and this process "
                f"already runs {have} CPU device(s); set it on the command line of a fresh process"
            ) from error


def lm_devices(config: ml_collections.ConfigDict) -> list[jax.Device]:
    """The devices the LM samples and tunes on: every local device, or only the first when
    `config.distributed.cpu_devices` split the host's cores into devices (they would share the same cores)."""
    local = jax.local_devices()
    if settings(config).get("cpu_devices", 0) and local[0].platform == "cpu":
        return local[:1]
    return local


def process_index() -> int:
    """This process's index (0 on a single host)."""
    return jax.process_index()


def process_count() -> int:
    """Number of processes of the run (1 on a single host)."""
    return jax.process_count()


def is_primary() -> bool:
    """Whether this process writes the run's shared files (config, events, TensorBoard): process 0."""
    return jax.process_index() == 0


def evaluation_devices(config: ml_collections.ConfigDict) -> list[jax.Device]:
    """The devices candidates are evaluated on here, one worker each: every local device by default, or
    `config.distributed.evaluation_workers` workers placed round-robin on the local devices."""
    local = jax.local_devices()
    workers = settings(config).evaluation_workers or len(local)
    return [local[index % len(local)] for index in range(workers)]


def share(items: Sequence[Any]) -> list[Any]:
    """This process's part of `items`: those at positions `process_index + k * process_count`."""
    return list(items[process_index() :: process_count()])


def owner(position: int) -> int:
    """The process that `share` gives the item at `position` to."""
    return position % process_count()


def allgather_json(value: Any, what: str = "results") -> list[Any]:
    """Every process's JSON-serialisable `value`, in process order (every process must call it, in the same
    order). Raises `DistributedError` when another process is gone."""
    if process_count() == 1:
        return [value]
    payload = np.frombuffer(json.dumps(value, sort_keys=True).encode(), np.uint8)
    with _collective(f"gathering {what}", " (did a process die? see the other processes' logs)"):
        lengths = multihost_utils.process_allgather(np.asarray(len(payload), np.int64))
        padded = np.zeros(int(np.max(lengths)), np.uint8)
        padded[: len(payload)] = payload
        gathered = multihost_utils.process_allgather(padded)
    return [
        json.loads(bytes(row[: int(length)]).decode()) for row, length in zip(gathered, lengths, strict=True)
    ]


def broadcast_json(value: Any, what: str = "a decision") -> Any:
    """Process 0's JSON-serialisable `value`, on every process (the others' `value` is ignored)."""
    if process_count() == 1:
        return value
    return allgather_json(value if is_primary() else None, what)[0]


def broadcast_arrays(tree: Any, what: str = "arrays") -> Any:
    """Process 0's pytree of arrays (same shapes on every process), as numpy arrays on every process."""
    if process_count() == 1:
        return tree
    with _collective(f"receiving {what}"):
        return multihost_utils.broadcast_one_to_all(tree)


def check_same(text: str, what: str) -> None:
    """Raises `DistributedError` unless every process passes the same `text` (compared by SHA-256)."""
    if process_count() == 1:
        return
    digests = allgather_json(hashlib.sha256(text.encode()).hexdigest(), what)
    if len(set(digests)) > 1:
        differing = [index for index, digest in enumerate(digests) if digest != digests[0]]
        raise DistributedError(
            f"the processes disagree on {what} (processes {differing} differ from process 0); a multi-host run "
            "needs the same config, code and package versions on every host"
        )
