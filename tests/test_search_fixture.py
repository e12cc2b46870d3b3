"""The search reproduces what it did before it became a package (issue 13): the EvoPrompting search run
in-process with a keyed scripted operator, a scoring stand-in and real tuning of the tiny Llama gives the
recorded archive, parents, G and final population (`tests/search_fixture.py`). The real smoke searches
(mutation and EvoPrompting with the tiny LM) are compared with their records in `tests/test_search.py`, whose
runs they reuse."""

from __future__ import annotations

import json

import pytest

from tests.search_fixture import compact, fixture_path, run_scripted, scripted_config, seeds_directory


def recorded(name: str) -> dict:
    """The fixture of search `name`, without its note."""
    record = json.loads(fixture_path(name).read_text())
    record.pop("note", None)
    return record


def assert_same_search(state, name: str, accuracy_tolerance: float = 0.0) -> None:
    """The state's compact record equals the fixture, compared part by part for a readable failure.

    `accuracy_tolerance`: how far a validation accuracy may be from the record, for searches with real
    training, whose float results depend on the CPU (XLA compiles for the machine's instruction set: an AMD
    machine classified one more of the seed's 500 validation examples correctly than the recording machine).
    """
    actual, expected = compact(state), recorded(name)
    assert len(actual["archive"]) == len(expected["archive"])
    for index, (got, want) in enumerate(zip(actual["archive"], expected["archive"], strict=True)):
        got_accuracy, want_accuracy = got.pop("val_accuracy"), want.pop("val_accuracy")
        assert got == want, f"archive entry {index} differs"
        if want_accuracy is None or got_accuracy is None:
            assert got_accuracy == want_accuracy, f"archive entry {index}: val_accuracy differs"
        else:
            assert got_accuracy == pytest.approx(want_accuracy, abs=accuracy_tolerance), (
                f"archive entry {index}: val_accuracy {got_accuracy} is not within {accuracy_tolerance} of "
                f"the recorded {want_accuracy}"
            )
    for part in ("parents", "pool", "aging", "final", "rounds"):
        assert actual[part] == expected[part], part


@pytest.fixture(scope="module")
def tiny_lm(tmp_path_factory):
    from evojax_nas import lm as lm_package
    from tests.search_fixture import tiny_lm_directory

    return lm_package.load(tiny_lm_directory(tmp_path_factory.mktemp("tiny_lm")))


def test_scripted_evoprompting_search_gives_the_recorded_archive(tmp_path, tiny_lm):
    config = scripted_config(seeds_directory(tmp_path))
    state = run_scripted(config, tmp_path / "run", tiny_lm)
    assert_same_search(state, "evoprompting_scripted")
    assert sum(entry["tuning"] is not None for entry in state.history) == 2  # tuned after rounds 1 and 2
