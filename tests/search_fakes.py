"""Stand-ins for the search loop's in-process tests: a keyed scripted LM operator and a scoring evaluator.

Both are pure functions of their inputs (a draw of the operator depends on its key, prompt and row; a score on the
program text), so a search run with them is reproducible on any machine, and fast: nothing is built or trained.
The real policy is applied, so a program that breaks it is refused as the real evaluator refuses it.
"""

from __future__ import annotations

import hashlib
import re

import jax
import numpy as np

from evojax_nas.operators import Child
from evojax_nas.sandbox.policy import PolicyViolation, check_program
from evojax_nas.tasks.registry import get_task


def variant(source: str, number: int) -> str:
    """`source` with its first layer's width set to 1000 + `number`: a new normalised key for each number."""
    return re.sub(r"features=\d+", f"features={1000 + number}", source, count=1)


def _digest(source: str) -> int:
    return int(hashlib.sha256(source.encode()).hexdigest()[:8], 16)


class HashScoringEvaluator:
    """Scores a program from its text: `num_params = len(source)`, validation accuracy in [0.60, 0.90) from a
    hash of the source, and one program in seven 'fails'; a policy-breaking program is rejected. Records every
    program it is asked to evaluate. `map` runs the jobs in order on this one worker."""

    def __init__(self, config):
        self.task = get_task(config.task.name)
        self.policy = self.task.policy
        self.evaluated: list[str] = []

    def evaluate(self, source: str, key: jax.Array, **options) -> dict:
        """The result of one program, as the real evaluator's keys."""
        self.evaluated.append(source)
        try:
            check_program(source, self.policy)
        except PolicyViolation as error:
            return {"status": "rejected", "reason": f"policy: {error}"}
        digest = _digest(source)
        if digest % 7 == 0 and re.search(r"features=1\d{3,}", source):  # variants only: seeds never fail
            return {"status": "failed", "reason": "diverged (scripted)"}
        accuracy = 0.6 + (digest % 300) / 1000.0
        return {
            "status": "ok",
            "num_params": len(source),
            "val_accuracy": accuracy,
            "test_accuracy": accuracy,
        }

    def map(self, function, jobs, on_result=None):
        """`function(self, job)` for each job in order (the evaluator pool's interface)."""
        results = []
        for position, job in enumerate(jobs):
            results.append(function(self, job))
            if on_result is not None:
                on_result(position, results[-1])
        return results


class KeyedCopier:
    """A scripted LM operator: each draw is a pure function of (key, prompt, row), like the LM's: it copies the
    prompt's first parent with probability 1/2, else writes a variant of it numbered from the key."""

    def generate(self, parent_groups, samples_per_prompt, key, soft_prompt=None, temperatures=None):
        """`samples_per_prompt` children per group of parents (`operators.Child`)."""
        made = []
        for prompt, group in enumerate(parent_groups):
            row_key = jax.random.fold_in(key, prompt)
            children = []
            for row in range(samples_per_prompt):
                bits = int(jax.random.bits(jax.random.fold_in(row_key, row), dtype=np.uint32))
                parent = group[0].source
                source = parent if bits % 2 == 0 else variant(parent, bits % 100_000)
                children.append(Child(source, tuple(range(len(group))), f"prompt {prompt}", 0.2, "lm"))
            made.append(children)
        return made
