# rank 6 of evoprompting run clrs_cpu_mst_prim_evoprompting: 37,630 params, val 0.8488, test -, fitness -5691.35
# round 2, origin lm; parents: bff5ff0a94d7caac9b4c0ce766914b4ac3b0f0479877d5d78f8b3b95d5e4f062, 864f6b69f955b2beceaff2ec9843b18d6bad36e0b632e3b1be55d2b3522c3f31
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
    tri_g = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(graph_fts)
    triplets = jnp.expand_dims(tri_1, axis=(2, 3)) + jnp.expand_dims(tri_2, axis=(1, 3)) + jnp.expand_dims(tri_3, axis=(1, 2)) + jnp.expand_dims(tri_e_1, axis=3) + jnp.expand_dims(tri_e_2, axis=2) + jnp.expand_dims(tri_e_3, axis=1) + jnp.expand_dims(tri_g, axis=(1, 2, 3))
    return hk.nets.MLP([out_size, out_size])(jnp.max(triplets, axis=1))
