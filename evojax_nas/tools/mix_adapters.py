"""Weight-space interpolation of LoRA adapters of one base model (as WiSE-FT, Wortsman et al. 2022, interpolates
a fine-tuned model with its starting point).

    python -m evojax_nas.tools.mix_adapters --adapters=A.safetensors,B.safetensors --weights=0.5,0.5 \
        --output=mix.safetensors

The mixed adapter's weight delta is exactly `sum_i w_i * A_i @ B_i`: its factors are the inputs' factors
concatenated along the rank axis, each `A_i` scaled by `w_i` (rank = the sum of the ranks). Adapters continued
from one another (as adapter v4 from v2) share their starting point, so their mix lies on the line between them.
Soft prompts are not mixed: inputs that carry one are refused, as are inputs of different base models or prompt
formats (`relative_target`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from absl import app, flags

from evojax_nas.cli import exit_with_usage_error, parse_flags, print_json_line, start_command
from evojax_nas.lm import lora
from evojax_nas.lm.errors import CheckpointError


def mix_factors(adapters: Sequence[lora.Adapter], weights: Sequence[float]) -> dict[str, np.ndarray]:
    """Factors whose product is the weighted sum of the adapters' products, per adapted matrix."""
    if len(adapters) != len(weights) or not adapters:
        raise ValueError(f"{len(adapters)} adapters but {len(weights)} weights: give one weight per adapter.")
    names = sorted(adapters[0].factors)
    for adapter in adapters[1:]:
        if sorted(adapter.factors) != names:
            raise CheckpointError("the adapters adapt different matrices; only adapters of one layout mix.")
    mixed = {}
    for name in names:
        parts = [adapter.factors[name] for adapter in adapters]
        if name.endswith("_lora_a"):
            parts = [weight * part for weight, part in zip(weights, parts, strict=True)]
            mixed[name] = np.concatenate(parts, axis=2)
        else:
            mixed[name] = np.concatenate(parts, axis=1)
    return mixed


def mix_adapter_files(paths: Sequence[str], weights: Sequence[float], output: str) -> None:
    """Reads the adapters, checks they fit one base model and carry no soft prompt, and writes their mix."""
    adapters = [lora.load_adapter(path) for path in paths]
    identities = {adapter.metadata.get("base_identity") for adapter in adapters}
    if len(identities) != 1:
        raise CheckpointError(f"the adapters were trained for different base models: {sorted(identities)}.")
    for path, adapter in zip(paths, adapters, strict=True):
        if adapter.soft_prompt is not None:
            raise CheckpointError(f"adapter {path!r} carries a soft prompt; soft prompts are not mixed.")
    formats = {bool(adapter.metadata["extra"].get("relative_target", False)) for adapter in adapters}
    if len(formats) != 1:
        raise CheckpointError("the adapters were trained on different target formats (relative_target).")
    targets = adapters[0].metadata.get("targets", "")
    factors = mix_factors(adapters, weights)
    rank = next(value.shape[2] for name, value in factors.items() if name.endswith("_lora_a"))
    lora.save_adapter(
        output,
        factors,
        None,
        identities.pop(),
        lora.LoraConfig(rank=rank, targets=tuple(targets.split(","))),
        extra_metadata={
            "mixed_from": [
                {"digest": a.digest, "weight": float(w)} for a, w in zip(adapters, weights, strict=True)
            ],
            "lora_layers_from": min(a.metadata["extra"].get("lora_layers_from", 0) for a in adapters),
            "relative_target": formats.pop(),
        },
    )


def main(argv: list[str]) -> None:
    start_command(
        argv,
        required=[
            (_ADAPTERS, "the adapter files to mix"),
            (_WEIGHTS, "one weight per adapter"),
            (_OUTPUT, "where to write the mix"),
        ],
    )
    try:
        weights = [float(w) for w in _WEIGHTS.value]
    except ValueError:
        exit_with_usage_error(f"--weights must be numbers, got {','.join(_WEIGHTS.value)}")
    try:
        mix_adapter_files(_ADAPTERS.value, weights, _OUTPUT.value)
    except (CheckpointError, ValueError) as error:
        exit_with_usage_error(str(error))
    print_json_line({"output": _OUTPUT.value, "adapters": _ADAPTERS.value, "weights": weights})


if __name__ == "__main__":
    # Flags are defined only when this module runs as a script: tests import it next to other tools whose
    # flags share these names (--output).
    _ADAPTERS = flags.DEFINE_list("adapters", None, "Adapter files (safetensors) of one base model.")
    _WEIGHTS = flags.DEFINE_list(
        "weights", None, "One weight per adapter (any real numbers; usually summing to 1)."
    )
    _OUTPUT = flags.DEFINE_string("output", None, "Where to write the mixed adapter.")
    app.run(main, flags_parser=parse_flags)
