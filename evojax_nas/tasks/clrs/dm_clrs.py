"""Imports dm-clrs without TensorFlow.

`import clrs` pulls in TensorFlow and TensorFlow Datasets (+3-5 s, ~800 MB of memory) only for its on-disk
dataset module and its text generator, neither of which this package uses: samplers, specs, encoders,
processors, decoders, losses and evaluation are NumPy, JAX and Haiku. While `clrs` is imported we place
stand-ins for `tensorflow` and `tensorflow_datasets` in `sys.modules` and remove them right afterwards, so any
later `import tensorflow` elsewhere in the process gets the real package. If TensorFlow is already imported,
`clrs` is imported normally.
"""

from __future__ import annotations

import dataclasses
import importlib
import sys
import types

_STUBBED = ("tensorflow", "tensorflow_datasets")


class _StubMeta(type):
    """Classes whose unknown attributes are further stub classes (for `tfds.core.Version(...)` and the like)."""

    def __getattr__(cls, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        child = _StubMeta(name, (), {"__init__": lambda self, *args, **kwargs: None})
        setattr(cls, name, child)
        return child


@dataclasses.dataclass
class _BuilderConfig:
    """Stand-in for `tfds.core.BuilderConfig`: clrs builds dataclass configs from it at import time."""

    name: str = ""


class _StubModule(types.ModuleType):
    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        child = _StubMeta(name, (), {"__init__": lambda self, *args, **kwargs: None})
        setattr(self, name, child)
        return child


def _stub_modules() -> dict[str, types.ModuleType]:
    tensorflow = _StubModule("tensorflow")
    datasets = _StubModule("tensorflow_datasets")
    datasets.core.BuilderConfig = _BuilderConfig
    return {"tensorflow": tensorflow, "tensorflow_datasets": datasets}


def import_clrs() -> types.ModuleType:
    """Returns the `clrs` package (dm-clrs), imported without loading TensorFlow when possible."""
    if "clrs" in sys.modules:
        return sys.modules["clrs"]
    if "tensorflow" in sys.modules:
        return importlib.import_module("clrs")
    saved = {name: sys.modules.get(name) for name in _STUBBED}
    sys.modules.update(_stub_modules())
    try:
        return importlib.import_module("clrs")
    except ImportError as error:
        raise ImportError(
            f"the CLRS task needs dm-clrs 2.0.3 and dm-haiku (pip install dm-clrs==2.0.3 dm-haiku): {error}"
        ) from error
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
