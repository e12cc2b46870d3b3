"""Novelty rejection before training (`config.search.max_resamples`, docs/evoprompting.md "Budget and
duplicates"): a draw that copies a parent of its prompt, an archive member or an earlier sample of the round, or
that fails the static policy, is drawn again from its prompt, in batched waves; only the last draw of a sample
counts, and its rejected draws are recorded by reason."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import jax

from evojax_nas.population import REJECTION_REASONS, Population
from evojax_nas.programs import program_key
from evojax_nas.sandbox.policy import PolicyViolation, ProgramPolicy, check_program
from evojax_nas.search.sources import Sample

RESAMPLE_STREAM = 0x5E5A  # folded into a round's generation key: the root of its resample waves' keys
# redraw(prompt positions, draws per prompt, wave key, programs of the round's samples kept so far) -> the draws of
# each of those prompts
Redraw = Callable[[list[int], int, jax.Array, list[str]], list[list[Sample]]]


def rejection(
    sample: Sample,
    group: Sequence[str],
    population: Population,
    claimed: dict[str, int],
    policy: ProgramPolicy,
) -> str | None:
    """Why `sample` would be rejected before training (one of REJECTION_REASONS), or None: it copies a parent of
    its prompt (`group`), a program of the archive, a sample of this round that was kept (`claimed`: key ->
    sample index), or fails the task's static `policy`."""
    key_text = program_key(sample.source)
    if key_text in group:
        return "parent"
    if population.seen(key_text):
        return "archive"
    if key_text in claimed:
        return "sibling"
    try:
        check_program(sample.source, policy)
    except PolicyViolation:
        return "policy"
    return None


@dataclasses.dataclass
class _RoundBook:
    """The bookkeeping of one round's redraws: current draws, attempts and rejected draws per sample, the
    samples still rejected (index -> reason) and the keys of the kept ones (key -> index)."""

    samples: list[Sample]
    groups: Sequence[Sequence[str]]
    resampler: Resampler
    attempts: list[int] = dataclasses.field(init=False)
    rejected: list[dict[str, int]] = dataclasses.field(init=False)
    reasons: dict[int, str] = dataclasses.field(default_factory=dict)
    claimed: dict[str, int] = dataclasses.field(default_factory=dict)

    def __post_init__(self):
        self.attempts = [1] * len(self.samples)
        self.rejected = [dict.fromkeys(REJECTION_REASONS, 0) for _ in self.samples]

    def check(self, index: int) -> None:
        """Records whether the current draw of sample `index` is kept or why it is rejected."""
        resampler = self.resampler
        group = self.groups[index // resampler.per_prompt]
        reason = rejection(self.samples[index], group, resampler.population, self.claimed, resampler.policy)
        if reason is None:
            self.claimed[program_key(self.samples[index].source)] = index
            self.reasons.pop(index, None)
        else:
            self.reasons[index] = reason

    def take(self, index: int, draw: Sample) -> None:
        """Replaces the rejected draw of sample `index` by `draw` and checks it."""
        self.rejected[index][self.reasons[index]] += 1
        self.attempts[index] += 1
        self.samples[index] = dataclasses.replace(draw, index=index)
        self.check(index)

    def kept_sources(self) -> list[str]:
        """The programs of the samples kept so far (index order)."""
        return [self.samples[index].source for index in sorted(self.claimed.values())]

    def pending(self, limit: int) -> dict[int, list[int]]:
        """Prompt position -> its rejected samples with draws left (index order)."""
        pending: dict[int, list[int]] = {}
        for index in sorted(self.reasons):
            if self.attempts[index] < limit:
                pending.setdefault(index // self.resampler.per_prompt, []).append(index)
        return pending

    def results(self) -> list[Sample]:
        """The last draw of every sample with its attempt counts and verdict."""
        return [
            dataclasses.replace(
                sample,
                attempts=self.attempts[index],
                rejected_attempts={k: v for k, v in self.rejected[index].items() if v},
                verdict=_verdict(self.reasons.get(index)),
            )
            for index, sample in enumerate(self.samples)
        ]


@dataclasses.dataclass
class Resampler:
    """Redraws rejected samples of one round. `draws` and `waves` count the operator draws it added and the
    waves it ran."""

    population: Population
    policy: ProgramPolicy
    per_prompt: int  # n: samples per prompt slot
    max_resamples: int
    draws: int = 0
    waves: int = 0

    def resample(
        self, groups: Sequence[Sequence[str]], samples: list[Sample], redraw: Redraw, key: jax.Array
    ) -> list[Sample]:
        """Each sample whose draw `rejection` refuses is drawn again from its prompt, up to `max_resamples` times;
        the last draw is kept and every sample gets its verdict and attempt counts.

        Samples are checked in index order (a later copy of a kept sample is the sibling). Wave w (1, 2, ...)
        redraws every pending prompt at once: `redraw(prompt positions, count, fold_in(key, w), kept)` gives
        `count` draws per prompt (`kept`: the programs of the round's samples kept so far, which a redraw that
        copies would be rejected as a sibling), `count` being the most samples pending on one prompt rounded up to a power of two (at
        most n: fewer sampler shapes to compile; a decode row costs little next to a compile); the j-th pending
        sample of a prompt (index order) takes its j-th draw, then the prompt's spare draws go, in order, to its
        samples still rejected with draws left. Deterministic given `key`."""
        per_prompt, limit = self.per_prompt, 1 + int(self.max_resamples)
        book = _RoundBook(list(samples), groups, self)
        for index in range(len(book.samples)):
            book.check(index)
        wave = 0
        while wave < limit - 1 and any(book.attempts[i] < limit for i in book.reasons):
            wave += 1
            pending = book.pending(limit)
            positions = sorted(pending)
            most = max(len(members) for members in pending.values())
            count = min(per_prompt, 1 << (most - 1).bit_length())
            drawn = redraw(positions, count, jax.random.fold_in(key, wave), book.kept_sources())
            self.draws += sum(len(draws) for draws in drawn)
            self.waves = wave
            by_position = dict(zip(positions, drawn, strict=True))
            for index in sorted(i for members in pending.values() for i in members):
                position = index // per_prompt
                book.take(index, by_position[position][pending[position].index(index)])
            for position in positions:  # the spare draws of each prompt
                for draw in by_position[position][len(pending[position]) :]:
                    waiting = [i for i in pending[position] if i in book.reasons and book.attempts[i] < limit]
                    if not waiting:
                        break
                    book.take(waiting[0], draw)
        return book.results()


def _verdict(reason: str | None) -> str:
    """What a sample's last rejection reason (None: kept) makes of it."""
    return "new" if reason is None else "policy" if reason == "policy" else "duplicate"
