"""Pareto-front comparison: hypervolume on (log10 parameters, error), coverage and dominance, and seed-paired
records of best fitness, by hand."""

from __future__ import annotations

import pytest

from evojax_nas.comparison import paired_record, sign_test_p_value
from evojax_nas.front_metrics import coverage, dominates, hypervolume, reference_point

FRONT = [(10, 0.5), (100, 0.2)]


def test_hypervolume_is_the_dominated_area_in_log_parameters():
    reference = (1000, 1.0)
    assert hypervolume(FRONT, reference) == pytest.approx((2 - 1) * 0.5 + (3 - 2) * 0.8)
    assert hypervolume([*FRONT, (50, 0.6)], reference) == pytest.approx(1.3)  # a dominated point adds nothing
    assert hypervolume([*FRONT, (1000, 0.0), (5, 1.0)], reference) == pytest.approx(1.3)  # at the reference
    assert hypervolume([], reference) == 0.0
    assert hypervolume([(10, 0.5), (10, 0.4)], reference) == pytest.approx(2 * 0.6)


def test_reference_point_lies_above_every_front():
    assert reference_point([[(5210, 0.1)], [(20458, 0.07), (666, 0.2)]]) == (100_000, 1.0)
    assert reference_point([[(1000, 0.1)]], error_bound=0.5) == (10_000, 0.5)
    # a parameter budget fixes the point whichever fronts are compared
    assert reference_point([[(5210, 0.1)], [(150_000, 0.05)]], max_params=2_000_000) == (2_000_000, 1.0)


def test_coverage_and_dominance():
    other = [(20, 0.5), (100, 0.3)]
    assert coverage(FRONT, other) == 1.0 and coverage(other, FRONT) == 0.0
    assert dominates(FRONT, other) and not dominates(other, FRONT)
    assert not dominates(FRONT, list(FRONT))  # equal fronts: neither
    mixed = [(5, 0.6), (100, 0.3)]
    assert coverage(FRONT, mixed) == 0.5 and not dominates(FRONT, mixed) and not dominates(mixed, FRONT)


def test_paired_record_counts_only_shared_seeds():
    fitness = {0: -40.7, 1: -29.4, 2: -20.0, 5: -1.0}
    other = {0: -27.7, 1: -29.4, 2: -24.6, 3: -5.0}
    assert paired_record(fitness, other) == (1, 1, 1)
    assert paired_record(other, fitness) == (1, 1, 1)
    assert paired_record(fitness, {0: -50.0}) == (1, 0, 0)
    assert paired_record(fitness, {7: -50.0}) == (0, 0, 0)
    # the same accuracy in float32 rounded two ways (0.87 of the validation set, 226 parameters) is level
    assert paired_record({1: -29.379998922348022}, {1: -29.380005657672882}) == (0, 1, 0)
    assert paired_record({1: -29.37}, {1: -29.38}) == (1, 0, 0)


def test_sign_test_p_value_by_hand():
    assert sign_test_p_value(0, 0) == 1.0  # only level seeds: no evidence either way
    assert sign_test_p_value(3, 0) == sign_test_p_value(0, 3) == pytest.approx(0.25)  # 2 * 1/8
    assert sign_test_p_value(2, 1) == 1.0  # 2 * (1 + 3)/8, capped
    assert sign_test_p_value(6, 1) == pytest.approx(2 * (1 + 7) / 128)
    assert sign_test_p_value(10, 0) == pytest.approx(2 / 1024)
