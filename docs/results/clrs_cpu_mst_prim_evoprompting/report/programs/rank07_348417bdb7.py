# rank 7 of evoprompting run clrs_cpu_mst_prim_evoprompting: 36,358 params, val 0.8420, test -, fitness -5743.07
# round 2, origin lm; parents: b0deb5bf316b0f261b68492a023c18cc622075ac87d5ad2f72894d5ea62bd589, bff5ff0a94d7caac9b4c0ce766914b4ac3b0f0479877d5d78f8b3b95d5e4f062
import haiku as hk
import jax
import jax.numpy as jnp
def get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):

    tri_1 = hk.Linear(nb_triplet_fts)(z)
    tri_2 = hk.Linear(nb_triplet_fts)(z)
    tri_3 = hk.Linear(nb_triplet_fts)(z)
    tri_e_1 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_e_2 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_e_3 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_g = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(graph_fts)
    triplets = jnp.expand_dims(tri_1, axis=(2, 3)) + jnp.expand_dims(tri_3, axis=(1, 2)) + jnp.expand_dims(tri_e_1, axis=3) + jnp.expand_dims(tri_e_2, axis=2) + jnp.expand_dims(tri_e_3, axis=1) + jnp.expand_dims(tri_g, axis=(1, 2, 3))
    return hk.Linear(out_size)(jnp.min(triplets, axis=1))
