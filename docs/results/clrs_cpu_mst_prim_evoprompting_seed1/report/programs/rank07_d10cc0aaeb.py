# rank 7 of evoprompting run clrs_cpu_mst_prim_evoprompting_seed1: 36,238 params, val 0.8545, test -, fitness -5272.91
# seed, origin seed mlp_node_no_graph; parents: -
"""Standard triplet function with 2-layer MLP node projections and no graph term."""

import haiku as hk
import jax.numpy as jnp


def get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):
    del graph_fts  # unused: this variant drops the graph term
    tri_1 = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(z)
    tri_2 = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(z)
    tri_3 = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(z)
    tri_e_1 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_e_2 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_e_3 = hk.Linear(nb_triplet_fts)(edge_fts)
    triplets = (
        jnp.expand_dims(tri_1, axis=(2, 3))
        + jnp.expand_dims(tri_2, axis=(1, 3))
        + jnp.expand_dims(tri_3, axis=(1, 2))
        + jnp.expand_dims(tri_e_1, axis=3)
        + jnp.expand_dims(tri_e_2, axis=2)
        + jnp.expand_dims(tri_e_3, axis=1)
    )  # (B, N, N, N, F)
    return hk.Linear(out_size)(jnp.max(triplets, axis=1))
