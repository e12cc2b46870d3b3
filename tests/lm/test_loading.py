"""Checkpoint loading errors and the `python -m evojax_nas.lm.sample` command line."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from evojax_nas.lm import CheckpointError, load
from evojax_nas.lm.safetensors_io import read_safetensors, write_safetensors

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "evojax_nas.lm.sample", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )


def _copy(src, dst):
    shutil.copytree(src, dst)
    return str(dst)


def test_missing_checkpoint_is_one_line_exit_2(tmp_path):
    prompt = tmp_path / "p.txt"
    prompt.write_text("def f(x):\n")
    result = _run_cli(f"--checkpoint={tmp_path / 'nope'}", f"--prompt_file={prompt}")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "nope" in lines[0] and "Traceback" not in result.stderr


def test_missing_tensor_is_named(random_llama_dir, tmp_path):
    folder = _copy(random_llama_dir, tmp_path / "ckpt")
    path = os.path.join(folder, "model.safetensors")
    tensors = {k: v.copy() for k, v in read_safetensors(path)}
    del tensors["model.layers.1.mlp.up_proj.weight"]
    write_safetensors(path, tensors)
    with pytest.raises(CheckpointError, match=r"layers\.1\.mlp\.up_proj\.weight"):
        load(folder)


@pytest.mark.parametrize(
    "damage, message",
    [
        ("config.json", "config.json"),
        ("tokenizer.json", "tokenizer"),
        ("model.safetensors", "safetensors"),
    ],
)
def test_missing_files_are_named(random_llama_dir, tmp_path, damage, message):
    folder = _copy(random_llama_dir, tmp_path / "ckpt")
    os.remove(os.path.join(folder, damage))
    with pytest.raises(CheckpointError, match=message):
        load(folder)


def test_truncated_weights_and_bad_config_are_reported(random_llama_dir, tmp_path):
    folder = _copy(random_llama_dir, tmp_path / "ckpt")
    path = os.path.join(folder, "model.safetensors")
    with open(path, "r+b") as f:
        f.truncate(os.path.getsize(path) // 2)
    with pytest.raises(CheckpointError, match="truncated"):
        load(folder)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump({"model_type": "bert"}, f)
    with pytest.raises(CheckpointError, match="model_type 'bert'"):
        load(folder)


def test_cli_writes_one_json_object_per_sample(random_llama_dir, tmp_path):
    prompt = tmp_path / "p.txt"
    prompt.write_text("def relu(x):\n    return")
    args = [
        f"--checkpoint={random_llama_dir}",
        f"--prompt_file={prompt}",
        "--num_samples=3",
        "--max_new_tokens=12",
        "--temperature=0.8",
        "--top_p=0.95",
        "--seed=0",
    ]
    first = _run_cli(*args)
    assert first.returncode == 0, first.stderr
    records = [json.loads(line) for line in first.stdout.splitlines()]
    assert [r["index"] for r in records] == [0, 1, 2]
    assert all(isinstance(r["text"], str) and 0 <= r["num_tokens"] <= 12 for r in records)
    assert "samples" in first.stderr
    assert _run_cli(*args).stdout == first.stdout  # same seed, same samples
    greedy = _run_cli(*args[:-3], "--temperature=0", "--seed=1")
    texts = {json.loads(line)["text"] for line in greedy.stdout.splitlines()}
    assert len(texts) == 1
