# rank 7 of evoprompting run clrs_cpu: 35,947 params, val 0.9984, test -, fitness -56.17
# round 3, origin lm; parents: 87a4315c70a6c084512c26c6010de8d8edc2e5a778383125acc3fda55e77ac5a, 005d0c38c9ef8cc1a583a900bc7d824cd5cdede63ae129cbd80d62bee784ef93
import haiku as hk
import jax.numpy as jnp
def get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):

    tri_1 = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(z)
    tri_2 = hk.Linear(nb_triplet_fts)(z)
    tri_3 = hk.Linear(nb_triplet_fts)(z)
    tri_e_1 = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(edge_fts)
    tri_e_2 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_e_3 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_g = hk.Linear(nb_triplet_fts)(graph_fts)
    triplets = jnp.expand_dims(tri_1, axis=(2, 3)) + jnp.expand_dims(tri_2, axis=(1, 3)) + jnp.expand_dims(tri_3, axis=(1, 2)) + jnp.expand_dims(tri_e_1, axis=3) + jnp.expand_dims(tri_e_2, axis=2) + jnp.expand_dims(tri_e_3, axis=1) + jnp.expand_dims(tri_g, axis=(1, 2, 3))
    return hk.Linear(out_size)(jnp.max(triplets, axis=1))
