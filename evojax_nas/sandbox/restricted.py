"""Executes a checked candidate program with restricted builtins and an import guard (inside the sandbox only).

This is a second layer behind the static policy: even code that slipped past the AST check finds no `open`,
`exec` or `__import__` of arbitrary modules in its builtins. It never runs in the evaluating process.
"""

from __future__ import annotations

import builtins
import importlib
import sys
import types

from evojax_nas.sandbox.policy import DENIED_BUILTINS, ProgramPolicy, check_program

PROGRAM_MODULE_NAME = "candidate_program"


def _make_import_guard(allowed_modules: tuple[str, ...]):
    allowed = set(allowed_modules)

    def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):  # noqa: A002
        if level != 0 or name not in allowed:
            raise ImportError(f"import of '{name}' is not allowed in a candidate program")
        module = importlib.import_module(name)
        if fromlist:
            for item in fromlist:
                if not hasattr(module, item) or f"{name}.{item}" in allowed:
                    continue
                if isinstance(getattr(module, item), types.ModuleType):
                    raise ImportError(f"import of '{name}.{item}' is not allowed in a candidate program")
            return module
        return importlib.import_module(name.split(".", 1)[0])

    return guarded_import


def safe_builtins(policy: ProgramPolicy) -> dict:
    """The builtins a candidate program sees: Python's own minus the denied ones, with a guarded import."""
    namespace = {name: value for name, value in vars(builtins).items() if name not in DENIED_BUILTINS}
    namespace["__import__"] = _make_import_guard(policy.allowed_modules)
    return namespace


def load_program(source: str, policy: ProgramPolicy) -> types.ModuleType:
    """Checks `source` against the policy again and executes it as a fresh module with restricted builtins."""
    tree = check_program(source, policy)
    module = types.ModuleType(PROGRAM_MODULE_NAME)
    module.__dict__["__builtins__"] = safe_builtins(policy)
    sys.modules[PROGRAM_MODULE_NAME] = module  # dataclass machinery (Flax modules) looks the module up
    code = compile(tree, filename=f"<{PROGRAM_MODULE_NAME}>", mode="exec")
    exec(code, module.__dict__)  # noqa: S102 - isolated sandbox process, restricted builtins, policy-checked
    return module
