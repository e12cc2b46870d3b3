"""CLRS-30 data generated offline with dm-clrs's samplers, with static shapes.

Every set (a training pool per training length, the validation set, the OOD test set) is sampled once, before
any training, with `clrs.build_sampler` and the post-processing of the reference script (dm-clrs
`examples/run.py`): random `pos` (train/validation only), `pred_h` hints turned into `pred` inputs for the
algorithms in `PRED_AS_INPUT_ALGOS`, and permutation pointers. Within a set, hint trajectories are padded to
the set's longest one (the reference's on-the-fly samplers pad to the longest of 1000 samples in the same way;
the loss and the outputs ignore steps past each sample's length), so a candidate compiles one training step per
training length and one prediction per evaluation set. Nothing is downloaded.
"""

from __future__ import annotations

import dataclasses
import functools
import logging

import numpy as np

from evojax_nas.tasks.clrs.dm_clrs import import_clrs

# From dm-clrs examples/run.py: algorithms whose constant `pred_h` hint becomes an input.
PRED_AS_INPUT_ALGOS = (
    "binary_search",
    "minimum",
    "find_maximum_subarray",
    "find_maximum_subarray_kadane",
    "matrix_chain_order",
    "lcs_length",
    "optimal_bst",
    "activity_selector",
    "task_scheduling",
    "naive_string_matcher",
    "kmp_matcher",
    "jarvis_march",
)
# From examples/run.py: these get halved Erdos-Renyi edge probabilities (their trajectories grow with density).
LOW_DENSITY_ALGOS = ("articulation_points", "bridges", "mst_kruskal", "bipartite_matching")
# From examples/run.py: the string matchers train on one length, 5/4 of the largest training length.
STRING_MATCHERS = ("naive_string_matcher", "kmp_matcher")


@dataclasses.dataclass(frozen=True)
class Field:
    """One probe of a set: name, location, type, and data (hints batch-major: `[samples, time, ...]`)."""

    name: str
    location: str
    type_: str
    data: np.ndarray

    def layout(self) -> list:
        """`[name, location, type, per-sample shape, dtype]`, the JSON the sandbox builder reads."""
        return [self.name, self.location, self.type_, list(self.data.shape[1:]), str(self.data.dtype)]


@dataclasses.dataclass(frozen=True)
class FeedbackSet:
    """A set of CLRS samples: inputs, hints, lengths and outputs, as NumPy arrays with a leading sample axis."""

    inputs: tuple[Field, ...]
    hints: tuple[Field, ...]
    lengths: np.ndarray
    outputs: tuple[Field, ...]

    @property
    def num_samples(self) -> int:
        """Number of samples in the set."""
        return int(self.lengths.shape[0])

    @property
    def num_nodes(self) -> int:
        """Graph size (nodes) of the set."""
        return int(next(f.data.shape[1] for f in self.inputs if f.location in ("node", "edge")))

    @property
    def num_steps(self) -> int:
        """Padded trajectory length (hint time steps) of the set."""
        return int(self.hints[0].data.shape[1]) if self.hints else 1

    def arrays(self) -> list[np.ndarray]:
        """The arrays in the builder's order: inputs, hints, lengths, outputs."""
        return (
            [f.data for f in self.inputs]
            + [f.data for f in self.hints]
            + [self.lengths]
            + [f.data for f in self.outputs]
        )

    def to_feedback(self, indices=None):
        """The set (or the samples at `indices`) as a dm-clrs `Feedback` with time-major hints."""
        clrs = import_clrs()
        pick = (lambda a: a) if indices is None else (lambda a: a[np.asarray(indices)])

        def points(fields, time_major):
            return tuple(
                clrs.DataPoint(
                    name=f.name,
                    location=f.location,
                    type_=f.type_,
                    data=np.swapaxes(pick(f.data), 0, 1) if time_major else pick(f.data),
                )
                for f in fields
            )

        features = clrs.Features(
            inputs=points(self.inputs, False), hints=points(self.hints, True), lengths=pick(self.lengths)
        )
        return clrs.Feedback(features=features, outputs=points(self.outputs, False))

    def layout(self) -> dict:
        """Names, types and per-sample shapes of every array, for the sandbox builder."""
        return {
            "inputs": [f.layout() for f in self.inputs],
            "hints": [f.layout() for f in self.hints],
            "outputs": [f.layout() for f in self.outputs],
        }


@dataclasses.dataclass(frozen=True)
class ClrsData:
    """Everything one algorithm needs: its processed spec, training pools, validation and test sets."""

    algorithm: str
    spec: tuple[tuple[str, str, str, str], ...]  # (name, stage, location, type) in spec order
    train: tuple[FeedbackSet, ...]  # one pool per training length
    val: FeedbackSet
    test: FeedbackSet | None

    def spec_dict(self) -> dict[str, tuple[str, str, str]]:
        """The processed spec as dm-clrs uses it: name -> (stage, location, type)."""
        return {name: (stage, location, type_) for name, stage, location, type_ in self.spec}


@dataclasses.dataclass(frozen=True)
class DataSettings:
    """How to generate the sets (see `configs/clrs.py`, `config.task`)."""

    algorithm: str
    train_lengths: tuple[int, ...]
    train_pool_size: int
    val_length: int
    val_num_samples: int  # <= 0: CLRS-30's 32 x num_samples_multiplier x val_multiplier
    val_multiplier: int
    test_length: int
    test_num_samples: int  # <= 0: CLRS-30's 32 x num_samples_multiplier; test is skipped if test_length <= 0
    test_seed: int
    data_seed: int
    edge_probabilities: tuple[float, ...]
    length_needle: int
    random_pos: bool
    enforce_pred_as_input: bool
    enforce_permutations: bool


def num_samples_multiplier(algorithm: str) -> int:
    """CLRS-30's per-algorithm multiplier of the validation and test set sizes."""
    return int(import_clrs().CLRS_30_ALGS_SETTINGS[algorithm]["num_samples_multiplier"])


def effective_train_lengths(settings: DataSettings) -> tuple[int, ...]:
    """The training lengths actually used: the string matchers train on one length, 5/4 of the largest."""
    if settings.algorithm in STRING_MATCHERS:
        return ((max(settings.train_lengths) * 5) // 4,)
    return tuple(settings.train_lengths)


def _sampler_kwargs(settings: DataSettings) -> dict:
    probabilities = tuple(settings.edge_probabilities)
    if settings.algorithm in LOW_DENSITY_ALGOS:
        probabilities = tuple(p / 2 for p in probabilities)
    kwargs = {"p": probabilities, "length_needle": settings.length_needle}
    if settings.length_needle == 0:
        kwargs.pop("length_needle")
    return kwargs


def _to_fields(datapoints, time_major: bool) -> tuple[Field, ...]:
    fields = []
    for point in datapoints:
        data = np.asarray(point.data)
        if data.dtype.kind == "f":
            data = data.astype(np.float32)
        elif data.dtype.kind in "iu":
            data = data.astype(np.int32)
        if time_major:
            data = np.ascontiguousarray(np.swapaxes(data, 0, 1))
        fields.append(Field(point.name, point.location, point.type_, data))
    return tuple(fields)


def sample_set(
    settings: DataSettings, num_samples: int, length: int, seed: int, kwargs: dict, random_pos: bool
) -> tuple[dict, FeedbackSet]:
    """Samples one fixed set with `clrs.build_sampler` and the reference post-processing; returns (spec, set)."""
    clrs = import_clrs()
    absl_logger = logging.getLogger("absl")
    level = absl_logger.level
    absl_logger.setLevel(logging.ERROR)  # the samplers log every ignored keyword argument
    try:
        sampler, spec = clrs.build_sampler(
            settings.algorithm, num_samples=num_samples, length=length, seed=seed, **kwargs
        )
    finally:
        absl_logger.setLevel(level)
    feedback = sampler.next(None)  # the whole set, hints padded to its longest trajectory
    iterator = iter([feedback])
    if random_pos:
        iterator = clrs.process_random_pos(iterator, np.random.RandomState(seed))
    if settings.enforce_pred_as_input and settings.algorithm in PRED_AS_INPUT_ALGOS:
        spec, iterator = clrs.process_pred_as_input(spec, iterator)
    spec, iterator = clrs.process_permutations(spec, iterator, settings.enforce_permutations)
    feedback = next(iterator)
    features = feedback.features
    return spec, FeedbackSet(
        inputs=_to_fields(features.inputs, time_major=False),
        hints=_to_fields(features.hints, time_major=True),
        lengths=np.asarray(features.lengths, np.float32),
        outputs=_to_fields(feedback.outputs, time_major=False),
    )


@functools.lru_cache(maxsize=8)
def generate_data(settings: DataSettings) -> ClrsData:
    """Samples the training pools, validation and test sets of `settings.algorithm` (cached per process)."""
    clrs = import_clrs()
    if settings.algorithm not in clrs.specs.CLRS_30_ALGS:
        raise ValueError(
            f"unknown CLRS algorithm '{settings.algorithm}'; choose one of {', '.join(clrs.specs.CLRS_30_ALGS)}"
        )
    rng = np.random.RandomState(
        settings.data_seed
    )  # one seed per sampler, as the reference script draws them
    kwargs = _sampler_kwargs(settings)
    multiplier = num_samples_multiplier(settings.algorithm)
    train = []
    spec = None
    for length in effective_train_lengths(settings):
        spec, pool = sample_set(
            settings, settings.train_pool_size, length, rng.randint(2**32), kwargs, settings.random_pos
        )
        train.append(pool)
    val_count = settings.val_num_samples
    if val_count <= 0:
        val_count = clrs.CLRS30["val"]["num_samples"] * multiplier * settings.val_multiplier
    spec, val = sample_set(
        settings, val_count, settings.val_length, rng.randint(2**32), kwargs, settings.random_pos
    )
    test = None
    if settings.test_length > 0:
        test_count = settings.test_num_samples
        if test_count <= 0:
            test_count = clrs.CLRS30["test"]["num_samples"] * multiplier
        _, test = sample_set(settings, test_count, settings.test_length, settings.test_seed, {}, False)
    spec_rows = tuple((name, *map(str, entry)) for name, entry in spec.items())
    return ClrsData(settings.algorithm, spec_rows, tuple(train), val, test)
