"""The code LM: load a checkpoint, sample from it, tune a soft prompt. Knows nothing of tasks or evolution.

lm = evojax_nas.lm.load("smollm2-135m")            # or a Hugging Face folder, or a .gguf file
prompt = lm.init_soft_prompt(jax.random.key(0), 16)
samples = evojax_nas.lm.sample(lm, prompt, ["def f(x):"], num_samples_per_prompt=4,
                               temperatures=[0.2, 0.6, 0.8, 1.0], key=jax.random.key(1))
"""

from evojax_nas.lm.config import ModelConfig
from evojax_nas.lm.errors import CheckpointError, SoftPromptMismatchError
from evojax_nas.lm.flax_module import Decoder
from evojax_nas.lm.gguf_loader import cache_dir
from evojax_nas.lm.language_model import LanguageModel, load
from evojax_nas.lm.sampling import Sample, sample, sample_embedded
from evojax_nas.lm.sharding import make_mesh
from evojax_nas.lm.soft_prompt import init_soft_prompt, restore_soft_prompt, save_soft_prompt
from evojax_nas.lm.tuning import TuningConfig, TuningResult, example_losses, tune_soft_prompt

__all__ = [
    "CheckpointError",
    "Decoder",
    "LanguageModel",
    "ModelConfig",
    "Sample",
    "SoftPromptMismatchError",
    "TuningConfig",
    "TuningResult",
    "cache_dir",
    "example_losses",
    "init_soft_prompt",
    "load",
    "make_mesh",
    "restore_soft_prompt",
    "sample",
    "sample_embedded",
    "save_soft_prompt",
    "tune_soft_prompt",
]
