"""The program-mutation operator: AST-level mutation and crossover of candidate programs, with validation.

This is the classic evolutionary operator EvoPrompting is compared against (regularised evolution), and the
generator of programs for the LM's training corpus. It knows nothing of any task: a task supplies its mutation
rules (functions that edit a parsed program in place) and crossover, and a validator that decides whether a
program builds (normally a sandboxed dry run, since parents may be LM-written and are never executed here).

    mutator = ProgramMutator(rules, crossover, policy, validator)
    child = mutator.mutate(parent_source, rng)          # -> Offspring(source, description, attempts)
    child = mutator.crossover(source_a, source_b, rng)
"""

from __future__ import annotations

import ast
import copy
import dataclasses
from collections.abc import Callable, Sequence

import numpy as np

from evojax_nas.programs import normalize_source
from evojax_nas.sandbox.policy import PolicyViolation, ProgramPolicy, check_program

# A mutation rule edits a parsed program in place and returns a short description, or None when it does not
# apply to this program (for example "remove a normalisation layer" on a program without one).
MutationRule = Callable[[ast.Module, np.random.Generator], "str | None"]
# A crossover combines two parsed programs into a new one (returned), or None when it cannot.
CrossoverRule = Callable[[ast.Module, ast.Module, np.random.Generator], "tuple[ast.Module, str] | None"]
Validator = Callable[[str], bool]


class MutationFailed(RuntimeError):
    """No valid offspring was found within the attempt budget."""


@dataclasses.dataclass(frozen=True)
class Offspring:
    """A valid new program and how it was made."""

    source: str
    description: str
    attempts: int


class ProgramMutator:
    """Applies random task rules until an offspring differs from its parents, passes the policy and builds."""

    def __init__(
        self,
        rules: Sequence[MutationRule],
        crossover_rule: CrossoverRule | None,
        policy: ProgramPolicy,
        validator: Validator | None = None,
        max_attempts: int = 40,
        max_rules_per_mutation: int = 2,
    ):
        if not rules:
            raise ValueError("a ProgramMutator needs at least one mutation rule")
        self.rules = list(rules)
        self.crossover_rule = crossover_rule
        self.policy = policy
        self.validator = validator
        self.max_attempts = max_attempts
        self.max_rules_per_mutation = max_rules_per_mutation

    def _accept(self, tree: ast.Module, parents: Sequence[str]) -> str | None:
        """The offspring's source if it is new, passes the policy and builds; else None."""
        if tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Constant):
            tree.body = tree.body[1:]  # a parent's module docstring no longer describes the offspring
        try:
            source = ast.unparse(ast.fix_missing_locations(tree)) + "\n"
            check_program(source, self.policy)
        except (PolicyViolation, ValueError, RecursionError):
            return None
        normalized = normalize_source(source)
        if any(normalized == _normalize_or_none(parent) for parent in parents):
            return None
        if self.validator is not None and not self.validator(source):
            return None
        return source

    def mutate(self, source: str, rng: np.random.Generator) -> Offspring:
        """A valid mutant of `source` made by 1..max_rules_per_mutation random rules."""
        parent = ast.parse(source)
        for attempt in range(1, self.max_attempts + 1):
            tree = copy.deepcopy(parent)
            descriptions = []
            for _ in range(int(rng.integers(1, self.max_rules_per_mutation + 1))):
                rule = self.rules[int(rng.integers(len(self.rules)))]
                description = rule(tree, rng)
                if description:
                    descriptions.append(description)
            if not descriptions:
                continue
            accepted = self._accept(tree, [source])
            if accepted is not None:
                return Offspring(accepted, "; ".join(descriptions), attempt)
        raise MutationFailed(f"no valid mutant found in {self.max_attempts} attempts")

    def crossover(self, first: str, second: str, rng: np.random.Generator) -> Offspring:
        """A valid child combining `first` and `second` (then possibly mutated once more if identical)."""
        if self.crossover_rule is None:
            raise MutationFailed("this task has no crossover rule")
        trees = (ast.parse(first), ast.parse(second))
        for attempt in range(1, self.max_attempts + 1):
            order = (0, 1) if rng.random() < 0.5 else (1, 0)
            made = self.crossover_rule(copy.deepcopy(trees[order[0]]), copy.deepcopy(trees[order[1]]), rng)
            if made is None:
                continue
            tree, description = made
            accepted = self._accept(tree, [first, second])
            if accepted is not None:
                return Offspring(accepted, description, attempt)
        raise MutationFailed(f"no valid crossover child found in {self.max_attempts} attempts")


def _normalize_or_none(source: str) -> str | None:
    try:
        return normalize_source(source)
    except (SyntaxError, ValueError, RecursionError):
        return None


# ---- AST helpers for task rules ----


def pick(rng: np.random.Generator, items: list):
    """A uniformly random element of `items`, or None when it is empty."""
    return items[int(rng.integers(len(items)))] if items else None


def dotted_name(node: ast.AST) -> str:
    """`nn.Conv` for an attribute chain, `relu` for a name, '' otherwise."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


def calls_named(tree: ast.AST, names: set[str]) -> list[ast.Call]:
    """Every call in `tree` whose callee's last name part is in `names` (e.g. {'Conv', 'Dense'})."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and dotted_name(node.func).rsplit(".", 1)[-1] in names
    ]


def find_argument(call: ast.Call, keyword: str, position: int | None) -> ast.expr | None:
    """The expression passed to `call` as `keyword=` or at `position`, if any."""
    for item in call.keywords:
        if item.arg == keyword:
            return item.value
    if position is not None and len(call.args) > position:
        return call.args[position]
    return None


def set_argument(call: ast.Call, keyword: str, position: int | None, value: ast.expr) -> None:
    """Replaces (or adds as a keyword) the argument `keyword` / `position` of `call`."""
    for item in call.keywords:
        if item.arg == keyword:
            item.value = value
            return
    if position is not None and len(call.args) > position:
        call.args[position] = value
        return
    call.keywords.append(ast.keyword(arg=keyword, value=value))


def int_value(node: ast.expr | None) -> int | None:
    """The int of a literal `3`, `(3,)` or `[3]`; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, (ast.Tuple, ast.List)) and len(node.elts) == 1:
        return int_value(node.elts[0])
    return None


def find_method(tree: ast.Module, class_name: str, method_name: str) -> ast.FunctionDef | None:
    """The method `class_name.method_name` at the top level of a module."""
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == method_name:
                    return item
    return None


def ensure_import(tree: ast.Module, module: str, alias: str) -> None:
    """Adds `import module as alias` at the top unless the alias is already bound by an import."""
    for node in tree.body:
        if isinstance(node, ast.Import) and any((a.asname or a.name) == alias for a in node.names):
            return
        if isinstance(node, ast.ImportFrom) and any((a.asname or a.name) == alias for a in node.names):
            return
    tree.body.insert(0, ast.Import(names=[ast.alias(name=module, asname=None if alias == module else alias)]))
