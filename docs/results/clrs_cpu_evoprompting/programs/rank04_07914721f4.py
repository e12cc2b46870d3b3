# rank 4 of evoprompting run clrs_cpu: 35,803 params, val 0.9984, test -, fitness -55.94
# seed, origin seed standard; parents: -
"""Triplet-GMPNN's triplet function (Ibarz et al. 2022): the standard seed."""

import haiku as hk
import jax.numpy as jnp


def get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):
    t_1 = hk.Linear(nb_triplet_fts)
    t_2 = hk.Linear(nb_triplet_fts)
    t_3 = hk.Linear(nb_triplet_fts)
    t_e_1 = hk.Linear(nb_triplet_fts)
    t_e_2 = hk.Linear(nb_triplet_fts)
    t_e_3 = hk.Linear(nb_triplet_fts)
    t_g = hk.Linear(nb_triplet_fts)

    tri_1 = t_1(z)
    tri_2 = t_2(z)
    tri_3 = t_3(z)
    tri_e_1 = t_e_1(edge_fts)
    tri_e_2 = t_e_2(edge_fts)
    tri_e_3 = t_e_3(edge_fts)
    tri_g = t_g(graph_fts)

    triplets = (
        jnp.expand_dims(tri_1, axis=(2, 3))  # (B, N, 1, 1, F)
        + jnp.expand_dims(tri_2, axis=(1, 3))  # (B, 1, N, 1, F)
        + jnp.expand_dims(tri_3, axis=(1, 2))  # (B, 1, 1, N, F)
        + jnp.expand_dims(tri_e_1, axis=3)  # (B, N, N, 1, F)
        + jnp.expand_dims(tri_e_2, axis=2)  # (B, N, 1, N, F)
        + jnp.expand_dims(tri_e_3, axis=1)  # (B, 1, N, N, F)
        + jnp.expand_dims(tri_g, axis=(1, 2, 3))  # (B, 1, 1, 1, F)
    )  # (B, N, N, N, F)
    return hk.Linear(out_size)(jnp.max(triplets, axis=1))  # (B, N, N, out_size)
