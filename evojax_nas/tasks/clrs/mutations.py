"""Mutation and crossover rules for CLRS triplet functions (see `evojax_nas.program_mutation`).

Rules cover what the paper's seeds and discoveries vary: projection depth (Linear <-> MLP, MLP layers), the
aggregation over the first node axis (max / sum / mean / min), dropping a term of the triplet sum (the graph
term among them), a sigmoid gate on the output, and MLP activations. They edit `get_triplet_msgs`.
"""

from __future__ import annotations

import ast

import numpy as np

from evojax_nas.program_mutation import calls_named, dotted_name, ensure_import, pick

FUNCTION = "get_triplet_msgs"
AGGREGATIONS = ("max", "sum", "mean", "min")
ACTIVATIONS = ("relu", "gelu", "silu", "tanh", "elu")
_GATE = "jax.nn.sigmoid(hk.Linear(out_size)(edge_fts))"


def _function(tree: ast.Module) -> ast.FunctionDef | None:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == FUNCTION:
            return node
    return None


def change_aggregation(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Swaps the reduction over triplets (`jnp.max(..., axis=1)` -> sum, mean or min)."""
    function = _function(tree)
    if function is None:
        return None
    reductions = [
        call
        for call in calls_named(function, set(AGGREGATIONS))
        if dotted_name(call.func).startswith("jnp.") and any(k.arg == "axis" for k in call.keywords)
    ]
    call = pick(rng, reductions)
    if call is None:
        return None
    old = call.func.attr
    call.func.attr = str(rng.choice([name for name in AGGREGATIONS if name != old]))
    return f"aggregation {old}->{call.func.attr}"


def change_projection_depth(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Turns a `hk.Linear(F)` into a 2-layer `hk.nets.MLP([F, F])`, or adds/removes a hidden MLP layer."""
    function = _function(tree)
    if function is None:
        return None
    calls = [c for c in calls_named(function, {"Linear", "MLP"}) if c.args]
    call = pick(rng, calls)
    if call is None:
        return None
    if dotted_name(call.func).endswith("Linear"):
        width = call.args[0]
        call.func = ast.parse("hk.nets.MLP", mode="eval").body
        call.args = [ast.List(elts=[width, width], ctx=ast.Load())]
        return "Linear -> 2-layer MLP"
    sizes = call.args[0]
    if not isinstance(sizes, ast.List) or not sizes.elts:
        return None
    if len(sizes.elts) > 1 and rng.random() < 0.5:
        del sizes.elts[0]
        return f"MLP depth {len(sizes.elts) + 1}->{len(sizes.elts)}"
    sizes.elts.insert(0, sizes.elts[-1])
    return f"MLP depth {len(sizes.elts) - 1}->{len(sizes.elts)}"


def drop_term(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Removes one term (for example the graph term) from the broadcast sum that builds the triplets."""
    function = _function(tree)
    if function is None:
        return None
    sums = [
        node
        for node in ast.walk(function)
        if isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Add)
        and calls_named(node.right, {"expand_dims"})
    ]
    node = pick(rng, sums)
    if node is None:
        return None
    removed = ast.unparse(node.right)
    for parent in ast.walk(function):
        for field, value in ast.iter_fields(parent):
            if value is node:
                setattr(parent, field, node.left)
                return f"drop term {removed[:40]}"
    return None


def toggle_gate(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Multiplies the output by a sigmoid gate computed from the edge features, or removes that gate."""
    function = _function(tree)
    if function is None:
        return None
    returns = [node for node in ast.walk(function) if isinstance(node, ast.Return) and node.value is not None]
    statement = pick(rng, returns)
    if statement is None:
        return None
    value = statement.value
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mult) and ast.unparse(value.right) == _GATE:
        statement.value = value.left
        return "remove output gate"
    ensure_import(tree, "jax", "jax")
    statement.value = ast.BinOp(left=value, op=ast.Mult(), right=ast.parse(_GATE, mode="eval").body)
    return "add output gate"


def change_activation(tree: ast.Module, rng: np.random.Generator) -> str | None:
    """Sets the activation of one `hk.nets.MLP`."""
    function = _function(tree)
    if function is None:
        return None
    call = pick(rng, [c for c in calls_named(function, {"MLP"}) if c.args])
    if call is None:
        return None
    name = str(rng.choice(ACTIVATIONS))
    call.keywords = [k for k in call.keywords if k.arg != "activation"]
    call.keywords.append(ast.keyword(arg="activation", value=ast.parse(f"jax.nn.{name}", mode="eval").body))
    ensure_import(tree, "jax", "jax")
    return f"MLP activation {name}"


MUTATION_RULES = (
    change_aggregation,
    change_projection_depth,
    change_projection_depth,
    drop_term,
    toggle_gate,
    change_activation,
)


def _assigned_name(statement: ast.stmt) -> str | None:
    if (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
    ):
        return statement.targets[0].id
    return "<return>" if isinstance(statement, ast.Return) else None


def crossover(
    first: ast.Module, second: ast.Module, rng: np.random.Generator
) -> tuple[ast.Module, str] | None:
    """Uniform crossover by name: each projection (`tri_1`, ..., `triplets`) and the return statement of the
    first parent is replaced, with probability 1/2, by the second parent's statement that computes the same
    name. Helper functions and imports of the second parent are kept."""
    first_function, second_function = _function(first), _function(second)
    if first_function is None or second_function is None:
        return None
    donors = {_assigned_name(s): s for s in second_function.body if _assigned_name(s) is not None}
    swapped = []
    for index, statement in enumerate(first_function.body):
        name = _assigned_name(statement)
        if name in donors and ast.unparse(donors[name]) != ast.unparse(statement) and rng.random() < 0.5:
            first_function.body[index] = donors[name]
            swapped.append(name)
    if not swapped:
        return None
    known = {ast.unparse(node) for node in first.body if node is not first_function}
    for node in second.body:
        if node is second_function or ast.unparse(node) in known:
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            first.body.insert(0, node)
        elif isinstance(node, ast.FunctionDef):
            first.body.insert(first.body.index(first_function), node)  # helpers before their caller
    return first, f"crossover: {', '.join(swapped)} from the second parent"
