"""Max/min-reduction gradients that do not depend on XLA computing the reduced operand twice the same way.

JAX differentiates `reduce_max` (`jnp.max`, `x.max()`, ...) and `reduce_min` by marking the positions where the
operand equals the result and dividing the cotangent by their count (`_reduce_chooser_jvp_rule` in
`jax/_src/lax/lax.py`, jax 0.10.2). That count is at least one only if the operand the comparison sees is
bitwise the operand the reduction saw. XLA is free to recompute a cheap elementwise operand inside each fusion
that consumes it, and XLA:CPU lets LLVM contract a multiply and an add into one fused multiply-add, so two copies
of the same expression can differ in the last bit. Then no position matches, the count is 0 and the gradient is
0/0 = NaN, although every value is finite.

This is what made `seeds/clrs/bilinear.py` fail at the `smoke` preset with vmapped seeds on an AVX-512 CPU
(docs/clrs.md has the trace): its triplet tensor is a sum of products; with the seeds vmapped, XLA:CPU
materialises it in one fusion, reduces it (a YNNPACK fusion) and recomputes it in the fusion of the comparison,
where LLVM contracted other multiply-adds than in the first copy. Known upstream: jax-ml/jax#13600 (a `.max()`
NaN gradient with finite values), jax-ml/jax#40564 and its fix jax-ml/jax#40578 (the same bitwise-equality
assumption in the elementwise `max`/`min` rules, fixed there only for those), openxla/xla#41579 (XLA contracts
multiply-adds into FMAs).

`exact_max_gradients()` installs, for the duration of a trace, JVP rules for `reduce_max` and `reduce_min` that
never compare floating-point values from two computations: the cotangent goes to the position `argmax`
(`argmin`) returns, an integer index from one pass over the operand, selected by comparing integers. Wherever
the maximum is unique (always, in practice, for the real-valued triplet and message tensors of these models)
this is JAX's gradient; between exactly equal maxima the first one gets all of the cotangent (PyTorch's
`max(dim)` convention) where JAX splits it evenly. A NaN result still has a NaN gradient. Two things that do not
work: an optimization barrier around the operand (XLA:CPU removes barriers before fusion), and keeping JAX's
equality mask with an argmax fallback where it is empty (XLA may recompute the mask for the count and for the
sum separately, so some gradients are silently lost: 10% of the gradient norm in the smoke trace).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator

import jax
import jax.numpy as jnp
import numpy as np
from jax._src.interpreters import ad
from jax._src.lax import lax as lax_internal

CHOOSER_PRIMITIVES = (lax_internal.reduce_max_p, lax_internal.reduce_min_p)


def _first_position(operand: jax.Array, axes: tuple[int, ...], is_max: bool) -> jax.Array:
    """A boolean mask (operand's shape) of the first extreme position over `axes`, from one argmax pass."""
    kept = [i for i in range(operand.ndim) if i not in axes]
    moved = jnp.transpose(operand, (*kept, *axes))
    flat = moved.reshape((*moved.shape[: len(kept)], -1))
    index = jnp.argmax(flat, axis=-1) if is_max else jnp.argmin(flat, axis=-1)
    one_hot = jnp.arange(flat.shape[-1]) == index[..., None]
    return jnp.transpose(one_hot.reshape(moved.shape), np.argsort((*kept, *axes)))


def _robust_chooser_tangent(is_max: bool):
    """The tangent of a max (min) reduction: the tangent at the position `argmax` (`argmin`) picks."""

    def tangent_rule(tangent, result, operand, *, axes, **unused_params):
        axes = tuple(axes)
        chosen = _first_position(operand, axes, is_max).astype(tangent.dtype)
        # A NaN result has a NaN tangent, as in JAX's rule (a product with a primal constant stays linear).
        nan_to_nan = jnp.where(jnp.isnan(result), jnp.nan, 1.0).astype(tangent.dtype)
        return jnp.sum(tangent * chosen, axis=axes) * nan_to_nan

    return tangent_rule


@contextlib.contextmanager
def exact_max_gradients() -> Iterator[None]:
    """Within the block, max/min reductions are differentiated with the robust rule (module docstring).

    JAX caches the derivatives of jitted sub-functions (`jnp.max` is one), so the caches are cleared on entry
    and on exit: nothing traced outside the block uses the rule, nothing traced inside it misses it.
    """
    previous = {primitive: ad.primitive_jvps[primitive] for primitive in CHOOSER_PRIMITIVES}
    jax.clear_caches()
    for primitive in CHOOSER_PRIMITIVES:
        rule = _robust_chooser_tangent(is_max=primitive is lax_internal.reduce_max_p)
        ad.primitive_jvps[primitive] = functools.partial(ad.standard_jvp2, (rule,), primitive)
    try:
        yield
    finally:
        ad.primitive_jvps.update(previous)
        jax.clear_caches()
