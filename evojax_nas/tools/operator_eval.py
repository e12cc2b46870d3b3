"""How good is an LM as an EvoPrompting operator? Samples children from held-out parent pairs and checks them.

    python -m evojax_nas.tools.operator_eval --task=mnist1d --corpus=runs/corpus --num_prompts=50 --samples_per_prompt=4

Parents are pairs of held-out programs of a corpus built by `python -m evojax_nas.corpus` (programs never in
any training example), or, with `--parents_from=RUNS`, the parents of the LM's prompts in late rounds of finished
searches (`--from_round`; where a search's own small children are the parents, and an operator may copy them
although it does not on corpus pairs); there "the corpus" below means those searches' archives. Each sample's temperature is drawn from the paper's {0.2, 0.6, 0.8, 1.0}. A child is
*valid* when it passes the policy, builds in the sandbox and has the right output shape (an evaluator dry run),
*novel* when valid and different (after normalisation) from both parents and from every corpus program, and a
*size hit* when valid and `num_params <= 1.1 x` the prompt's target. A valid child that is not novel is split into
copies of a parent and rediscoveries of another corpus program. Where the sizes of the children land is
also reported: the share of samples that are valid and smaller than both parents, and the median size of the
valid novel children relative to their smaller parent. The program-mutation operator is scored on
the same parent pairs (single draws, no build validation) alongside. The default LM samples as in the search (the
`--preset`'s copy penalty and archive avoidance, here the corpus); another checkpoint or adapter samples plainly
unless `--copy_penalty` / `--avoid_known` say otherwise. The LM samples without a soft prompt unless its adapter
ships one, `--soft_prompt` names a saved one, or `--search_seed=N` asks for the untuned prompt a search with
`--config.seed=N` starts from (the adapter's prompt, else 16 vocabulary rows on the `cpu` preset: the operator as
the search uses it).
The last stdout line is JSON.
"""

from __future__ import annotations

import dataclasses
import pathlib
import sys
from typing import Any

import numpy as np
from absl import app, flags

from evojax_nas.cli import (
    REPO_ROOT,
    exit_with_usage_error,
    load_config_file,
    parse_flags,
    prepare_jax,
    print_json_line,
    repo_relative,
)
from evojax_nas.config_defaults import lm_config
from evojax_nas.operator_scoring import corpus_pairs, score_children, summarize

_TASK = flags.DEFINE_string(
    "task", "mnist1d", "Task whose programs are generated (a configs/<task>.py exists)."
)
_CORPUS = flags.DEFINE_string(
    "corpus", None, "Corpus directory (pool.jsonl, heldout.jsonl) from evojax_nas.corpus."
)
_CHECKPOINT = flags.DEFINE_string(
    "checkpoint",
    "default",
    "LM checkpoint: 'default' (SmolLM2-135M + the shipped adapter), a name, HF folder or .gguf file.",
)
_ADAPTER = flags.DEFINE_string("adapter", None, "Optional LoRA adapter file merged into the checkpoint.")
_SOFT_PROMPT = flags.DEFINE_string(
    "soft_prompt",
    None,
    "Optional saved soft prompt (Orbax); default: the adapter's warm-start prompt, if any.",
)
_SEARCH_SEED = flags.DEFINE_integer(
    "search_seed",
    None,
    "Instead of --soft_prompt: sample with the untuned soft prompt a search with --config.seed=N starts from (the "
    "preset's soft_prompt_length), as its first round and the whole no_prompt_tuning run do.",
)
_PRESET = flags.DEFINE_string(
    "preset", "cpu", "Preset of configs/<task>.py used for dry runs (the corpus's, so that sizes compare)."
)
_PARENTS_FROM = flags.DEFINE_list(
    "parents_from",
    None,
    "Instead of --corpus: finished search workdirs (or glob patterns) whose late-round prompts give the parents.",
)
_FROM_ROUND = flags.DEFINE_integer(
    "from_round", 2, "With --parents_from: the first round whose prompts count."
)
# Unset decoding flags take the default LM's decoding (the task preset's lm section) for --checkpoint=default
# without --adapter, and plain decoding for any other LM.
_COPY_PENALTY = flags.DEFINE_float(
    "copy_penalty",
    None,
    "Nats taken off the logit of a token that goes on copying a parent verbatim (the search's lm.copy_penalty; "
    "unset: the preset's for the default LM, else 0).",
)
_COPY_PENALTY_BELOW = flags.DEFINE_float(
    "copy_penalty_below",
    None,
    "Only where the copy's token is less likely than this (lm.copy_penalty_below; unset: the preset's).",
)
_AVOID_KNOWN = flags.DEFINE_bool(
    "avoid_known",
    None,
    "With a copy penalty: also steer samples off verbatim copies of every corpus (or archive) program, as the "
    "search's lm.avoid_archive does with its archive (unset: the preset's lm.avoid_archive for the default LM, "
    "else False).",
)
_NUM_PROMPTS = flags.DEFINE_integer("num_prompts", 50, "Number of held-out parent pairs (one prompt each).")
_SAMPLES = flags.DEFINE_integer("samples_per_prompt", 4, "Samples drawn from each prompt.")
_MAX_NEW_TOKENS = flags.DEFINE_integer("max_new_tokens", 384, "Longest completion, in tokens.")
_SEED = flags.DEFINE_integer("seed", 0, "Root seed for parent pairs, temperatures and sampling.")
_TARGET_FORMAT = flags.DEFINE_enum(
    "target_format",
    "adapter",
    ["adapter", "absolute", "relative"],
    "The prompts' target docstring: as the adapter was trained (its `relative_target`; absolute without one), "
    "absolute metrics only (paper), or with the target against the parents (`search.relative_target`).",
)


def load_task_config(task: str, preset: str = "cpu"):
    """`configs/<task>.py:<preset>` (only dry runs are needed here)."""
    path = REPO_ROOT / "configs" / f"{task}.py"
    if not path.is_file():
        raise FileNotFoundError(f"no config file for task '{task}' at {path}")
    return load_config_file(f"{path}:{preset}")


def _operator_records(
    config, pairs: list, known: dict[str, str], rng: np.random.Generator, steering: Decoding
):
    """Samples the LM's children of every parent pair (decoded as `steering` says) and the mutation operator's,
    and checks them all in the sandbox; returns the model, the name of the soft prompt sampled with
    (`chosen_soft_prompt`) and both operators' records."""
    # Deferred until the flags are read, so that --help and usage errors stay fast (the LM, the evaluator, the
    # operators and prompting load JAX).
    import jax

    from evojax_nas import lm as lm_package
    from evojax_nas.evaluator import Evaluator
    from evojax_nas.operators import LMOperator, MutationOperator
    from evojax_nas.program_mutation import ProgramMutator
    from evojax_nas.prompting import child_imports, target_metrics

    targets = [target_metrics(pair)[0] for pair in pairs]
    try:
        model = lm_package.load(_CHECKPOINT.value, adapter=_ADAPTER.value)
        soft_prompt, soft_prompt_name = chosen_soft_prompt(model, config.lm.soft_prompt_length)
    except (lm_package.CheckpointError, lm_package.SoftPromptMismatchError, FileNotFoundError) as error:
        exit_with_usage_error(str(error))
    with Evaluator(config) as evaluator:
        task = evaluator.task
        imports = child_imports(task, config)
        lm_operator = LMOperator(
            model,
            task.program_header,
            imports,
            max_new_tokens=_MAX_NEW_TOKENS.value,
            relative_target=relative_target(model),
            copy_penalty=steering.copy_penalty,
            copy_penalty_below=steering.copy_penalty_below,
        )
        print(
            f"sampling {len(pairs)} prompts x {_SAMPLES.value} from {_CHECKPOINT.value} in one batch (on 2 CPU "
            "cores, 50 x 4 rows of 384 tokens took about 18 minutes)",
            file=sys.stderr,
        )
        key = jax.random.key(_SEED.value)
        avoid_sources = list(known.values()) if steering.avoid_known else ()
        lm_children = lm_operator.generate(
            pairs, _SAMPLES.value, key, soft_prompt, avoid_sources=avoid_sources
        )
        lm_records = score_children(
            lm_children, pairs, targets, known, evaluator, key, "checking the LM's children"
        )
        rules, crossover = task.mutation_rules()
        mutation = MutationOperator(ProgramMutator(rules, crossover, evaluator.policy, validator=None))
        mutation_children = mutation.generate(pairs, _SAMPLES.value, rng)
        mutation_records = score_children(
            mutation_children, pairs, targets, known, evaluator, key, "checking the mutator's children"
        )
    return model, soft_prompt_name, lm_records, mutation_records


@dataclasses.dataclass(frozen=True)
class Decoding:
    """How the LM's samples are steered off copies (`LMOperator.copy_penalty`, `lm.avoid_archive`)."""

    copy_penalty: float
    copy_penalty_below: float
    avoid_known: bool


def decoding(config) -> Decoding:
    """The flags' decoding; an unset flag takes the task preset's `lm` value when the LM is the default one
    (`--checkpoint=default`, no `--adapter`: the search's operator), the plain decoding otherwise."""
    default_lm = _CHECKPOINT.value == "default" and not _ADAPTER.value
    unset = config.lm if default_lm else lm_config("paper")  # the paper's plain decoding

    def chosen(flag, field):
        return unset[field] if flag.value is None else flag.value

    return Decoding(
        float(chosen(_COPY_PENALTY, "copy_penalty")),
        float(chosen(_COPY_PENALTY_BELOW, "copy_penalty_below")),
        bool(chosen(_AVOID_KNOWN, "avoid_archive")),
    )


def relative_target(model) -> bool:
    """Whether the prompts show the target against the parents (`--target_format`)."""
    if _TARGET_FORMAT.value == "adapter":
        return bool(model.adapter_info.get("relative_target", False))
    return _TARGET_FORMAT.value == "relative"


def chosen_soft_prompt(model, length: int) -> tuple[Any, str | None]:
    """The soft prompt the flags choose and its name for the report: a saved one (`--soft_prompt`, named by its
    path), the `length`-token prompt a search with `--search_seed` starts from, else the adapter's warm-start
    prompt ("adapter"), or none (None, None)."""
    # Deferred like `_operator_records`' imports: they load JAX.
    from evojax_nas import lm as lm_package
    from evojax_nas.search.state import start_keys
    from evojax_nas.search.tuning import initial_soft_prompt

    if _SOFT_PROMPT.value:
        return lm_package.restore_soft_prompt(_SOFT_PROMPT.value, model)[0], _SOFT_PROMPT.value
    if _SEARCH_SEED.value is not None:
        prompt = initial_soft_prompt(model, length, start_keys(_SEARCH_SEED.value)[0])
        return prompt, f"search seed {_SEARCH_SEED.value}'s initial prompt"
    if model.initial_soft_prompt is not None:
        return model.initial_soft_prompt, "adapter"
    return None, None


def main(argv: list[str]) -> None:
    """Checks the flags, scores the LM and the mutation operator on held-out parent pairs, prints the JSON."""
    if len(argv) > 1:
        exit_with_usage_error(f"unexpected arguments: {' '.join(argv[1:])}")
    if bool(_CORPUS.value) == bool(_PARENTS_FROM.value):
        exit_with_usage_error(
            "give one of --corpus (a directory built by `python -m evojax_nas.corpus`) and --parents_from "
            "(finished search workdirs)"
        )
    if _SOFT_PROMPT.value and _SEARCH_SEED.value is not None:
        exit_with_usage_error("give at most one of --soft_prompt and --search_seed")
    if _NUM_PROMPTS.value < 1 or _SAMPLES.value < 1 or _MAX_NEW_TOKENS.value < 1:
        exit_with_usage_error("--num_prompts, --samples_per_prompt and --max_new_tokens must be positive")
    # Deferred like `_operator_records`' imports: harvest reads Orbax checkpoints and loads JAX.
    from evojax_nas.harvest import expand_runs, search_prompts

    rng = np.random.default_rng(_SEED.value)
    runs = []
    try:
        config = load_task_config(_TASK.value, _PRESET.value)
        steering = decoding(config)
        if not steering.copy_penalty >= 0 or not 0 < steering.copy_penalty_below <= 1:
            raise ValueError("--copy_penalty must be >= 0 and --copy_penalty_below in (0, 1]")
        if steering.avoid_known and not steering.copy_penalty:
            raise ValueError("--avoid_known needs --copy_penalty > 0 (known programs are avoided with it)")
        if _CORPUS.value:
            pairs, known = corpus_pairs(pathlib.Path(_CORPUS.value), _NUM_PROMPTS.value, rng)
        else:
            runs = expand_runs(_PARENTS_FROM.value)
            prompts, known = search_prompts(runs, _FROM_ROUND.value)
            if not prompts:
                raise ValueError(f"the runs hold no LM prompt of round {_FROM_ROUND.value} or later")
            chosen = rng.choice(len(prompts), size=min(_NUM_PROMPTS.value, len(prompts)), replace=False)
            pairs = [prompts[i] for i in sorted(chosen)]
    except (FileNotFoundError, ValueError, KeyError) as error:
        exit_with_usage_error(str(error))
    prepare_jax()
    model, soft_prompt_name, lm_records, mutation_records = _operator_records(
        config, pairs, known, rng, steering
    )
    report = {
        "task": _TASK.value,
        "checkpoint": _CHECKPOINT.value,
        "adapter": repo_relative(model.adapter_path),
        "soft_prompt": soft_prompt_name,
        "parents_from": [repo_relative(p) for p in runs] or None,
        "from_round": _FROM_ROUND.value if _PARENTS_FROM.value else None,
        "num_prompts": len(pairs),
        "samples_per_prompt": _SAMPLES.value,
        "relative_target": relative_target(model),
        "copy_penalty": steering.copy_penalty,
        "copy_penalty_below": steering.copy_penalty_below if steering.copy_penalty else None,
        "avoid_known": steering.avoid_known,
        **summarize(lm_records),
        "mutation_operator": summarize(mutation_records),
    }
    print_json_line(report)


if __name__ == "__main__":
    app.run(main, flags_parser=parse_flags)
