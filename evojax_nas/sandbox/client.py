"""The evaluating process's side of the sandbox: starts, feeds, supervises and replaces the worker."""

from __future__ import annotations

import dataclasses
import os
import select
import signal
import subprocess
import sys
import threading
import time

from evojax_nas.sandbox import protocol
from evojax_nas.sandbox.isolation import SandboxLimits

# Environment variables the worker may see; everything else (tokens, credentials, proxies) is dropped.
_PASSED_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
_STARTUP_SECONDS = 120.0
_SUPERVISION_MARGIN_SECONDS = 30.0


@dataclasses.dataclass
class BuildResult:
    """What the sandbox returned for one program: status, reason, metadata and exported artifacts."""

    status: str
    reason: str
    metadata: dict
    artifacts: dict[str, bytes]
    seconds: float


def worker_environment() -> dict[str, str]:
    """A minimal environment for the worker: no secrets, CPU-only JAX, the package importable."""
    package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    environment = {name: os.environ[name] for name in _PASSED_ENVIRONMENT if name in os.environ}
    environment.update(
        HOME="/nonexistent",
        PYTHONPATH=package_root,
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONHASHSEED="0",
        JAX_PLATFORMS="cpu",
        TF_CPP_MIN_LOG_LEVEL="3",
        XLA_FLAGS="--xla_force_host_platform_device_count=1",
    )
    return environment


class SandboxClient:
    """Builds candidate programs in an isolated worker process and returns their exported artifacts.

    One worker serves requests one at a time. If it dies or stops answering it is killed and a new one is
    started on the next request; the caller gets a 'failed' result for the candidate that was in flight.
    """

    def __init__(self, task: str, limits: SandboxLimits, builder_module: str | None = None):
        self.task = task
        self.builder_module = builder_module
        self.limits = limits
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self.restarts = 0

    def _start(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "evojax_nas.sandbox.worker", f"--task={self.task}"]
            + ([f"--builder={self.builder_module}"] if self.builder_module else []),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=worker_environment(),
            cwd="/",
            start_new_session=True,
        )
        header, _ = self._receive(_STARTUP_SECONDS)
        if header.get("status") != "ready":
            raise RuntimeError(f"sandbox worker for task '{self.task}' did not start: {header}")

    def _receive(self, timeout: float) -> tuple[dict, dict[str, bytes]]:
        assert self._process is not None and self._process.stdout is not None
        ready, _, _ = select.select([self._process.stdout], [], [], timeout)
        if not ready:
            raise TimeoutError(f"sandbox worker did not answer within {timeout:g} s")
        return protocol.read_message(self._process.stdout, self.limits.max_result_bytes + (1 << 20))

    def _kill(self) -> None:
        if self._process is not None:
            try:
                os.killpg(self._process.pid, 9)
            except (ProcessLookupError, PermissionError):
                pass
            self._process.wait()
            self._process = None

    def build(self, source: str, build_config: dict) -> BuildResult:
        """Checks, executes, traces and exports `source` in the sandbox; never raises for a bad program."""
        with self._lock:
            started = time.monotonic()
            request = {
                "source": source,
                "build_config": build_config,
                "limits": dataclasses.asdict(self.limits),
            }
            try:
                if self._process is None or self._process.poll() is not None:
                    if self._process is not None:
                        self.restarts += 1
                    self._start()
                assert self._process is not None and self._process.stdin is not None
                protocol.write_message(self._process.stdin, request)
                header, blobs = self._receive(self.limits.wall_seconds + _SUPERVISION_MARGIN_SECONDS)
            except (OSError, TimeoutError, protocol.ProtocolError, RuntimeError) as error:
                code = self._process.poll() if self._process is not None else None
                self._kill()
                self.restarts += 1
                detail = str(error)
                if code is not None and code < 0:
                    detail = f"it was killed by {signal.Signals(-code).name} during the build"
                elif code is not None:
                    detail = f"it exited with code {code} during the build"
                reason = f"sandbox worker failed and was replaced: {detail}"
                return BuildResult("failed", reason, {}, {}, time.monotonic() - started)
            status = header.pop("status", "failed")
            reason = header.pop("reason", "")
            return BuildResult(status, reason, header, blobs, time.monotonic() - started)

    def close(self) -> None:
        """Stops the worker."""
        with self._lock:
            if self._process is not None and self._process.stdin is not None:
                try:
                    self._process.stdin.close()
                    self._process.wait(timeout=5)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            self._kill()

    def __enter__(self) -> SandboxClient:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
