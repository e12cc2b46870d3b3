"""A static cost model of an exported candidate function, read from its HLO before anything runs.

XLA's own cost analysis counts a while loop's body once and gives custom calls (LAPACK's SVD, eigh, QR,
Cholesky, LU) no cost at all, so a candidate with `lax.fori_loop(0, 2_000_000_000, ...)` or an SVD of a huge
matrix looked cheap to the budget and then held the evaluating process for hours. This module walks the HLO of
an exported function and

- finds every while loop's trip count from the loop's own structure (a counter that starts at a constant, is
  compared with a constant and moves by a constant step: what `fori_loop`, `scan` and `map` produce); a loop
  whose trip count cannot be read that way depends on data and is refused;
- counts operations with loops multiplied by their trip counts: a dot or convolution costs its multiply-adds
  (2 per MAC), any other instruction that computes or moves data one operation per output element, and a
  LAPACK custom call a cost from its shapes (`LAPACK_COST_FACTORS`);
- names the largest loop and the largest custom call, so a refusal can say what exceeded the budget.

The HLO text is parsed by `evojax_nas.hlo_text`; this module prices what it parses. The result feeds
`config.budget.max_flops` (per example) and `config.budget.max_loop_iterations`.
"""

from __future__ import annotations

import dataclasses
import math
import re

import jax
from jax import export

from evojax_nas import hlo_text as hlo
from evojax_nas.hlo_text import Instruction, parse_hlo

# Cost of a LAPACK routine on an m x n matrix (batched: times the batch) as factor * m * n * min(m, n) FLOPs,
# from the textbook operation counts (Golub & Van Loan): SVD ~ 4mn^2 + 8n^3 (22n^3 for square matrices with
# vectors), symmetric/general eigenproblems ~ 9n^3 / 25n^3, QR 2mn^2, LU 2/3 n^3, Cholesky 1/3 n^3.
LAPACK_COST_FACTORS: dict[str, float] = {
    "gesdd": 22.0,
    "gesvd": 22.0,
    "gesvdj": 22.0,
    "syevd": 9.0,
    "heevd": 9.0,
    "syevj": 9.0,
    "geev": 25.0,
    "gees": 25.0,
    "gehrd": 10.0 / 3.0,
    "sytrd": 4.0 / 3.0,
    "hetrd": 4.0 / 3.0,
    "geqrf": 2.0,
    "geqp3": 4.0,
    "orgqr": 2.0,
    "ungqr": 2.0,
    "getrf": 2.0 / 3.0,
    "potrf": 1.0 / 3.0,
    "trsm": 1.0,
    "tridiagonal": 8.0,
}
UNKNOWN_CUSTOM_CALL_FACTOR = 25.0  # an unlisted LAPACK routine is priced like the dearest listed one

# Instructions that only name, reinterpret or assemble values: no work per element.
_FREE_OPCODES = frozenset(
    {
        "parameter",
        "constant",
        "tuple",
        "get-tuple-element",
        "bitcast",
        "after-all",
        "partition-id",
        "replica-id",
    }
)
_REDUCING_OPCODES = frozenset(
    {"reduce", "reduce-window", "select-and-scatter", "scatter", "sort", "all-reduce"}
)
_COMPARISON_FLIPS = {"LT": "GT", "LE": "GE", "GT": "LT", "GE": "LE", "NE": "NE", "EQ": "EQ"}


class UnboundedCostError(ValueError):
    """An exported function has a loop whose trip count depends on data, or more loop iterations than allowed."""


@dataclasses.dataclass
class CostReport:
    """The static cost of one exported function."""

    operations: float  # loops multiplied by their trip counts, custom calls priced
    operations_loops_once: float  # the same count with every loop body counted once and custom calls free
    custom_call_operations: float
    loops: list[tuple[str, int, float]]  # (loop name, trip count, operations of all its iterations)
    custom_calls: list[tuple[str, float]]  # (target, operations)
    max_loop_iterations: int  # the largest product of nested trip counts

    @property
    def extra_operations(self) -> float:
        """What XLA's cost analysis misses: the repeated loop iterations and the custom calls."""
        return self.operations - self.operations_loops_once

    def largest_item(self) -> str:
        """The loop or custom call that costs most, in words (empty when there is neither)."""
        items = [(cost, f"while loop '{name}' ({trips:,} iterations)") for name, trips, cost in self.loops]
        items += [(cost, f"custom call '{target}'") for target, cost in self.custom_calls]
        if not items:
            return ""
        cost, what = max(items)
        return f"{what} costs {cost:,.0f} operations"


class _Analysis:
    """Walks a parsed HLO module, memoising the cost of each computation."""

    def __init__(self, computations: dict[str, dict[str, Instruction]]):
        self.computations = computations
        self.loops: list[tuple[str, int, float]] = []
        self.custom_calls: list[tuple[str, float]] = []
        self.max_loop_iterations = 0
        self._memo: dict[tuple[str, bool], tuple[float, float]] = {}

    # ---- trip counts -------------------------------------------------------------------------------------
    def trip_count(self, loop: Instruction, scope: dict[str, Instruction]) -> int | None:
        """The static trip count of a canonical counted loop, or None when it depends on data."""
        condition = self.computations.get(hlo.attribute(loop.attributes, "condition") or "", {})
        body = self.computations.get(hlo.attribute(loop.attributes, "body") or "", {})
        root = next((i for i in condition.values() if i.is_root), None)
        if root is None or root.opcode != "compare" or len(root.operands) != 2:
            return None
        direction = hlo.attribute(root.attributes, "direction") or ""
        left, right = (condition.get(name) for name in root.operands)
        index, limit = self._counter_index(left, condition), hlo.constant_value(right)
        if index is None or limit is None:
            index, limit = self._counter_index(right, condition), hlo.constant_value(left)
            direction = _COMPARISON_FLIPS.get(direction, "")
        if index is None or limit is None:
            return None
        init = scope.get(loop.operands[0]) if loop.operands else None
        if init is None or init.opcode != "tuple" or index >= len(init.operands):
            return None
        start = hlo.constant_value(scope.get(init.operands[index]))
        step = self._counter_step(body, index)
        if start is None or step is None or step == 0:
            return None
        if direction == "LT" and step > 0:
            return max(0, math.ceil((limit - start) / step))
        if direction == "LE" and step > 0:
            return max(0, (limit - start) // step + 1)
        if direction == "GT" and step < 0:
            return max(0, math.ceil((start - limit) / -step))
        if direction == "GE" and step < 0:
            return max(0, (start - limit) // -step + 1)
        return None

    @staticmethod
    def _counter_index(instruction: Instruction | None, computation: dict[str, Instruction]) -> int | None:
        while instruction is not None and instruction.opcode in ("convert", "copy", "bitcast", "reshape"):
            instruction = computation.get(instruction.operands[0])
        if instruction is None or instruction.opcode != "get-tuple-element":
            return None
        source = computation.get(instruction.operands[0])
        if source is None or source.opcode != "parameter":
            return None
        values = hlo.int_list(hlo.attribute(instruction.attributes, "index"))
        return values[0] if values else None

    def _counter_step(self, body: dict[str, Instruction], index: int) -> int | None:
        root = next((i for i in body.values() if i.is_root), None)
        if root is None or root.opcode != "tuple" or index >= len(root.operands):
            return None
        update = body.get(root.operands[index])
        if update is None or update.opcode not in ("add", "subtract") or len(update.operands) != 2:
            return None
        first, second = (body.get(name) for name in update.operands)
        if self._counter_index(first, body) == index and hlo.constant_value(second) is not None:
            step = hlo.constant_value(second)
        elif update.opcode == "add" and self._counter_index(second, body) == index:
            step = hlo.constant_value(first)
        else:
            return None
        if step is None:
            return None
        return -step if update.opcode == "subtract" else step

    # ---- costs ---------------------------------------------------------------------------------------------
    def cost(self, computation: str, multiply: bool, outer_iterations: int = 1) -> tuple[float, float]:
        """(operations without custom calls, custom-call operations) of one computation."""
        key = (computation, multiply)
        if key in self._memo and outer_iterations == 1:
            return self._memo[key]
        scope = self.computations.get(computation, {})
        plain = custom = 0.0
        for instruction in scope.values():
            a, b = self._instruction_cost(instruction, scope, multiply, outer_iterations)
            plain += a
            custom += b
        if outer_iterations == 1:
            self._memo[key] = (plain, custom)
        return plain, custom

    def _callee_cost(self, names: list[str], multiply: bool, outer: int) -> tuple[float, float]:
        costs = [self.cost(name, multiply, outer) for name in names if name in self.computations]
        if not costs:
            return 0.0, 0.0
        return max(costs, key=lambda pair: pair[0] + pair[1])

    def _instruction_cost(
        self, instruction: Instruction, scope: dict[str, Instruction], multiply: bool, outer: int
    ) -> tuple[float, float]:
        """(plain, custom-call) operations of one instruction: control flow is followed into its callees,
        anything else is priced by `_data_cost`."""
        opcode, attributes = instruction.opcode, instruction.attributes
        if opcode in _FREE_OPCODES:
            return 0.0, 0.0
        if opcode == "while":
            return self._loop_cost(instruction, scope, multiply, outer)
        if opcode in ("call", "fusion", "async-start"):
            target = hlo.attribute(attributes, "to_apply") or hlo.attribute(attributes, "calls") or ""
            return self._callee_cost([target], multiply, outer)
        if opcode == "conditional":
            branches = re.findall(r"[\w.\-]+", hlo.attribute(attributes, "branch_computations") or "")
            branches += [
                name
                for name in (
                    hlo.attribute(attributes, "true_computation"),
                    hlo.attribute(attributes, "false_computation"),
                )
                if name
            ]
            return self._callee_cost(branches, multiply, outer)
        if opcode == "custom-call":
            return 0.0, self._custom_call_cost(instruction, scope, multiply)
        return _data_cost(instruction, scope), 0.0

    def _loop_cost(
        self, loop: Instruction, scope: dict[str, Instruction], multiply: bool, outer: int
    ) -> tuple[float, float]:
        """(plain, custom-call) operations of a while loop: its body and condition times its trip count (once
        when not `multiply`); records the loop when multiplying."""
        trips = self.trip_count(loop, scope)
        if trips is None:
            raise UnboundedCostError(
                f"while loop '{loop.name}' has a trip count that depends on data "
                "(only counted loops such as fori_loop or scan with static bounds are allowed)"
            )
        inner = outer * max(trips, 1)
        body = hlo.attribute(loop.attributes, "body") or ""
        condition = hlo.attribute(loop.attributes, "condition") or ""
        plain, custom = (
            sum(pair)
            for pair in zip(
                self.cost(body, multiply, inner), self.cost(condition, multiply, inner), strict=True
            )
        )
        if multiply:
            self.max_loop_iterations = max(self.max_loop_iterations, inner)
            self.loops.append((loop.name, trips, trips * (plain + custom)))
            return trips * plain, trips * custom
        return plain, custom

    def _custom_call_cost(
        self, instruction: Instruction, scope: dict[str, Instruction], multiply: bool
    ) -> float:
        target = (hlo.attribute(instruction.attributes, "custom_call_target") or "").strip('"')
        if not target.startswith("lapack_") and "solver" not in target:
            return 0.0  # sharding markers and the like; anything unsafe was refused when loading
        routine = re.sub(r"^lapack_[sdcz]?", "", target).removesuffix("_ffi")
        factor = next(
            (value for name, value in LAPACK_COST_FACTORS.items() if routine.startswith(name)),
            UNKNOWN_CUSTOM_CALL_FACTOR,
        )
        shapes = [hlo.dims(scope[name].shape) for name in instruction.operands if name in scope]
        dims = shapes[0] if shapes else hlo.dims(instruction.shape)
        if len(dims) >= 2:
            batch, m, n = math.prod(dims[:-2]), dims[-2], dims[-1]
        else:
            batch, m, n = 1, (dims or [1])[0], (dims or [1])[0]
        cost = factor * batch * m * n * min(m, n)
        if routine.startswith("trsm") and len(shapes) > 1 and len(shapes[1]) >= 2:
            # a triangular [m, m] matrix solved against right-hand sides b [.., rows, columns]: m^2 per column
            cost = factor * batch * m * m * hlo.elements_of(shapes[1]) / max(m, 1)
        if multiply:
            self.custom_calls.append((target, cost))
        return cost


def _data_cost(instruction: Instruction, scope: dict[str, Instruction]) -> float:
    """Operations of an instruction that computes or moves data: a dot or convolution its multiply-adds (2 per
    MAC), a reduction its inputs (or outputs times window), a triangular solve or Cholesky its textbook count, any
    other one per output element."""
    opcode, attributes = instruction.opcode, instruction.attributes
    if opcode == "dot":
        lhs = scope.get(instruction.operands[0]) if instruction.operands else None
        contracting = hlo.int_list(hlo.attribute(attributes, "lhs_contracting_dims"))
        lhs_dims = hlo.dims(lhs.shape) if lhs else []
        depth = math.prod(lhs_dims[d] for d in contracting if d < len(lhs_dims)) if lhs_dims else 1
        return 2.0 * hlo.elements(instruction.shape) * depth
    if opcode == "convolution":
        kernel = scope.get(instruction.operands[1]) if len(instruction.operands) > 1 else None
        labels = (hlo.attribute(attributes, "dim_labels") or "").split("_")
        kernel_dims = hlo.dims(kernel.shape) if kernel else []
        if kernel_dims and len(labels) > 1 and "o" in labels[1].split("->")[0]:
            out_features = kernel_dims[labels[1].split("->")[0].index("o")]
            per_output = math.prod(kernel_dims) / max(out_features, 1)
        else:
            per_output = math.prod(kernel_dims) if kernel_dims else 1
        return 2.0 * hlo.elements(instruction.shape) * per_output
    if opcode in _REDUCING_OPCODES:
        inputs = sum(hlo.elements(scope[name].shape) for name in instruction.operands if name in scope)
        window = math.prod(
            hlo.int_list((hlo.attribute(attributes, "window") or "").split("stride")[0]) or [1]
        )
        return float(max(inputs, hlo.elements(instruction.shape) * window))
    if opcode == "triangular-solve":
        a = scope.get(instruction.operands[0]) if instruction.operands else None
        n = (hlo.dims(a.shape) or [1])[-1] if a else 1
        return float(hlo.elements(instruction.shape) * n)
    if opcode == "cholesky":
        n = (hlo.dims(instruction.shape) or [1])[-1]
        return hlo.elements(instruction.shape) * n / 3.0
    return float(max(hlo.elements(instruction.shape), 1))


def analyze_hlo(text: str, max_loop_iterations: int = 0) -> CostReport:
    """The cost of the HLO module `text`; raises `UnboundedCostError` for a data-dependent loop, or when nested
    trip counts multiply to more than `max_loop_iterations` (0: no limit)."""
    computations, entry = parse_hlo(text)
    analysis = _Analysis(computations)
    plain, custom = analysis.cost(entry, multiply=True)
    once, _ = _Analysis(computations).cost(entry, multiply=False)
    if max_loop_iterations and analysis.max_loop_iterations > max_loop_iterations:
        name, trips, _ = max(analysis.loops, key=lambda loop: loop[1])
        raise UnboundedCostError(
            f"while loop '{name}' runs {trips:,} iterations ({analysis.max_loop_iterations:,} with the loops around "
            f"it), over config.budget.max_loop_iterations = {max_loop_iterations:,}"
        )
    return CostReport(
        operations=plain + custom,
        operations_loops_once=once,
        custom_call_operations=custom,
        loops=analysis.loops,
        custom_calls=analysis.custom_calls,
        max_loop_iterations=analysis.max_loop_iterations,
    )


def exported_hlo(exported: export.Exported) -> str:
    """The HLO text of an exported function, lowered for this process's default backend (nothing compiled)."""
    args, kwargs = jax.tree.unflatten(exported.in_tree, exported.in_avals)
    return jax.jit(exported.call).lower(*args, **kwargs).as_text(dialect="hlo")


def analyze_exported(exported: export.Exported, max_loop_iterations: int = 0) -> CostReport:
    """`analyze_hlo` of an exported function."""
    return analyze_hlo(exported_hlo(exported), max_loop_iterations)
