"""Defence in depth: code that slipped past the policy still cannot write outside its scratch space, read
secrets, reach the network, leave processes behind or regain privileges. Also: a dead worker is replaced."""

from __future__ import annotations

import os
import pathlib
import socket
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
    from evojax_nas.tasks.mnist1d import MNIST1DTask

    task = MNIST1DTask()
    source = (REPO_ROOT / "seeds" / "mnist1d" / "mlp.py").read_text()
    with SandboxClient("mnist1d", sandbox_limits(smoke_config)) as client:
        assert client.build(source, task.build_config(smoke_config)).status == "ok"
        os.killpg(client._process.pid, 9)
        client._process.wait()
        result = client.build(source, task.build_config(smoke_config))
        assert result.status == "ok", result.reason
        assert client.restarts == 1
