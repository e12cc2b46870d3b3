# rank 9 of evoprompting run clrs_cpu_mst_prim_evoprompting_seed1: 38,686 params, val 0.8617, test -, fitness -5350.49
# round 3, origin lm; parents: 99cd1d018cd1fea0d0fcef430244d24ce619487cfac494edb7214b68b45b173c, a2bab3eeb7d1800c6b944ece646bea0c98d001333b20e43e42fb5b3fae3bcb15
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
    return hk.Linear(out_size)(jnp.mean(triplets, axis=1)) * jax.nn.sigmoid(hk.Linear(out_size)(edge_fts)) + hk.Linear(out_size)(edge_fts)
