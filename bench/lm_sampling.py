r"""Sampling throughput: ours (JAX) plain and speculative vs transformers + PyTorch `generate` (and llama.cpp
if installed).

All run SmolLM2-135M-sized float32 weights (ours: the `default` LM, i.e. SmolLM2-135M with the EvoPrompting
adapter merged; transformers: the same base weights without the adapter, same shapes and cost) on one
EvoPrompting prompt (two parents from seeds/mnist1d with their metrics, the target docstring and the header,
built by `prompting.build_prompt` as the search builds it), shared by every row of a batch:

  python bench/lm_sampling.py --batch_sizes=1,16              # the issue's acceptance run
  python bench/lm_sampling.py --batch_sizes=16 --max_new_tokens=64 --notransformers   # a quick run
  python bench/lm_sampling.py --prompt=flax --checkpoint=smollm2-135m   # the older 370-token flax prompt
  python bench/lm_sampling.py --batch_sizes=16 --profile        # + where a plain decode step's time goes
  python bench/lm_sampling.py --batch_sizes=1 --matmul_rows=5,16,32,80  # + how a step's matmuls scale with rows

Tokens per second count generated tokens only (every row is forced to `max_new_tokens`: EOS is ignored) over
the whole call (prefill + decode; compilation excluded by a warm-up call at the same shapes). Speculative
decoding (`--draft_tokens`, prompt-lookup drafts) also reports its draft acceptance rate (accepted / proposed
draft tokens) and the tokens committed per forward pass.
"""

from __future__ import annotations

import collections
import functools
import glob
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# With the default (spinning) OpenMP wait policy, torch's 2 threads collapse when anything else runs on the
# 2 cores (measured: one batch-16 forward 3.8 s instead of 0.15 s); passive waiting keeps the reference fair.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import flax
import jax
import jax.numpy as jnp
import numpy as np
from absl import app, flags

from evojax_nas import prompting
from evojax_nas.lm import decoding, load, sampling

flags.DEFINE_string("checkpoint", "default", "Checkpoint to benchmark (name, HF folder or .gguf).")
flags.DEFINE_enum(
    "prompt",
    "evoprompting",
    ["evoprompting", "flax"],
    "evoprompting: two seed parents + header as the search builds it; flax: a prefix of flax's linen/linear.py.",
)
flags.DEFINE_integer("prompt_tokens", 370, "Prompt length in tokens for --prompt=flax.")
flags.DEFINE_list("draft_tokens", ["4"], "Speculative decoding's K values to time (empty: plain only).")
flags.DEFINE_bool(
    "scan_reference",
    True,
    "Also time plain decoding with the layer scan over stacked weights (the loop before the per-layer one).",
)
flags.DEFINE_integer("max_new_tokens", 200, "New tokens per sample.")
flags.DEFINE_list("batch_sizes", ["1", "16", "64"], "Samples per call (one prompt shared by all rows).")
flags.DEFINE_float("temperature", 0.8, "Sampling temperature.")
flags.DEFINE_float("top_p", 0.95, "Nucleus mass.")
flags.DEFINE_bool("transformers", True, "Also time transformers + PyTorch generate.")
flags.DEFINE_bool("llama_cpp", True, "Also time llama-cpp-python on the GGUF when it is importable.")
flags.DEFINE_integer("torch_threads", 2, "torch.set_num_threads for the reference.")
flags.DEFINE_string(
    "reference_only", None, "Internal: run only transformers on this folder and print its rate."
)
flags.DEFINE_list("prompt_ids", [], "Internal: the prompt token ids for --reference_only.")
flags.DEFINE_list(
    "matmul_rows",
    [],
    "Also time one decode step's weight matmuls (every projection of every layer and the LM head, the model's "
    "shapes) at these numbers of rows, against 1 row: where a verification pass of rows x (K + 1) positions stops "
    "costing about one step's weight reads.",
)
flags.DEFINE_bool("profile", False, "Trace a call and split decode time into matmuls, attention, sampling.")
flags.DEFINE_string("trace_dir", os.path.join(tempfile.gettempdir(), "lm_sampling_trace"), "Profiler output.")
FLAGS = flags.FLAGS


def _log(message: str) -> None:
    print(message, flush=True)


# Parents of the benchmark prompt, with the metrics the cpu-preset study measured for these seeds
# (docs/results/mnist1d_cpu_evoprompting: cnn 5,210 parameters 0.901 validation accuracy, gru 5,110 / 0.889).
_PARENTS = (("cnn.py", 5210, 0.901), ("gru.py", 5110, 0.889))


def evoprompting_prompt() -> str:
    """The few-shot prompt the search would build for the two seed parents (header: MNIST-1D's)."""
    from evojax_nas.tasks.classifier.build import PROGRAM_HEADER

    seeds = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "seeds", "mnist1d")
    parents = []
    for name, num_params, accuracy in _PARENTS:
        with open(os.path.join(seeds, name), encoding="utf-8") as f:
            parents.append(prompting.Example(f.read(), num_params, accuracy))
    return prompting.build_prompt(parents, PROGRAM_HEADER)


def _prompt_ids(lm, num_tokens: int) -> list[int]:
    if FLAGS.prompt == "evoprompting":
        return lm.encode(evoprompting_prompt())
    with open(os.path.join(os.path.dirname(flax.__file__), "linen", "linear.py"), encoding="utf-8") as f:
        ids = lm.encode(f.read())
    return ids[:num_tokens]


def bench_ours(
    lm, prompt_ids: list[int], batch: int, max_new_tokens: int, draft_tokens: int = 0, unstack: bool = True
) -> tuple[float, float, sampling.Generation]:
    """(tokens per second, seconds of the first call including compilation, the timed call's result)."""

    def run(seed):
        return sampling.generate(
            lm,
            [lm.embed(prompt_ids)],
            num_samples_per_prompt=batch,
            temperatures=FLAGS.temperature,
            top_p=FLAGS.top_p,
            key=jax.random.key(seed),
            max_new_tokens=max_new_tokens,
            stop_token_ids=(),
            draft_tokens=draft_tokens,
            prompt_token_ids=[prompt_ids] if draft_tokens else None,
            unstack_layers=unstack,
        )

    first = None
    variant = (batch, max_new_tokens, draft_tokens, unstack)
    if variant not in _WARMED:  # compile once per shape and variant
        start = time.perf_counter()
        run(0)
        first = _WARMED[variant] = time.perf_counter() - start
    start = time.perf_counter()
    result = run(1)
    elapsed = time.perf_counter() - start
    assert result.tokens.shape == (batch, max_new_tokens)
    return batch * max_new_tokens / elapsed, _WARMED[variant] if first is None else first, result


_WARMED: dict[tuple, float] = {}


def bench_transformers_in_subprocess(
    folder: str, prompt_ids: list[int], batch: int, max_new_tokens: int
) -> float:
    """Runs `bench_transformers` in a child process of this run: torch's OpenMP runtime changes the thread
    affinity of the process that imports it (measured: our batch-16 rate fell from 164 to 91 tok/s after torch
    had run in the same process), so the two systems must not share one."""
    command = [
        sys.executable,
        os.path.abspath(__file__),
        f"--reference_only={folder}",
        f"--prompt_ids={','.join(map(str, prompt_ids))}",
        f"--batch_sizes={batch}",
        f"--max_new_tokens={max_new_tokens}",
        f"--temperature={FLAGS.temperature}",
        f"--top_p={FLAGS.top_p}",
        f"--torch_threads={FLAGS.torch_threads}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1].split()[-1])


def bench_transformers(folder: str, prompt_ids: list[int], batch: int, max_new_tokens: int) -> float:
    """Tokens per second of transformers' `generate` (sampling, KV cache) on the same float32 weights."""
    import torch
    import transformers

    torch.set_num_threads(FLAGS.torch_threads)
    hf = _hf_model(folder)
    inputs = torch.tensor([prompt_ids] * batch)
    kwargs = dict(
        do_sample=True, temperature=FLAGS.temperature, top_p=FLAGS.top_p, top_k=None, pad_token_id=0
    )
    with torch.inference_mode():
        hf.generate(inputs[:, :16], max_new_tokens=4, min_new_tokens=4, **kwargs)  # warm-up
        torch.manual_seed(0)
        start = time.perf_counter()
        out = hf.generate(inputs, max_new_tokens=max_new_tokens, min_new_tokens=max_new_tokens, **kwargs)
        elapsed = time.perf_counter() - start
    assert out.shape == (batch, len(prompt_ids) + max_new_tokens)
    del transformers
    return batch * max_new_tokens / elapsed


@functools.cache
def _hf_model(folder: str):
    import torch
    import transformers

    return transformers.AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32).eval()


def bench_llama_cpp(prompt_ids: list[int], max_new_tokens: int) -> float | None:
    """Single-stream tokens per second of llama-cpp-python on the original GGUF, or None if not importable."""
    try:
        import llama_cpp
    except ImportError:
        _log("llama-cpp-python is not importable: skipping it (pip install llama-cpp-python to include it).")
        return None
    from evojax_nas.lm.gguf_loader import smollm2_gguf_path

    llm = llama_cpp.Llama(model_path=smollm2_gguf_path(), n_ctx=2048, n_threads=2, verbose=False)
    llm.generate  # noqa: B018
    start = time.perf_counter()
    count = 0
    for _ in llm.generate(prompt_ids, temp=FLAGS.temperature, top_p=FLAGS.top_p, top_k=0):
        count += 1
        if count == max_new_tokens:
            break
    return count / (time.perf_counter() - start)


_PROFILE_PARTS = (
    ("qkv_projection", "QKV projection (norm + matmul)"),
    ("out_projection", "attention output projection"),
    ("mlp", "MLP (norm + gate/up/down matmuls)"),
    ("attention", "attention over the KV cache (+ RoPE)"),
    ("lm_head", "lm head (vocabulary projection)"),
    ("sampling", "sampling (top-k 64, top-p)"),
    ("cache_write", "KV cache writes"),
)


def _op_scopes(hlo_text: str) -> dict[str, str]:
    """Maps each compiled instruction name to the op_name (JAX name scopes) in its metadata."""
    scopes = {}
    for match in re.finditer(r"%([\w.\-]+) = [^\n]*?op_name=\"([^\"]*)\"", hlo_text):
        scopes[match.group(1)] = match.group(2)
    return scopes


def profile_decode(lm, prompt_ids: list[int], batch: int, max_new_tokens: int, trace_dir: str) -> None:
    """Traces one sampling call and attributes the decode loop's op time to the model's named scopes."""
    kwargs = dict(
        num_samples_per_prompt=batch,
        temperatures=FLAGS.temperature,
        top_p=FLAGS.top_p,
        max_new_tokens=max_new_tokens,
        stop_token_ids=(),
    )
    sampling.generate_tokens(lm, [lm.embed(prompt_ids)], key=jax.random.key(0), **kwargs)  # compile
    shutil.rmtree(trace_dir, ignore_errors=True)
    with jax.profiler.trace(trace_dir, create_perfetto_trace=True):
        sampling.generate_tokens(lm, [lm.embed(prompt_ids)], key=jax.random.key(1), **kwargs)
    (trace_file,) = glob.glob(os.path.join(trace_dir, "**", "*.trace.json.gz"), recursive=True)
    with gzip.open(trace_file) as f:
        events = json.load(f)["traceEvents"]
    hlo_texts = "\n".join(
        decoding.decode.lower(*args, **static).compile().as_text() for args, static in _LAST_DECODE_CALL
    )
    scopes = _op_scopes(hlo_texts)
    totals: dict[str, float] = collections.Counter()
    for event in events:
        args = event.get("args", {})
        if event.get("ph") != "X" or args.get("hlo_module") != "jit_decode" or "hlo_op" not in args:
            continue
        if event["name"].startswith(("while", "call", "conditional")):
            continue  # containers: their bodies' ops are counted themselves
        op_name = scopes.get(args["hlo_op"], "")
        part = next((key for key, _ in _PROFILE_PARTS if f"/{key}/" in op_name + "/"), "other")
        totals[part] += event["dur"] / 1000.0
    total = sum(totals.values())
    _log(
        f"decode loop at batch {batch}: {total:.0f} ms of op time over {max_new_tokens} steps "
        f"({total / max_new_tokens:.1f} ms/step)"
    )
    for key, label in _PROFILE_PARTS + (("other", "other (scan weight slicing, loop control, norms)"),):
        _log(f"  {label:52s} {totals[key]:8.0f} ms  {100 * totals[key] / total:5.1f}%")


_LAST_DECODE_CALL: list = []


def _record_decode_calls() -> None:
    """Wraps `decoding.decode` (the plain decode loop that `sampling.generate` calls) so the profiler can
    recompile the exact call it traced to read its HLO."""
    original = decoding.decode

    class Recorder:
        def __call__(self, *args, **static):
            _LAST_DECODE_CALL[:] = [(args, static)]
            return original(*args, **static)

        def lower(self, *args, **static):
            return original.lower(*args, **static)

    decoding.decode = Recorder()


def matmul_scaling(config, row_counts: list[int]) -> None:
    """Prints the seconds of one decode step's weight matmuls at each number of rows and the ratio to 1 row."""
    kv = config.num_kv_heads * config.head_dim
    q = config.num_heads * config.head_dim
    d, f = config.d_model, config.ffn_dim
    layer_shapes = [(d, q + 2 * kv), (q, d), (d, 2 * f), (f, d)]  # qkv, output, gate+up, down
    rng = np.random.default_rng(0)
    weights = [jnp.asarray(rng.standard_normal(shape, np.float32)) for shape in layer_shapes]
    head = jnp.asarray(rng.standard_normal((d, config.vocab_size), np.float32))

    def step(inputs, weights):
        return sum(jnp.sum(x @ weight) for x, weight in zip(inputs, weights, strict=True))

    timed = jax.jit(step)
    reference = None
    for rows in row_counts:
        inputs = [jnp.asarray(rng.standard_normal((rows, w.shape[0]), np.float32)) for w in weights]
        head_input = inputs[:1]
        seconds = []
        for repeat in range(6):  # the first compiles
            start = time.perf_counter()
            timed(inputs, weights).block_until_ready()
            layer = time.perf_counter() - start
            start = time.perf_counter()
            timed(head_input, [head]).block_until_ready()
            if repeat:
                seconds.append(layer * config.num_layers + time.perf_counter() - start)
        best = min(seconds)
        reference = reference or best
        _log(
            f"matmuls of one step at {rows:3d} rows: {best * 1e3:7.1f} ms = {best / reference:5.2f}x one row "
            f"({best / rows * 1e3:6.2f} ms per row)"
        )


def main(argv):
    del argv
    if FLAGS.reference_only:
        prompt_ids = [int(i) for i in FLAGS.prompt_ids]
        rate = bench_transformers(
            FLAGS.reference_only, prompt_ids, int(FLAGS.batch_sizes[0]), FLAGS.max_new_tokens
        )
        print(f"transformers tokens/s {rate}")
        return
    lm = load(FLAGS.checkpoint)
    if FLAGS.matmul_rows:
        matmul_scaling(lm.config, [1] + [int(rows) for rows in FLAGS.matmul_rows if int(rows) != 1])
    prompt_ids = _prompt_ids(lm, FLAGS.prompt_tokens)
    max_new = FLAGS.max_new_tokens
    _log(
        f"{FLAGS.checkpoint}: {FLAGS.prompt} prompt {len(prompt_ids)} tokens, {max_new} new tokens at "
        f"temperature {FLAGS.temperature} top-p {FLAGS.top_p}, float32, "
        f"{os.cpu_count()} CPUs, jax {jax.__version__} on {jax.devices()[0].platform}, "
        f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY')}, load average {os.getloadavg()[0]:.1f}"
    )
    folder = lm.source if os.path.isdir(lm.source) else None
    if folder is None:
        from evojax_nas.lm.gguf_loader import converted_folder, smollm2_gguf_path

        folder = converted_folder(smollm2_gguf_path())
    batches = [int(b) for b in FLAGS.batch_sizes]
    rates = {}
    drafts = [int(k) for k in FLAGS.draft_tokens]
    for batch in batches:
        # Plain and speculative interleaved (best of two timed calls each), the reference right after, so all
        # see similar load on a shared machine.
        best: dict[object, tuple[float, float, sampling.Generation]] = {}
        variants = [0] + drafts + (["scan"] if FLAGS.scan_reference else [])
        for _ in range(2):
            for k in variants:
                draft = 0 if k == "scan" else k
                rate, first, result = bench_ours(lm, prompt_ids, batch, max_new, draft, unstack=k != "scan")
                if k not in best or rate > best[k][0]:
                    best[k] = (rate, first, result)
        ours = best[0][0]
        rates[batch] = ours
        line = f"batch {batch:3d}: ours plain {ours:7.1f} tok/s (first call {best[0][1]:.0f}s)"
        if FLAGS.transformers:
            theirs = bench_transformers_in_subprocess(folder, prompt_ids, batch, max_new)
            line += f" | transformers+torch {theirs:6.1f} tok/s | plain / transformers {ours / theirs:5.2f}x"
        _log(f"{line} (load average {os.getloadavg()[0]:.1f})")
        if FLAGS.scan_reference:
            rate, first = best["scan"][:2]
            _log(
                f"batch {batch:3d}: ours plain with the scan over stacked layers {rate:7.1f} tok/s (first call "
                f"{first:.0f}s): the per-layer loop is {ours / rate:4.2f}x"
            )
        for k in drafts:
            rate, first, result = best[k]
            proposed, accepted = int(result.drafts_proposed.sum()), int(result.drafts_accepted.sum())
            _log(
                f"batch {batch:3d}: ours speculative K={k} {rate:7.1f} tok/s = {rate / ours:4.2f}x plain "
                f"(first call {first:.0f}s); drafts accepted {accepted}/{proposed} "
                f"= {accepted / max(proposed, 1):.1%}; {result.passes} forward passes for {max_new} tokens per row "
                f"({max_new / max(result.passes, 1):.2f} tokens per pass for the slowest row)"
            )
    # llama.cpp last: it is loaded into this process, which must not disturb our measurements.
    llama_cpp_rate = bench_llama_cpp(prompt_ids, max_new) if FLAGS.llama_cpp else None
    if llama_cpp_rate is not None:
        _log(f"llama.cpp (GGUF, 2 threads, single stream): {llama_cpp_rate:.1f} tok/s")
        for batch, ours in rates.items():
            _log(f"batch {batch:3d}: ours / llama.cpp single stream {ours / llama_cpp_rate:5.2f}x")
    if FLAGS.profile:
        _record_decode_calls()
        for batch in (int(b) for b in FLAGS.batch_sizes):
            profile_decode(lm, prompt_ids, batch, max_new, FLAGS.trace_dir)


if __name__ == "__main__":
    sys.exit(app.run(main))
