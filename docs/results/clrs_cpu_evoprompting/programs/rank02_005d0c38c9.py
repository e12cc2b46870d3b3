# rank 2 of evoprompting run clrs_cpu: 36,019 params, val 1.0000, test -, fitness -0.00
# round 2, origin lm; parents: 79c4733d039b4fd67c312587b8687b768c71ccc3adeb2d6e2f926bdda302520a, 13d494cc8265883defe7a3d057c1bdcf22e5a176b15fb58e0d20f6940583e695
import haiku as hk
import jax.numpy as jnp
def get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):

    tri_1 = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(z)
    tri_2 = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(z)
    tri_3 = hk.Linear(nb_triplet_fts)(z)
    tri_e_1 = hk.nets.MLP([nb_triplet_fts, nb_triplet_fts])(edge_fts)
    tri_e_2 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_e_3 = hk.Linear(nb_triplet_fts)(edge_fts)
    tri_g = hk.Linear(nb_triplet_fts)(graph_fts)
    triplets = jnp.expand_dims(tri_1, axis=(2, 3)) + jnp.expand_dims(tri_2, axis=(1, 3)) + jnp.expand_dims(tri_3, axis=(1, 2)) + jnp.expand_dims(tri_e_1, axis=3) + jnp.expand_dims(tri_e_2, axis=2) + jnp.expand_dims(tri_e_3, axis=1) + jnp.expand_dims(tri_g, axis=(1, 2, 3))
    return hk.Linear(out_size)(jnp.max(triplets, axis=1))
