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


TUNING_SCRIPT = r"""
import json, sys
import jax
import numpy as np
from evojax_nas.lm import load, make_mesh
from evojax_nas.lm.tuning import TuningConfig, batch_arrays, make_batch, place_batch, tune_soft_prompt
assert jax.device_count() == 4, jax.devices()
folder, examples = sys.argv[1], [tuple(e) for e in json.loads(sys.argv[2])]
lm = load(folder, mesh=make_mesh(num_data=4))
placed = place_batch(batch_arrays(make_batch(lm, examples, 16, 256, 4)), lm.mesh)
assert placed[0].shape[0] == 4 and len(placed[0].sharding.device_set) == 4  # 3 rows padded to 4, split
assert not placed[0].sharding.is_fully_replicated
config = TuningConfig(num_epochs=2, batch_size=3, learning_rate=1e-2, length_bucket=16, max_length=256)
prompt = np.asarray(jax.random.normal(jax.random.key(1), (4, lm.config.d_model)) * 0.02, np.float32)
result = tune_soft_prompt(lm, prompt, examples, config, jax.random.key(2))
print(json.dumps({"prompt": np.asarray(result.soft_prompt).tolist(), "losses": result.loss_history}))
"""
TUNING_EXAMPLES = [
    ("def relu(x):\n", "    return max(x, 0)\n"),
    ("class Model:\n", "    def __call__(self, x):\n        return x\n"),
    ("import jax\n", "x = jax.numpy.ones(3)\n"),
]


def test_prompt_tuning_on_four_devices_matches_one_device(random_llama, random_llama_dir):
    """Data-parallel tuning (batch rows split over 4 devices, padded) gives the 1-device soft prompt."""
    import numpy as np

    from evojax_nas.lm.tuning import TuningConfig, tune_soft_prompt

    config = TuningConfig(num_epochs=2, batch_size=3, learning_rate=1e-2, length_bucket=16, max_length=256)
    prompt = np.asarray(
        jax.random.normal(jax.random.key(1), (4, random_llama.config.d_model)) * 0.02, np.float32
    )
    one = tune_soft_prompt(random_llama, prompt, TUNING_EXAMPLES, config, jax.random.key(2))
    env = dict(os.environ, XLA_FLAGS="--xla_force_host_platform_device_count=4", JAX_PLATFORMS="cpu")
    result = subprocess.run(
        [sys.executable, "-c", TUNING_SCRIPT, random_llama_dir, json.dumps(TUNING_EXAMPLES)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    four = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(four["losses"]) == len(one.loss_history) == 2
    np.testing.assert_allclose(four["losses"], one.loss_history, rtol=1e-5)
    np.testing.assert_allclose(np.asarray(four["prompt"]), np.asarray(one.soft_prompt), rtol=1e-5, atol=1e-7)
    assert not np.allclose(np.asarray(one.soft_prompt), prompt)  # it did train
