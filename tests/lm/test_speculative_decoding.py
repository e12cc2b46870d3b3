"""Speculative decoding with prompt-lookup drafts: greedy output identical to plain decoding, sampled output
distributed exactly as the model's (acceptance math on known distributions and a chi-square test on a tiny
model), soft prompts, stop strings, the device mesh, and draft_tokens=0 unchanged."""

import functools
import json
import os
import subprocess
import sys

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from conftest import save_tiny_model, write_random_llama

from evojax_nas.lm import load, model, sample, sampling

REPEATED = "def relu(x):\n    return jnp.maximum(x, 0)\n\n\ndef relu6(x):\n    return jnp.minimum(jnp.maximum(x, 0), 6)\n\n\ndef relu"
PLAIN = "import jax\n\nclass Model"


@pytest.fixture(scope="module", params=["llama", "mistral_window", "qwen2", "gpt2"])
def family_lm(request, tmp_path_factory, tiny_tokenizer):
    """A tiny random model of each family (Mistral with a sliding window shorter than the prompts)."""
    folder = str(tmp_path_factory.mktemp(request.param))
    if request.param == "llama":
        write_random_llama(folder, tiny_tokenizer, seed=1)
    elif request.param == "mistral_window":
        write_random_llama(folder, tiny_tokenizer, seed=2, model_type="mistral", sliding_window=12)
    else:
        pytest.importorskip("torch")
        save_tiny_model(folder, request.param, tiny_tokenizer)
    return load(folder)


def _generate(lm, prompts, draft_tokens, temperatures=0.0, n=3, max_new_tokens=40, **kwargs):
    ids = [lm.encode(p) for p in prompts]
    return sampling.generate(
        lm,
        [lm.embed(i) for i in ids],
        num_samples_per_prompt=n,
        temperatures=temperatures,
        key=jax.random.key(5),
        max_new_tokens=max_new_tokens,
        draft_tokens=draft_tokens,
        prompt_token_ids=ids if draft_tokens else None,
        **kwargs,
    )


def test_greedy_identical_to_plain_decoding(family_lm):
    """Prompts with and without repeated spans in one batch: rows accept different numbers of drafts."""
    plain = _generate(family_lm, [REPEATED, PLAIN], draft_tokens=0)
    spec = _generate(family_lm, [REPEATED, PLAIN], draft_tokens=4)
    np.testing.assert_array_equal(spec.tokens, plain.tokens)
    np.testing.assert_array_equal(spec.num_tokens, plain.num_tokens)
    np.testing.assert_array_equal(spec.stopped, plain.stopped)
    assert spec.drafts_proposed.sum() > 0
    assert spec.passes < plain.tokens.shape[1]  # fewer forward passes than tokens
    # Greedy rows of a prompt agree; the two prompts advance differently.
    assert len(set(spec.drafts_accepted[:3])) == 1 and len(set(spec.drafts_accepted[3:])) == 1
    assert (
        spec.drafts_accepted[0] != spec.drafts_accepted[3]
        or spec.drafts_proposed[0] != spec.drafts_proposed[3]
    )


def test_greedy_rows_with_different_acceptance_and_stop_tokens(random_llama):
    """A stop token that greedy decoding reaches early ends the row at the same place as plain decoding,
    however many draft tokens past it a pass had accepted."""
    lm = random_llama
    plain = _generate(lm, [REPEATED, PLAIN], draft_tokens=0)
    stop = int(plain.tokens[0, 5])  # a token the first prompt's greedy continuation produces early
    plain = _generate(lm, [REPEATED, PLAIN], draft_tokens=0, stop_token_ids=(stop,))
    for k in (1, 4):
        spec = _generate(lm, [REPEATED, PLAIN], draft_tokens=k, stop_token_ids=(stop,))
        np.testing.assert_array_equal(spec.tokens, plain.tokens)
        np.testing.assert_array_equal(spec.num_tokens, plain.num_tokens)
        np.testing.assert_array_equal(spec.stopped, plain.stopped)
    assert plain.stopped[0] and plain.num_tokens[0] <= 5


def test_propose_drafts_longest_latest_match():
    pad = -1
    history = jnp.asarray(
        [
            [pad, pad, 1, 2, 3, 4, 5, 9, 2, 3, 7, 8, 1, 2, 3],  # "2 3" twice; "1 2 3" once: longest wins
            [pad, 5, 6, 7, 5, 6, 8, 8, 8, 8, 8, 8, 8, 5, 6],  # "5 6" twice: the latest match (-> 8 8 8)
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],  # nothing repeats
            [pad, pad, pad, pad, 4, 4, 4, 4, 4, 4, 4, 4, 4, 1, 2],  # short region: drafts clipped at its end
        ],
        jnp.int32,
    )
    start = jnp.asarray([2, 1, 0, 4])
    length = jnp.asarray([15, 15, 15, 7])  # row 3 holds "4 4 4": the tail "4 4" matched at 4, draft "4"
    drafts, count = sampling.propose_drafts(history, start, length, num_tokens=4, max_ngram=3)
    assert count.tolist() == [4, 4, 0, 1]
    assert drafts[0].tolist() == [4, 5, 9, 2]
    assert drafts[1].tolist() == [8, 8, 8, 8]
    assert drafts[3, 0] == 4


def _exact(log_weights):
    return np.asarray(jax.nn.softmax(log_weights, axis=-1))


def test_acceptance_rule_reproduces_target_distribution():
    """verify_drafts on known logits: the first emitted token follows p0, the second (after an accepted
    draft) follows p1, for likely, unlikely and impossible (outside top-p) drafts; chi-square bounds."""
    vocab, rows = 6, 20000
    verify = jax.jit(sampling.verify_drafts, static_argnames="top_k")
    logits = jnp.asarray([[2.0, 1.0, 0.5, 0.0, -1.0, -3.0], [0.0, 1.5, 0.2, -0.5, 1.0, -2.0], [1.0] * 6])
    temperatures = jnp.full((rows,), 0.8)
    top_p = jnp.full((rows,), 0.9)
    ids, weights = sampling.target_distribution(logits, temperatures[:3], top_p[:3], vocab)
    p = np.zeros((3, vocab))
    for i in range(3):
        p[i, np.asarray(ids[i])] = _exact(weights[i])
    assert p[0, 5] == 0.0  # token 5 lies outside the nucleus at position 0
    keys = jax.random.split(jax.random.key(0), rows)
    batch_logits = jnp.broadcast_to(logits, (rows, 3, vocab))
    for draft in ([1, 4], [0, 1], [5, 1]):  # likely, then unlikely; argmax twice; outside the nucleus
        drafts = jnp.broadcast_to(jnp.asarray(draft, jnp.int32), (rows, 2))
        accepted, nxt = verify(
            batch_logits, drafts, jnp.full((rows,), 2), temperatures, top_p, keys, top_k=vocab
        )
        accepted, nxt = np.asarray(accepted), np.asarray(nxt)
        first = np.where(accepted >= 1, draft[0], nxt)
        _assert_matches(first, p[0])
        after_first = accepted >= 1
        second = np.where(accepted[after_first] >= 2, draft[1], nxt[after_first])
        if after_first.sum() > 300:
            _assert_matches(second, p[1])
        all_accepted = accepted == 2
        if all_accepted.sum() > 300:
            _assert_matches(nxt[all_accepted], p[2])  # the bonus token
    # Greedy rows: accept exactly the argmax prefix, then emit the argmax.
    greedy = jnp.zeros((2,))
    drafts = jnp.asarray([[0, 1], [0, 3]], jnp.int32)
    accepted, nxt = sampling.verify_drafts(
        jnp.broadcast_to(logits, (2, 3, vocab)),
        drafts,
        jnp.asarray([2, 2]),
        greedy,
        top_p[:2],
        keys[:2],
        vocab,
    )
    assert accepted.tolist() == [2, 1] and nxt.tolist() == [0, 1]


def _assert_matches(samples, probabilities, critical=30.0):
    """Chi-square goodness of fit (critical value well above the 0.999 quantile for <= 5 dof: 20.5)."""
    counts = np.bincount(samples, minlength=len(probabilities)).astype(float)
    support = probabilities > 0
    assert counts[~support].sum() == 0, "sampled a token of probability 0"
    expected = probabilities[support] * len(samples)
    chi2 = float(np.sum((counts[support] - expected) ** 2 / expected))
    assert chi2 < critical, (chi2, counts / len(samples), probabilities)


def test_sampled_tokens_follow_the_model_distribution(random_llama):
    """Tiny model, temperature 0.25, top-p 0.9, 2000 samples of 4 tokens drawn with drafts: each of tokens 2-4
    given the tokens before it follows the exact model distribution (full forward passes over every frequent
    prefix, pooled chi-square), while drafts were proposed and both acceptances and rejections occurred. The
    prompt ends with the model's own greedy continuation, so drafts looked up in it are often likely."""
    lm = random_llama
    seed = lm.encode(PLAIN)
    greedy = sampling.generate(
        lm,
        [lm.embed(seed)],
        num_samples_per_prompt=1,
        temperatures=0.0,
        key=jax.random.key(0),
        max_new_tokens=48,
        stop_token_ids=(),
    )
    ids = seed + greedy.tokens[0].tolist()
    n, top_p, temperature = 2000, 0.9, 0.25
    result = sampling.generate(
        lm,
        [lm.embed(ids)],
        num_samples_per_prompt=n,
        temperatures=temperature,
        top_p=top_p,
        key=jax.random.key(11),
        max_new_tokens=4,
        stop_token_ids=(),
        draft_tokens=2,
        prompt_token_ids=[ids],
    )
    assert result.drafts_proposed.sum() > n // 2  # most rows drafted
    assert 50 < result.drafts_accepted.sum() < result.drafts_proposed.sum() - 50
    for length in (1, 2, 3):
        prefixes, group, counts = np.unique(
            result.tokens[:, :length], axis=0, return_inverse=True, return_counts=True
        )
        frequent = np.flatnonzero(counts >= 20)
        p = _next_token_distributions(lm, [ids + list(prefixes[g]) for g in frequent], top_p, temperature)
        observed = np.stack(
            [np.bincount(result.tokens[group == g, length], minlength=p.shape[1]) for g in frequent]
        )
        chi2, dof = _pooled_chi2(observed, p)
        assert dof >= 10 and chi2 < dof + 6.0 * np.sqrt(2.0 * dof) + 10.0, (length, chi2, dof)


@functools.partial(jax.jit, static_argnums=0)
def _last_logits(config, params, sequences, lengths):
    """Logits after the first `lengths` tokens of each row of `sequences` (full forward pass, no cache)."""
    logits = model.forward(config, params, model.embed_tokens(params, sequences))
    return jnp.take_along_axis(logits, (lengths - 1)[:, None, None], axis=1)[:, 0]


def _next_token_distributions(lm, sequences, top_p, temperature=1.0) -> np.ndarray:
    """Exact `[len(sequences), vocab]` next-token distributions (temperature, top-k 64, top-p) from full
    forward passes without a cache (right-padded: causal attention ignores the padding)."""
    # One compiled shape: 32 rows of a width bucketed to 64 tokens.
    count, width, rows = len(sequences), -(-max(len(s) for s in sequences) // 64) * 64, 32
    padded = np.zeros((-(-count // rows) * rows, width), np.int32)
    lengths = np.ones(len(padded), np.int32)
    for i, s in enumerate(sequences):
        padded[i, : len(s)], lengths[i] = s, len(s)
    out = np.zeros((len(padded), lm.config.vocab_size))
    for begin in range(0, len(padded), rows):
        chunk = slice(begin, begin + rows)
        logits = _last_logits(lm.config, lm.params, jnp.asarray(padded[chunk]), jnp.asarray(lengths[chunk]))
        cand, weights = sampling.target_distribution(
            logits, jnp.full(rows, temperature), jnp.full(rows, top_p), 64
        )
        np.put_along_axis(out[chunk], np.asarray(cand), _exact(weights), axis=1)
    return out[:count]


def _pooled_chi2(observed: np.ndarray, probabilities: np.ndarray) -> tuple[float, int]:
    """Chi-square statistic and degrees of freedom of observed counts `[groups, vocab]` against each group's
    distribution; cells expecting fewer than 5 are merged into one cell per group. A token of probability 0
    fails at once."""
    assert observed[probabilities == 0].sum() == 0, "sampled a token of probability 0"
    chi2, cells = 0.0, 0
    for counts, p in zip(observed, probabilities, strict=True):
        expected = counts.sum() * p
        big = expected >= 5
        obs = np.append(counts[big], counts[~big].sum())
        exp = np.append(expected[big], expected[~big].sum())
        keep = exp > 0
        chi2 += float(np.sum((obs[keep] - exp[keep]) ** 2 / exp[keep]))
        cells += int(keep.sum()) - 1
    return chi2, cells


def test_soft_prompt_and_stop_strings(random_llama):
    lm = random_llama
    soft = lm.embed(lm.encode("def softplus(x):\n"))
    kwargs = dict(num_samples_per_prompt=3, temperatures=0.0, max_new_tokens=40, key=jax.random.key(2))
    plain = sample(lm, soft, [REPEATED, PLAIN], **kwargs)
    stop = plain[0][0].text[3:6]
    assert stop
    plain = sample(lm, soft, [REPEATED, PLAIN], stop_strings=[stop], **kwargs)
    spec = sample(lm, soft, [REPEATED, PLAIN], stop_strings=[stop], draft_tokens=4, **kwargs)
    assert spec == plain
    assert plain[0][0].finished_by == "stop_string"
    without_soft = sample(lm, None, [REPEATED, PLAIN], stop_strings=[stop], draft_tokens=4, **kwargs)
    assert without_soft != spec


def test_draft_tokens_zero_reproduces_plain_sampling(random_llama):
    """draft_tokens=0 is today's sampler: it equals the sampling scheme written from scratch with full forward
    passes (row key fold_in(fold_in(key, prompt), sample), step key fold_in(row key, step), `sample_token`)."""
    lm = random_llama
    ids = lm.encode(PLAIN)
    temperatures, top_p, key, steps = [0.0, 0.7, 1.0, 1.3], 0.95, jax.random.key(3), 12
    tokens, _, _ = sampling.generate_tokens(
        lm,
        [lm.embed(ids)],
        num_samples_per_prompt=4,
        temperatures=temperatures,
        top_p=top_p,
        key=key,
        max_new_tokens=steps,
        stop_token_ids=(),
        draft_tokens=0,
    )
    sequences = np.zeros((4, len(ids) + steps), np.int32)
    sequences[:, : len(ids)] = ids
    row_keys = [jax.random.fold_in(jax.random.fold_in(key, 0), s) for s in range(4)]
    for step in range(steps):
        logits = _last_logits(lm.config, lm.params, jnp.asarray(sequences), jnp.full(4, len(ids) + step))
        step_keys = jnp.stack([jax.random.fold_in(k, step) for k in row_keys])
        drawn = sampling.sample_token(logits, jnp.asarray(temperatures), jnp.full(4, top_p), step_keys, 64)
        sequences[:, len(ids) + step] = np.asarray(drawn)
    np.testing.assert_array_equal(tokens, sequences[:, len(ids) :])
    scanned = sampling.generate(
        lm,
        [lm.embed(ids)],
        num_samples_per_prompt=4,
        temperatures=temperatures,
        top_p=top_p,
        key=key,
        max_new_tokens=steps,
        stop_token_ids=(),
        unstack_layers=False,  # the layer scan over stacked weights: the same samples
    )
    np.testing.assert_array_equal(scanned.tokens, tokens)


def test_bad_draft_arguments(random_llama):
    with pytest.raises(ValueError, match="draft_tokens must be >= 0"):
        _generate(random_llama, [PLAIN], draft_tokens=-1)
    with pytest.raises(ValueError, match="prompt_token_ids has 2 entries for 1 prompts"):
        sampling.generate(
            random_llama,
            [random_llama.embed([1, 2])],
            num_samples_per_prompt=1,
            temperatures=0.0,
            key=jax.random.key(0),
            draft_tokens=2,
            prompt_token_ids=[[1], [2]],
        )


MESH_SCRIPT = r"""
import json, sys
import jax
from evojax_nas.lm import load, make_mesh, sample
assert jax.device_count() == 4, jax.devices()
lm = load(sys.argv[1], mesh=make_mesh(num_data=4))
out = sample(lm, None, json.loads(sys.argv[2]), num_samples_per_prompt=3, temperatures=json.loads(sys.argv[3]),
             max_new_tokens=24, key=jax.random.key(7), draft_tokens=4)
print(json.dumps([[s.text for s in group] for group in out]))
"""


def test_four_devices_match_one_device(random_llama, random_llama_dir):
    temperatures = [0.0, 0.6, 1.0, 0.2, 0.8, 0.0]
    prompts = [REPEATED, PLAIN]
    one = sample(
        random_llama,
        None,
        prompts,
        num_samples_per_prompt=3,
        temperatures=temperatures,
        max_new_tokens=24,
        key=jax.random.key(7),
        draft_tokens=4,
    )
    env = dict(os.environ, XLA_FLAGS="--xla_force_host_platform_device_count=4", JAX_PLATFORMS="cpu")
    command = [
        sys.executable,
        "-c",
        MESH_SCRIPT,
        random_llama_dir,
        json.dumps(prompts),
        json.dumps(temperatures),
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [[s.text for s in group] for group in one]


def test_lm_operator_decodes_plainly_above_draft_max_rows(random_llama):
    """`config.lm.draft_max_rows`: a sampler call of more rows than the limit decodes plainly (the children of
    plain decoding), one within it speculates (at temperature > 0 its draws differ from plain decoding's)."""
    from evojax_nas.operators import LMOperator
    from evojax_nas.prompting import Example

    groups = [
        [
            Example("def f(x):\n    return x + 1\n", 120, 0.5),
            Example("def g(x):\n    return 2 * x\n", 80, 0.4),
        ]
    ]
    key = jax.random.key(3)

    def sources(**options):
        operator = LMOperator(
            random_llama, "def child(x):\n", max_new_tokens=24, temperatures=(1.0,), **options
        )
        return [child.source for child in operator.generate(groups, 4, key)[0]]

    plain = sources(draft_tokens=0)
    assert sources(draft_tokens=3, draft_max_rows=2) == plain
    assert sources(draft_tokens=3, draft_max_rows=4) != plain
