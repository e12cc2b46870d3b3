"""Fixtures for LM tests: tiny random models saved by transformers, with a real (tiny, trained) BPE tokenizer."""

from __future__ import annotations

import glob
import os

import jax
import pytest

_CORPUS_FILES = sorted(glob.glob(os.path.join(os.path.dirname(jax.__file__), "_src", "nn", "*.py")))


def corpus_text() -> str:
    """Python source from the installed jax package: real code to train a tokenizer and tune prompts on."""
    texts = []
    for path in _CORPUS_FILES:
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    return "\n".join(texts)


def _train_tokenizer(vocab_size: int):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=["<|endoftext|>", "<|pad|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tok.train_from_iterator(corpus_text().splitlines(), trainer=trainer)
    return PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|endoftext|>", pad_token="<|pad|>")


@pytest.fixture(scope="session")
def tiny_tokenizer():
    """A 384-token byte-level BPE trained on jax's nn sources, wrapped in PreTrainedTokenizerFast."""
    return _train_tokenizer(384)


def save_tiny_model(folder: str, kind: str, tokenizer, max_shard_size: str = "10GB", **overrides) -> str:
    """Builds a random tiny `kind` model with transformers, saves it with its tokenizer, returns the folder."""
    import torch
    import transformers

    torch.manual_seed(0)
    vocab = len(tokenizer)
    common = dict(vocab_size=vocab, eos_token_id=tokenizer.eos_token_id, bos_token_id=None, **overrides)
    if kind == "llama":
        config = transformers.LlamaConfig(
            hidden_size=64,
            intermediate_size=160,
            num_hidden_layers=2,
            num_attention_heads=4,
            num_key_value_heads=2,
            rope_theta=5e5,
            max_position_embeddings=512,
            initializer_range=0.1,
            **common,
        )
        model_cls = transformers.LlamaForCausalLM
    elif kind == "qwen2":
        config = transformers.Qwen2Config(
            hidden_size=64,
            intermediate_size=160,
            num_hidden_layers=2,
            num_attention_heads=4,
            num_key_value_heads=1,
            tie_word_embeddings=True,
            max_position_embeddings=512,
            initializer_range=0.1,
            **common,
        )
        model_cls = transformers.Qwen2ForCausalLM
    elif kind == "gpt2":
        config = transformers.GPT2Config(
            n_embd=64, n_layer=2, n_head=4, n_positions=512, initializer_range=0.1, **common
        )
        model_cls = transformers.GPT2LMHeadModel
    else:
        raise ValueError(kind)
    model = model_cls(config).eval()
    with torch.no_grad():  # random biases and norm scales, so a loader that drops them fails parity
        for name, p in model.named_parameters():
            if name.endswith("bias") or "norm" in name or "ln_" in name:
                p.add_(0.1 * torch.randn_like(p))
    model.save_pretrained(folder, max_shard_size=max_shard_size)
    tokenizer.save_pretrained(folder)
    return folder


def write_random_llama(folder: str, tokenizer, seed: int = 0, **config_overrides) -> str:
    """Writes a random tiny Llama checkpoint (config.json, model.safetensors, tokenizer) without torch."""
    import json

    import numpy as np

    from evojax_nas.lm.safetensors_io import write_safetensors

    rng = np.random.default_rng(seed)
    config = dict(
        model_type="llama",
        vocab_size=len(tokenizer),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        rms_norm_eps=1e-6,
        rope_theta=10000.0,
        max_position_embeddings=1024,
        tie_word_embeddings=True,
        eos_token_id=tokenizer.eos_token_id,
    )
    config.update(config_overrides)
    d, f, v = config["hidden_size"], config["intermediate_size"], config["vocab_size"]
    hd = d // config["num_attention_heads"]
    kv = config["num_key_value_heads"] * hd

    def w(*shape):
        return (rng.standard_normal(shape) * 0.15).astype(np.float32)

    state = {"model.embed_tokens.weight": w(v, d), "model.norm.weight": 1 + w(d)}
    for i in range(config["num_hidden_layers"]):
        p = f"model.layers.{i}."
        state.update(
            {
                p + "input_layernorm.weight": 1 + w(d),
                p + "post_attention_layernorm.weight": 1 + w(d),
                p + "self_attn.q_proj.weight": w(d, d),
                p + "self_attn.k_proj.weight": w(kv, d),
                p + "self_attn.v_proj.weight": w(kv, d),
                p + "self_attn.o_proj.weight": w(d, d),
                p + "mlp.gate_proj.weight": w(f, d),
                p + "mlp.up_proj.weight": w(f, d),
                p + "mlp.down_proj.weight": w(d, f),
            }
        )
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as fh:
        json.dump(config, fh)
    write_safetensors(os.path.join(folder, "model.safetensors"), state)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def random_llama_dir(tmp_path_factory, tiny_tokenizer) -> str:
    """A torch-free random tiny Llama checkpoint folder."""
    return write_random_llama(str(tmp_path_factory.mktemp("random_llama")), tiny_tokenizer)


@pytest.fixture(scope="session")
def random_llama(random_llama_dir):
    """The random tiny Llama, loaded."""
    from evojax_nas.lm import load

    return load(random_llama_dir)
