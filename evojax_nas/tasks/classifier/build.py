"""The program contract of Flax classifiers and its tracing/export; runs inside the sandbox worker only.

Shared by the classification tasks (MNIST-1D, array_classification). Contract: the program defines
`class Model(nn.Module)` (Flax linen), constructible as `Model()`, whose `__call__(self, x)` maps
`x: float32[batch, *feature_shape]` to logits `[batch, num_classes]`, is deterministic and keeps all its state
in the `params` collection. A task may name Model fields it sets to the data's values (`model_fields` in the
build config, e.g. `num_classes`); a Model that declares such a field gets the task's value, one that does not
is built as `Model()`. The framework (not the program) writes the loss, optimiser and training step and exports
four functions with `jax.export`:

- `init(key_data[S, 2]) -> state leaves` (parameters first, then optimiser state), over S seeds;
- `train_step(state leaves, x[S, B, *feature_shape], y[S, B]) -> (state leaves, loss[S])`, over seeds;
- `predict(param leaves, x[E, *feature_shape]) -> logits[S, E, classes]` (all seeds on one shared batch);
- `forward_one(param leaves of one seed, x[1, *feature_shape]) -> logits[1, classes]` (for FLOP counting).

Build config: `num_seeds`, `batch_size`, `eval_batch_size`, `feature_shape` (list of ints), `num_classes`,
`platforms`, `seed_batching`, `optimizer`, and optionally `model_fields`.
"""

from __future__ import annotations

import dataclasses
import types

import flax.linen as nn
import jax
import jax.numpy as jnp
import optax
from jax import export

from evojax_nas.optimizers import make_optimizer
from evojax_nas.sandbox.policy import ContractError, ProgramPolicy
from evojax_nas.tasks.seed_batching import over_seeds

POLICY = ProgramPolicy(required_names=("Model",))
PROGRAM_HEADER = "class Model(nn.Module):"


def _instantiate(module: types.ModuleType, model_fields: dict) -> nn.Module:
    model_class = vars(module).get("Model")
    if not (isinstance(model_class, type) and issubclass(model_class, nn.Module)):
        raise ContractError("'Model' must be a class derived from flax.linen.Module")
    declared = {field.name for field in dataclasses.fields(model_class)}
    try:
        return model_class(**{name: value for name, value in model_fields.items() if name in declared})
    except TypeError as error:
        raise ContractError(f"Model() must be constructible without arguments ({error})") from None


def _check_shapes(model: nn.Module, feature_shape: tuple[int, ...], num_classes: int) -> None:
    key = jax.random.key(0)
    for batch in (1, 3):
        x = jax.ShapeDtypeStruct((batch, *feature_shape), jnp.float32)
        variables = jax.eval_shape(model.init, key, x)
        extra = sorted(set(variables) - {"params"})
        if extra:
            raise ContractError(
                f"Model uses mutable collections {extra}; only 'params' is supported "
                "(use LayerNorm/GroupNorm, or BatchNorm(use_running_average=True))"
            )
        if not jax.tree.leaves(variables.get("params", {})):
            raise ContractError("Model has no trainable parameters")
        logits = jax.eval_shape(model.apply, variables, x)
        if not isinstance(logits, jax.ShapeDtypeStruct):
            raise ContractError(f"Model must return one array of logits, got {type(logits).__name__}")
        if logits.shape != (batch, num_classes):
            raise ContractError(
                f"Model output has shape {logits.shape} for input {x.shape}; expected {(batch, num_classes)}"
            )
        if not jnp.issubdtype(logits.dtype, jnp.floating):
            raise ContractError(f"Model output must be floating point, got {logits.dtype}")


def _train_step_fn(model: nn.Module, optimizer, batching: str, num_seeds: int, state_tree):
    """The exported training step over flat state leaves: one optimiser step of softmax cross-entropy for
    every seed."""

    def loss_one(params, x, y):
        logits = model.apply({"params": params}, x).astype(jnp.float32)
        return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()

    def step_one(state, x, y):
        params, opt_state = state
        loss, grads = jax.value_and_grad(loss_one)(params, x, y)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        return (optax.apply_updates(params, updates), opt_state), loss

    step_seeds = over_seeds(step_one, batching, num_seeds)

    def train_step_flat(leaves, x, y):
        state, loss = step_seeds(jax.tree.unflatten(state_tree, leaves), x, y)
        return jax.tree.leaves(state), loss

    return train_step_flat


def _predict_fns(model: nn.Module, batching: str, num_seeds: int, param_tree):
    """The exported logits functions over flat parameter leaves: every seed's on one shared batch, and one
    seed's (for FLOP counting)."""

    def predict_flat(leaves, x):
        params = jax.tree.unflatten(param_tree, leaves)
        apply_seeds = over_seeds(
            lambda p, inputs: model.apply({"params": p}, inputs), batching, num_seeds, (1,)
        )
        return apply_seeds(params, x).astype(jnp.float32)

    def forward_one_flat(leaves, x):
        return model.apply({"params": jax.tree.unflatten(param_tree, leaves)}, x).astype(jnp.float32)

    return predict_flat, forward_one_flat


def build_artifacts(module: types.ModuleType, config: dict) -> tuple[dict, dict[str, bytes]]:
    """Checks the contract, then traces and exports the candidate's init, train step and predict functions."""
    model = _instantiate(module, dict(config.get("model_fields", {})))
    num_seeds, batch_size = config["num_seeds"], config["batch_size"]
    feature_shape, num_classes = tuple(int(n) for n in config["feature_shape"]), config["num_classes"]
    eval_batch_size = config["eval_batch_size"]
    _check_shapes(model, feature_shape, num_classes)
    optimizer = make_optimizer(config["optimizer"])
    key_shape = jax.random.key_data(jax.random.key(0)).shape

    def init_one(key_data):
        params = model.init(jax.random.wrap_key_data(key_data), jnp.zeros((1, *feature_shape), jnp.float32))
        params = params["params"]
        return params, optimizer.init(params)

    batching = config.get("seed_batching", "vmap")
    key_spec = jax.ShapeDtypeStruct((num_seeds, *key_shape), jnp.uint32)
    init_seeds = over_seeds(init_one, batching, num_seeds)
    state_shapes = jax.eval_shape(init_seeds, key_spec)
    state_leaves, state_tree = jax.tree.flatten(state_shapes)
    param_leaves, param_tree = jax.tree.flatten(state_shapes[0])
    num_param_leaves = len(param_leaves)

    def init_flat(key_data):
        return jax.tree.leaves(init_seeds(key_data))

    train_step_flat = _train_step_fn(model, optimizer, batching, num_seeds, state_tree)
    predict_flat, forward_one_flat = _predict_fns(model, batching, num_seeds, param_tree)

    f32 = jnp.float32
    platforms = list(config.get("platforms", ["cpu"]))
    batch_x = jax.ShapeDtypeStruct((num_seeds, batch_size, *feature_shape), f32)
    batch_y = jax.ShapeDtypeStruct((num_seeds, batch_size), jnp.int32)
    eval_x = jax.ShapeDtypeStruct((eval_batch_size, *feature_shape), f32)
    one_seed_params = [jax.ShapeDtypeStruct(leaf.shape[1:], leaf.dtype) for leaf in param_leaves]
    exported = {
        "init": export.export(jax.jit(init_flat), platforms=platforms)(key_spec),
        "train_step": export.export(jax.jit(train_step_flat), platforms=platforms)(
            state_leaves, batch_x, batch_y
        ),
        "predict": export.export(jax.jit(predict_flat), platforms=platforms)(param_leaves, eval_x),
        "forward_one": export.export(jax.jit(forward_one_flat), platforms=platforms)(
            one_seed_params, jax.ShapeDtypeStruct((1, *feature_shape), f32)
        ),
    }
    param_names = [
        jax.tree_util.keystr(path) for path, _ in jax.tree_util.tree_flatten_with_path(state_shapes[0])[0]
    ]
    metadata = {"num_param_leaves": num_param_leaves, "param_names": param_names}
    return metadata, {name: bytes(value.serialize()) for name, value in exported.items()}
