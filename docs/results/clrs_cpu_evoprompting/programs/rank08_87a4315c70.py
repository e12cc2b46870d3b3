# rank 8 of evoprompting run clrs_cpu: 36,931 params, val 0.9984, test -, fitness -57.70
# round 2, origin lm; parents: b00bb09709329e6aba578bbc003f00d59884d3e5a3743b6d99ee7ff51b55837a, 4a8f34226f8aa61740ef66e31de38452de75286ee2caa0f2a9b5b14e6272a831
import haiku as hk
import jax.numpy as jnp
def get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):

    tri_1 = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(z)
    tri_2 = hk.Linear(nb_triplet_fts)(z)
    tri_3 = hk.Linear(nb_triplet_fts)(z)
    tri_e_1 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_e_2 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_e_3 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_g = hk.Linear(nb_triplet_fts)(graph_fts)
    triplets = jnp.expand_dims(tri_1, axis=(2, 3)) + jnp.expand_dims(tri_2, axis=(1, 3)) + jnp.expand_dims(tri_3, axis=(1, 2)) + jnp.expand_dims(tri_e_1, axis=3) + jnp.expand_dims(tri_e_2, axis=2) + jnp.expand_dims(tri_e_3, axis=1) + jnp.expand_dims(tri_g, axis=(1, 2, 3))
    return hk.nets.MLP([out_size, out_size])(jnp.max(triplets, axis=1))
