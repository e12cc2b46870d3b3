"""A sandbox 'builder' that attacks its own sandbox: it stands for code that has slipped past the policy.

Used only by tests/test_sandbox_isolation.py through `SandboxClient(builder_module=...)`. Each attack records
what happened in the metadata it returns, so the test can check every attempt failed and nothing leaked.
"""

from __future__ import annotations

import ctypes
import os
import socket
import subprocess

from evojax_nas.sandbox.policy import ProgramPolicy

POLICY = ProgramPolicy()


def _attempt(action) -> str:
    try:
        result = action()
    except BaseException as error:  # noqa: BLE001
        return f"blocked: {type(error).__name__}"
    return f"succeeded: {result!r}"[:200]


def _write(path: str) -> str:
    with open(path, "w") as handle:
        handle.write("escaped")
    return path


def build_artifacts(module, config: dict):
    attack = config["attack"]
    outcome: dict[str, str] = {}
    if attack == "write_files":
        for path in config["paths"]:
            outcome[path] = _attempt(lambda path=path: _write(path))
    elif attack == "read_secrets":
        outcome["environment"] = ",".join(sorted(os.environ))
        for path in config["paths"]:
            outcome[path] = _attempt(lambda path=path: open(path).read())
    elif attack == "network":
        outcome["connect"] = _attempt(
            lambda: socket.create_connection(("127.0.0.1", config["port"]), timeout=2)
        )
    elif attack == "spawn":
        outcome["spawn"] = _attempt(
            lambda: (
                subprocess.Popen(
                    ["/bin/sh", "-c", f"sleep 600; echo {config['marker']}"], start_new_session=True
                ).pid
            )
        )
    elif attack == "list_directories":
        for path in config["paths"]:
            outcome[path] = _attempt(lambda path=path: sorted(os.listdir(path)))
    elif attack == "numpy_writers":
        import numpy as np

        base = config["base"]
        writers = {
            "save": lambda: np.save(base + ".npy", np.zeros(3)),
            "savez": lambda: np.savez(base + ".npz", a=np.zeros(3)),
            "savetxt": lambda: np.savetxt(base + ".txt", np.zeros(3)),
            "dump": lambda: np.zeros(3).dump(base + ".pkl"),
            "tofile": lambda: np.zeros(3).tofile(base + ".bin"),
            "memmap": lambda: np.memmap(base + ".map", mode="w+", shape=(3,)),
        }
        for name, write in writers.items():
            outcome[name] = _attempt(write)
        readers = {
            "fromfile": lambda: np.fromfile(config["secret"]),
            "loadtxt": lambda: np.loadtxt(config["secret"], dtype=str),
            "genfromtxt": lambda: np.genfromtxt(config["secret"], dtype=str),
            "load": lambda: np.load(config["secret"]),
        }
        for name, read in readers.items():
            outcome[name] = _attempt(read)
    elif attack == "slow_build":
        import time

        time.sleep(config["seconds"])
    elif attack == "privileges":
        outcome["setuid"] = _attempt(lambda: os.setuid(0))
        libc = ctypes.CDLL(None, use_errno=True)

        def remount_root_writable():
            if libc.mount(None, b"/", None, ctypes.c_ulong(32 | 4096), None) != 0:  # MS_REMOUNT | MS_BIND
                raise OSError(ctypes.get_errno(), "mount failed")
            return "remounted"

        outcome["remount"] = _attempt(remount_root_writable)
        outcome["uid"] = str(os.getuid())
    return {"outcome": outcome}, {}
