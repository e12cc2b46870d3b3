"""The sandbox worker: a long-lived 'zygote' that forks one isolated child per candidate program.

Started by `evojax_nas.sandbox.client.SandboxClient` as `python -m evojax_nas.sandbox.worker --task=NAME` with
an empty environment. It imports JAX, Flax and the task's builder once (so each candidate pays no import cost),
never initialises a JAX backend itself, and then serves requests read from stdin:

    request  = header {"source", "build_config", "limits"}
    response = header {"status": "ok" | "rejected" | "failed", "reason", ...metadata} + blobs (jax.export bytes)

Each request runs in a forked child that enters new namespaces, locks the filesystem, drops privileges, sets
resource limits, executes the program with restricted builtins and lets the task builder trace and export it.
The zygote enforces the wall-clock limit, kills the child's whole process group (and with it its PID
namespace) on timeout, and reports crashes, signals and limit breaches as a failed result.
"""

from __future__ import annotations

import argparse
import importlib
import os
import select
import signal
import sys
import time
import traceback

from evojax_nas.sandbox import isolation, protocol
from evojax_nas.sandbox.policy import ContractError, PolicyViolation
from evojax_nas.sandbox.restricted import load_program
from evojax_nas.tasks.registry import builder_module_name

MAX_REQUEST_BYTES = 16 * 1024**2
LOG_TAIL_BYTES = 4096


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _describe_exception(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}".strip()
    text = " ".join(text.split())
    if isinstance(error, RecursionError):
        return "recursion limit exceeded while building the program"
    if isinstance(error, MemoryError):
        return "out of memory while building the program (address-space limit)"
    return text[:500]


def _run_candidate(request: dict, builder, result_fd: int, applied: list[str]) -> None:
    """Runs inside the isolated child: executes the program and writes one response message to `result_fd`."""
    try:
        module = load_program(request["source"], builder.POLICY)
        metadata, blobs = builder.build_artifacts(module, request["build_config"])
        header = {"status": "ok", "reason": "", **metadata}
    except PolicyViolation as error:
        header, blobs = {"status": "rejected", "reason": f"policy: {error}"}, {}
    except ContractError as error:
        header, blobs = {"status": "rejected", "reason": str(error)}, {}
    except BaseException as error:  # noqa: BLE001 - any failure of untrusted code is a result, not a crash
        traceback.print_exc(file=sys.stderr)
        header, blobs = {"status": "failed", "reason": _describe_exception(error)}, {}
    header["isolation"] = applied
    _write_all(result_fd, protocol.encode_message(header, blobs))


def _child_main(request: dict, builder, result_fd: int, log_fd: int, close_fds: list[int]) -> None:
    """Entry point of the forked child; never returns."""
    exit_code = 70
    try:
        os.setsid()
        isolation.die_with_parent()  # a killed worker takes its candidate's processes with it
        for fd in close_fds:
            os.close(fd)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(log_fd, 1)
        os.dup2(log_fd, 2)
        limits = isolation.SandboxLimits(**request["limits"])
        applied: list[str] = []
        minimal = limits.filesystem == "minimal"
        if isolation.enter_namespaces(applied):
            if minimal:
                isolation.build_minimal_root(limits.scratch_bytes, _readable_paths(), applied)
            else:
                isolation.lock_filesystem(limits.scratch_bytes, _import_paths(), applied)
            inner = os.fork()  # the first process of the new PID namespace
            if inner:
                _, status = os.waitpid(inner, 0)
                exit_code = os.waitstatus_to_exitcode(status)
                exit_code = exit_code if exit_code >= 0 else 128 - exit_code
                os._exit(exit_code)
            if minimal:
                isolation.mount_proc(applied)
        isolation.set_resource_limits(limits, applied)
        isolation.drop_privileges(applied)
        isolation.die_with_parent()  # after setuid, which clears the parent-death signal
        os.chdir(isolation.SCRATCH_DIR)
        _run_candidate(request, builder, result_fd, applied)
        exit_code = 0
    except BaseException:  # noqa: BLE001
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(exit_code)


def _import_paths() -> list[str]:
    """Directories the sandboxed child must still be able to read: the interpreter and everything importable."""
    package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return [sys.prefix, sys.base_prefix, sys.exec_prefix, package_root, *sys.path]


def _readable_paths() -> list[str]:
    """What the minimal root exposes: the Python installation, site-packages and this package's directory."""
    package_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return isolation.minimal_paths([sys.prefix, sys.base_prefix, sys.exec_prefix], sys.path, package_dir)


def _signal_reason(signal_number: int, limits: isolation.SandboxLimits) -> str:
    if signal_number == signal.SIGXCPU:
        return f"CPU time limit of {limits.cpu_seconds} s exceeded"
    if signal_number == signal.SIGXFSZ:
        return f"file size limit of {limits.file_size_bytes} bytes exceeded"
    if signal_number == signal.SIGSEGV:
        return "crashed with a segmentation fault"
    if signal_number == signal.SIGKILL:
        return "killed (out of memory or resource limit)"
    return f"killed by signal {signal.Signals(signal_number).name}"


def _read_child(
    result_read: int, log_read: int, limits: isolation.SandboxLimits, deadline: float
) -> tuple[bytearray, bytearray, str]:
    """Reads the child's result pipe and the tail of its log until both close, the wall-clock `deadline` passes
    or the result grows over its limit; returns (result, log tail, failure, empty when none)."""
    result, log_tail = bytearray(), bytearray()
    open_fds = {result_read, log_read}
    failure = ""
    while open_fds:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            failure = f"timed out after {limits.wall_seconds:g} s wall-clock"
            break
        ready, _, _ = select.select(list(open_fds), [], [], remaining)
        for fd in ready:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                open_fds.discard(fd)
            elif fd == result_read:
                result += chunk
                if len(result) > limits.max_result_bytes:
                    failure = f"result is over the limit of {limits.max_result_bytes} bytes"
                    open_fds.clear()
            else:
                log_tail = (log_tail + chunk)[-LOG_TAIL_BYTES:]
    return result, log_tail, failure


def _exit_failure(status: int, limits: isolation.SandboxLimits) -> str:
    """Why a child that wrote no result ended: the signal or limit that killed it, or its exit code."""
    if os.WIFSIGNALED(status):
        return _signal_reason(os.WTERMSIG(status), limits)
    code = os.waitstatus_to_exitcode(status)
    return _signal_reason(code - 128, limits) if code > 128 else f"sandbox exited with code {code}"


def run_request(request: dict, builder) -> tuple[dict, dict[str, bytes]]:
    """Runs one candidate in an isolated child and returns its response message."""
    limits = isolation.SandboxLimits(**request["limits"])
    result_read, result_write = os.pipe()
    log_read, log_write = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child_main(request, builder, result_write, log_write, [result_read, log_read])
    os.close(result_write)
    os.close(log_write)
    result, log_tail, failure = _read_child(result_read, log_read, limits, started + limits.wall_seconds)
    if failure:
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _, status = os.waitpid(pid, 0)
    os.close(result_read)
    os.close(log_read)
    seconds = time.monotonic() - started
    log_text = log_tail.decode("utf-8", "replace")
    if not failure and result:
        try:
            header, blobs = protocol.decode_message(bytes(result), limits.max_result_bytes)
            header.update(sandbox_seconds=seconds, log_tail=log_text[-1000:])
            return header, blobs
        except protocol.ProtocolError as error:
            failure = f"sandbox result was malformed: {error}"
    failure = failure or _exit_failure(status, limits)
    last_line = next((line for line in reversed(log_text.strip().splitlines()) if line.strip()), "")
    if last_line and "timed out" not in failure:
        failure = f"{failure} ({last_line.strip()[:300]})"
    return {
        "status": "failed",
        "reason": failure,
        "sandbox_seconds": seconds,
        "log_tail": log_text[-1000:],
    }, {}


def serve(task: str, builder_module: str | None = None) -> None:
    """Reads requests from stdin and answers on the original stdout until stdin closes.

    `builder_module` overrides the task's builder (tests use it to run code that has bypassed the policy).
    """
    protocol_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed by imported libraries goes to stderr, never into the protocol stream
    builder = importlib.import_module(builder_module or builder_module_name(task))
    protocol_in = os.fdopen(0, "rb")
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    protocol.write_message(protocol_out, {"status": "ready", "pid": os.getpid()})
    while True:
        try:
            request, _ = protocol.read_message(protocol_in, MAX_REQUEST_BYTES)
        except protocol.ProtocolError:
            return  # the client closed the pipe
        header, blobs = run_request(request, builder)
        protocol.write_message(protocol_out, header, blobs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--task", required=True)
    parser.add_argument("--builder", default=None, help="module to build with instead of the task's builder")
    arguments = parser.parse_args()
    serve(arguments.task, arguments.builder)


if __name__ == "__main__":
    main()
