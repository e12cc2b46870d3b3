"""Faults a long run meets, injected for real: the disk filling up under a running search (a size-limited tmpfs
mounted for the test), and a journal whose last line was cut. The run stops with one clear line and a resume
loses no finished candidate. (A worker killed mid-build: tests/test_sandbox_isolation.py; the search killed
during an Orbax save: tests/test_search.py.)"""

from __future__ import annotations

import errno
import json
import logging
import os
import subprocess
import threading
import time

import pytest

from evojax_nas.checkpointing import (
    RunConfigMismatch,
    RunStore,
    config_to_json,
    disk_full,
    quiet_disk_full_tracebacks,
)
from evojax_nas.json_lines import read_json_lines
from tests.conftest import REPO_ROOT, load_config
from tests.test_search import _archive, _finish, _mutation_arguments, _run, _start

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")


@pytest.fixture(scope="module")
def seeds_dir(tmp_path_factory):
    """One seed, the fastest to train (the MLP)."""
    directory = tmp_path_factory.mktemp("seeds")
    for name in ("mlp",):
        (directory / f"{name}.py").write_text((REPO_ROOT / "seeds" / "mnist1d" / f"{name}.py").read_text())
    return directory


@pytest.fixture
def small_disk(tmp_path):
    """A 64 MiB tmpfs of its own, unmounted after the test."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount_point)], check=True)
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _journal_records(workdir) -> dict[tuple[int, int], dict]:
    path = workdir / "journal.jsonl"
    records = {}
    if path.exists():
        for line in path.read_text(errors="replace").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            records[(record["round"], record["index"])] = record
    return records


def _fill_when(disk, workdir, records_needed: int, stop: threading.Event) -> None:
    """Waits until the journal holds `records_needed` candidates, then fills the disk to the last byte."""
    while not stop.is_set() and len(_journal_records(workdir)) < records_needed:
        time.sleep(0.02)
    if stop.is_set():
        return
    with open(disk / "ballast", "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * (1 << 20))
                handle.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC
    try:  # the last partial megabyte (the file itself may not fit any more)
        with open(disk / "ballast_small", "wb") as handle:
            while True:
                handle.write(b"\0" * 512)
                handle.flush()
    except OSError as error:
        assert error.errno == errno.ENOSPC


def _run_until_the_disk_fills(disk, workdir, arguments, records_before_fill: int) -> dict:
    """Runs the search while a thread fills the disk once `records_before_fill` candidates are journaled;
    checks the run stopped with one clear line; frees the disk; returns the journal as it was left."""
    stop = threading.Event()
    filler = threading.Thread(target=_fill_when, args=(disk, workdir, records_before_fill, stop))
    filler.start()
    try:
        failed = _finish(_start(arguments))
    finally:
        stop.set()
        filler.join()
    last_line = failed.stderr.strip().splitlines()[-1]
    assert failed.returncode == 1, failed.stderr[-3000:]
    assert last_line.startswith("error: no space left on device while writing the run"), failed.stderr[-3000:]
    assert "Traceback" not in failed.stderr, failed.stderr[-3000:]
    for ballast in disk.glob("ballast*"):
        ballast.unlink()
    return _journal_records(workdir)


@needs_root
def test_full_disk_stops_the_run_with_one_line_and_resume_loses_nothing(small_disk, seeds_dir):
    """A small smoke search: 1 seed, then one round of 2 samples. The disk fills first once the seed is
    journaled (the step-0 checkpoint, or the event line written just before it, is the write that fails), then,
    after a resume, once the round's first candidate is journaled (the next journal append fails mid-round).
    A last resume finishes the run; every candidate journaled before a failure is in the final archive with
    the same result (not trained again)."""
    workdir = small_disk / "run"
    arguments = _mutation_arguments(
        workdir,
        seeds_dir,
        "--config.search.rounds=1",
        "--config.search.prompts_per_round=1",
        "--config.search.num_parents=1",
        "--config.search.population_size=1",
        "--config.search.tournament_size=1",
    )
    after_seeds = _run_until_the_disk_fills(small_disk, workdir, arguments, records_before_fill=1)
    assert len(after_seeds) >= 1
    mid_round = _run_until_the_disk_fills(small_disk, workdir, arguments, records_before_fill=2)
    assert len(mid_round) >= 2 and all(key in mid_round for key in after_seeds)

    resumed = _run(arguments)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert json.loads(resumed.stdout.strip().splitlines()[-1])["finished"]
    _, archive = _archive(workdir)
    in_archive = {
        (round_index, index): (status, accuracy) for round_index, index, _, status, _, accuracy in archive
    }
    for key, record in mid_round.items():
        result = record.get("result", record)
        assert in_archive[key] == (result["status"], result.get("val_accuracy")), key


def test_torn_last_journal_line_is_ignored_with_a_warning(tmp_path, capsys):
    store = RunStore(tmp_path)
    store.append_journal({"round": 0, "index": 0, "key": "a", "status": "ok"})
    store.append_journal({"round": 0, "index": 1, "key": "b", "status": "ok"})
    path = tmp_path / "journal.jsonl"
    path.write_bytes(
        path.read_bytes()[:-9]
    )  # the last line cut mid-record, as a kill or a full disk leaves it
    records = store.read_journal()
    assert list(records) == [(0, 0)]
    assert "line 2 is incomplete" in capsys.readouterr().err
    store.append_journal({"round": 0, "index": 1, "key": "b", "status": "ok"})  # the redone candidate
    assert sorted(store.read_journal()) == [(0, 0), (0, 1)]


def test_json_lines_reader_numbers_values_and_torn_lines():
    text = '{"a": 1}\n\n{"a": 2, "b"\n[3]\n{"a": 4'
    values, torn = read_json_lines(text)
    assert values == [(1, {"a": 1}), (4, [3])]
    assert torn == [3, 5]


def test_disk_full_is_recognised_through_wrapping_errors():
    cause = OSError(errno.ENOSPC, "No space left on device")
    try:
        try:
            raise cause
        except OSError as error:
            raise RuntimeError("checkpoint save failed") from error
    except RuntimeError as wrapped:
        assert disk_full(wrapped)
    assert not disk_full(RuntimeError("something else"))
    assert disk_full(OSError(errno.EDQUOT, "Disk quota exceeded"))


def test_a_full_disk_logged_by_a_background_writer_leaves_no_traceback(capsys):
    """Orbax's metadata writer thread logs its error through absl with a traceback before the main thread
    re-raises it (the CI run of 2026-12-02 saw that traceback under the one-line message): the filter drops
    disk-full records and keeps every other one."""
    from absl import logging as absl_logging

    quiet_disk_full_tracebacks()
    quiet_disk_full_tracebacks()  # idempotent
    assert sum(type(f).__name__ == "_DropDiskFullTracebacks" for f in logging.getLogger("absl").filters) == 1
    absl_logging.use_absl_handler()
    for error in (OSError(errno.ENOSPC, "No space left on device"), ValueError("a real bug")):
        try:
            raise error
        except Exception:  # noqa: BLE001 - logged as Orbax's thread does
            absl_logging.exception("_SignalingThread.run() raised an exception: %s", error)
    stderr = capsys.readouterr().err
    assert "a real bug" in stderr and "Traceback" in stderr
    assert "No space left on device" not in stderr


def test_workdir_made_before_the_safety_fields_resumes_with_a_warning(tmp_path, capsys):
    """A run saved before train.max_seconds, train.time_projection_margin, budget.max_loop_iterations,
    sandbox.filesystem and search.max_resamples existed resumes with their current values; any other difference is still refused."""
    config = load_config("mnist1d", "smoke")
    saved = config_to_json(config)
    for section, field in (
        ("train", "max_seconds"),
        ("train", "time_projection_margin"),
        ("budget", "max_loop_iterations"),
        ("sandbox", "filesystem"),
    ):
        del saved[section][field]
    del saved["search"]["max_resamples"]
    store = RunStore(tmp_path)
    store.config_path.write_text(json.dumps(saved))
    store.append_journal({"round": 0, "index": 0, "key": "a", "result": {"status": "ok"}})
    assert store.check_or_save_config(config)
    assert "made before budget.max_loop_iterations" in capsys.readouterr().err
    config.train.steps += 1
    with pytest.raises(RunConfigMismatch, match="train.steps"):
        store.check_or_save_config(config)
