"""The static cost model: loop trip counts, data-dependent loops, custom-call costs, agreement with XLA."""

from __future__ import annotations

import site

import jax
import jax.numpy as jnp
import pytest
from jax import export

from evojax_nas.cli import REPO_ROOT
from evojax_nas.cost_model import UnboundedCostError, analyze_exported
from evojax_nas.evaluation_result import clean_reason


def exported(function, *shapes):
    return export.export(jax.jit(function))(*[jax.ShapeDtypeStruct(shape, jnp.float32) for shape in shapes])


def xla_flops(function, *shapes) -> float:
    return (
        jax.jit(function)
        .lower(*[jax.ShapeDtypeStruct(s, jnp.float32) for s in shapes])
        .cost_analysis()["flops"]
    )


def test_loop_free_program_adds_nothing_to_what_xla_counts():
    function = lambda x, w: jnp.maximum(x @ w, 0.0)  # noqa: E731
    report = analyze_exported(exported(function, (3, 40), (40, 10)))
    assert report.loops == [] and report.custom_calls == []
    assert report.extra_operations == 0  # the reported FLOPs stay XLA's own
    # Our count also charges data movement (one operation per element), so it is XLA's count or a little more.
    assert (
        xla_flops(function, (3, 40), (40, 10))
        <= report.operations
        <= 1.05 * xla_flops(function, (3, 40), (40, 10))
    )


def test_counted_loops_are_multiplied_by_their_trip_counts():
    def body(i, v):
        return v * 1.0001 + 1.0

    one = analyze_exported(exported(lambda x: jax.lax.fori_loop(0, 10, body, x), (40,)))
    many = analyze_exported(exported(lambda x: jax.lax.fori_loop(0, 2_000_000_000, body, x), (40,)))
    assert [trips for _, trips, _ in one.loops] == [10]
    assert [trips for _, trips, _ in many.loops] == [2_000_000_000]
    assert many.operations > 1e11 > one.operations
    assert "2,000,000,000 iterations" in many.largest_item()


@pytest.mark.parametrize(
    ("function", "trips"),
    [
        (lambda x: jax.lax.scan(lambda c, xi: (c * xi, c), 1.0, x)[1], 40),
        (lambda x: jax.lax.fori_loop(3, 17, lambda i, v: v + 1.0, x), 14),
        (lambda x: jax.lax.map(lambda row: row * 2.0, x.reshape(8, 5)).reshape(40), 8),
    ],
    ids=["scan", "fori_offset", "map"],
)
def test_trip_counts_of_scan_fori_and_map(function, trips):
    report = analyze_exported(exported(function, (40,)))
    assert [count for _, count, _ in report.loops] == [trips]


@pytest.mark.parametrize(
    "function",
    [
        lambda x: jax.lax.while_loop(lambda c: c.sum() < 10.0, lambda c: c + 1.0, x),
        lambda x: jax.lax.while_loop(lambda c: True, lambda c: c + 1.0, x),
        lambda x: jax.lax.fori_loop(0, x[0].astype(jnp.int32), lambda i, v: v + 1.0, x),
    ],
    ids=["data_condition", "forever", "traced_bound"],
)
def test_loops_whose_trip_count_depends_on_data_are_refused(function):
    with pytest.raises(UnboundedCostError, match="depends on data"):
        analyze_exported(exported(function, (40,)))


def test_nested_loops_multiply_against_the_iteration_cap():
    def nested(x):
        return jax.lax.fori_loop(0, 1000, lambda i, v: jax.lax.fori_loop(0, 1000, lambda j, w: w + 1.0, v), x)

    assert analyze_exported(exported(nested, (40,))).max_loop_iterations == 1_000_000
    with pytest.raises(UnboundedCostError, match="1,000,000 with the loops around it"):
        analyze_exported(exported(nested, (40,)), max_loop_iterations=100_000)


@pytest.mark.parametrize(
    ("name", "function", "minimum"),
    [
        (
            "gesdd",
            lambda x: jnp.linalg.svd(jnp.ones((300, 300)) * x[0], compute_uv=False)[:40] + x,
            22 * 300**3,
        ),
        ("syevd", lambda x: jnp.linalg.eigh(jnp.ones((200, 200)) * x[0])[0][:40] + x, 9 * 200**3),
        ("potrf", lambda x: jnp.linalg.cholesky(jnp.eye(300) * x[0])[0, :40] + x, 300**3 / 3),
        ("trsm", lambda x: jnp.linalg.inv(jnp.eye(100) * x[0])[0, :40] + x, 100**3),
    ],
)
def test_lapack_custom_calls_are_priced_from_their_shapes(name, function, minimum):
    report = analyze_exported(exported(function, (40,)))
    targets = [target for target, _ in report.custom_calls]
    assert any(name in target for target in targets), targets
    assert report.custom_call_operations >= minimum
    assert xla_flops(function, (40,)) < minimum  # what XLA alone would have let through


def test_reasons_are_one_bounded_printable_line():
    hostile = "boom\x1b[2J\x1b]0;title\x07\nsecond line\r\u202eevil\u2028\x00" + "x" * 2000
    cleaned = clean_reason(hostile)
    assert cleaned.startswith("boom second line evil")
    assert len(cleaned) <= 500
    assert all(char.isprintable() for char in cleaned)


def test_reasons_name_no_directory_of_this_machine():
    packages = site.getsitepackages()[0]
    reason = (
        f"tracing the function init_fn at {packages}/haiku/_src/transform.py:163 for jit; "
        f"operation a = broadcast_in_dim from line {REPO_ROOT}/evojax_nas/tasks/clrs/model.py:12"
    )
    cleaned = clean_reason(reason)
    assert cleaned == (
        "tracing the function init_fn at <site-packages>/haiku/_src/transform.py:163 for jit; "
        "operation a = broadcast_in_dim from line evojax_nas/tasks/clrs/model.py:12"
    )
