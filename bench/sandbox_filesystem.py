"""What the sandbox's minimal filesystem view costs per candidate, against the older read-only host view.

    python bench/sandbox_filesystem.py [--repeats=8] [--program=seeds/mnist1d/mlp.py]

Builds the same program `repeats` times in each view (alternating, each with its own long-lived worker, after
one warm-up build each) and prints the mean and median build time per candidate and their difference; also the
isolation steps each view applied. Needs root (or unprivileged user namespaces) for the namespaces.
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import sys
import time

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from evojax_nas.cli import load_config_file  # noqa: E402
from evojax_nas.evaluator import sandbox_limits  # noqa: E402
from evojax_nas.sandbox.client import SandboxClient  # noqa: E402
from evojax_nas.tasks.registry import get_task  # noqa: E402

VIEWS = ("host_read_only", "minimal")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=8)
    parser.add_argument("--program", default=str(REPO_ROOT / "seeds" / "mnist1d" / "mlp.py"))
    arguments = parser.parse_args()

    config = load_config_file("configs/mnist1d.py:cpu", REPO_ROOT)
    task = get_task("mnist1d")
    source = pathlib.Path(arguments.program).read_text()
    clients = {}
    for view in VIEWS:
        config.sandbox.filesystem = view
        clients[view] = SandboxClient("mnist1d", sandbox_limits(config))
    build_config = task.build_config(config)
    seconds: dict[str, list[float]] = {view: [] for view in VIEWS}
    try:
        for view, client in clients.items():  # warm-up: start each worker
            result = client.build(source, build_config)
            assert result.status == "ok", (view, result.reason)
            print(f"{view}: {', '.join(result.metadata.get('isolation', []))}", flush=True)
        for _ in range(arguments.repeats):
            for view, client in clients.items():
                started = time.perf_counter()
                result = client.build(source, build_config)
                seconds[view].append(time.perf_counter() - started)
                assert result.status == "ok", (view, result.reason)
    finally:
        for client in clients.values():
            client.close()
    for view in VIEWS:
        values = seconds[view]
        print(
            f"{view:>15}: mean {statistics.mean(values):.3f} s, median {statistics.median(values):.3f} s per build"
        )
    difference = statistics.median(seconds["minimal"]) - statistics.median(seconds["host_read_only"])
    ratio = statistics.median(seconds["minimal"]) / statistics.median(seconds["host_read_only"])
    print(f"minimal view: {difference * 1000:+.0f} ms per candidate (median), {ratio:.3f}x the host view")


if __name__ == "__main__":
    main()
