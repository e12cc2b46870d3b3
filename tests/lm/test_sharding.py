"""Sampling on 4 (virtual CPU) devices gives the same samples as on 1 device for the same seed."""

import json
import os
import subprocess
import sys

import jax

from evojax_nas.lm import sample

SCRIPT = r"""
import json, sys
import jax
from evojax_nas.lm import load, make_mesh, sample
assert jax.device_count() == 4, jax.devices()
folder, mode = sys.argv[1], sys.argv[2]
mesh = make_mesh(num_data=4) if mode == "data" else make_mesh(num_data=2, num_model=2)
lm = load(folder, mesh=mesh, shard_model=mode == "model")
if mode == "model":
    assert len(lm.params["layers"]["wqkv"].sharding.device_set) == 4
    assert not lm.params["layers"]["wqkv"].sharding.is_fully_replicated
out = sample(lm, None, json.loads(sys.argv[3]), num_samples_per_prompt=3,
             temperatures=json.loads(sys.argv[4]), max_new_tokens=16, key=jax.random.key(7))
print(json.dumps([[s.text for s in group] for group in out]))
"""
PROMPTS = ["def relu(x):\n    return", "class Model"]
TEMPERATURES = [0.0, 0.6, 1.0, 0.2, 0.8, 0.0]


def _on_four_devices(folder, mode):
    env = dict(os.environ, XLA_FLAGS="--xla_force_host_platform_device_count=4", JAX_PLATFORMS="cpu")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, folder, mode, json.dumps(PROMPTS), json.dumps(TEMPERATURES)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_four_devices_match_one_device(random_llama, random_llama_dir):
    assert jax.device_count() == 1
    one = sample(
        random_llama,
        None,
        PROMPTS,
        num_samples_per_prompt=3,
        temperatures=TEMPERATURES,
        max_new_tokens=16,
        key=jax.random.key(7),
    )
    one = [[s.text for s in group] for group in one]
    assert _on_four_devices(random_llama_dir, "data") == one
    model_sharded = _on_four_devices(random_llama_dir, "model")
    # Greedy rows are robust to the different summation order of model-sharded matmuls.
    assert model_sharded[0][0] == one[0][0] and model_sharded[1][2] == one[1][2]
