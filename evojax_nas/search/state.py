"""What a search carries from round to round, and how it is checkpointed and restored.

`SearchState` is all a search needs to continue: the population (archive, G, parents, prompts), the rounds done,
the carried PRNG key, the soft prompt (with the LoRA factors `lm.tune="lora"` trains), the prompt it started from
and its optimiser state, regularised evolution's aging population, the per-round history and the final population. `analyze` and other
readers of a finished run import this module only, not the loop.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pathlib

import jax
import numpy as np

from evojax_nas.checkpointing import RunStore
from evojax_nas.cli import json_safe
from evojax_nas.population import SEED_ROUND, Population

STATE_FORMAT = "evojax_nas.search/1"


def start_keys(seed: int) -> tuple[jax.Array, jax.Array, jax.Array]:
    """The keys a search with `config.seed=seed` starts from: (the soft prompt's, the seeds' evaluation, the
    carried run key)."""
    prompt_key, seeds_key, run_key = jax.random.split(jax.random.key(seed), 3)
    return prompt_key, seeds_key, run_key


@dataclasses.dataclass
class SearchState:
    """Everything a search needs to continue: saved after every round."""

    population: Population
    round: int  # rounds completed
    key: jax.Array  # carried PRNG key, split once per round
    soft_prompt: np.ndarray | None = None
    opt_state_leaves: list[np.ndarray] | None = None
    lm_identity: str | None = None
    aging: list[str] = dataclasses.field(default_factory=list)  # regularised evolution, oldest first
    history: list[dict] = dataclasses.field(default_factory=list)
    final: list[str] = dataclasses.field(default_factory=list)
    finished: bool = False
    bandit: dict | None = None  # the hybrid method's arm posteriors (`bandit.BanditState.to_json`)
    lora_factors: dict[str, np.ndarray] | None = None  # `lm.tune="lora"`: the top layers' factors
    initial_soft_prompt: np.ndarray | None = None  # the prompt the run started from (`lm.tuning_max_drift`)

    @property
    def samples(self) -> int:
        """Samples drawn so far (seeds excluded)."""
        return sum(i.round != SEED_ROUND for i in self.population.archive)

    def to_checkpoint(self) -> tuple[dict, dict]:
        """`(state JSON, arrays)` for `RunStore.save`."""
        state = {
            "format": STATE_FORMAT,
            "step": self.round,
            "round": self.round,
            "population": self.population.to_json(),
            "lm_identity": self.lm_identity,
            "aging": list(self.aging),
            "history": self.history,
            "final": list(self.final),
            "finished": self.finished,
            **({} if self.bandit is None else {"bandit": self.bandit}),
            "counters": {"samples": self.samples, **self.population.counts()},
        }
        arrays = {"key": np.asarray(jax.random.key_data(self.key))}
        if self.soft_prompt is not None:
            arrays["soft_prompt"] = np.asarray(self.soft_prompt)
        if self.opt_state_leaves is not None:
            arrays["opt_state"] = [np.asarray(leaf) for leaf in self.opt_state_leaves]
        if self.initial_soft_prompt is not None:
            arrays["initial_soft_prompt"] = np.asarray(self.initial_soft_prompt)
        if self.lora_factors is not None:
            arrays["lora_factors"] = {name: np.asarray(v) for name, v in self.lora_factors.items()}
        return json_safe(state), arrays

    @classmethod
    def from_checkpoint(cls, state: dict, arrays: dict) -> SearchState:
        """The inverse of `to_checkpoint`."""
        if state.get("format") != STATE_FORMAT:
            raise ValueError(f"checkpoint format {state.get('format')!r} is not {STATE_FORMAT!r}")
        opt_state, factors = arrays.get("opt_state"), arrays.get("lora_factors")
        initial = arrays.get("initial_soft_prompt")  # absent from checkpoints written before it was kept
        if isinstance(opt_state, dict):  # a list may come back keyed by position
            opt_state = [opt_state[k] for k in sorted(opt_state, key=int)]
        return cls(
            population=Population.from_json(state["population"]),
            round=int(state["round"]),
            key=jax.random.wrap_key_data(np.asarray(arrays["key"], np.uint32)),
            soft_prompt=None if arrays.get("soft_prompt") is None else np.asarray(arrays["soft_prompt"]),
            opt_state_leaves=None if opt_state is None else [np.asarray(x) for x in opt_state],
            lm_identity=state.get("lm_identity"),
            aging=list(state.get("aging", [])),
            history=list(state.get("history", [])),
            final=list(state.get("final", [])),
            finished=bool(state.get("finished", False)),
            bandit=state.get("bandit"),
            lora_factors=None if factors is None else {k: np.asarray(v) for k, v in factors.items()},
            initial_soft_prompt=None if initial is None else np.asarray(initial),
        )


def state_fingerprint(state_json: dict, arrays: dict) -> str:
    """A digest of what every process of a run must agree on: the state without its timings, and the arrays."""
    digest = hashlib.sha256(
        json.dumps({k: v for k, v in state_json.items() if k != "history"}, sort_keys=True).encode()
    )
    for leaf in jax.tree.leaves(arrays):
        digest.update(np.ascontiguousarray(leaf).tobytes())
    return digest.hexdigest()


def restore_state(workdir: str | pathlib.Path) -> SearchState:
    """The newest restorable checkpointed state of a run (falls back past unreadable checkpoints)."""
    store = RunStore(workdir)
    try:
        restored = store.restore_latest(record_events=False)
    finally:
        store.close()
    if restored is None:
        raise FileNotFoundError(f"no restorable checkpoint in {pathlib.Path(workdir) / 'checkpoints'}")
    _, state_json, arrays = restored
    return SearchState.from_checkpoint(state_json, arrays)
