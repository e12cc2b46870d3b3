# rank 6 of evoprompting run clrs_cpu: 35,947 params, val 0.9984, test -, fitness -56.17
# round 1, origin lm; parents: 4fc94b260766e00939989c785dbe77845fe438f2f0b1bad5cfd6d6e9ba796ce1, e763daaed6f288c7f7d4c113a1a142254625517cf9e2e825e659a9173256867c
import haiku as hk
import jax.numpy as jnp
def get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):

    tri_1 = hk.Linear(nb_triplet_fts)(z)
    tri_2 = hk.Linear(nb_triplet_fts)(z)
    tri_3 = hk.Linear(nb_triplet_fts)(z)
    tri_e_1 = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(edge_fts)
    tri_e_2 = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(edge_fts)
    tri_e_3 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_g = hk.Linear(nb_triplet_fts)(graph_fts)
    triplets = jnp.expand_dims(tri_1, axis=(2, 3)) + jnp.expand_dims(tri_2, axis=(1, 3)) + jnp.expand_dims(tri_3, axis=(1, 2)) + jnp.expand_dims(tri_e_1, axis=3) + jnp.expand_dims(tri_e_2, axis=2) + jnp.expand_dims(tri_e_3, axis=1) + jnp.expand_dims(tri_g, axis=(1, 2, 3))
    return hk.Linear(out_size)(jnp.max(triplets, axis=1))
