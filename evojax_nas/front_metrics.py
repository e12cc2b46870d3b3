"""Comparing Pareto fronts of (parameters, error): hypervolume against a fixed reference point, and coverage.

Both objectives are minimised. Parameter counts span decades, so the hypervolume is measured on log10(parameters)
(a front that halves the size of every member gains the same area at 1,000 as at 100,000 parameters).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Point = tuple[float, float]  # (parameters, error)


def reference_point(
    fronts: Sequence[Sequence[Point]], error_bound: float = 1.0, max_params: float | None = None
) -> Point:
    """One reference point for a set of fronts: parameters at `max_params` when given (a config's parameter
    budget, so that the point stays fixed whichever runs are compared), else at the next power of ten above the
    largest member of any front; error at `error_bound` (the worst error, 1.0 for accuracy)."""
    if max_params:
        return float(max_params), error_bound
    largest = max((p for front in fronts for p, _ in front), default=1.0)
    return 10.0 ** math.ceil(math.log10(max(largest, 1.0)) + 1e-9), error_bound


def hypervolume(points: Sequence[Point], reference: Point) -> float:
    """The area of (log10 parameters, error) space that `points` dominate, bounded by `reference`; points at or
    beyond the reference add nothing."""
    reference_x, reference_error = math.log10(reference[0]), reference[1]
    inside = sorted(
        (math.log10(max(p, 1.0)), e) for p, e in points if p < reference[0] and e < reference_error
    )
    area, best_error = 0.0, reference_error
    for index, (x, error) in enumerate(inside):
        best_error = min(best_error, error)
        next_x = inside[index + 1][0] if index + 1 < len(inside) else reference_x
        area += (next_x - x) * (reference_error - best_error)
    return area


def coverage(first: Sequence[Point], second: Sequence[Point]) -> float:
    """Zitzler's C(first, second): the share of `second`'s points that some point of `first` weakly dominates
    (no more parameters and no more error). 1.0 for an empty `second`."""
    if not second:
        return 1.0
    covered = sum(any(p <= q and e <= f for p, e in first) for q, f in second)
    return covered / len(second)


def dominates(first: Sequence[Point], second: Sequence[Point]) -> bool:
    """True when `first` covers every point of `second` and `second` does not cover every point of `first`."""
    return coverage(first, second) == 1.0 and coverage(second, first) < 1.0
