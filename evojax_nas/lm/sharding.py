"""Placement on a device mesh: sampling rows data-parallel over 'data'; parameters replicated or on 'model'."""

from __future__ import annotations

from collections.abc import Sequence

import jax
import numpy as np
from jax.sharding import Mesh, NamedSharding
from jax.sharding import PartitionSpec as P

DATA_AXIS = "data"
MODEL_AXIS = "model"

# For `shard_model`: which axis of each stacked layer matrix is split over 'model' (the heads / FFN width).
_MODEL_SHARDED_AXIS = {
    "wqkv": 2,
    "bqkv": 1,
    "wo": 1,
    "w_gate_up": 2,
    "b_gate_up": 1,
    "w_up": 2,
    "b_up": 1,
    "w_down": 1,
}


def make_mesh(
    num_data: int | None = None, num_model: int = 1, devices: Sequence[jax.Device] | None = None
) -> Mesh:
    """A `('data', 'model')` mesh; by default every device on the 'data' axis."""
    devices = list(devices if devices is not None else jax.devices())
    if num_data is None:
        num_data = len(devices) // num_model
    if num_data * num_model > len(devices) or num_data < 1:
        raise ValueError(
            f"a mesh of {num_data} x {num_model} devices does not fit the {len(devices)} available devices."
        )
    grid = np.array(devices[: num_data * num_model]).reshape(num_data, num_model)
    return Mesh(grid, (DATA_AXIS, MODEL_AXIS))


def _param_spec(path, array, model_size: int) -> P:
    name = getattr(path[-1], "key", None)
    axis = _MODEL_SHARDED_AXIS.get(name) if len(path) > 1 else None
    if name == "embed":
        axis = 0
    if axis is None or model_size == 1 or array.shape[axis] % model_size:
        return P()
    spec = [None] * array.ndim
    spec[axis] = MODEL_AXIS
    return P(*spec)


def param_shardings(params, mesh: Mesh, shard_model: bool = False):
    """A pytree of `NamedSharding`s for `params`: replicated, or split along 'model' where divisible."""
    model_size = mesh.shape[MODEL_AXIS] if shard_model else 1
    return jax.tree_util.tree_map_with_path(
        lambda path, a: NamedSharding(mesh, _param_spec(path, a, model_size)), params
    )


def place_params(params, mesh: Mesh, shard_model: bool = False):
    """Puts (numpy or jax) parameters on `mesh` according to `param_shardings`."""
    return jax.device_put(params, param_shardings(params, mesh, shard_model))


def replicated(mesh: Mesh) -> NamedSharding:
    """Full replication over the mesh."""
    return NamedSharding(mesh, P())


def rows(mesh: Mesh, ndim: int, axis: int = 0) -> NamedSharding:
    """Splits axis `axis` (the sampling rows) of an `ndim`-dimensional array over the 'data' axis."""
    spec = [None] * ndim
    spec[axis] = DATA_AXIS
    return NamedSharding(mesh, P(*spec))


def data_size(mesh: Mesh) -> int:
    """Number of devices along 'data' (sampling batches are padded to a multiple of it)."""
    return mesh.shape[DATA_AXIS]
