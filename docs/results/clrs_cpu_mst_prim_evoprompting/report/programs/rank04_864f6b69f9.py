# rank 4 of evoprompting run clrs_cpu_mst_prim_evoprompting: 37,558 params, val 0.8514, test -, fitness -5579.60
# round 1, origin lm; parents: d10cc0aaeb4ad81cdde9e51e83f2d3987c2ed0898e64902bfc1dfcc2f5ee25be, e763daaed6f288c7f7d4c113a1a142254625517cf9e2e825e659a9173256867c
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
    return hk.nets.MLP([out_size, out_size])(jnp.max(triplets, axis=1))
