"""Tokenizers through transformers' fast tokenizer classes, loaded from local files only."""

from __future__ import annotations

import os

from transformers import AutoTokenizer, PreTrainedTokenizerBase

from evojax_nas.lm.errors import CheckpointError

TOKENIZER_FILES = ("tokenizer.json", "tokenizer.model", "vocab.json")


def load_tokenizer(folder: str) -> PreTrainedTokenizerBase:
    """Loads the tokenizer saved in a model folder (no network access)."""
    if not any(os.path.isfile(os.path.join(folder, name)) for name in TOKENIZER_FILES):
        raise CheckpointError(
            f"checkpoint folder {folder!r} has no tokenizer files (expected one of {', '.join(TOKENIZER_FILES)})."
        )
    try:
        return AutoTokenizer.from_pretrained(folder, local_files_only=True)
    except (OSError, ValueError, KeyError) as e:
        raise CheckpointError(
            f"the tokenizer in {folder!r} could not be loaded: {e}".rstrip(".") + "."
        ) from None


def encode(tokenizer: PreTrainedTokenizerBase, text: str) -> list[int]:
    """Token ids of `text` exactly as written (no BOS/EOS added)."""
    return tokenizer.encode(text, add_special_tokens=False)


def decode(tokenizer: PreTrainedTokenizerBase, token_ids) -> str:
    """Text of `token_ids`, keeping special tokens and spacing so that `decode(encode(t)) == t`."""
    return tokenizer.decode(list(token_ids), skip_special_tokens=False, clean_up_tokenization_spaces=False)


def stop_token_ids(tokenizer: PreTrainedTokenizerBase, config_eos_ids: tuple[int, ...]) -> tuple[int, ...]:
    """Ids that end a sample: the config's EOS ids, the tokenizer's EOS, and `<|endoftext|>` if in the vocab."""
    ids = set(config_eos_ids)
    if tokenizer.eos_token_id is not None:
        ids.add(int(tokenizer.eos_token_id))
    endoftext = tokenizer.get_vocab().get("<|endoftext|>")
    if endoftext is not None:
        ids.add(int(endoftext))
    return tuple(sorted(ids))


# Left contexts a stop string is tokenized after, to find the token sequences that spell it in generated text.
_STOP_STRING_CONTEXTS = ("", "\n", "\n\n", " ", "    ", ")\n\n", "x\n")


def stop_token_sequences(tokenizer: PreTrainedTokenizerBase, stop_strings) -> list[tuple[int, ...]]:
    """Token sequences that spell each stop string as the tokenizer writes it after a few common left contexts
    (the shortest tail of `encode(context + stop)` whose text holds the stop string). The decode loops end a row
    that completes one; a stop string the model spells otherwise is still cut on the host."""
    found = set()
    for stop in stop_strings:
        for context in _STOP_STRING_CONTEXTS if stop else ():
            ids = encode(tokenizer, context + stop)
            for start in range(len(ids) - 1, -1, -1):
                if stop in decode(tokenizer, ids[start:]):
                    found.add(tuple(ids[start:]))
                    break
    return sorted(found)
