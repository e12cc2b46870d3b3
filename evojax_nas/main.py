"""Runs an EvoPrompting search (or a baseline) in a workdir; running it again resumes where it stopped.

    python -m evojax_nas.main --config=configs/mnist1d.py:cpu --workdir=runs/mnist1d_cpu
    python -m evojax_nas.main --config=configs/mnist1d.py:cpu --workdir=runs/b --config.search.method=mutation

Progress goes to stderr (progress bars and one line per round); the last line of stdout is one JSON summary
(counts, the final population). Exit code 0 when the search finished (also when it already had); 2 with a
one-line message for a bad flag or config value, a missing LM checkpoint, or a resume with a config that would
change the search; 1 with a one-line message when the processes of a multi-host run lose each other.

Multi-host (README "Scaling up"): the same command on every host, with `--config.distributed.enabled=True` (and,
off a TPU VM slice, `--config.distributed.coordinator_address=host:port`, `num_processes`, `process_id`).
"""

from __future__ import annotations

import os
import sys

from absl import app, flags
from ml_collections import config_flags

from evojax_nas.cli import exit_with_usage_error, one_line, parse_flags, print_json_line, start_command

_CONFIG = config_flags.DEFINE_config_file(
    "config", None, "Task and search config, e.g. configs/mnist1d.py:cpu."
)
_WORKDIR = flags.DEFINE_string("workdir", None, "Directory of the run: checkpoints, journal, logs, report.")


def main(argv: list[str]) -> None:
    """Parses flags, runs or resumes the search, prints the summary."""
    config = start_command(argv, _CONFIG, [(_WORKDIR, "the directory of the run")])

    # Deferred until the flags are read, so that --help and usage errors stay fast: the search loads JAX, the
    # evaluator and (through evojax_nas.lm) transformers.
    from evojax_nas import distributed, search
    from evojax_nas.checkpointing import disk_full, quiet_disk_full_tracebacks

    quiet_disk_full_tracebacks()
    try:
        distributed.initialize(config)  # before anything else touches JAX's devices
        summary = search.run(config, _WORKDIR.value)
    except search.USAGE_ERRORS as error:
        exit_with_usage_error(str(error))
    except distributed.DistributedError as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
        sys.stdout.flush()
        # A peer is gone: JAX's exit-time shutdown barrier would wait for it until the heartbeat timeout, then
        # abort. The workdir is already closed (checkpoints are written synchronously) and the sandboxes stopped.
        os._exit(1)
    except Exception as error:
        if not disk_full(error):
            raise
        print(
            f"error: no space left on device while writing the run in {_WORKDIR.value} "
            f"({type(error).__name__}: {one_line(error)}); free some space and run the same command again to "
            "resume: every finished candidate is kept in the journal",
            file=sys.stderr,
            flush=True,
        )
        sys.stdout.flush()
        # Not sys.exit: the TensorBoard writer's exit handler would try to flush onto the full disk and print
        # tracebacks. Checkpoints and the journal are written synchronously, so nothing is left to flush.
        os._exit(1)
    if summary.get("already_finished"):
        print(
            f"the run in {_WORKDIR.value} is already finished ({summary['rounds']} rounds, "
            f"{summary['samples']} samples); nothing to do",
            file=sys.stderr,
        )
    else:
        print(
            f"finished: {summary['rounds']} rounds, {summary['samples']} samples in {_WORKDIR.value}",
            file=sys.stderr,
        )
    print_json_line(summary)


if __name__ == "__main__":
    app.run(main, flags_parser=parse_flags)
