# rank 1 of evoprompting run clrs_cpu_mst_prim_evoprompting_seed1: 38,614 params, val 0.8748, test -, fitness -4836.18
# round 2, origin lm; parents: 0eccebf40ffc43d9477543b197a8835ec6afc85cb7a1ab441e2be4956ea075af, b0deb5bf316b0f261b68492a023c18cc622075ac87d5ad2f72894d5ea62bd589
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
    return hk.Linear(out_size)(jnp.sum(triplets, axis=1)) * jax.nn.sigmoid(hk.Linear(out_size)(edge_fts)) + hk.Linear(out_size)(edge_fts)
