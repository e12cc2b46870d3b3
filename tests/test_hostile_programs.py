"""Hostile and broken programs: each is refused or fails with a clear reason, in bounded time, and the
evaluator keeps working afterwards. The limit per program is the smoke config's sandbox wall clock (15 s) plus
the smoke training budget; the test asserts 60 s."""

from __future__ import annotations

import pathlib
import time

import jax
import pytest

CANARY = pathlib.Path("/tmp/evojax_nas_hostile_canary")

MODEL = """
import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np

class Model(nn.Module):
    @nn.compact
    def __call__(self, x):
{body}
        return nn.Dense(10)(x)
"""


def in_model(*lines: str) -> str:
    """A valid model whose __call__ runs `lines` before its output layer."""
    return MODEL.format(body="\n".join("        " + line for line in lines))


def at_import(*lines: str) -> str:
    """A valid model preceded by module-level `lines`."""
    return "\n".join(lines) + "\n" + in_model("x = x")


HOSTILE = [
    # name, source, expected status, fragment of the reason
    ("open_write", at_import(f"open('{CANARY}', 'w').write('x')"), "rejected", "'open'"),
    ("open_read", at_import("secret = open('/etc/shadow').read()"), "rejected", "'open'"),
    ("numpy_save", at_import(f"np.save('{CANARY}', np.zeros(3))"), "rejected", ".save"),
    ("numpy_load", at_import("np.load('/etc/passwd')"), "rejected", ".load"),
    ("numpy_tofile", at_import(f"np.zeros(3).tofile('{CANARY}')"), "rejected", ".tofile"),
    ("numpy_fromfile", at_import("np.fromfile('/etc/passwd')"), "rejected", ".fromfile"),
    ("numpy_loadtxt", at_import("np.loadtxt('/etc/passwd')"), "rejected", ".loadtxt"),
    ("numpy_memmap", at_import(f"np.memmap('{CANARY}', mode='w+', shape=(3,))"), "rejected", ".memmap"),
    ("numpy_lib_chain", at_import("npyio = np.lib.npyio"), "rejected", ".lib"),
    ("numpy_ctypeslib", at_import("np.ctypeslib.load_library('libc', '/lib')"), "rejected", ".ctypeslib"),
    ("jnp_load", at_import("jnp.load('/etc/passwd')"), "rejected", ".load"),
    ("import_os", at_import("import os", "os.system('touch /tmp/x')"), "rejected", "'os'"),
    ("import_subprocess", at_import("import subprocess"), "rejected", "'subprocess'"),
    ("import_socket", at_import("import socket"), "rejected", "'socket'"),
    ("import_ctypes", at_import("import ctypes"), "rejected", "'ctypes'"),
    ("from_os_import", at_import("from os import system"), "rejected", "'os'"),
    ("relative_import", at_import("from . import secrets"), "rejected", "relative"),
    ("dunder_import", at_import("os = __import__('os')"), "rejected", "__import__"),
    (
        "subclasses_escape",
        at_import("classes = ().__class__.__bases__[0].__subclasses__()"),
        "rejected",
        "special attribute",
    ),
    ("getattr_escape", at_import("cls = getattr((), '__class__')"), "rejected", "getattr"),
    ("eval", at_import("eval('1 + 1')"), "rejected", "'eval'"),
    ("exec", at_import("exec('import os')"), "rejected", "'exec'"),
    ("compile", at_import("compile('1', 'f', 'eval')"), "rejected", "'compile'"),
    ("globals", at_import("builtins = globals()['__builtins__']"), "rejected", "'globals'"),
    ("vars", at_import("namespace = vars()"), "rejected", "'vars'"),
    (
        "env_through_typing",
        at_import("import typing", "home = typing.sys.modules['os'].environ"),
        "rejected",
        "not allowed",
    ),
    ("env_through_jax_config", at_import("jax.config.update('jax_platforms', 'tpu')"), "rejected", ".config"),
    ("private_module_access", at_import("internals = jnp._src"), "rejected", "._src"),
    ("pure_callback", in_model("x = jax.pure_callback(lambda v: v, x, x)"), "rejected", ".pure_callback"),
    ("debug_print", in_model("jax.debug.print('x {}', x)"), "rejected", ".debug"),
    ("io_callback", at_import("from jax.experimental import io_callback"), "rejected", "jax.experimental"),
    (
        "metaclass",
        "import flax.linen as nn\nclass Model(nn.Module, metaclass=type):\n    pass\n",
        "rejected",
        "metaclass",
    ),
    (
        "dunder_method",
        "import flax.linen as nn\nclass Model(nn.Module):\n    def __getattr__(self, name):\n        return 1\n",
        "rejected",
        "__getattr__",
    ),
    ("source_too_long", at_import(*["y = 1"] * 5000), "rejected", "characters"),
    ("syntax_error", "class Model(nn.Module:\n    pass\n", "rejected", "syntax error"),
    ("missing_model", "import flax.linen as nn\nclass Net(nn.Module):\n    pass\n", "rejected", "'Model'"),
    ("model_not_a_module", "Model = 3\n", "rejected", "flax.linen.Module"),
    (
        "model_needs_arguments",
        "import flax.linen as nn\nclass Model(nn.Module):\n    width: int\n    def __call__(self, x):\n        return nn.Dense(10)(x)\n",
        "rejected",
        "constructible",
    ),
    (
        "wrong_output_shape",
        MODEL.format(body="        x = x").replace("nn.Dense(10)", "nn.Dense(7)"),
        "rejected",
        "shape",
    ),
    (
        "mutable_batch_norm",
        in_model("x = nn.BatchNorm(use_running_average=False)(x)"),
        "rejected",
        "batch_stats",
    ),
    ("too_many_params", in_model("x = nn.Dense(100_000)(x)"), "rejected", "over budget"),
    (
        "huge_trace_allocation",
        in_model("x = x + (jnp.ones((1_000_000, 1_000_000)) * x[0, 0]).sum()"),
        "rejected",
        "over budget",
    ),
    ("huge_import_allocation", at_import("import numpy as np", "big = np.ones(10**12)"), "failed", "memory"),
    ("recursion_bomb", at_import("def f(n):", "    return f(n + 1)", "f(0)"), "failed", "recursion"),
    ("infinite_loop_at_import", at_import("while True:", "    pass"), "failed", "timed out"),
    ("infinite_loop_at_trace", in_model("while True:", "    x = x + 1"), "failed", "timed out"),
    ("raises_at_import", at_import("raise ValueError('boom')"), "failed", "boom"),
    ("nan_model", in_model("x = x * jnp.nan"), "failed", "non-finite"),
]

# Programs that are valid Python and pass the old policy, but would hang, read the host or evaluate strings
# (issue: bounded cost, string-evaluation doors, numpy writers). Each is refused before training.
BOUNDED_COST = [
    (
        "while_loop_forever",
        in_model("x = jax.lax.while_loop(lambda c: True, lambda c: c + 1.0, x)"),
        "rejected",
        "depends on data",
    ),
    (
        "while_loop_data_dependent",
        in_model("x = jax.lax.while_loop(lambda c: c.sum() < 1e30, lambda c: c * 2.0 + 1.0, x)"),
        "rejected",
        "depends on data",
    ),
    (
        "fori_loop_traced_bound",
        in_model("x = jax.lax.fori_loop(0, (x[0, 0] * 1e9).astype(jnp.int32), lambda i, v: v + 1.0, x)"),
        "rejected",
        "depends on data",
    ),
    (
        "fori_loop_two_billion",
        in_model("x = jax.lax.fori_loop(0, 2_000_000_000, lambda i, v: v * 1.0001, x)"),
        "rejected",
        "max_loop_iterations",
    ),
    (
        "scan_hundred_million",
        in_model("x = jax.lax.scan(lambda c, _: (c + 1.0, None), x, None, length=10**8)[0]"),
        "rejected",
        "max_loop_iterations",
    ),
    (
        "nested_fori_loops",
        in_model(
            "x = jax.lax.fori_loop(0, 1000, lambda i, v: jax.lax.fori_loop(0, 1000, lambda j, w: w + 1.0, v), x)"
        ),
        "rejected",
        "max_loop_iterations",
    ),
    (
        "fori_loop_over_flop_budget",
        in_model(
            "w = jnp.ones((40, 160)) * 0.01",
            "x = jax.lax.fori_loop(0, 90_000, lambda i, v: jnp.tanh(v @ w @ w.T), x)",
        ),
        "rejected",
        "while loop",
    ),
    (
        "svd_bomb",
        in_model("x = x + jnp.linalg.svd(jnp.ones((3000, 3000)) * x[0, 0], compute_uv=False)[:40]"),
        "rejected",
        "gesdd",
    ),
    (
        "eigh_bomb",
        in_model("x = x + jnp.linalg.eigh(jnp.ones((2000, 2000)) * x[0, 0])[0][:40]"),
        "rejected",
        "syevd",
    ),
    (
        "qr_bomb",
        in_model("x = x + jnp.linalg.qr(jnp.ones((3000, 3000)) * x[0, 0])[1][0, :40]"),
        "rejected",
        "custom call",
    ),
    (
        "cholesky_bomb",
        in_model("x = x + jnp.linalg.cholesky(jnp.eye(4000) * x[0, 0])[0, :40]"),
        "rejected",
        "potrf",
    ),
    (
        "inverse_bomb",
        in_model("x = x + jnp.linalg.inv(jnp.eye(3000) + x[0, 0])[0, :40]"),
        "rejected",
        "custom call",
    ),
    (
        "string_annotation_escape",
        at_import('shell: "().__class__.__base__.__subclasses__()" = None'),
        "rejected",
        "string annotations",
    ),
    (
        "string_argument_annotation",
        at_import("def f(v: \"__import__('os').system('id')\"):", "    return v"),
        "rejected",
        "string annotations",
    ),
    (
        "get_type_hints",
        at_import("import typing", "hints = typing.get_type_hints"),
        "rejected",
        "get_type_hints",
    ),
    ("forward_ref", at_import("from typing import ForwardRef"), "rejected", "ForwardRef"),
    (
        "single_dispatch",
        at_import("import functools", "f = functools.singledispatch"),
        "rejected",
        "singledispatch",
    ),
    (
        "format_attribute_escape",
        at_import("leak = '{0.__class__.__base__.__subclasses__}'.format(())"),
        "rejected",
        "reaches an attribute",
    ),
    ("format_item_escape", at_import("leak = '{0[PATH]}'.format({})"), "rejected", "reaches an attribute"),
    (
        "format_nested_spec",
        at_import("leak = '{0:{1.__class__}}'.format(1, 2)"),
        "rejected",
        "reaches an attribute",
    ),
    (
        "format_built_at_run_time",
        at_import("template = '{0.' + '__class__}'", "leak = template.format(1)"),
        "rejected",
        "literal string",
    ),
    ("format_map", at_import("leak = '{a}'.format_map({'a': 1})"), "rejected", "format_map"),
    ("numpy_ndarray_dump", at_import(f"np.zeros(3).dump('{CANARY}')"), "rejected", ".dump"),
    ("numpy_savetxt", at_import(f"np.savetxt('{CANARY}', np.zeros(3))"), "rejected", ".savetxt"),
    ("numpy_savez", at_import(f"np.savez('{CANARY}', a=np.zeros(3))"), "rejected", ".savez"),
    ("numpy_genfromtxt", at_import("np.genfromtxt('/etc/passwd')"), "rejected", ".genfromtxt"),
    ("numpy_info_prints_source", at_import("np.info(np.zeros)"), "rejected", ".info"),
]
HOSTILE += BOUNDED_COST


def test_suite_is_large_enough():
    assert len(HOSTILE) >= 30
    assert len(BOUNDED_COST) >= 15
    assert len({name for name, *_ in HOSTILE}) == len(HOSTILE)


@pytest.mark.parametrize(
    ("name", "source", "status", "fragment"), HOSTILE, ids=[entry[0] for entry in HOSTILE]
)
def test_hostile_program_is_refused_or_fails(evaluator, name, source, status, fragment):
    started = time.monotonic()
    result = evaluator.evaluate(source, jax.random.key(0))
    elapsed = time.monotonic() - started
    assert result["status"] == status, (name, result["reason"])
    assert fragment.lower() in result["reason"].lower(), (name, result["reason"])
    assert "\n" not in result["reason"]
    assert (
        "root:x:0:0" not in result["reason"] and "PATH=" not in result["reason"]
    )  # no host file or environment
    assert elapsed < 60, f"{name} took {elapsed:.1f} s"
    assert not CANARY.exists()


def test_evaluator_survives_the_suite(evaluator):
    """After all hostile programs (this runs last in the module), a seed still evaluates correctly."""
    from tests.conftest import REPO_ROOT

    source = (REPO_ROOT / "seeds" / "mnist1d" / "cnn.py").read_text()
    result = evaluator.evaluate(source, jax.random.key(0))
    assert result["status"] == "ok", result["reason"]
    assert result["num_params"] == 5210


SLOW_BUT_BOUNDED = in_model("x = jax.lax.fori_loop(0, 50_000, lambda i, v: jnp.sin(v) + 0.5, x)")


def test_training_stops_at_the_wall_clock_limit(smoke_config):
    """A candidate inside every budget whose steps are slow fails at `train.max_seconds`; the time it costs is
    that limit plus its compile time, and the evaluator goes on with the next candidate."""
    from evojax_nas.evaluator import Evaluator

    config = smoke_config.copy_and_resolve_references()
    config.train.max_seconds = 1.0
    with Evaluator(config) as evaluator:
        started = time.monotonic()
        result = evaluator.evaluate(SLOW_BUT_BOUNDED, jax.random.key(0))
        elapsed = time.monotonic() - started
        assert result["status"] == "failed", result["reason"]
        assert "config.train.max_seconds = 1 s" in result["reason"], result["reason"]
        steps_done = int(result["reason"].split(" for ")[1].split(" of ")[0])
        assert steps_done < config.train.steps
        # Unbounded without the limit; with it, the time beyond building and compiling is the limit plus at
        # most the call in flight (a generous bound for a loaded 2-core machine).
        assert elapsed - result["sandbox_seconds"] - result["compile_seconds"] < 30, (elapsed, result)
        source = MODEL.format(body="        x = x")
        assert evaluator.evaluate(source, jax.random.key(0))["status"] == "ok"


def test_training_clock_fails_a_projected_overrun_early_and_spares_a_steady_pace():
    """With a projection margin, a pace that would end far past `max_seconds` fails once a quarter of the limit
    has passed; a pace that ends within the limit never fails; without a margin only the limit itself counts."""
    from evojax_nas.training import CandidateFailed, TrainingClock

    slow = TrainingClock(max_seconds=2.0, steps=1000, projection_margin=1.5)
    slow.check(0)
    time.sleep(0.6)  # past a quarter of the limit after one step: about 600 s projected
    with pytest.raises(CandidateFailed, match=r"would take about \d+ s, more than .*margin = 1.5 x .*= 2 s"):
        slow.check(1)

    steady = TrainingClock(max_seconds=2.0, steps=4, projection_margin=1.5)
    for step in range(4):
        steady.check(step)
        time.sleep(0.2)
    steady.check(4)

    plain = TrainingClock(max_seconds=0.3, steps=1000, projection_margin=0.0)
    plain.check(0)
    time.sleep(0.1)
    plain.check(1)  # about 300 s projected, but no margin: only the limit counts
    time.sleep(0.3)
    with pytest.raises(
        CandidateFailed, match=r"took longer than config.train.max_seconds = 0.3 s \(.* for 2 of 1000"
    ):
        plain.check(2)
