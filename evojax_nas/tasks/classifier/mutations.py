"""Mutation and crossover rules for Flax classifier programs (MNIST-1D and any task whose programs are Flax classifiers; see
`evojax_nas.program_mutation`).

Rules cover what the EvoPrompting search space varies: widths, kernel sizes, strides, padding, depth,
activations, pooling, normalisation, residual connections, and dense versus global-pooling heads. They edit
`class Model`'s `__call__`; the output layer (the `Dense` whose result is returned) keeps its width.
"""

from __future__ import annotations

import ast
import copy

import numpy as np

from evojax_nas.program_mutation import (
    calls_named,
    dotted_name,
    ensure_import,
    find_argument,
    find_method,
    int_value,
    pick,
    set_argument,
)

ACTIVATIONS = ("relu", "gelu", "silu", "tanh", "elu", "swish", "leaky_relu", "sigmoid")
WIDTH_FACTORS = (0.5, 0.75, 1.25, 1.5, 2.0)
KERNEL_SIZES = (1, 2, 3, 5, 7, 9)
PADDINGS = (0, 1, 2, "SAME", "VALID")
POOLS = ("avg_pool", "max_pool")
NORMALIZATIONS = ("LayerNorm", "GroupNorm", "BatchNorm", "RMSNorm")
# Model fields a task sets to its data's values (`model_fields` in `evojax_nas.tasks.classifier.build`):
# changing their defaults would change nothing the framework builds.
FRAMEWORK_FIELDS = ("num_classes",)


def _call_body(tree: ast.Module) -> list[ast.stmt] | None:
    method = find_method(tree, "Model", "__call__")
    return method.body if method is not None else None


def _output_calls(body: list[ast.stmt]) -> set[int]:
    """ids of the layer calls whose result is returned (their width is fixed by the task)."""
    fixed = set()
    for statement in body:
        if isinstance(statement, ast.Return) and statement.value is not None:
            for call in calls_named(statement.value, {"Dense", "Conv"}):
                fixed.add(id(call))
    return fixed


def _literal(value) -> ast.expr:
    return ast.Constant(value=value)


def _layer_calls(tree: ast.Module, names: set[str]) -> list[ast.Call]:
    body = _call_body(tree)
    if body is None:
        return []
    fixed = _output_calls(body)
    return [
        call for call in calls_named(ast.Module(body=body, type_ignores=[]), names) if id(call) not in fixed
    ]


def change_width(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Scales the `features` of one hidden Conv or Dense layer."""
    layers = {"Conv", "Dense", "GRUCell", "LSTMCell", "OptimizedLSTMCell", "SimpleCell"}
    calls = [c for c in _layer_calls(tree, layers) if int_value(find_argument(c, "features", 0))]
    call = pick(rng, calls)
    if call is None:
        return None
    old = int_value(find_argument(call, "features", 0))
    new = max(1, int(round(old * float(rng.choice(WIDTH_FACTORS)))))
    if new == old:
        new = old + 1
    set_argument(call, "features", 0, _literal(new))
    return f"width {dotted_name(call.func)} {old}->{new}"


def change_field(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Scales an integer field of `class Model` (for example `hidden_size: int = 6`)."""
    fields = [
        node
        for top in tree.body
        if isinstance(top, ast.ClassDef) and top.name == "Model"
        for node in top.body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.target.id not in FRAMEWORK_FIELDS
        and int_value(node.value)
    ]
    field = pick(rng, fields)
    if field is None:
        return None
    old = int_value(field.value)
    new = max(1, int(round(old * float(rng.choice(WIDTH_FACTORS)))))
    field.value = _literal(new if new != old else old + 1)
    return f"field {field.target.id} {old}->{field.value.value}"


def change_kernel_size(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Changes the kernel size of one convolution."""
    call = pick(rng, _layer_calls(tree, {"Conv"}))
    if call is None:
        return None
    old = int_value(find_argument(call, "kernel_size", 1))
    new = int(rng.choice([k for k in KERNEL_SIZES if k != old]))
    set_argument(call, "kernel_size", 1, ast.Tuple(elts=[_literal(new)], ctx=ast.Load()))
    return f"kernel {old}->{new}"


def change_stride(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Sets the stride of one convolution to 1 or 2."""
    call = pick(rng, _layer_calls(tree, {"Conv"}))
    if call is None:
        return None
    old = int_value(find_argument(call, "strides", 2)) or 1
    new = 1 if old != 1 else 2
    set_argument(call, "strides", 2, ast.Tuple(elts=[_literal(new)], ctx=ast.Load()))
    return f"stride {old}->{new}"


def change_padding(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Changes the padding of one convolution."""
    call = pick(rng, _layer_calls(tree, {"Conv"}))
    if call is None:
        return None
    node = find_argument(call, "padding", 3)
    old = node.value if isinstance(node, ast.Constant) else "SAME"
    new = pick(rng, [p for p in PADDINGS if p != old])
    set_argument(call, "padding", 3, _literal(new))
    return f"padding {old!r}->{new!r}"


def _nn_attributes(body: list[ast.stmt], names: tuple[str, ...]) -> list[ast.Attribute]:
    """Every `nn.<name>` reference in `body` whose name is in `names`."""
    return [
        node
        for statement in body
        for node in ast.walk(statement)
        if isinstance(node, ast.Attribute) and node.attr in names and dotted_name(node.value) == "nn"
    ]


def change_activation(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Swaps one activation function (`nn.relu` -> `nn.gelu`, ...)."""
    body = _call_body(tree)
    if body is None:
        return None
    node = pick(rng, _nn_attributes(body, ACTIVATIONS))
    if node is None:
        return None
    old, node.attr = node.attr, str(rng.choice([a for a in ACTIVATIONS if a != node.attr]))
    return f"activation {old}->{node.attr}"


def change_pooling(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Swaps average and max pooling, or inserts a pooling layer after a convolution."""
    body = _call_body(tree)
    if body is None:
        return None
    pools = _nn_attributes(body, POOLS)
    if pools and rng.random() < 0.6:
        node = pick(rng, pools)
        old, node.attr = node.attr, POOLS[1 - POOLS.index(node.attr)]
        return f"pooling {old}->{node.attr}"
    positions = [i for i, s in enumerate(body) if _assigns_x(s) and calls_named(s, {"Conv"})]
    position = pick(rng, positions)
    if position is None:
        return None
    kind = str(rng.choice(POOLS))
    body.insert(position + 1, ast.parse(f"x = nn.{kind}(x, window_shape=(2,), strides=(2,))").body[0])
    return f"insert {kind}"


def _assigns_x(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and statement.targets[0].id == "x"
    )


def _layer_statements(body: list[ast.stmt]) -> list[int]:
    return [i for i, s in enumerate(body) if _assigns_x(s) and calls_named(s, {"Conv", "Dense"})]


def add_layer(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Deepens the model by repeating one hidden layer statement (with stride 1 for convolutions)."""
    body = _call_body(tree)
    if body is None:
        return None
    position = pick(rng, _layer_statements(body))
    if position is None:
        return None
    copied = copy.deepcopy(body[position])
    for call in calls_named(copied, {"Conv"}):
        set_argument(call, "strides", 2, ast.Tuple(elts=[_literal(1)], ctx=ast.Load()))
        set_argument(call, "padding", 3, _literal("SAME"))
    body.insert(position + 1, copied)
    return f"repeat layer at line {position + 1}"


def remove_layer(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Makes the model shallower by deleting one hidden layer statement."""
    body = _call_body(tree)
    if body is None:
        return None
    positions = _layer_statements(body)
    if len(positions) < 2:
        return None
    del body[pick(rng, positions)]
    return "remove a layer"


def toggle_normalization(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Removes a normalisation layer, or inserts `nn.LayerNorm()` after a hidden layer."""
    body = _call_body(tree)
    if body is None:
        return None
    norms = [i for i, s in enumerate(body) if _assigns_x(s) and calls_named(s, set(NORMALIZATIONS))]
    if norms and rng.random() < 0.5:
        del body[pick(rng, norms)]
        return "remove normalisation"
    position = pick(rng, _layer_statements(body))
    if position is None:
        return None
    body.insert(position + 1, ast.parse("x = nn.LayerNorm()(x)").body[0])
    return "insert LayerNorm"


def toggle_residual(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Wraps a shape-preserving layer `x = f(x)` as `x = x + f(x)`, or removes such a skip connection."""
    body = _call_body(tree)
    if body is None:
        return None
    position = pick(rng, _layer_statements(body))
    if position is None:
        return None
    statement = body[position]
    value = statement.value
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add) and dotted_name(value.left) == "x":
        statement.value = value.right
        return "remove skip connection"
    for call in calls_named(statement, {"Conv"}):
        set_argument(call, "strides", 2, ast.Tuple(elts=[_literal(1)], ctx=ast.Load()))
        set_argument(call, "padding", 3, _literal("SAME"))
    statement.value = ast.BinOp(left=ast.Name(id="x", ctx=ast.Load()), op=ast.Add(), right=value)
    return "add skip connection"


_FLATTEN = "x = x.reshape((x.shape[0], -1))"
_GLOBAL_POOL = "x = jnp.mean(x, axis=1)"


def toggle_head(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Switches between a flatten + dense head and global average pooling over positions."""
    body = _call_body(tree)
    if body is None:
        return None
    for index, statement in enumerate(body):
        text = ast.unparse(statement)
        if text == _FLATTEN:
            ensure_import(tree, "jax.numpy", "jnp")
            body[index] = ast.parse(_GLOBAL_POOL).body[0]
            return "dense head -> global average pooling"
        if text == _GLOBAL_POOL:
            body[index] = ast.parse(_FLATTEN).body[0]
            return "global average pooling -> dense head"
    return None


MUTATION_RULES = (
    change_width,
    change_width,
    change_field,
    change_kernel_size,
    change_stride,
    change_padding,
    change_activation,
    change_pooling,
    add_layer,
    remove_layer,
    toggle_normalization,
    toggle_residual,
    toggle_head,
)


def crossover(
    first: ast.Module, second: ast.Module, rng: np.random.Generator
) -> tuple[ast.Module, str] | None:
    """One-point crossover of the `__call__` bodies: a prefix of the first parent's layers, then a suffix of
    the second's; imports of both are kept."""
    first_body, second_body = _call_body(first), _call_body(second)
    if first_body is None or second_body is None or len(first_body) < 2 or len(second_body) < 2:
        return None
    cut_first = int(rng.integers(1, len(first_body)))
    cut_second = int(rng.integers(1, len(second_body)))
    method = find_method(first, "Model", "__call__")
    method.body = first_body[:cut_first] + second_body[cut_second:]
    for node in second.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and ast.unparse(node) not in {
            ast.unparse(n) for n in first.body if isinstance(n, (ast.Import, ast.ImportFrom))
        }:
            first.body.insert(0, node)
    return first, f"crossover: first {cut_first} statements + second from statement {cut_second + 1}"
