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
