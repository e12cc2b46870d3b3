"""Triplet-GMPNN with an exchangeable triplet function, on dm-clrs's `Processor` base.

This is dm-clrs's `triplet_gmpnn` processor (an `MPNN`, i.e. a fully connected `PGN`, with a 2-layer message
MLP, layer norm, gating and triplet messages; Ibarz et al. 2022) written out so that the triplet block can be a
candidate function `get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size)`. The candidate replaces
`Linear(out_size)(max over axis 1 of the triplet tensor)`; the processor applies its ReLU to what the candidate
returns and uses it as the edge latent, exactly as `PGN` does with its own triplet block.

Modules are created and called in the same order as in `clrs._src.processors.PGN`, so the standard seed gets
the same parameter names and, from the same PRNG key, the same initial values as dm-clrs's own model.
"""

from __future__ import annotations

from collections.abc import Callable

import haiku as hk
import jax
import jax.numpy as jnp

from evojax_nas.tasks.clrs.dm_clrs import import_clrs

_processors = import_clrs()._src.processors

TripletFn = Callable[..., jax.Array]
BIG_NUMBER = 1e6  # as in dm-clrs: masked-out messages before the max


class EvolvedTripletGMPNN(_processors.Processor):
    """Triplet-GMPNN whose triplet messages come from `triplet_fn`."""

    def __init__(
        self,
        out_size: int,
        triplet_fn: TripletFn,
        nb_triplet_fts: int = 8,
        use_ln: bool = True,
        name: str = "mpnn_aggr",
    ):
        super().__init__(name=name)
        self.out_size = out_size
        self.triplet_fn = triplet_fn
        self.nb_triplet_fts = nb_triplet_fts
        self.use_ln = use_ln

    def __call__(self, node_fts, edge_fts, graph_fts, adj_mat, hidden, **unused_kwargs):
        """One message-passing step; returns `(node latents [B, N, H], edge latents [B, N, N, H])`."""
        b, n, _ = node_fts.shape
        assert edge_fts.shape[:-1] == (b, n, n) and graph_fts.shape[:-1] == (b,)
        adj_mat = jnp.ones_like(adj_mat)  # MPNN: every node receives from every node
        out_size = self.out_size

        z = jnp.concatenate([node_fts, hidden], axis=-1)
        m_1 = hk.Linear(out_size)
        m_2 = hk.Linear(out_size)
        m_e = hk.Linear(out_size)
        m_g = hk.Linear(out_size)
        o1 = hk.Linear(out_size)
        o2 = hk.Linear(out_size)

        msg_1 = m_1(z)
        msg_2 = m_2(z)
        msg_e = m_e(edge_fts)
        msg_g = m_g(graph_fts)

        tri_msgs = self.triplet_fn(z, edge_fts, graph_fts, self.nb_triplet_fts, out_size)
        tri_msgs = jax.nn.relu(tri_msgs)

        msgs = (
            jnp.expand_dims(msg_1, axis=1)
            + jnp.expand_dims(msg_2, axis=2)
            + msg_e
            + jnp.expand_dims(msg_g, axis=(1, 2))
        )
        msgs = hk.nets.MLP([out_size, out_size])(jax.nn.relu(msgs))
        maxarg = jnp.where(jnp.expand_dims(adj_mat, -1), msgs, -BIG_NUMBER)
        msgs = jnp.max(maxarg, axis=1)

        h_1 = o1(z)
        h_2 = o2(msgs)
        ret = jax.nn.relu(h_1 + h_2)
        if self.use_ln:
            ret = hk.LayerNorm(axis=-1, create_scale=True, create_offset=True)(ret)

        gate1 = hk.Linear(out_size)
        gate2 = hk.Linear(out_size)
        gate3 = hk.Linear(out_size, b_init=hk.initializers.Constant(-3))
        gate = jax.nn.sigmoid(gate3(jax.nn.relu(gate1(z) + gate2(msgs))))
        ret = ret * gate + hidden * (1 - gate)
        return ret, tri_msgs


def processor_factory(triplet_fn: TripletFn, nb_triplet_fts: int, use_ln: bool = True):
    """A dm-clrs processor factory (`out_size -> Processor`) for `EvolvedTripletGMPNN` with `triplet_fn`."""

    def factory(out_size: int) -> EvolvedTripletGMPNN:
        return EvolvedTripletGMPNN(out_size, triplet_fn, nb_triplet_fts=nb_triplet_fts, use_ln=use_ln)

    return factory
