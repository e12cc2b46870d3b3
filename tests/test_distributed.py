"""Scale-out: the smoke search on 4 (virtual CPU) devices and as 2 jax.distributed processes on localhost gives
the same population as on 1 device; a dead process makes its peer exit with a clear error instead of hanging.

Real subprocesses, real sandboxed training, real Orbax checkpoints and gloo collectives; no mocks. All runs pin
`NPROC=4`: XLA:CPU sizes its thread pool max(cores, devices), and the summation order of its multi-threaded
convolution gradients follows the pool size, so on this 2-core machine a 4-device process would otherwise differ
from a 1-device one by rounding (docs/scaling.md); with the pool pinned, only placement and topology differ.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO_ROOT
from tests.test_search import (
    RUN_TIMEOUT,
    _archive,
    _arguments,
    _finish,
    _kill_if_running,
    _mutation_arguments,
    _summary,
)


@pytest.fixture(scope="module")
def seeds_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("seeds")
    for name in ("cnn", "mlp"):
        shutil.copy(REPO_ROOT / "seeds" / "mnist1d" / f"{name}.py", directory / f"{name}.py")
    return directory


def _environment(devices: int = 1) -> dict[str, str]:
    return dict(
        os.environ,
        NPROC="4",
        JAX_PLATFORMS="cpu",
        XLA_FLAGS=f"--xla_force_host_platform_device_count={devices}",
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def _start_with(arguments, environment):
    return subprocess.Popen(
        arguments,
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
        start_new_session=True,  # its own process group: a kill takes its children with it
    )


def _distributed_flags(port, process_id):
    return (
        "--config.distributed.enabled=True",
        f"--config.distributed.coordinator_address=localhost:{port}",
        "--config.distributed.num_processes=2",
        f"--config.distributed.process_id={process_id}",
        "--config.distributed.initialization_timeout=120",
    )


def _process_arguments(workdir, seeds_dir, port, process_id, *extra):
    return _mutation_arguments(workdir, seeds_dir, *_distributed_flags(port, process_id), *extra)


@pytest.fixture(scope="module")
def topologies(tmp_path_factory, seeds_dir):
    """The same smoke search (mutation method, real training) on 1 device, on 4 devices of one process (the
    process splits its CPU into 4 with `config.distributed.cpu_devices`), and as 2 processes sharing a workdir,
    all at once. Returns {name: (workdir, [summaries], seconds, [stderr texts])}."""
    root = tmp_path_factory.mktemp("topologies")
    port = _free_port()
    started = time.monotonic()
    processes = {
        "one": [_start_with(_mutation_arguments(root / "one", seeds_dir), _environment(1))],
        "four": [
            _start_with(
                _mutation_arguments(root / "four", seeds_dir, "--config.distributed.cpu_devices=4"),
                _environment(1),
            )
        ],
        "two_processes": [
            _start_with(_process_arguments(root / "two", seeds_dir, port, index), _environment(1))
            for index in range(2)
        ],
    }
    workdirs = {"one": root / "one", "four": root / "four", "two_processes": root / "two"}
    results = {}
    try:
        for name, group in processes.items():
            completed = [_finish(process) for process in group]
            summaries = [_summary(done) for done in completed]
            results[name] = (
                workdirs[name],
                summaries,
                time.monotonic() - started,
                [c.stderr for c in completed],
            )
    finally:
        _kill_if_running(*(process for group in processes.values() for process in group))
    return results


def test_four_devices_give_the_same_population_as_one(topologies):
    one_dir, (one,), *_ = topologies["one"]
    four_dir, (four,), _, (stderr,) = topologies["four"]
    assert "evaluating 4 candidates at once, on cpu:0, cpu:1, cpu:2, cpu:3" in stderr
    assert one["finished"] and one["samples"] == one["budget"] == 8 and one["ok"] >= 1
    assert four["final_population"] == one["final_population"]
    state, archive = _archive(four_dir)
    reference_state, reference_archive = _archive(one_dir)
    assert archive == reference_archive
    assert (
        state.population.parents == reference_state.population.parents
        and state.final == reference_state.final
    )


def test_two_processes_give_the_same_population_as_one(topologies):
    one_dir, (one,), *_ = topologies["one"]
    two_dir, summaries, *_ = topologies["two_processes"]
    assert [s["final_population"] for s in summaries] == [one["final_population"]] * 2
    assert _archive(two_dir)[1] == _archive(one_dir)[1]
    # Each process journaled its own share; together they cover every trained sample once.
    journals = [two_dir / "journal.jsonl", two_dir / "journal.process1.jsonl"]
    keys = [
        [(json.loads(line)["round"], json.loads(line)["index"]) for line in path.read_text().splitlines()]
        for path in journals
    ]
    assert all(keys) and not set(keys[0]) & set(keys[1])
    assert sorted(keys[0] + keys[1]) == sorted(
        (row[0], row[1]) for row in _archive(one_dir)[1] if row[3] != "duplicate"
    )
    # Shared files were written once, by process 0; Orbax wrote each checkpoint once.
    events = [json.loads(line)["event"] for line in (two_dir / "events.jsonl").read_text().splitlines()]
    assert events.count("start") == 1 and events.count("round") == 2 and events[-1] == "finished"
    assert sorted(p.name for p in (two_dir / "checkpoints").iterdir()) == ["0", "1", "2"]


def test_run_from_before_the_distributed_section_opens_on_two_processes(topologies, tmp_path, seeds_dir):
    """A finished 1-device workdir whose config.json predates `config.distributed`, opened by 2 processes: the
    config check passes (distributed settings do not change the search) and both processes see it finished."""
    one_dir, (one,), *_ = topologies["one"]
    workdir = tmp_path / "old"
    shutil.copytree(one_dir, workdir)
    saved = json.loads((workdir / "config.json").read_text())
    del saved["distributed"]
    (workdir / "config.json").write_text(json.dumps(saved))
    port = _free_port()
    group = [
        _start_with(_process_arguments(workdir, seeds_dir, port, index), _environment(1))
        for index in range(2)
    ]
    summaries = [_summary(_finish(process, timeout=120)) for process in group]
    assert all(s["already_finished"] for s in summaries)
    assert [s["final_population"] for s in summaries] == [one["final_population"]] * 2


@pytest.fixture(scope="module")
def tiny_lm_dir(tmp_path_factory):
    from tests.lm.conftest import _train_tokenizer, write_random_llama

    return write_random_llama(str(tmp_path_factory.mktemp("tiny_lm")), _train_tokenizer(384))


def test_lm_search_on_two_processes_and_on_four_devices_gives_the_one_device_run(
    tmp_path, seeds_dir, tiny_lm_dir
):
    """EvoPrompting with a tiny random LM, one prompt per sampling call, one round: as 2 processes (process k
    samples the chunks k, k+2, ...) and on 4 devices of one process (sampling rows split over the devices), the
    samples (sources, prompts, temperatures) and the archive equal those of 1 process on 1 device. (The tiny LM
    writes no trainable child, so nothing is tuned here; tuning on 4 devices: tests/lm/test_sharding.py.)"""
    lm_flags = (
        f"--config.lm.checkpoint={tiny_lm_dir}",
        "--config.lm.prompts_per_call=1",
        "--config.search.rounds=1",
    )
    port = _free_port()
    one = _start_with(_arguments(tmp_path / "one", seeds_dir, *lm_flags), _environment(1))
    four = _start_with(_arguments(tmp_path / "four", seeds_dir, *lm_flags), _environment(4))
    group = [
        _start_with(
            _arguments(tmp_path / "two", seeds_dir, *_distributed_flags(port, index), *lm_flags),
            _environment(1),
        )
        for index in range(2)
    ]
    reference = _summary(_finish(one))
    summaries = [_summary(_finish(process)) for process in [four, *group]]
    assert reference["samples"] == 4 and [s["samples"] for s in summaries] == [4, 4, 4]
    reference_state, reference_archive = _archive(tmp_path / "one")
    reference_children = [
        (i.temperature, i.prompt_id, i.source) for i in reference_state.population.archive if i.round >= 0
    ]
    for name in ("two", "four"):
        state, archive = _archive(tmp_path / name)
        assert archive == reference_archive, name
        assert state.population.prompts == reference_state.population.prompts, name
        children = [(i.temperature, i.prompt_id, i.source) for i in state.population.archive if i.round >= 0]
        assert children == reference_children, name


def _hybrid_choices(workdir):
    from evojax_nas.search import restore_state

    state = restore_state(workdir)
    samples = [(i.round, i.sample_index, i.origin, i.key, i.status) for i in state.population.archive]
    return samples, state.bandit


def test_hybrid_choices_are_the_same_on_two_devices_after_a_sigkill(tmp_path, seeds_dir, tiny_lm_dir):
    """The hybrid method (tiny LM arm, real program mutation and crossover, real training) on 1 device, and on 2
    devices killed with SIGKILL after its first round's checkpoint then resumed: every slot's arm, every child
    and the bandit's posteriors are the same."""
    flags = (
        f"--config.lm.checkpoint={tiny_lm_dir}",
        "--config.search.method=hybrid",
        "--config.search.prompts_per_round=3",
    )
    one = _start_with(_arguments(tmp_path / "one", seeds_dir, *flags), _environment(1))
    two = _start_with(_arguments(tmp_path / "two", seeds_dir, *flags), _environment(2))
    try:
        deadline = time.monotonic() + RUN_TIMEOUT
        first_round_saved = tmp_path / "two" / "checkpoints" / "1"
        while time.monotonic() < deadline and two.poll() is None and not first_round_saved.exists():
            time.sleep(0.2)
        assert two.poll() is None, "the run ended before it could be killed"
        os.killpg(two.pid, signal.SIGKILL)
        two.wait()
        resumed = _finish(_start_with(_arguments(tmp_path / "two", seeds_dir, *flags), _environment(2)))
        reference = _summary(_finish(one))
    finally:
        _kill_if_running(one, two)
    assert "resuming" in resumed.stderr
    assert reference["samples"] == 12 and set(reference["arms"]) == {
        "lm",
        "program_mutation",
        "program_crossover",
    }
    samples, posterior = _hybrid_choices(tmp_path / "one")
    assert posterior is not None and len({origin.split(":")[0] for _, _, origin, _, _ in samples[2:]}) >= 2
    assert _summary(resumed)["arms"] == reference["arms"]
    assert _hybrid_choices(tmp_path / "two") == (samples, posterior)


def test_killed_process_makes_its_peer_exit_with_a_clear_error(tmp_path, seeds_dir, topologies):
    """Process 1 is killed mid-run: process 0 stops with a clear error instead of hanging; the workdir then
    resumes on 1 process with 4 devices, reuses process 1's journal, and ends with the 1-device population."""
    port = _free_port()
    workdir = tmp_path / "killed"
    extra = ("--config.distributed.heartbeat_timeout=10",)
    survivor = _start_with(_process_arguments(workdir, seeds_dir, port, 0, *extra), _environment(1))
    victim = _start_with(_process_arguments(workdir, seeds_dir, port, 1, *extra), _environment(1))
    try:
        deadline = time.monotonic() + RUN_TIMEOUT
        journal = workdir / "journal.process1.jsonl"
        while time.monotonic() < deadline and victim.poll() is None and not journal.exists():
            time.sleep(0.2)
        assert victim.poll() is None, victim.communicate()[1][-2000:]
        os.killpg(victim.pid, signal.SIGKILL)  # mid-run: process 1 has evaluated a seed
        killed_at = time.monotonic()
        try:
            _, stderr = survivor.communicate(timeout=90)
        except subprocess.TimeoutExpired:
            pytest.fail("process 0 still runs 90 s after its peer was killed")
        waited = time.monotonic() - killed_at
    finally:
        _kill_if_running(survivor, victim)
    assert survivor.returncode != 0
    assert "another task died" in stderr or "lost contact with another process" in stderr, stderr[-3000:]
    print(f"process 0 exited {waited:.1f} s after process 1 was killed (rc {survivor.returncode})")

    journaled = journal.read_text()
    resumed = _finish(_start_with(_mutation_arguments(workdir, seeds_dir), _environment(4)))
    one_dir, (one,), *_ = topologies["one"]
    assert _summary(resumed)["final_population"] == one["final_population"]
    assert _archive(workdir)[1] == _archive(one_dir)[1]
    assert journal.read_text() == journaled  # a resumed single process writes journal.jsonl only
    trained_once = [
        line for path in (workdir / "journal.jsonl", journal) for line in path.read_text().splitlines()
    ]
    keys = [(json.loads(line)["round"], json.loads(line)["index"]) for line in trained_once]
    assert len(keys) == len(set(keys))  # nothing process 1 journaled was trained again


def test_distributed_settings_are_checked_and_default_to_one_worker_per_local_device():
    import jax

    from evojax_nas import distributed
    from evojax_nas.tasks.base import ConfigError
    from tests.conftest import load_config

    config = load_config("mnist1d", "smoke")
    assert distributed.evaluation_devices(config) == jax.local_devices()
    config.distributed.evaluation_workers = 3
    assert distributed.evaluation_devices(config) == [
        jax.local_devices()[i % jax.local_device_count()] for i in range(3)
    ]
    for name, value in (
        ("evaluation_workers", -1),
        ("process_id", -2),
        ("heartbeat_timeout", 0),
        ("cpu_devices", -1),
        ("cpu_devices", True),
    ):
        bad = load_config("mnist1d", "smoke")
        bad.distributed[name] = value
        with pytest.raises(ConfigError, match=f"config.distributed.{name}"):
            distributed.validate(bad)
    # This process runs JAX already: its own device count passes, another one is refused with the field's name.
    distributed.use_cpu_devices(len(jax.devices("cpu")))
    with pytest.raises(
        ConfigError, match="config.distributed.cpu_devices=3 can only be applied before JAX starts"
    ):
        distributed.use_cpu_devices(3)
    del config.distributed  # a config from before the section: the defaults
    assert distributed.settings(config).enabled is False
    # One process: everything is this process's share, and gathers return this process's value.
    assert distributed.share([1, 2, 3]) == [1, 2, 3] and distributed.allgather_json({"a": 1}) == [{"a": 1}]
    assert distributed.broadcast_json([1.5, None]) == [1.5, None]


def test_each_process_journals_apart_and_a_resume_reads_every_journal(tmp_path):
    from evojax_nas.checkpointing import RunStore

    stores = [RunStore(tmp_path, process_index=index) for index in (0, 1, 12)]
    for index, store in enumerate(stores):
        store.append_journal({"round": 0, "index": index, "key": f"k{index}", "result": {}})
        store.append_event({"event": f"from process {store.process_index}"})
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["events.jsonl", "journal.jsonl", "journal.process1.jsonl", "journal.process12.jsonl"]
    assert (tmp_path / "events.jsonl").read_text().count("from process") == 1  # process 0 only
    assert [path.name for path in stores[1].journal_paths()][-1] == "journal.process12.jsonl"
    assert sorted(RunStore(tmp_path).read_journal()) == [(0, 0), (0, 1), (0, 2)]


_DEVICE_REPORT = """
import json, sys
import jax
from evojax_nas import distributed
from tests.conftest import load_config

config = load_config("mnist1d", sys.argv[1])
distributed.prepare_devices(config)
print(json.dumps([len(jax.local_devices()), len(distributed.lm_devices(config)),
                  len(distributed.evaluation_devices(config))]))
"""


@pytest.mark.parametrize(
    ("preset", "forced", "expected"),
    [("cpu", 1, [2, 1, 2]), ("smoke", 1, [1, 1, 1]), ("smoke", 2, [2, 2, 2])],
)
def test_cpu_devices_split_the_cpu_for_evaluation_and_keep_the_lm_on_one(preset, forced, expected):
    """The cpu preset's `cpu_devices=2` gives a fresh process 2 CPU devices: two evaluation workers, the LM on the
    first; without it, devices forced by XLA_FLAGS all serve the LM (its rows split over them) as before."""
    completed = subprocess.run(
        [sys.executable, "-c", _DEVICE_REPORT, preset],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env=_environment(forced),
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert json.loads(completed.stdout.splitlines()[-1]) == expected
