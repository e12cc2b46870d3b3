"""Bilinear projections MLP([F])(x) * MLP([8F, F])(x) for the node, edge, graph and output terms."""

import haiku as hk
import jax.numpy as jnp


def bilinear(x, size):
    return hk.nets.MLP([size])(x) * hk.nets.MLP([8 * size, size])(x)


def get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):
    tri_1 = bilinear(z, nb_triplet_fts)
    tri_2 = bilinear(z, nb_triplet_fts)
    tri_3 = bilinear(z, nb_triplet_fts)
    tri_e_1 = bilinear(edge_fts, nb_triplet_fts)
    tri_e_2 = bilinear(edge_fts, nb_triplet_fts)
    tri_e_3 = bilinear(edge_fts, nb_triplet_fts)
    tri_g = bilinear(graph_fts, nb_triplet_fts)
    triplets = (
        jnp.expand_dims(tri_1, axis=(2, 3))
        + jnp.expand_dims(tri_2, axis=(1, 3))
        + jnp.expand_dims(tri_3, axis=(1, 2))
        + jnp.expand_dims(tri_e_1, axis=3)
        + jnp.expand_dims(tri_e_2, axis=2)
        + jnp.expand_dims(tri_e_3, axis=1)
        + jnp.expand_dims(tri_g, axis=(1, 2, 3))
    )  # (B, N, N, N, F)
    return bilinear(jnp.max(triplets, axis=1), out_size)
