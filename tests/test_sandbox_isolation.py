"""Defence in depth: code that slipped past the policy still cannot write outside its scratch space, read
secrets, reach the network, leave processes behind or regain privileges. Also: a dead worker is replaced."""

from __future__ import annotations

import os
import pathlib
import socket
import sys
import time
import uuid

import pytest

from evojax_nas.sandbox.client import SandboxClient
from evojax_nas.sandbox.isolation import SandboxLimits

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
SECRET_VARIABLE = "EVOJAX_NAS_TEST_SECRET_TOKEN"

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0, reason="full isolation is checked where the tests run as root"
)


@pytest.fixture(scope="module")
def escape_client():
    os.environ[SECRET_VARIABLE] = "hunter2"
    client = SandboxClient(
        "mnist1d", SandboxLimits(wall_seconds=30), builder_module="tests.sandbox_escape_builder"
    )
    yield client
    client.close()
    os.environ.pop(SECRET_VARIABLE, None)


def attack(client: SandboxClient, **config) -> dict:
    result = client.build("x = 1\n", config)
    assert result.status == "ok", result.reason
    return result.metadata["outcome"]


def test_writes_outside_scratch_are_blocked(escape_client, tmp_path):
    marker = uuid.uuid4().hex
    targets = [
        str(REPO_ROOT / f"escape_{marker}"),
        f"/root/escape_{marker}",
        f"/var/tmp/escape_{marker}",  # allowed, but lands on the sandbox's private tmpfs
        f"/tmp/escape_{marker}",  # likewise
        str(tmp_path / "escape"),  # likewise (pytest's tmp_path lives under /tmp)
    ]
    outcome = attack(escape_client, attack="write_files", paths=targets)
    for path in targets[:2]:
        assert outcome[path].startswith("blocked"), (path, outcome[path])
    for path in targets:
        assert not os.path.exists(path), f"{path} leaked out of the sandbox"


def test_secrets_are_not_readable(escape_client):
    secret_file = pathlib.Path("/root") / f".evojax_nas_secret_{uuid.uuid4().hex}"
    secret_file.write_text("secret")
    secret_file.chmod(0o600)
    try:
        outcome = attack(escape_client, attack="read_secrets", paths=[str(secret_file), "/etc/shadow"])
    finally:
        secret_file.unlink()
    assert SECRET_VARIABLE not in outcome["environment"]
    assert outcome[str(secret_file)].startswith("blocked"), outcome
    assert outcome["/etc/shadow"].startswith("blocked"), outcome


def test_network_is_unreachable(escape_client):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    try:
        outcome = attack(escape_client, attack="network", port=server.getsockname()[1])
    finally:
        server.close()
    assert outcome["connect"].startswith("blocked"), outcome


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if marker in pathlib.Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry))
            except OSError:
                pass
    return found


def test_spawned_processes_do_not_outlive_the_sandbox(escape_client):
    marker = f"evojax-{uuid.uuid4().hex}"
    outcome = attack(escape_client, attack="spawn", marker=marker)
    time.sleep(0.5)
    assert _processes_with(marker) == [], outcome


def test_privileges_cannot_be_regained(escape_client):
    outcome = attack(escape_client, attack="privileges")
    assert outcome["setuid"].startswith("blocked"), outcome
    assert outcome["remount"].startswith("blocked"), outcome
    assert outcome["uid"] == "65534"


def test_dead_worker_is_replaced(smoke_config):
    from evojax_nas.evaluator import sandbox_limits
    from evojax_nas.tasks.mnist1d.task import MNIST1DTask

    task = MNIST1DTask()
    source = (REPO_ROOT / "seeds" / "mnist1d" / "mlp.py").read_text()
    with SandboxClient("mnist1d", sandbox_limits(smoke_config)) as client:
        assert client.build(source, task.build_config(smoke_config)).status == "ok"
        os.killpg(client._process.pid, 9)
        client._process.wait()
        result = client.build(source, task.build_config(smoke_config))
        assert result.status == "ok", result.reason
        assert client.restarts == 1


def test_minimal_filesystem_view_shows_only_python_and_the_package(escape_client):
    """No checkout, workdir, home directory or /etc: the root holds the Python installation, the system
    libraries, the package directory, device files, a private /proc and the scratch."""
    outcome = attack(escape_client, attack="list_directories", paths=["/", str(REPO_ROOT), "/etc", "/home"])
    root = eval(outcome["/"].removeprefix("succeeded: "))  # noqa: S307 - a list literal written by repr()
    assert "etc" not in root and "home" not in root and "var" not in root, root
    assert {"dev", "proc", "tmp"} <= set(root), root
    # In the checkout only the package, and the Python installation where it lives there (CI's .ci-venv).
    checkout = eval(outcome[str(REPO_ROOT)].removeprefix("succeeded: "))  # noqa: S307 - a repr()'d list
    installation = {
        pathlib.Path(prefix).resolve().relative_to(REPO_ROOT).parts[0]
        for prefix in (sys.prefix, sys.base_prefix)
        if pathlib.Path(prefix).resolve().is_relative_to(REPO_ROOT)
    }
    assert set(checkout) == {"evojax_nas"} | installation, outcome
    assert outcome["/etc"].startswith("blocked") and outcome["/home"].startswith("blocked"), outcome


def test_checkout_and_workdir_files_cannot_be_read(escape_client):
    workdir_file = REPO_ROOT / "runs" / f"secret_{uuid.uuid4().hex}.json"
    workdir_file.parent.mkdir(exist_ok=True)
    workdir_file.write_text("secret")
    try:
        paths = [str(REPO_ROOT / "README.md"), str(workdir_file), "/etc/passwd", "/etc/hostname"]
        outcome = attack(escape_client, attack="read_secrets", paths=paths)
    finally:
        workdir_file.unlink()
    for path in paths:
        assert outcome[path].startswith("blocked"), (path, outcome[path])


def test_numpy_writers_and_readers_reach_nothing_of_the_host(escape_client):
    marker = uuid.uuid4().hex
    base = str(REPO_ROOT / f"escape_{marker}")
    outcome = attack(escape_client, attack="numpy_writers", base=base, secret=str(REPO_ROOT / "README.md"))
    for name, result in outcome.items():
        assert result.startswith("blocked"), (name, result)
    assert not list(REPO_ROOT.glob(f"escape_{marker}*"))


def test_worker_killed_mid_build_fails_the_candidate_and_is_replaced(smoke_config):
    """SIGKILL to the worker while a build is in flight: that candidate fails with a clear reason, the build's
    processes die with the worker, and the next request gets a fresh worker."""
    import threading

    from evojax_nas.evaluator import sandbox_limits

    with SandboxClient(
        "mnist1d", sandbox_limits(smoke_config), builder_module="tests.sandbox_escape_builder"
    ) as client:
        assert client.build("x = 1\n", {"attack": "list_directories", "paths": ["/"]}).status == "ok"
        worker = client._process.pid
        results = []
        thread = threading.Thread(
            target=lambda: results.append(client.build("x = 1\n", {"attack": "slow_build", "seconds": 60}))
        )
        thread.start()
        children = []
        for _ in range(100):  # wait until the build's child process exists
            children = [int(pid) for pid in _children_of(worker)]
            grandchildren = [int(pid) for child in children for pid in _children_of(child)]
            if grandchildren:  # the candidate runs in the grandchild, the first process of its PID namespace
                children += grandchildren
                break
            time.sleep(0.1)
        assert children, "the build never started"
        os.kill(worker, 9)
        thread.join(timeout=30)
        assert results and results[0].status == "failed", results
        assert "replaced" in results[0].reason
        time.sleep(1.0)
        assert not [pid for pid in children if _running(pid)], "build processes outlived the worker"
        result = client.build("x = 1\n", {"attack": "list_directories", "paths": ["/"]})
        assert result.status == "ok", result.reason
        assert client.restarts == 1


def _running(pid: int) -> bool:
    """Whether a process exists and is not a zombie waiting to be reaped by init."""
    try:
        return pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _children_of(pid: int) -> list[str]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = pathlib.Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(entry)
    return found
