# rank 10 of evoprompting run clrs_cpu_mst_prim_evoprompting_seed1: 36,574 params, val 0.8518, test -, fitness -5420.02
# round 2, origin lm; parents: bff5ff0a94d7caac9b4c0ce766914b4ac3b0f0479877d5d78f8b3b95d5e4f062, b0deb5bf316b0f261b68492a023c18cc622075ac87d5ad2f72894d5ea62bd589
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
    tri_g = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts], activation=jax.nn.gelu)(graph_fts)
    triplets = jnp.expand_dims(tri_1, axis=(2, 3)) + jnp.expand_dims(tri_2, axis=(1, 3)) + jnp.expand_dims(tri_3, axis=(1, 2)) + jnp.expand_dims(tri_e_1, axis=3) + jnp.expand_dims(tri_e_2, axis=2) + jnp.expand_dims(tri_e_3, axis=1) + jnp.expand_dims(tri_g, axis=(1, 2, 3))
    return hk.Linear(out_size)(jnp.max(triplets, axis=1))
