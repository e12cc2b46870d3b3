"""CLRS program contract and its tracing/export; runs inside the sandbox worker only.

Contract: the program defines a Haiku function

    def get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):

mapping node latents `z [B, N, 2H]`, edge features `[B, N, N, H]` and graph features `[B, H]` to the edge latent
`[B, N, N, out_size]`. The framework puts it into its Triplet-GMPNN processor (`processor.py`) inside
dm-clrs's encode-process-decode `Net`, writes the loss (dm-clrs's output and hint losses), the optimiser and the
step, and exports with `jax.export`:

- `init(key_data[S, 2]) -> state leaves` (parameters first, then optimiser state), over S seeds;
- `train_step_<i>(state leaves, key_data[S, 2], batch arrays[S, B, ...]) -> (state leaves, loss[S])`, one per
  training length i (arrays in `FeedbackSet.arrays()` order, hints batch-major);
- `predict_val`, `predict_test(param leaves, set arrays[E, ...]) -> hard-postprocessed outputs [S, E, ...]`.
"""

from __future__ import annotations

import inspect
import types

import haiku as hk
import jax
import jax.numpy as jnp
import optax
from jax import export

from evojax_nas.optimizers import make_optimizer
from evojax_nas.sandbox.policy import ContractError, ProgramPolicy
from evojax_nas.tasks.clrs.dm_clrs import import_clrs
from evojax_nas.tasks.clrs.gradients import exact_max_gradients
from evojax_nas.tasks.clrs.processor import processor_factory
from evojax_nas.tasks.seed_batching import over_seeds

_clrs = import_clrs()
from clrs._src import decoders, losses, nets, probing  # noqa: E402 - after the TensorFlow-free import

PROGRAM_NAME = "get_triplet_msgs"
PROGRAM_HEADER = "def get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):"
# The base policy plus Haiku (and `haiku.nets`, for `hk.nets.MLP` as in the paper's seeds).
POLICY = ProgramPolicy(required_names=(PROGRAM_NAME,)).with_modules(("haiku", "haiku.nets"))
SINKHORN_STEPS_EVAL = 50  # as dm-clrs BaselineModel.predict
SINKHORN_TEMPERATURE = 0.1


def triplet_function(module: types.ModuleType):
    """The program's `get_triplet_msgs`, checked to be a function of five positional arguments."""
    function = vars(module).get(PROGRAM_NAME)
    if not inspect.isfunction(function):
        raise ContractError(f"'{PROGRAM_NAME}' must be a function")
    try:
        inspect.signature(function).bind(None, None, None, 8, 16)
    except TypeError:
        raise ContractError(
            f"'{PROGRAM_NAME}' must accept (z, edge_fts, graph_fts, nb_triplet_fts, out_size)"
        ) from None
    return function


def check_contract(function, nb_triplet_fts: int, hidden_size: int) -> None:
    """Raises `ContractError` unless `function` maps small dummy graphs to a `[B, N, N, out_size]` latent."""
    for batch, nodes in ((2, 5), (1, 3)):

        def probe(batch=batch, nodes=nodes):
            z = jnp.zeros((batch, nodes, 2 * hidden_size), jnp.float32)
            edge_fts = jnp.zeros((batch, nodes, nodes, hidden_size), jnp.float32)
            graph_fts = jnp.zeros((batch, hidden_size), jnp.float32)
            return function(z, edge_fts, graph_fts, nb_triplet_fts, hidden_size)

        transformed = hk.transform(probe)
        key = jax.random.PRNGKey(0)
        params = jax.eval_shape(transformed.init, key)
        out = jax.eval_shape(transformed.apply, params, key)
        if not isinstance(out, jax.ShapeDtypeStruct):
            raise ContractError(f"{PROGRAM_NAME} must return one array, got {type(out).__name__}")
        expected = (batch, nodes, nodes, hidden_size)
        if out.shape != expected:
            raise ContractError(
                f"{PROGRAM_NAME} returned shape {out.shape} for B={batch}, N={nodes}, out_size={hidden_size}; "
                f"expected {expected}"
            )
        if not jnp.issubdtype(out.dtype, jnp.floating):
            raise ContractError(f"{PROGRAM_NAME} must return floating point values, got {out.dtype}")


class Layout:
    """The arrays of one data set as the builder sees them: names, types, per-sample shapes, dtypes."""

    def __init__(self, layout: dict):
        self.inputs = [tuple(entry) for entry in layout["inputs"]]
        self.hints = [tuple(entry) for entry in layout["hints"]]
        self.outputs = [tuple(entry) for entry in layout["outputs"]]

    def specs(self, leading: tuple[int, ...]) -> list[jax.ShapeDtypeStruct]:
        """Abstract arrays (in `FeedbackSet.arrays()` order) with `leading` axes before each sample's shape."""
        arrays = [
            jax.ShapeDtypeStruct((*leading, *shape), jnp.dtype(dtype)) for *_, shape, dtype in self.inputs
        ]
        arrays += [
            jax.ShapeDtypeStruct((*leading, *shape), jnp.dtype(dtype)) for *_, shape, dtype in self.hints
        ]
        arrays.append(jax.ShapeDtypeStruct(leading, jnp.float32))
        arrays += [
            jax.ShapeDtypeStruct((*leading, *shape), jnp.dtype(dtype)) for *_, shape, dtype in self.outputs
        ]
        return arrays

    def feedback(self, arrays):
        """A dm-clrs `Feedback` from batch-major arrays (one seed's batch); hints become time-major."""
        clrs = _clrs
        arrays = list(arrays)
        num_inputs, num_hints = len(self.inputs), len(self.hints)
        inputs = tuple(
            probing.DataPoint(name=name, location=location, type_=type_, data=data)
            for (name, location, type_, *_), data in zip(self.inputs, arrays[:num_inputs], strict=True)
        )
        hints = tuple(
            probing.DataPoint(name=name, location=location, type_=type_, data=jnp.swapaxes(data, 0, 1))
            for (name, location, type_, *_), data in zip(
                self.hints, arrays[num_inputs : num_inputs + num_hints], strict=True
            )
        )
        lengths = arrays[num_inputs + num_hints]
        outputs = tuple(
            probing.DataPoint(name=name, location=location, type_=type_, data=data)
            for (name, location, type_, *_), data in zip(
                self.outputs, arrays[num_inputs + num_hints + 1 :], strict=True
            )
        )
        return clrs.Feedback(
            features=clrs.Features(inputs=inputs, hints=hints, lengths=lengths), outputs=outputs
        )

    def nb_nodes(self) -> int:
        """Graph size of the set."""
        return next(shape[0] for _, location, _, shape, _ in self.inputs if location in ("node", "edge"))

    def nb_dims(self, batch_size: int) -> dict[str, int]:
        """Per-probe last dimension, as dm-clrs BaselineModel derives it from a batch (used by categoricals)."""
        dims = {}
        for name, _, _, shape, _ in self.inputs + self.outputs:
            dims[name] = shape[-1] if shape else batch_size
        for name, _, _, shape, _ in self.hints:
            dims[name] = shape[-1] if len(shape) > 1 else batch_size
        return dims


def make_network(function, spec: dict, nb_dims: dict, model: dict) -> hk.Transformed:
    """dm-clrs's `Net` (encoders, processor, decoders) with our Triplet-GMPNN around `function`."""
    factory = processor_factory(function, model["nb_triplet_fts"], model["use_ln"])

    def net_fn(*args, **kwargs):
        return nets.Net(
            [spec],
            model["hidden_size"],
            model["encode_hints"],
            model["decode_hints"],
            factory,
            False,  # use_lstm
            model["encoder_init"],
            0.0,  # dropout_prob
            0.0,  # hint_teacher_forcing
            model["hint_repred_mode"],
            [nb_dims],
            model["nb_msg_passing_steps"],
            False,  # debug
        )(*args, **kwargs)

    return hk.transform(net_fn)


def _init_params(network: hk.Transformed, layout: Layout, batch_size: int, key_data):
    """Initialises the model as dm-clrs BaselineModel.init does (repred=True, all algorithms).

    Parameter shapes and creation order depend on neither the batch size nor the trajectory length (every
    module is first called in the first message-passing step), so a one-sample, two-step dummy gives the same
    parameters as a real batch and keeps the exported init (which traces the whole forward pass) small.
    """
    del batch_size
    short = Layout(
        {
            "inputs": layout.inputs,
            "hints": [(*entry[:3], [2, *entry[3][1:]], entry[4]) for entry in layout.hints],
            "outputs": layout.outputs,
        }
    )
    dummy = short.feedback([jnp.zeros(s.shape, s.dtype) for s in short.specs((1,))])
    return network.init(
        key_data, [dummy.features], True, algorithm_index=-1, return_hints=False, return_all_outputs=False
    )


def parameter_shapes(module: types.ModuleType, config: dict) -> dict:
    """The candidate's whole-model parameter shapes (a Haiku params dict of ShapeDtypeStructs), no export."""
    model_settings = config["model"]
    function = triplet_function(module)
    check_contract(function, model_settings["nb_triplet_fts"], model_settings["hidden_size"])
    spec = {name: (stage, location, type_) for name, stage, location, type_ in config["spec"]}
    layout = Layout(config["train_layouts"][0])
    network = make_network(function, spec, layout.nb_dims(config["batch_size"]), model_settings)
    key = jax.ShapeDtypeStruct((2,), jnp.uint32)
    return jax.eval_shape(lambda k: _init_params(network, layout, config["batch_size"], k), key)


def _train_step_fn(
    network: hk.Transformed, layout: Layout, optimizer, decode_hints: bool, seeds: tuple[str, int], state_tree
):
    """The exported training step for one training length, over flat state leaves: dm-clrs's output losses
    (and hint losses when hints are decoded) and one optimiser step, for every seed (`seeds`: the seed
    batching and the number of seeds)."""
    nb_nodes = layout.nb_nodes()

    def loss_one(params, key_data, arrays):
        feedback = layout.feedback(arrays)
        output_preds, hint_preds = network.apply(
            params,
            key_data,
            [feedback.features],
            repred=False,
            algorithm_index=0,
            return_hints=True,
            return_all_outputs=False,
        )
        total = 0.0
        for truth in feedback.outputs:
            total += losses.output_loss(truth=truth, pred=output_preds[truth.name], nb_nodes=nb_nodes)
        if decode_hints:
            for truth in feedback.features.hints:
                total += losses.hint_loss(
                    truth=truth,
                    preds=[step[truth.name] for step in hint_preds],
                    lengths=feedback.features.lengths,
                    nb_nodes=nb_nodes,
                )
        return total

    def step_one(state, key_data, arrays):
        params, opt_state = state
        loss, grads = jax.value_and_grad(loss_one)(params, key_data, arrays)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        return (optax.apply_updates(params, updates), opt_state), loss

    step_seeds = over_seeds(step_one, *seeds)

    def train_step_flat(leaves, key_data, arrays):
        state, loss = step_seeds(jax.tree.unflatten(state_tree, leaves), key_data, list(arrays))
        return jax.tree.leaves(state), loss

    return train_step_flat


def _predict_fn(
    network: hk.Transformed, spec: dict, layout: Layout, batching: str, num_seeds: int, param_tree
):
    """The exported prediction on one evaluation set, over flat parameter leaves: every seed's hard
    post-processed outputs (as dm-clrs BaselineModel.predict) on one shared batch."""

    def predict_one(params, arrays):
        features = layout.feedback(arrays).features
        outputs, _ = network.apply(
            params,
            jax.random.PRNGKey(0),  # unused: no dropout, no teacher forcing at prediction
            [features],
            repred=True,
            algorithm_index=0,
            return_hints=False,
            return_all_outputs=False,
        )
        outputs = decoders.postprocess(
            spec,
            outputs,
            sinkhorn_temperature=SINKHORN_TEMPERATURE,
            sinkhorn_steps=SINKHORN_STEPS_EVAL,
            hard=True,
        )
        return [outputs[output_name].data.astype(jnp.float32) for output_name, *_ in layout.outputs]

    predict_seeds = over_seeds(predict_one, batching, num_seeds, (1,))

    def predict_flat(leaves, arrays):
        return predict_seeds(jax.tree.unflatten(param_tree, leaves), list(arrays))

    return predict_flat


def build_artifacts(module: types.ModuleType, config: dict) -> tuple[dict, dict[str, bytes]]:
    """Checks the contract, then traces and exports init, the training steps and the predictions."""
    model_settings = config["model"]
    function = triplet_function(module)
    check_contract(function, model_settings["nb_triplet_fts"], model_settings["hidden_size"])
    spec = {name: (stage, location, type_) for name, stage, location, type_ in config["spec"]}
    num_seeds, batch_size = config["num_seeds"], config["batch_size"]
    train_layouts = [Layout(layout) for layout in config["train_layouts"]]
    eval_layouts = {name: Layout(layout) for name, layout in config["eval_layouts"].items()}
    nb_dims = train_layouts[0].nb_dims(batch_size)
    network = make_network(function, spec, nb_dims, model_settings)
    decode_hints = model_settings["decode_hints"]
    optimizer = make_optimizer(config["optimizer"])
    batching = config.get("seed_batching", "vmap")
    platforms = list(config.get("platforms", ["cpu"]))

    def init_one(key_data):
        params = _init_params(network, train_layouts[0], batch_size, key_data)
        return params, optimizer.init(params)

    key_spec = jax.ShapeDtypeStruct((num_seeds, 2), jnp.uint32)
    init_seeds = over_seeds(init_one, batching, num_seeds)
    state_shapes = jax.eval_shape(init_seeds, key_spec)
    state_leaves, state_tree = jax.tree.flatten(state_shapes)
    param_leaves, param_tree = jax.tree.flatten(state_shapes[0])

    def init_flat(key_data):
        return jax.tree.leaves(init_seeds(key_data))

    exported = {"init": export.export(jax.jit(init_flat), platforms=platforms)(key_spec)}

    # Max/min reductions (the candidate's and the processor's) get gradients that survive XLA recomputing their
    # operand with other rounding (gradients.py: the vmapped bilinear seed's NaN).
    with exact_max_gradients():
        for index, layout in enumerate(train_layouts):
            train_step_flat = _train_step_fn(
                network, layout, optimizer, decode_hints, (batching, num_seeds), state_tree
            )
            exported[f"train_step_{index}"] = export.export(jax.jit(train_step_flat), platforms=platforms)(
                state_leaves, key_spec, layout.specs((num_seeds, batch_size))
            )
    for name, layout in eval_layouts.items():
        predict_flat = _predict_fn(network, spec, layout, batching, num_seeds, param_tree)
        exported[f"predict_{name}"] = export.export(jax.jit(predict_flat), platforms=platforms)(
            param_leaves, layout.specs((config["eval_batch_size"],))
        )

    param_names = [
        jax.tree_util.keystr(path) for path, _ in jax.tree_util.tree_flatten_with_path(state_shapes[0])[0]
    ]
    metadata = {
        "num_param_leaves": len(param_leaves),
        "num_train_steps": len(train_layouts),
        "eval_sets": sorted(eval_layouts),
        "param_names": param_names,
    }
    return metadata, {name: bytes(value.serialize()) for name, value in exported.items()}
