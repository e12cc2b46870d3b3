"""Static (AST) policy for candidate programs written by a user or a language model.

A candidate program is hostile until proven otherwise. This module decides, without running anything, whether
its source stays inside the program contract: a size limit, an allow-list of imports, no dunder or private
attribute access, no builtins that reach files, processes, code execution or introspection, and no attributes
of allowed modules that lead to I/O, host callbacks or to modules outside the allow-list. What passes is still
built in an isolated worker process (`evojax_nas.sandbox.worker`); this check is the first of several layers.
The lists of allowed and refused names are in `evojax_nas.sandbox.policy_lists`.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import importlib
import importlib.util
import inspect
import string
from collections.abc import Iterable

from evojax_nas.sandbox.policy_lists import (
    ALLOWED_DUNDER_METHODS,
    BASE_ALLOWED_MODULES,
    DENIED_ATTRIBUTES,
    DENIED_BUILTINS,
)

DEFAULT_MAX_SOURCE_CHARS = 20_000
DEFAULT_MAX_AST_NODES = 5_000


class PolicyViolation(ValueError):
    """Raised when a program's source breaks the program contract; the message names the offending line."""


class ContractError(ValueError):
    """The program runs but does not meet the task's contract (missing name, wrong output shape, ...)."""


@dataclasses.dataclass(frozen=True)
class ProgramPolicy:
    """What a program of one task may contain."""

    allowed_modules: tuple[str, ...] = BASE_ALLOWED_MODULES
    max_source_chars: int = DEFAULT_MAX_SOURCE_CHARS
    max_ast_nodes: int = DEFAULT_MAX_AST_NODES
    required_names: tuple[str, ...] = ()

    def with_modules(self, extra: Iterable[str]) -> ProgramPolicy:
        """Returns a copy that also allows the modules in `extra`."""
        return dataclasses.replace(
            self, allowed_modules=tuple(dict.fromkeys((*self.allowed_modules, *extra)))
        )


@functools.lru_cache(maxsize=8)
def module_attribute_denylist(allowed_modules: tuple[str, ...]) -> frozenset[str]:
    """Names of module-valued attributes of allowed modules that lead to modules outside the allow-list.

    For example `typing.sys` or `flax.linen.module`: refusing these names stops a program from walking from an
    allowed module to `os`, `ctypes` or the import system. Names that are themselves the last part of an allowed
    module (`linalg`, `random`) stay usable; the runtime import guard in the worker covers them.
    """
    allowed = set(allowed_modules)
    allowed_leaves = {name.rsplit(".", 1)[-1] for name in allowed}
    denied: set[str] = set()
    for module_name in allowed_modules:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for attribute, value in vars(module).items():
            if attribute.startswith("_") or not inspect.ismodule(value):
                continue
            if value.__name__ not in allowed and attribute not in allowed_leaves:
                denied.add(attribute)
    return frozenset(denied)


def _import_allowed(module: str, allowed: set[str]) -> bool:
    return module in allowed


def check_program(source: str, policy: ProgramPolicy) -> ast.Module:
    """Parses `source` and checks it against `policy`.

    Returns the parsed module. Raises `PolicyViolation` with a one-line reason naming the first offence: size
    limits and parsing first (`_parse_within_limits`), then string annotations, then every syntax node in walk
    order (`_node_offence`), then the task's required top-level names.
    """
    tree, nodes = _parse_within_limits(source, policy)
    allowed = set(policy.allowed_modules)
    denied_attributes = DENIED_ATTRIBUTES | module_attribute_denylist(policy.allowed_modules)
    for annotation in _annotations(tree):
        for part in ast.walk(annotation):
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                _refuse(part, "string annotations are not allowed (they can be evaluated as code)")
    for node in nodes:
        reason = _node_offence(node, allowed, denied_attributes)
        if reason:
            _refuse(node, reason)
    defined = _top_level_names(tree)
    for name in policy.required_names:
        if name not in defined:
            raise PolicyViolation(f"program does not define '{name}' at top level")
    return tree


def _refuse(node: ast.AST, reason: str) -> None:
    """Raises `PolicyViolation` naming the line of `node`."""
    line = getattr(node, "lineno", "?")
    raise PolicyViolation(f"line {line}: {reason}")


def _parse_within_limits(source: str, policy: ProgramPolicy) -> tuple[ast.Module, list[ast.AST]]:
    """The parsed program and all its syntax nodes, after the checks of type, size, NUL bytes and node count."""
    if not isinstance(source, str):
        raise PolicyViolation(f"program source must be text, got {type(source).__name__}")
    if len(source) > policy.max_source_chars:
        raise PolicyViolation(
            f"program is {len(source)} characters, over the limit of {policy.max_source_chars}"
        )
    if "\x00" in source:
        raise PolicyViolation("program contains a NUL byte")
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise PolicyViolation(f"syntax error at line {error.lineno}: {error.msg}") from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise PolicyViolation(f"program cannot be parsed: {type(error).__name__}") from None
    nodes = list(ast.walk(tree))
    if len(nodes) > policy.max_ast_nodes:
        raise PolicyViolation(
            f"program has {len(nodes)} syntax nodes, over the limit of {policy.max_ast_nodes}"
        )
    return tree, nodes


def _import_offence(
    node: ast.Import | ast.ImportFrom, allowed: set[str], denied_attributes: frozenset[str]
) -> str:
    """Why an import statement is refused ('' when it is allowed)."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if not _import_allowed(alias.name, allowed):
                return f"import of '{alias.name}' is not allowed (allowed: {', '.join(sorted(allowed))})"
        return ""
    if node.level:
        return "relative imports are not allowed"
    module = node.module or ""
    if module not in allowed:
        return f"import from '{module}' is not allowed (allowed: {', '.join(sorted(allowed))})"
    for alias in node.names:
        name = alias.name
        if name == "*":
            return f"'from {module} import *' is not allowed"
        if name.startswith("_") or name in denied_attributes or name in DENIED_BUILTINS:
            return f"importing '{name}' from '{module}' is not allowed"
        if _is_disallowed_submodule(module, name, allowed):
            return f"'{module}.{name}' is a module outside the allow-list"
    return ""


def _definition_offence(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> str:
    """Why a function or class definition is refused ('' when it is allowed)."""
    if isinstance(node, ast.ClassDef):
        if node.keywords:
            return "class keywords (such as metaclass=) are not allowed"
        if node.name.startswith("__"):
            return f"class name '{node.name}' is not allowed"
        return ""
    if isinstance(node, ast.AsyncFunctionDef):
        return "async functions are not allowed"
    if node.name.startswith("__") and node.name not in ALLOWED_DUNDER_METHODS:
        return f"defining special method '{node.name}' is not allowed"
    if node.name in DENIED_BUILTINS:
        return f"defining a function named '{node.name}' is not allowed"
    return ""


def _node_offence(node: ast.AST, allowed: set[str], denied_attributes: frozenset[str]) -> str:
    """Why one syntax node is refused ('' when it is allowed): the policy's table of rules by node type."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return _import_offence(node, allowed, denied_attributes)
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return _definition_offence(node)
    if isinstance(node, ast.Name) and (node.id.startswith("__") or node.id in DENIED_BUILTINS):
        return f"use of '{node.id}' is not allowed"
    if isinstance(node, ast.Attribute):
        if node.attr.startswith("_"):
            return f"access to private or special attribute '.{node.attr}' is not allowed"
        if node.attr in denied_attributes:
            return f"access to attribute '.{node.attr}' is not allowed"
        return _format_string_problem(node.value) if node.attr == "format" else ""
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return f"'{type(node).__name__.lower()}' statements are not allowed"
    if isinstance(node, (ast.AsyncFor, ast.AsyncWith, ast.Await)):
        return "async code is not allowed"
    if isinstance(node, ast.arg) and node.arg.startswith("__"):
        return f"argument name '{node.arg}' is not allowed"
    if isinstance(node, ast.keyword) and node.arg is not None and node.arg.startswith("__"):
        return f"keyword '{node.arg}' is not allowed"
    if (
        isinstance(node, ast.alias)
        and node.asname
        and (node.asname.startswith("__") or node.asname in DENIED_BUILTINS)
    ):
        return f"import alias '{node.asname}' is not allowed"
    return ""


def _annotations(tree: ast.Module) -> list[ast.expr]:
    """Every annotation in the program: of variables, arguments and return values."""
    found: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign):
            found.append(node.annotation)
        elif isinstance(node, ast.arg) and node.annotation is not None:
            found.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            if getattr(node, "returns", None) is not None:
                found.append(node.returns)
    return found


def _format_string_problem(receiver: ast.expr) -> str:
    """Why `receiver.format(...)` is refused, or '' when it is a literal string with plain replacement fields.

    `str.format` resolves `{0.attr}` and `{0[key]}` inside the string, reaching attributes (dunders included)
    without an attribute node the policy could see; so only literal format strings whose fields are plain
    positions or names are allowed.
    """
    if not (isinstance(receiver, ast.Constant) and isinstance(receiver.value, str)):
        return "'.format' is only allowed on a literal string (use an f-string)"
    pending = [receiver.value]
    while pending:  # a field's format spec may hold fields of its own: '{0:{1.attr}}'
        try:
            parsed = list(string.Formatter().parse(pending.pop()))
        except ValueError:
            return "malformed format string"
        for _, field, spec, _ in parsed:
            if field is not None and ("." in field or "[" in field):
                return f"format field '{{{field[:40]}}}' reaches an attribute or item (use an f-string)"
            if spec:
                pending.append(spec)
    return ""


def _is_disallowed_submodule(module: str, name: str, allowed: set[str]) -> bool:
    """True when `from module import name` would bind a module (loaded or not yet) that is not allowed."""
    full_name = f"{module}.{name}"
    if full_name in allowed:
        return False
    try:
        value = getattr(importlib.import_module(module), name, None)
    except ImportError:
        return True
    if inspect.ismodule(value):
        return True
    try:
        return importlib.util.find_spec(full_name) is not None
    except (ImportError, ValueError, AttributeError):
        return False


def _top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names.add(target.id)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names
