"""Shared command-line plumbing: flag parsing that reports every usage error in one line with exit code 2."""

from __future__ import annotations

import importlib.util
import json
import logging
import math
import os
import pathlib
import sys
from collections.abc import Sequence

import ml_collections
from absl import flags

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]


class UsageError(Exception):
    """A bad flag, config value or missing file: reported in one line, exit code 2."""


def exit_with_usage_error(message: str) -> None:
    """Prints `error: message` on stderr and exits with status 2."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def one_line(error: BaseException, max_chars: int | None = None) -> str:
    """A one-line description of an error whose message may hold an embedded traceback or escaped newlines (at
    most `max_chars` characters when given)."""
    text = str(error).replace("\\n", "\n")
    lines = [line.strip().strip("'\"\\").strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        description = type(error).__name__
    elif "Traceback" in text or len(lines) > 3:
        description = lines[-1]
    else:
        description = " ".join(lines)
    return description if max_chars is None else description[:max_chars]


def parse_flags(argv: list[str]) -> list[str]:
    """An absl `flags_parser` that turns any flag or config-file error into a one-line message and exit 2."""
    try:
        return flags.FLAGS(argv)
    except Exception as error:  # noqa: BLE001 - config files raise arbitrary errors at load time
        exit_with_usage_error(one_line(error))
        raise  # unreachable


def load_config(config_flag) -> ml_collections.ConfigDict:
    """The parsed config of a `DEFINE_config_file` flag, or a one-line usage error (exit 2)."""
    try:
        config = config_flag.value
        if config is None:
            raise UsageError(
                f"--{config_flag.name} is required, e.g. --{config_flag.name}=configs/mnist1d.py"
            )
        config.get("task")  # a config file that failed to load reports its error on first access
    except Exception as error:  # noqa: BLE001
        exit_with_usage_error(one_line(error))
        raise  # unreachable
    return config


CACHE_ENV_VAR = "EVOJAX_NAS_CACHE"  # the cache root (converted LM weights, compiled XLA executables)
XLA_CACHE_ENV_VAR = "EVOJAX_NAS_XLA_CACHE"  # where compiled executables are kept; "off" keeps none


def cache_root() -> str:
    """The cache root: `$EVOJAX_NAS_CACHE` if set, else `~/.cache/evojax_nas`."""
    return os.environ.get(CACHE_ENV_VAR) or os.path.join(os.path.expanduser("~"), ".cache", "evojax_nas")


def use_compilation_cache() -> str | None:
    """Keeps compiled XLA executables on disk (JAX's persistent compilation cache), so a resumed or repeated run
    does not compile the same LM decode loops and candidate functions again (about 4-7 s per LM sampler shape on
    a 2-core CPU). The directory is `$EVOJAX_NAS_XLA_CACHE` (`off`: none), else JAX's own
    `$JAX_COMPILATION_CACHE_DIR`, else `<cache root>/xla`. Returns it, or None when off."""
    chosen = os.environ.get(XLA_CACHE_ENV_VAR)
    if chosen == "off":
        return None
    directory = chosen or os.environ.get("JAX_COMPILATION_CACHE_DIR") or os.path.join(cache_root(), "xla")
    if "jax" in sys.modules:  # already imported: its config read the environment then
        sys.modules["jax"].config.update("jax_compilation_cache_dir", directory)
    else:
        os.environ["JAX_COMPILATION_CACHE_DIR"] = directory
    return directory


def quiet_jax_logging() -> None:
    """Silences JAX's informational start-up messages (e.g. about absent TPU libraries)."""
    for name in ("jax._src.xla_bridge", "jax._src.compiler", "absl"):
        logging.getLogger(name).setLevel(logging.WARNING)


def prepare_jax() -> None:
    """What every command does before it uses JAX: start-up messages silenced, compiled executables kept on disk
    (`use_compilation_cache`)."""
    quiet_jax_logging()
    use_compilation_cache()


def json_safe(value):
    """Replaces NaN/inf floats (not valid JSON) by None, recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    return value


def print_json_line(record: dict) -> None:
    """Prints one JSON object as the last line of stdout."""
    sys.stdout.write(json.dumps(json_safe(record)) + "\n")
    sys.stdout.flush()


def repo_relative(path: str | None) -> str | None:
    """`path` relative to the repository when it lies inside it, else as given: files the tools write (summaries,
    results JSONs) get committed, and must not name one machine's directories."""
    if path is None:
        return None
    resolved = pathlib.Path(path).resolve()
    return str(resolved.relative_to(REPO_ROOT)) if resolved.is_relative_to(REPO_ROOT) else str(path)


def load_config_file(spec: str, root=None):
    """The config of `path/to/config.py[:preset]` (relative paths are tried from `root` if not found here)."""
    path_text, _, preset = spec.partition(":")
    path = pathlib.Path(path_text)
    if not path.is_file() and root is not None and (pathlib.Path(root) / path).is_file():
        path = pathlib.Path(root) / path
    if not path.is_file():
        raise FileNotFoundError(f"config file {path_text!r} does not exist.")
    module_spec = importlib.util.spec_from_file_location(f"config_{path.stem}", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module.get_config(preset or None)


def start_command(
    argv: list[str], config_flag=None, required: Sequence[tuple[flags.FlagHolder, str]] = ()
) -> ml_collections.ConfigDict | None:
    """The common start of a command-line tool: no stray arguments, the config of `config_flag` loaded (when
    given), JAX prepared (`prepare_jax`), and every `(flag, what it is)` of `required` set; each failure is a
    one-line usage error (exit 2). Returns the config (None without `config_flag`)."""
    if len(argv) > 1:
        exit_with_usage_error(f"unexpected arguments: {' '.join(argv[1:])}")
    config = None if config_flag is None else load_config(config_flag)
    prepare_jax()
    for holder, what in required:
        if not holder.value:
            exit_with_usage_error(f"--{holder.name} is required: {what}")
    return config
