"""The names the static policy (`evojax_nas.sandbox.policy`) allows and refuses: allowed modules, denied
builtins, denied attributes and the special methods a candidate class may define.

Kept apart from the checker so the lists can be audited on their own (docs/security.md records the audit of
the allowed modules); `policy` re-exports every name here.
"""

from __future__ import annotations

# Modules every task may import. Tasks add their own (for example `haiku` for CLRS).
BASE_ALLOWED_MODULES: tuple[str, ...] = (
    "jax",
    "jax.numpy",
    "jax.numpy.linalg",
    "jax.numpy.fft",
    "jax.nn",
    "jax.nn.initializers",
    "jax.random",
    "jax.lax",
    "jax.tree",
    "jax.tree_util",
    "jax.scipy",
    "jax.scipy.special",
    "jax.scipy.linalg",
    "jax.image",
    "jax.dtypes",
    "flax",
    "flax.linen",
    "flax.linen.initializers",
    "numpy",
    "numpy.random",
    "numpy.linalg",
    "numpy.fft",
    "math",
    "functools",
    "typing",
)

# Builtins a program may not name: code execution, introspection, files, interaction with the host.
DENIED_BUILTINS: frozenset[str] = frozenset(
    {
        "open",
        "exec",
        "eval",
        "compile",
        "__import__",
        "globals",
        "locals",
        "vars",
        "dir",
        "getattr",
        "setattr",
        "delattr",
        "hasattr",
        "input",
        "breakpoint",
        "help",
        "exit",
        "quit",
        "memoryview",
        "license",
        "credits",
        "copyright",
    }
)

# Attribute names refused everywhere: file I/O in numpy/jax, host callbacks (which would run Python during
# training), runtime configuration, process/OS access, and frame/function internals that lead to globals.
DENIED_ATTRIBUTES: frozenset[str] = frozenset(
    {
        # files
        "load",
        "loads",
        "save",
        "savez",
        "savez_compressed",
        "savetxt",
        "loadtxt",
        "genfromtxt",
        "fromfile",
        "fromregex",
        "tofile",
        "dump",
        "dumps",
        "memmap",
        "open_memmap",
        "DataSource",
        "recfromcsv",
        "recfromtxt",
        "rec",
        # host callbacks and foreign functions
        "pure_callback",
        "io_callback",
        "callback",
        "debug_callback",
        "host_callback",
        "ffi",
        "custom_call",
        "debug",
        # runtime and processes
        "config",
        "clear_caches",
        "distributed",
        "profiler",
        "experimental",
        "extend",
        "interpreters",
        "lib",
        "ctypeslib",
        "ctypes",
        "testing",
        "f2py",
        "distutils",
        "os",
        "sys",
        "subprocess",
        "socket",
        "shutil",
        "pathlib",
        "builtins",
        "importlib",
        "system",
        "popen",
        "environ",
        "getenv",
        "runtime_executable",
        # introspection
        "mro",
        "f_globals",
        "f_locals",
        "f_back",
        "gi_frame",
        "cr_frame",
        "ag_frame",
        "tb_frame",
        "tb_next",
        "func_globals",
        "attrgetter",
        "methodcaller",
        # evaluation of strings as code: typing evaluates string annotations and forward references with eval;
        # functools' single dispatch reads annotations through get_type_hints; numpy's help functions read and
        # print source files (see docs/security.md for the audit of the allowed modules)
        "get_type_hints",
        "ForwardRef",
        "get_annotations",
        "evaluate_forward_ref",
        "singledispatch",
        "singledispatchmethod",
        "format_map",
        "info",
        "source",
        "lookfor",
        "show_config",
        "show_runtime",
    }
)

# Special methods a candidate class may define; every other dunder method name is refused.
ALLOWED_DUNDER_METHODS: frozenset[str] = frozenset({"__call__"})
