"""The record an evaluation produces, the fitness, and the resource budget checks."""

from __future__ import annotations

import math
import os
import re
import site
import sys
import unicodedata

import ml_collections

from evojax_nas.cli import REPO_ROOT
from evojax_nas.tasks.base import DEFAULT_METRIC, MetricSpec

STATUSES = ("ok", "rejected", "failed")
REASON_MAX_CHARS = 500
_ANSI_ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")

# This machine's directories, as a reason names them (JAX's tracer errors quote source lines with their files):
# replaced so that archives and reports committed from one machine name none of its paths. Longest first.
_MACHINE_DIRECTORIES = sorted(
    {
        str(REPO_ROOT) + os.sep: "",
        **{directory + os.sep: "<site-packages>/" for directory in site.getsitepackages()},
        site.getusersitepackages() + os.sep: "<site-packages>/",
        sys.prefix + os.sep: "<python>/",
        os.path.expanduser("~") + os.sep: "~/",
    }.items(),
    key=lambda item: -len(item[0]),
)

# Keys every result carries (None where not measured), in the order they are printed.
RESULT_KEYS = (
    "status",
    "reason",
    "num_params",
    "val_accuracy",
    "val_accuracy_std",
    "test_accuracy",
    "test_accuracy_std",
    "num_seeds",
    "fitness",
    "flops",
    "memory_bytes",
    "sandbox_seconds",
    "compile_seconds",
    "train_seconds",
    "program_key",
)


def budget_violation(metrics: dict, budget: ml_collections.ConfigDict) -> str:
    """A one-line reason when a measured quantity exceeds its configured limit (0 disables a limit), else ''."""
    limits = (
        ("num_params", "max_params", "parameters"),
        ("flops", "max_flops", "FLOPs per example"),
        ("memory_bytes", "max_memory_bytes", "bytes of training-step memory"),
    )
    for metric, limit_name, unit in limits:
        value, limit = metrics.get(metric), budget.get(limit_name, 0)
        if value is None or not limit:
            continue
        if isinstance(value, float) and math.isnan(value):
            continue
        if value > limit:
            return f"over budget: {value:,.0f} {unit} > config.budget.{limit_name} = {limit:,.0f}"
    return ""


def clean_reason(text: object, max_chars: int = REASON_MAX_CHARS) -> str:
    """A reason as data: one line of printable text, at most `max_chars` characters.

    A rejection or failure reason may quote a candidate's own text (an exception message, a format field, a
    log line), so before it reaches the archive, a report, TensorBoard or a prompt it loses terminal escape
    sequences, control and invisible formatting characters (newlines, bidirectional overrides) and any excess
    length; the repository's, the Python installation's and the home directory are named relatively."""
    text = _ANSI_ESCAPE.sub("", str(text))
    for directory, name in _MACHINE_DIRECTORIES:
        text = text.replace(directory, name)
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char
        for char in text
        if unicodedata.category(char) not in ("Cf", "Cs", "Co", "Cn")
    )
    text = " ".join(text.split())
    return text if len(text) <= max_chars else text[: max_chars - 3].rstrip() + "..."


def make_result(*, metric: MetricSpec = DEFAULT_METRIC, **values) -> dict:
    """A result dict with every key of `RESULT_KEYS` present; extra keys are kept after them. An `ok` result
    with a size and a score (`metric.name`) gets the task metric's fitness."""
    result = {key: values.pop(key, None) for key in RESULT_KEYS}
    result.update(values)
    if result["reason"] is not None:
        result["reason"] = clean_reason(result["reason"])
    score = result.get(metric.name)
    if result["status"] == "ok" and result["num_params"] is not None and score is not None:
        result["fitness"] = metric.fitness(result["num_params"], score)
    return result
