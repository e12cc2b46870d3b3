"""Evaluates one candidate program: `python -m evojax_nas.evaluate --config=configs/mnist1d.py --program=F`.

Progress goes to stderr; the last line of stdout is one JSON object with `status` ("ok", "rejected" or
"failed"), `reason`, `num_params`, `val_accuracy`, `val_accuracy_std`, `test_accuracy`, `num_seeds`, `fitness`,
`flops`, `compile_seconds`, `train_seconds` and more: `val_accuracy` is the score the search's fitness uses (for
CLRS the mean over `config.task.search_algorithms`, each algorithm's numbers under `per_algorithm`;
`--nosearch_score` scores `config.task.algorithm` alone). `--dry_run` builds and counts only. Exit code 0
whenever the program was evaluated or refused; 2 for a bad flag, config value or missing file.
"""

from __future__ import annotations

import os
import sys

from absl import app, flags
from ml_collections import config_flags

from evojax_nas.cli import exit_with_usage_error, parse_flags, print_json_line, start_command
from evojax_nas.tasks.base import ConfigError

_CONFIG = config_flags.DEFINE_config_file(
    "config", None, "Task config file, e.g. configs/mnist1d.py[:preset]."
)
_PROGRAM = flags.DEFINE_string("program", None, "Path of the program to evaluate.")
_DRY_RUN = flags.DEFINE_bool("dry_run", False, "Build, check and count parameters and FLOPs; do not train.")
_PROGRESS = flags.DEFINE_bool("progress", True, "Show a progress bar on stderr.")
_SEARCH_SCORE = flags.DEFINE_bool(
    "search_score",
    True,
    "Score the program as the search does (CLRS: the mean over config.task.search_algorithms); "
    "--nosearch_score: under config.task.algorithm alone.",
)


def main(argv: list[str]) -> None:
    """Parses flags, evaluates the program, prints its result."""
    config = start_command(argv, _CONFIG, [(_PROGRAM, "the path of a program file")])
    if not os.path.isfile(_PROGRAM.value):
        exit_with_usage_error(f"program file '{_PROGRAM.value}' does not exist")
    try:
        with open(_PROGRAM.value, encoding="utf-8") as handle:
            source = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        exit_with_usage_error(f"cannot read program file '{_PROGRAM.value}': {error}")

    # Deferred until the flags are read, so that --help and usage errors stay fast (JAX and the evaluator).
    import jax

    from evojax_nas.evaluator import Evaluator

    try:
        evaluator = Evaluator(config, search=_SEARCH_SCORE.value)
    except (ConfigError, ValueError) as error:
        exit_with_usage_error(str(error))
    print(
        f"evaluating {_PROGRAM.value} ({config.task.name}, {config.train.num_seeds} seeds, "
        f"{config.train.steps} steps){' [dry run]' if _DRY_RUN.value else ''}"
        + _scored_on(evaluator.configs),
        file=sys.stderr,
    )
    with evaluator:
        result = evaluator.evaluate(
            source, jax.random.key(config.seed), dry_run=_DRY_RUN.value, progress=_PROGRESS.value
        )
    if _DRY_RUN.value:
        result = {key: result[key] for key in ("status", "reason", "num_params", "flops", "program_key")}
    print(f"{result['status']}: {result['reason'] or 'evaluated'}", file=sys.stderr)
    print_json_line(result)


def _scored_on(configs: list) -> str:
    """'; scored on a, b (mean)' when the search scores a program under several labelled configs, else ''."""
    labels = [label for label, _ in configs if label]
    return f"; scored on {', '.join(labels)} (mean)" if len(labels) > 1 else ""


if __name__ == "__main__":
    app.run(main, flags_parser=parse_flags)
