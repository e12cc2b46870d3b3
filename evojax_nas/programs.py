"""Program text handling shared by every task: normalised source, the dedup key and the structure key."""

from __future__ import annotations

import ast
import hashlib


class _StripDocstrings(ast.NodeTransformer):
    """Removes string-literal expression statements (docstrings and bare strings) from every body."""

    def _strip(self, node: ast.AST) -> ast.AST:
        self.generic_visit(node)
        body = getattr(node, "body", None)
        if isinstance(body, list):
            kept = [
                statement
                for statement in body
                if not (
                    isinstance(statement, ast.Expr)
                    and isinstance(statement.value, ast.Constant)
                    and isinstance(statement.value.value, str)
                )
            ]
            node.body = kept or [ast.Pass()]
        return node

    visit_Module = _strip
    visit_ClassDef = _strip
    visit_FunctionDef = _strip
    visit_AsyncFunctionDef = _strip


class _MaskNumbers(ast.NodeTransformer):
    """Replaces every int and float literal by 0 (booleans stay)."""

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return ast.copy_location(ast.Constant(value=0), node)
        return node


def normalize_source(source: str, mask_numbers: bool = False) -> str:
    """Canonical text of a program: parsed, docstrings and comments dropped, re-printed by `ast.unparse`; with
    `mask_numbers`, every int and float literal printed as 0.

    Two programs that differ only in comments, docstrings, blank lines, quoting or formatting normalise to the
    same text. Raises `SyntaxError` for source that does not parse.
    """
    tree = _StripDocstrings().visit(ast.parse(source))
    if mask_numbers:
        tree = _MaskNumbers().visit(tree)
    return ast.unparse(ast.fix_missing_locations(tree))


def _hashed(source: str, prefix: str, mask_numbers: bool) -> str:
    """sha256 of `prefix` + the normalised program, or of "raw:" + the source when it does not parse (identical
    broken samples still collapse together)."""
    try:
        text = prefix + normalize_source(source, mask_numbers)
    except (SyntaxError, ValueError, RecursionError):
        text = "raw:" + source
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def program_key(source: str) -> str:
    """A stable hash of the normalised program, used to recognise duplicates before any training.

    Unparseable source gets a key of its raw text, so identical broken samples still collapse together.
    """
    return _hashed(source, "ast:", mask_numbers=False)


def structure_key(source: str) -> str:
    """A stable hash of the normalised program with every number masked: programs that differ only in sizes,
    rates or other numeric settings share it (a search that only retunes numbers keeps one structure).
    Unparseable source gets a key of its raw text."""
    return _hashed(source, "structure:", mask_numbers=True)
