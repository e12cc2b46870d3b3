"""`python -m evojax_nas.tools.adapt` end to end on the smoke preset: a real tiny corpus (sandboxed builds, real
training), a tiny random LM, checkpoints, resumption after losing the last checkpoint, and the exported adapter."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import numpy as np

from tests.conftest import REPO_ROOT


def _adapt(workdir, checkpoint, *extra):
    command = [
        sys.executable,
        "-m",
        "evojax_nas.tools.adapt",
        "--config=configs/lm_adapt.py:smoke",
        f"--workdir={workdir}",
        f"--config.base_checkpoint={checkpoint}",
        *extra,
    ]
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=900)


def test_adapt_trains_resumes_and_exports(tmp_path, random_llama_dir):
    from evojax_nas.lm import load, lora
    from evojax_nas.prompting import with_relative_target
    from evojax_nas.tools.adapt import split_examples

    workdir = tmp_path / "adapt"
    completed = _adapt(workdir, random_llama_dir)
    assert completed.returncode == 0, completed.stderr[-3000:]
    summary = json.loads(completed.stdout.strip().splitlines()[-1])
    assert summary["steps"] == 6 and summary["examples"]["mnist1d"]["train"] >= 2
    assert summary["val_loss"][0][0] == 0 and summary["val_loss"][-1][0] == 6
    assert summary["val_loss"][-1][1] < summary["val_loss"][0][1]  # held-out children became likelier
    log = json.loads((workdir / "train_log.json").read_text())
    adapter = lora.load_adapter(str(workdir / "adapter.safetensors"))
    assert adapter.soft_prompt.shape[0] == 2 and adapter.metadata["rank"] == "2"
    assert max(np.max(np.abs(v)) for k, v in adapter.factors.items() if k.endswith("_b")) > 0
    adapted = load(random_llama_dir, adapter=str(workdir / "adapter.safetensors"))
    assert adapted.initial_soft_prompt is not None and "+lora-" in adapted.identity
    assert adapted.adapter_info["relative_target"] is False  # the prompt format it was trained on
    # The same examples in the `relative_target` format (`--config.relative_target=True`).
    corpora = {"mnist1d": workdir / "corpus_mnist1d"}
    plain, relative = split_examples(corpora, 0.0), split_examples(corpora, 0.0, relative_target=True)
    assert [(with_relative_target(c), t) for c, t in plain.train] == relative.train
    assert all("'size_vs_smallest_parent': '" in context for context, _ in relative.train)

    # Lose the newest checkpoint (as if killed before it was written): the rerun redoes only the last steps,
    # with the same data order, and reaches the same losses.
    steps = sorted(int(p.name) for p in (workdir / "checkpoints").iterdir() if p.name.isdigit())
    assert steps[-1] == 6
    shutil.rmtree(workdir / "checkpoints" / str(steps[-1]))
    resumed = _adapt(workdir, random_llama_dir)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert f"resuming from step {steps[-2]}" in resumed.stderr
    again = json.loads((workdir / "train_log.json").read_text())
    np.testing.assert_allclose(
        [v for _, v in again["train_loss"]], [v for _, v in log["train_loss"]], rtol=1e-4
    )

    # A config that changes the adaptation is refused in one line; a longer run is allowed.
    refused = _adapt(workdir, random_llama_dir, "--config.lora.rank=3")
    assert refused.returncode == 2 and "lora" in refused.stderr.strip().splitlines()[-1]
    longer = _adapt(workdir, random_llama_dir, "--config.steps=8")
    assert longer.returncode == 0, longer.stderr[-3000:]
    assert json.loads(longer.stdout.strip().splitlines()[-1])["steps"] == 8

    # The fast step on the same corpus (any workdir): LoRA on layer 1 only over cached layer-0 activations, for
    # 2 epochs (steps derived from the corpus), exported with zero factors for layer 0.
    fast_workdir = tmp_path / "elsewhere" / "fast"
    fast = _adapt(
        fast_workdir,
        random_llama_dir,
        f"--config.corpora.mnist1d.workdir={workdir / 'corpus_mnist1d'}",
        "--config.cache_activations=True",
        "--config.lora.layers_from=1",
        "--config.soft_prompt_length=0",
        "--config.steps=0",
        "--config.epochs=2",
    )
    assert fast.returncode == 0, fast.stderr[-3000:]
    fast_summary = json.loads(fast.stdout.strip().splitlines()[-1])
    train_examples = fast_summary["examples"]["mnist1d"]["train"]
    assert fast_summary["steps"] == 2 * (train_examples // 2) and fast_summary["lora_layers_from"] == 1
    assert any((fast_workdir / "activations").iterdir())
    fast_adapter = lora.load_adapter(str(fast_workdir / "adapter.safetensors"))
    assert fast_adapter.soft_prompt is None and fast_adapter.factors["wo_lora_b"].shape[0] == 2
    assert not np.any(fast_adapter.factors["wo_lora_b"][0]) and np.any(fast_adapter.factors["wo_lora_b"][1])

    # Training can start from an adapter (`init_adapter`): its held-out loss before the first step is where the
    # adapter's training ended (up to the file's bfloat16 factors), not where fresh factors start.
    continued = _adapt(
        tmp_path / "continued",
        random_llama_dir,
        f"--config.corpora.mnist1d.workdir={workdir / 'corpus_mnist1d'}",
        "--config.cache_activations=True",
        "--config.lora.layers_from=1",
        "--config.soft_prompt_length=0",
        "--config.steps=1",
        f"--config.init_adapter={fast_workdir / 'adapter.safetensors'}",
    )
    assert continued.returncode == 0, continued.stderr[-3000:]
    start_loss = json.loads(continued.stdout.strip().splitlines()[-1])["val_loss"][0][1]
    np.testing.assert_allclose(start_loss, fast_summary["val_loss"][-1][1], rtol=2e-2)
    assert start_loss < fast_summary["val_loss"][0][1]
    missing = _adapt(
        tmp_path / "missing", random_llama_dir, "--config.init_adapter=no/such/adapter.safetensors"
    )
    assert missing.returncode == 2 and "does not exist" in missing.stderr.strip().splitlines()[-1]
