# rank 5 of evoprompting run clrs_cpu_mst_prim_evoprompting_seed1: 37,342 params, val 0.8617, test -, fitness -5164.61
# seed, origin seed mlp_output; parents: -
"""Standard triplet function with a 2-layer MLP instead of the final Linear."""

import haiku as hk
import jax.numpy as jnp


def get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):
    tri_1 = hk.Linear(nb_triplet_fts)(z)
    tri_2 = hk.Linear(nb_triplet_fts)(z)
    tri_3 = hk.Linear(nb_triplet_fts)(z)
    tri_e_1 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_e_2 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_e_3 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_g = hk.Linear(nb_triplet_fts)(graph_fts)
    triplets = (
        jnp.expand_dims(tri_1, axis=(2, 3))
        + jnp.expand_dims(tri_2, axis=(1, 3))
        + jnp.expand_dims(tri_3, axis=(1, 2))
        + jnp.expand_dims(tri_e_1, axis=3)
        + jnp.expand_dims(tri_e_2, axis=2)
        + jnp.expand_dims(tri_e_3, axis=1)
        + jnp.expand_dims(tri_g, axis=(1, 2, 3))
    )  # (B, N, N, N, F)
    return hk.nets.MLP([out_size, out_size])(jnp.max(triplets, axis=1))
