"""Sampling: soft prompt vs embedded prefix, determinism, temperatures, stop tokens and strings, bucketing."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from evojax_nas.lm import decoding, sample, sample_embedded, sampling

PROMPTS = ["def relu(x):\n    return", "import jax.numpy as jnp\n\n\nclass Model"]


def _texts(results):
    return [[s.text for s in group] for group in results]


def test_soft_prompt_equals_embedded_prefix(random_llama):
    lm = random_llama
    prefix_ids = lm.encode("def softplus(x):\n")
    soft_prompt = lm.embed(prefix_ids)  # a soft prompt whose vectors are those of real tokens
    key = jax.random.key(3)
    temperatures = [0.2, 0.6, 0.8, 1.0, 0.0, 0.8]
    with_soft = sample(
        lm,
        soft_prompt,
        PROMPTS,
        num_samples_per_prompt=3,
        temperatures=temperatures,
        max_new_tokens=24,
        key=key,
    )
    prefixes = [lm.embed(prefix_ids + lm.encode(p)) for p in PROMPTS]
    embedded = sample_embedded(
        lm,
        prefixes,
        num_samples_per_prompt=3,
        temperatures=temperatures,
        top_p=0.95,
        max_new_tokens=24,
        key=key,
    )
    assert _texts(with_soft) == _texts(embedded)
    without_soft = sample(
        lm, None, PROMPTS, num_samples_per_prompt=3, temperatures=temperatures, max_new_tokens=24, key=key
    )
    assert _texts(without_soft) != _texts(with_soft)


def test_deterministic_for_a_key_and_varies_across_keys(random_llama):
    def run(seed):
        return _texts(
            sample(
                random_llama,
                None,
                PROMPTS,
                num_samples_per_prompt=4,
                temperatures=1.0,
                max_new_tokens=16,
                key=jax.random.key(seed),
            )
        )

    first = run(0)
    assert run(0) == first
    assert run(1) != first
    assert len(set(first[0])) > 1  # samples of one prompt differ from each other


def test_greedy_rows_agree_and_temperatures_are_per_sample(random_llama):
    results = sample(
        random_llama,
        None,
        PROMPTS[:1],
        num_samples_per_prompt=4,
        temperatures=[0.0, 1.0, 0.0, 1.0],
        max_new_tokens=16,
        key=jax.random.key(0),
        stop_token_ids=(),
    )
    texts = [s.text for s in results[0]]
    assert texts[0] == texts[2]
    assert texts[1] != texts[0] or texts[3] != texts[0]
    assert [s.temperature for s in results[0]] == [0.0, 1.0, 0.0, 1.0]


def test_prompt_batch_does_not_change_a_prompts_samples(random_llama):
    key = jax.random.key(5)
    alone = sample(
        random_llama,
        None,
        PROMPTS[:1],
        num_samples_per_prompt=3,
        temperatures=0.7,
        max_new_tokens=16,
        key=key,
    )
    together = sample(
        random_llama, None, PROMPTS, num_samples_per_prompt=3, temperatures=0.7, max_new_tokens=16, key=key
    )
    assert _texts(together)[0] == _texts(alone)[0]


def test_stop_token_ends_a_sample_and_counts_tokens(random_llama):
    lm = random_llama
    tokens, counts, stopped = sampling.generate_tokens(
        lm,
        [lm.embed(lm.encode(PROMPTS[0]))],
        num_samples_per_prompt=8,
        temperatures=1.0,
        key=jax.random.key(0),
        max_new_tokens=12,
        stop_token_ids=(),
    )
    # Make the most frequent generated token a stop token: rows must end right before it.
    values, freq = np.unique(tokens, return_counts=True)
    stop = int(values[np.argmax(freq)])
    tokens2, counts2, stopped2 = sampling.generate_tokens(
        lm,
        [lm.embed(lm.encode(PROMPTS[0]))],
        num_samples_per_prompt=8,
        temperatures=1.0,
        key=jax.random.key(0),
        max_new_tokens=12,
        stop_token_ids=(stop,),
    )
    for row in range(8):
        hits = np.flatnonzero(tokens[row] == stop)
        expected = int(hits[0]) if hits.size else 12
        assert counts2[row] == expected
        assert stopped2[row] == bool(hits.size)
        assert tokens2[row, :expected].tolist() == tokens[row, :expected].tolist()
    assert stopped2.any()


def test_stop_strings_cut_on_host(random_llama):
    lm = random_llama
    full = sample(
        lm,
        None,
        PROMPTS[:1],
        num_samples_per_prompt=2,
        temperatures=0.0,
        max_new_tokens=24,
        key=jax.random.key(0),
        stop_token_ids=(),
    )[0][0]
    assert full.finished_by == "length" and full.num_tokens == 24
    stop = full.text[5:7]
    cut = sample(
        lm,
        None,
        PROMPTS[:1],
        num_samples_per_prompt=2,
        temperatures=0.0,
        max_new_tokens=24,
        key=jax.random.key(0),
        stop_token_ids=(),
        stop_strings=[stop],
    )[0][0]
    assert cut.finished_by == "stop_string"
    assert cut.text == full.text[: full.text.find(stop)]
    assert stop not in cut.text and cut.num_tokens < full.num_tokens
    assert len(lm.decode(lm.encode(full.text)[: cut.num_tokens])) <= len(cut.text) + 4


@pytest.mark.parametrize("draft_tokens", [0, 3], ids=["plain", "speculative"])
def test_a_row_ends_where_it_spells_a_stop_sequence_and_no_other_row_changes(random_llama, draft_tokens):
    lm = random_llama
    options = dict(
        num_samples_per_prompt=6,
        temperatures=[0.0, 0.7, 1.0, 0.7, 1.0, 0.4],
        key=jax.random.key(5),
        max_new_tokens=20,
        stop_token_ids=(),
        draft_tokens=draft_tokens,
        prompt_token_ids=[lm.encode(PROMPTS[1])],
    )
    embedded = [lm.embed(lm.encode(PROMPTS[1]))]
    full = sampling.generate(lm, embedded, **options)
    # A two-token stop sequence that some row spells in the middle of its tokens, and one nobody spells.
    pairs = {tuple(row[i : i + 2]) for row in full.tokens.tolist() for i in range(4, 12)}
    spelled = sorted(pairs)[0]
    stopped = sampling.generate(lm, embedded, stop_sequences=[spelled, (-5, -6)], **options)
    ended_early = 0
    for row in range(6):
        tokens = full.tokens[row].tolist()
        ends = [i + 2 for i in range(19) if tuple(tokens[i : i + 2]) == spelled]
        if ends:
            ended_early += 1
            # Speculative rows may keep the rest of the pass's accepted tokens after the sequence.
            assert ends[0] <= stopped.num_tokens[row] <= ends[0] + draft_tokens
        else:
            assert stopped.num_tokens[row] == 20
        kept = stopped.num_tokens[row]
        assert stopped.tokens[row, :kept].tolist() == tokens[:kept]
        assert not stopped.stopped[row]
    assert ended_early >= 1


def test_prompt_lengths_share_a_compiled_bucket(random_llama):
    lm = random_llama
    sample(
        lm,
        None,
        ["x = 1"],
        num_samples_per_prompt=2,
        temperatures=0.5,
        max_new_tokens=8,
        key=jax.random.key(0),
    )
    before = decoding.decode._cache_size()
    sample(
        lm,
        None,
        ["y = 2 + 3 * 4"],
        num_samples_per_prompt=2,
        temperatures=0.5,
        max_new_tokens=8,
        key=jax.random.key(1),
    )
    assert decoding.decode._cache_size() == before


def test_sample_token_top_p_and_greedy():
    logits = jnp.log(jnp.asarray([[0.5, 0.3, 0.15, 0.05]] * 2000))
    keys = jax.random.split(jax.random.key(0), 2000)
    drawn = sampling.sample_token(logits, jnp.ones(2000), jnp.full(2000, 0.7), keys, top_k=4)
    counts = np.bincount(np.asarray(drawn), minlength=4)
    assert counts[2] == 0 and counts[3] == 0  # outside the 0.7 nucleus
    assert abs(counts[0] / 2000 - 0.5 / 0.8) < 0.05
    greedy = sampling.sample_token(logits, jnp.zeros(2000), jnp.full(2000, 0.7), keys, top_k=4)
    assert set(np.asarray(greedy).tolist()) == {0}


def test_penalize_copies_lowers_only_the_next_token_of_sequences_still_copied():
    logits = jnp.zeros((3, 5))
    expected = jnp.array([[1, 3], [-1, 2], [4, 4]])  # -1: that sequence has ended
    on_copy = jnp.array([[True, False], [True, True], [True, True]])
    out = np.asarray(decoding.penalize_copies(logits, expected, on_copy, 2.0))
    want = np.zeros((3, 5))
    want[0, 1] = want[1, 2] = want[2, 4] = -2.0  # a token two sequences expect loses the penalty once
    np.testing.assert_array_equal(out, want)
    # Gated: only where the copy's next token is less likely than `below` (row 0's token 1 has p = 0.98).
    confident = jnp.zeros((3, 5)).at[0, 1].set(6.0)
    gated = np.asarray(decoding.penalize_copies(confident, expected, on_copy, 2.0, below=0.9))
    np.testing.assert_array_equal(gated[0], np.asarray(confident[0]))
    np.testing.assert_array_equal(gated[1:], want[1:])


def test_copy_penalty_steers_greedy_rows_only_while_they_copy(random_llama):
    lm = random_llama
    options = dict(
        num_samples_per_prompt=2,
        temperatures=0.0,
        key=jax.random.key(0),
        max_new_tokens=12,
        stop_token_ids=(),
    )
    embedded = [lm.embed(lm.encode(PROMPTS[0]))]
    plain = sampling.generate_tokens(lm, embedded, **options)[0]
    greedy = plain[0].tolist()

    def steered(avoid, penalty):
        return sampling.generate_tokens(
            lm, embedded, **options, avoid_token_ids=[avoid], avoid_penalty=penalty
        )[0]

    np.testing.assert_array_equal(steered([greedy], 0.0), plain)  # off: the plain decode
    diverted = steered([greedy], 1e3)
    assert diverted[0, 0] != greedy[0] and diverted[0].tolist() != greedy
    other = (greedy[0] + 1) % lm.config.vocab_size  # a sequence the row leaves at its first token
    np.testing.assert_array_equal(steered([[other, *greedy[1:]], []], 1e3), plain)
    # Among many avoided sequences (5, padded to 8 with empty ones) the copied one still diverts the row alike.
    np.testing.assert_array_equal(steered([[other, *greedy[1:]]] * 4 + [greedy], 1e3), diverted)
    with pytest.raises(ValueError, match="plain decoding"):
        sampling.generate_tokens(
            lm, embedded, **options, avoid_token_ids=[[greedy]], avoid_penalty=1.0, draft_tokens=2
        )
    with pytest.raises(ValueError, match="avoid_penalty"):
        steered([greedy], -1.0)
