"""EvoPrompting's few-shot prompts: parents with metrics docstrings, target metrics, completion cleanup.

Format (evoprompting.md): each parent is a docstring holding its metrics as a dict literal of strings, followed
by its code; the prompt ends with the target docstring and the first line of the program the LM must complete
(the task's header, e.g. `class Model(nn.Module):`). No natural-language instruction. Imports are not shown:
the child program is the task's imports (`child_imports`) and its parents', the header and the cleaned
completion. How a score is printed and which target a prompt asks for follow the task's metric spec
(`tasks.base.MetricSpec`; default: validation accuracy with 3 decimals).
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Sequence

import ml_collections

from evojax_nas.tasks.base import DEFAULT_METRIC, MetricSpec, Task

METRICS_OPENING = '"""Metrics:'
_METRICS_DOCSTRING = re.compile(r'"""Metrics:\n(\{[^\n]*\})\n"""')


@dataclasses.dataclass(frozen=True)
class Example:
    """A program shown in a prompt, with the metrics the framework measured for it (`score`: the task metric's
    value, validation accuracy by default)."""

    source: str
    num_params: int
    score: float


def format_metrics(
    num_params: int, score: float, metric: MetricSpec = DEFAULT_METRIC, extra: dict[str, str] | None = None
) -> str:
    """The metrics docstring: `\"\"\"Metrics:\\n{'num_params': '5200', 'val_accuracy': '0.924'}\\n\"\"\"`, with
    the `extra` entries after those two."""
    metrics = {"num_params": str(int(num_params)), metric.name: metric.format(score), **(extra or {})}
    return f'{METRICS_OPENING}\n{metrics!r}\n"""'


def relative_entries(
    parents: Sequence[tuple[int, float]], target: tuple[int, float], metric: MetricSpec = DEFAULT_METRIC
) -> dict[str, str]:
    """The target against the parents, for a small LM that cannot divide: its size as a multiple of the smallest
    parent's (`'size_vs_smallest_parent': '0.45x'`) and its score's difference to the best parent's
    (`'val_accuracy_vs_best_parent': '+0.018'`). `parents` and `target` are (num_params, score) pairs."""
    if not parents:
        raise ValueError("a relative target needs at least one parent")
    smallest = min(int(num_params) for num_params, _ in parents)
    shown = [float(metric.format(score)) for _, score in parents]  # as printed, so a re-read prompt agrees
    best = max(shown) if metric.higher_is_better else min(shown)
    gain = float(metric.format(target[1])) - best
    return {
        "size_vs_smallest_parent": f"{int(target[0]) / max(smallest, 1):.2f}x",
        f"{metric.name}_vs_best_parent": f"{gain:+.{metric.decimals}f}",
    }


def format_target(
    parents: Sequence[tuple[int, float]],
    target: tuple[int, float],
    metric: MetricSpec = DEFAULT_METRIC,
    relative: bool = False,
) -> str:
    """The target docstring: `format_metrics` of `target`, with `relative_entries` added when `relative`."""
    return format_metrics(*target, metric, relative_entries(parents, target, metric) if relative else None)


def target_metrics(parents: Sequence[Example], metric: MetricSpec = DEFAULT_METRIC) -> tuple[int, float]:
    """Targets better than the parents (`MetricSpec.target_size`, `MetricSpec.target`); by default 90% of the
    smallest size (nearest 100) and 102% of the best accuracy (3 decimals, at most 1.0)."""
    if not parents:
        raise ValueError("a prompt needs at least one parent")
    return (
        metric.target_size(parent.num_params for parent in parents),
        metric.target(parent.score for parent in parents),
    )


def split_imports(source: str) -> tuple[list[str], str]:
    """Separates a program's top-level import statements from the rest (both re-printed canonically)."""
    tree = ast.parse(source)
    imports = [ast.unparse(node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    rest = [node for node in tree.body if not isinstance(node, (ast.Import, ast.ImportFrom))]
    if rest and isinstance(rest[0], ast.Expr) and isinstance(rest[0].value, ast.Constant):
        rest = rest[1:]  # the module docstring is not part of the program shown to the LM
    return imports, ast.unparse(ast.Module(body=rest, type_ignores=[]))


def build_prompt(
    parents: Sequence[Example],
    header: str,
    target: tuple[int, float] | None = None,
    metric: MetricSpec = DEFAULT_METRIC,
    relative_target: bool = False,
) -> str:
    """The few-shot prompt for `parents` (in the given order), ending with the target docstring and `header`;
    `relative_target` adds the target's size and score against the parents' to its docstring."""
    blocks = []
    for parent in parents:
        _, code = split_imports(parent.source)
        blocks.append(f"{format_metrics(parent.num_params, parent.score, metric)}\n{code.rstrip()}\n")
    target = target if target is not None else target_metrics(parents, metric)
    shown = [(parent.num_params, parent.score) for parent in parents]
    blocks.append(f"{format_target(shown, target, metric, relative_target)}\n{header}")
    return "\n".join(blocks)


def parent_completions(context: str) -> list[str]:
    """What a verbatim copy of each parent of a `build_prompt` prompt would be as its completion (the parent's
    code after the task header, in `tuning_example`'s target format), in prompt order. The header is what follows
    the prompt's last metrics docstring; a parent whose code does not start with it is left out."""
    matches = list(_METRICS_DOCSTRING.finditer(context))
    if len(matches) < 2:
        return []
    header = context[matches[-1].end() + 1 :]
    completions = []
    for this, following in zip(matches[:-1], matches[1:], strict=True):
        completion = _completion_after(context[this.end() + 1 : following.start()], header)
        if completion is not None:
            completions.append(completion)
    return completions


def _completion_after(code: str, header: str) -> str | None:
    """The completion that copies `code` after a prompt ending in `header`; None unless `code` starts with it."""
    if not header or not code.startswith(header):
        return None
    return code[len(header) :].rstrip() + "\n"


def program_completion(source: str, header: str) -> str | None:
    """What an LM writing `source` after a prompt ending in `header` would complete, as `parent_completions`
    writes a parent's (the code shown in a prompt, after the header); None when the code does not start with
    `header` or does not parse."""
    try:
        _, code = split_imports(source)
    except SyntaxError:
        return None
    return _completion_after(code, header)


def parse_metrics_docstrings(text: str, metric: MetricSpec = DEFAULT_METRIC) -> list[tuple[int, float]]:
    """(num_params, score) of every metrics docstring in a prompt, in order (the last is the target's)."""
    found = []
    for match in _METRICS_DOCSTRING.finditer(text):
        values = ast.literal_eval(match.group(1))
        found.append((int(values["num_params"]), float(values[metric.name])))
    return found


def with_relative_target(context: str, metric: MetricSpec = DEFAULT_METRIC) -> str:
    """A prompt written with an absolute target (`build_prompt`'s default, as stored in a corpus's examples)
    rewritten with `relative_target`: its last metrics docstring gets the entries of `relative_entries`.
    Raises ValueError when the prompt has no parent docstring before the target."""
    matches = list(_METRICS_DOCSTRING.finditer(context))
    if len(matches) < 2:
        raise ValueError("a prompt needs at least one parent's metrics docstring before the target's")
    metrics = parse_metrics_docstrings(context, metric)
    last = matches[-1]
    docstring = format_target(metrics[:-1], metrics[-1], metric, relative=True)
    return context[: last.start()] + docstring + context[last.end() :]


def child_imports(task: Task, config: ml_collections.ConfigDict) -> list[str]:
    """The import lines every LM child of `task` gets on top of its parents': the task's `required_imports` where it
    declares them, else those of its seed programs (in order, without repeats). A child may use a module that its
    two parents happen not to import (`jnp` in a child of two seeds written without it)."""
    required = getattr(task, "required_imports", None)
    if required:
        return list(required)
    seeds = task.seed_programs(config).values()
    return list(dict.fromkeys(line for source in seeds for line in split_imports(source)[0]))


def preamble(parents: Sequence[Example], required: Sequence[str] = ()) -> str:
    """The import lines of a child program: `required` ones plus every parent's, without repeats."""
    lines = list(dict.fromkeys([*required, *(line for p in parents for line in split_imports(p.source)[0])]))
    return "\n".join(lines) + ("\n" if lines else "")


def clean_completion(completion: str) -> str:
    """Cuts an LM completion where the program ends.

    Stops at the next metrics docstring, or at the first non-blank line back at column 0 (the next top-level
    statement after the program). If what remains does not parse (for example cut by max_new_tokens), trailing
    lines are dropped until it does; what cannot be rescued is returned as is and will be refused later.
    """
    text = completion.split(METRICS_OPENING, 1)[0]
    kept = []
    for line in text.splitlines():
        if line.strip() and not line[0].isspace():
            break
        kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept)


def assemble_child(header: str, completion: str, imports: str) -> str:
    """The child program: imports, header and cleaned completion; trailing lines are dropped until it parses."""
    body_lines = clean_completion(completion).splitlines()
    for end in range(len(body_lines), 0, -1):
        candidate = f"{imports}{header}\n" + "\n".join(body_lines[:end]) + "\n"
        try:
            ast.parse(candidate)
            return candidate
        except SyntaxError:
            continue
    return f"{imports}{header}\n" + "\n".join(body_lines) + "\n"


def tuning_example(
    parents: Sequence[Example],
    child: Example,
    header: str,
    metric: MetricSpec = DEFAULT_METRIC,
    relative_target: bool = False,
) -> tuple[str, str]:
    """A prompt-tuning pair: the child's prompt with its *achieved* metrics as target, and the child's code
    after the header (the only tokens the loss covers)."""
    context = build_prompt(
        parents,
        header,
        target=(child.num_params, child.score),
        metric=metric,
        relative_target=relative_target,
    )
    _, code = split_imports(child.source)
    if not code.startswith(header):
        raise ValueError(f"child program does not start with the task header {header!r}")
    return context, code[len(header) :] + "\n"
