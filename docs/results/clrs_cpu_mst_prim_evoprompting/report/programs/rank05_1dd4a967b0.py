# rank 5 of evoprompting run clrs_cpu_mst_prim_evoprompting: 37,630 params, val 0.8500, test -, fitness -5645.42
# round 3, origin lm; parents: 348417bdb789ecca39e0df09535b10c1b1708a6903a2626d717720f5119de722, 152f26e6851fdd29d7994447896102c3ec1490fe3f8a8792177a90406a0f6a04
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
    return hk.nets.MLP([out_size, out_size])(jnp.min(triplets, axis=1))
