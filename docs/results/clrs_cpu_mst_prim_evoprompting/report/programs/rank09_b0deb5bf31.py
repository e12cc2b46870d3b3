# rank 9 of evoprompting run clrs_cpu_mst_prim_evoprompting: 36,502 params, val 0.8383, test -, fitness -5903.95
# round 1, origin lm; parents: 6bfb57b87a40bdba9919b4d22135eac82d97150cb533ea44ca00804d146dc2dd, accf0d8c620a7bd0ec8ebed3f1cec19ce12a6cf32cbb2b464863100e0d37a508
import haiku as hk
import jax
import jax.numpy as jnp
def get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):

    tri_1 = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(z)
    tri_2 = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(z)
    tri_3 = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(z)
    tri_e_1 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_e_2 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_e_3 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_g = hk.Linear(nb_triplet_fts)(graph_fts)
    triplets = jnp.expand_dims(tri_1, axis=(2, 3)) + jnp.expand_dims(tri_2, axis=(1, 3)) + jnp.expand_dims(tri_3, axis=(1, 2)) + jnp.expand_dims(tri_e_1, axis=3) + jnp.expand_dims(tri_e_2, axis=2) + jnp.expand_dims(tri_e_3, axis=1) + jnp.expand_dims(tri_g, axis=(1, 2, 3))
    return hk.Linear(out_size)(jnp.max(triplets, axis=1))
