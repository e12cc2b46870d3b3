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
# redraw(prompt positions, draws per prompt, wave key) -> the draws of each of those prompts
Redraw = Callable[[list[int], int, jax.Array], list[list[Sample]]]


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
        redraws every pending prompt at once: `redraw(prompt positions, count, fold_in(key, w))` gives `count`
        draws per prompt, `count` being the most samples pending on one prompt rounded up to a power of two (at
        most n: fewer sampler shapes to compile; a decode row costs little next to a compile); the j-th pending
        sample of a prompt (index order) takes its j-th draw, then the prompt's spare draws go, in order, to its
        samples still rejected with draws left. Deterministic given `key`. (One function of about 60 lines: the
        first checks, the waves and the spare draws share its bookkeeping.)"""
        per_prompt, limit = self.per_prompt, 1 + int(self.max_resamples)
        samples = list(samples)
        attempts = [1] * len(samples)
        rejected = [dict.fromkeys(REJECTION_REASONS, 0) for _ in samples]
        reasons: dict[int, str] = {}  # pending sample index -> why its current draw is rejected
        claimed: dict[str, int] = {}

        def check(index: int) -> None:
            group = groups[index // per_prompt]
            reason = rejection(samples[index], group, self.population, claimed, self.policy)
            if reason is None:
                claimed[program_key(samples[index].source)] = index
                reasons.pop(index, None)
            else:
                reasons[index] = reason

        def take(index: int, draw: Sample) -> None:
            rejected[index][reasons[index]] += 1
            attempts[index] += 1
            samples[index] = dataclasses.replace(draw, index=index)
            check(index)

        for index in range(len(samples)):
            check(index)
        wave = 0
        while wave < limit - 1 and any(attempts[i] < limit for i in reasons):
            wave += 1
            pending: dict[int, list[int]] = {}
            for index in sorted(reasons):
                if attempts[index] < limit:
                    pending.setdefault(index // per_prompt, []).append(index)
            positions = sorted(pending)
            most = max(len(members) for members in pending.values())
            count = min(per_prompt, 1 << (most - 1).bit_length())
            drawn = redraw(positions, count, jax.random.fold_in(key, wave))
            self.draws += sum(len(draws) for draws in drawn)
            self.waves = wave
            by_position = dict(zip(positions, drawn, strict=True))
            for index in sorted(i for members in pending.values() for i in members):
                position = index // per_prompt
                take(index, by_position[position][pending[position].index(index)])
            for position in positions:  # the spare draws of each prompt
                for draw in by_position[position][len(pending[position]) :]:
                    waiting = [i for i in pending[position] if i in reasons and attempts[i] < limit]
                    if not waiting:
                        break
                    take(waiting[0], draw)
        return [
            dataclasses.replace(
                sample,
                attempts=attempts[index],
                rejected_attempts={k: v for k, v in rejected[index].items() if v},
                verdict=_verdict(reasons.get(index)),
            )
            for index, sample in enumerate(samples)
        ]


def _verdict(reason: str | None) -> str:
    """What a sample's last rejection reason (None: kept) makes of it."""
    return "new" if reason is None else "policy" if reason == "policy" else "duplicate"
