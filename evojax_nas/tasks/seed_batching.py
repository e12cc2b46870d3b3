"""How the seeds of one candidate share one traced program; used by every task's sandbox builder.

Light on purpose: it runs inside the sandbox worker, which imports only JAX, Flax/Haiku and the task builders.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

SEED_BATCHING = ("vmap", "unroll")


def over_seeds(function, mode: str, num_seeds: int, shared_argnums: tuple[int, ...] = ()):
    """Maps `function` over a leading seed axis of its arguments (except `shared_argnums`).

    `vmap` batches the seeds into one computation (best on accelerators); `unroll` traces one copy per seed
    into the same program, which XLA:CPU runs faster than the grouped convolutions vmap produces, and whose
    independent copies it can schedule on different cores. Both are one compile per candidate.
    """
    if mode == "vmap":

        def vmapped(*args):
            in_axes = tuple(None if i in shared_argnums else 0 for i in range(len(args)))
            return jax.vmap(function, in_axes=in_axes)(*args)

        return vmapped
    if mode != "unroll":
        raise ValueError(f"unknown seed batching '{mode}'; choose one of {SEED_BATCHING}")

    def unrolled(*args):
        outputs = []
        for seed in range(num_seeds):
            seed_args = [
                arg if i in shared_argnums else jax.tree.map(lambda leaf, s=seed: leaf[s], arg)
                for i, arg in enumerate(args)
            ]
            outputs.append(function(*seed_args))
        return jax.tree.map(lambda *leaves: jnp.stack(leaves), *outputs)

    return unrolled
