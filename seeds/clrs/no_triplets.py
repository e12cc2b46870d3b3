"""No triplets: an MLP of the node latents z, tiled to N x N."""

import haiku as hk
import jax.numpy as jnp


def get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):
    del edge_fts, graph_fts, nb_triplet_fts  # unused by this variant
    num_nodes = z.shape[1]
    node_msgs = hk.nets.MLP([out_size])(z)  # (B, N, out_size)
    return jnp.tile(jnp.expand_dims(node_msgs, axis=1), (1, num_nodes, 1, 1))  # (B, N, N, out_size)
