"""The max/min-reduction gradients used for CLRS training steps (`evojax_nas/tasks/clrs/gradients.py`)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from evojax_nas.tasks.clrs.gradients import _robust_chooser_tangent, exact_max_gradients


def reductions(x):
    return jnp.sum(jnp.max(x * x, axis=1) ** 2) + 2.0 * jnp.sum(jnp.min(x, axis=(0, 2))) + jnp.max(x)


def test_gradients_equal_jax_for_unique_extremes_under_jit_and_vmap():
    x = jnp.asarray(np.random.default_rng(0).normal(size=(3, 4, 5)), jnp.float32)
    expected = jax.grad(reductions)(x)
    with exact_max_gradients():
        eager = jax.grad(reductions)(x)
        jitted = jax.jit(jax.grad(reductions))(x)
        vmapped = jax.jit(jax.vmap(jax.grad(reductions)))(jnp.stack([x, -x]))
    np.testing.assert_array_equal(eager, expected)
    np.testing.assert_array_equal(jitted, expected)
    np.testing.assert_array_equal(vmapped[0], expected)
    np.testing.assert_array_equal(vmapped[1], jax.grad(reductions)(-x))


def test_tangent_does_not_depend_on_the_result_matching_an_operand_value():
    """XLA may compare a recomputed copy of the operand that rounds differently from the one it reduced; JAX's
    rule then divides 0 by 0. Ours picks the argmax position whatever the result's last bits are."""
    operand = jnp.asarray([[0.5, 2.0, -1.0], [3.0, 1.0, 3.5]], jnp.float32)
    tangent = jnp.asarray([[10.0, 20.0, 30.0], [40.0, 50.0, 60.0]], jnp.float32)
    off_by_one_ulp = jnp.nextafter(jnp.max(operand, axis=1), jnp.inf)
    assert not jnp.any(operand == off_by_one_ulp[:, None])
    out = _robust_chooser_tangent(is_max=True)(tangent, off_by_one_ulp, operand, axes=(1,))
    np.testing.assert_array_equal(out, [20.0, 60.0])
    out = _robust_chooser_tangent(is_max=False)(tangent, jnp.min(operand, axis=1) - 1e-3, operand, axes=(1,))
    np.testing.assert_array_equal(out, [30.0, 50.0])


def test_ties_nan_and_restoring_jax_rule():
    tie = jnp.asarray([1.0, 1.0, 0.0])
    with exact_max_gradients():
        np.testing.assert_array_equal(jax.grad(jnp.max)(tie), [1.0, 0.0, 0.0])  # the first maximum
        assert np.isnan(jax.grad(jnp.max)(jnp.asarray([1.0, jnp.nan]))).all()  # as JAX
    np.testing.assert_array_equal(jax.grad(jnp.max)(tie), [0.5, 0.5, 0.0])  # JAX's own rule is back
    with pytest.raises(ZeroDivisionError), exact_max_gradients():
        raise ZeroDivisionError
    np.testing.assert_array_equal(jax.grad(jnp.max)(tie), [0.5, 0.5, 0.0])  # also after an error
