"""`run(config, workdir)`: a search started, or resumed where it stopped, in its workdir.

`build_search` assembles a search from its parts: the method the config names, a child source for each operator
the method uses (the code LM, or program mutation), the evaluation of samples, the soft prompt, the log. Tests
build one with stand-ins (a scripted LM operator, a scoring evaluator) the same way.
"""

from __future__ import annotations

import pathlib
import sys
import time

import jax
import ml_collections

from evojax_nas import distributed
from evojax_nas.checkpointing import RunConfigMismatch, RunStore, config_to_json, warn
from evojax_nas.evaluator import EvaluatorPool
from evojax_nas.operators import LMOperator, MutationOperator
from evojax_nas.program_mutation import ProgramMutator
from evojax_nas.prompting import child_imports
from evojax_nas.search.config import validate_search_config
from evojax_nas.search.evaluation import CandidateEvaluation, Estimate, Evaluator
from evojax_nas.search.loop import Parts, Search, SearchError
from evojax_nas.search.methods import (
    LM,
    MUTATION,
    PROGRAM_CROSSOVER,
    PROGRAM_MUTATION,
    Method,
    get_method,
)
from evojax_nas.search.multihost import open_workdir
from evojax_nas.search.reporting import RunLog, summarize
from evojax_nas.search.sources import ChildSource, LMGenerator, LMSource, MutationSource
from evojax_nas.search.state import SearchState
from evojax_nas.search.tuning import PromptTuner
from evojax_nas.tasks.base import ConfigError

# What a command reports as a one-line usage error (exit code 2): a bad config, a resume whose config would change
# the search, an LM that cannot be loaded, a search that cannot start.
USAGE_ERRORS = (RunConfigMismatch, ConfigError, SearchError)


def lm_operator(config: ml_collections.ConfigDict, lm, task) -> LMOperator:
    """EvoPrompting's LM operator for `task` with `config.lm`'s sampling settings."""
    return LMOperator(
        lm,
        task.program_header,
        child_imports(task, config),
        temperatures=tuple(float(t) for t in config.search.temperatures),
        max_new_tokens=config.lm.max_new_tokens,
        top_p=float(config.lm.top_p),
        draft_tokens=int(config.lm.get("draft_tokens", 0)),
        metric=task.metric,
        draft_max_rows=int(config.lm.get("draft_max_rows", 0)),
        relative_target=relative_target(config, lm),
        copy_penalty=float(config.lm.get("copy_penalty", 0.0)),
        copy_penalty_below=float(config.lm.get("copy_penalty_below", 0.9)),
    )


def relative_target(config: ml_collections.ConfigDict, lm) -> bool:
    """`search.relative_target`, with a warning when the LM's adapter was trained on the other prompt format."""
    wanted = bool(config.search.get("relative_target", False))
    trained = (getattr(lm, "adapter_info", None) or {}).get("relative_target")
    if trained is not None and bool(trained) != wanted:
        warn(
            f"the LM's adapter was trained with relative_target={bool(trained)} but config.search.relative_target="
            f"{wanted}: its prompts will not look like its training examples"
        )
    return wanted


def child_sources(
    config: ml_collections.ConfigDict,
    method: Method,
    evaluator: Evaluator,
    log: RunLog,
    lm=None,
    generator=None,
) -> dict[str, ChildSource]:
    """A source for each operator `method` names: the LM (`generator`, default the LM operator of `lm`; none when
    there is neither) and program mutation (the task's rules under the evaluator's policy)."""
    task, sources = evaluator.task, {}
    if LM in method.operators and (generator is not None or lm is not None):
        sources[LM] = LMSource(
            generator or lm_operator(config, lm, task),
            config.lm.prompts_per_call,
            log,
            config.search.get("resample_temperatures", ()),
            avoid_archive=bool(config.lm.get("avoid_archive", False)),
            steer_first_draws=config.lm.get("copy_penalty_scope", "all") == "all",
        )
    crossover_rates = {
        MUTATION: float(config.search.crossover_rate),
        PROGRAM_MUTATION: 0.0,
        PROGRAM_CROSSOVER: 1.0,
    }
    for name, rate in crossover_rates.items():
        if name in method.operators:
            rules, crossover = task.mutation_rules()
            mutator = ProgramMutator(rules, crossover, evaluator.policy)
            sources[name] = MutationSource(MutationOperator(mutator, rate), origin=name)
    return sources


def build_search(
    config: ml_collections.ConfigDict,
    store: RunStore,
    evaluator: Evaluator,
    lm=None,
    *,
    generator: LMGenerator | None = None,
) -> Search:
    """The search of `config` in `store` with `evaluator`, the code LM `lm` (LM methods; it also holds the soft
    prompt) and, in tests, a stand-in `generator` for the LM operator."""
    method = get_method(config.search)
    task, log = evaluator.task, RunLog(config, store)
    tuner = None if lm is None else PromptTuner(lm, config, task.program_header, task.metric, log)
    estimate = None
    if config.log.get("estimate", True):
        estimate = Estimate(
            evaluations=lambda: (
                len(task.seed_programs(config)) + method.num_rounds() * method.samples_per_round()
            ),
            preset=str(config.get("preset", "")),
            warning_hours=float(config.log.get("long_run_warning_hours", 0) or 0),
            task_name=task.name,
        )
    evaluation = CandidateEvaluation(evaluator, store, log, task.metric, float(config.search.alpha), estimate)
    sources = child_sources(config, method, evaluator, log, lm, generator)
    return Search(config, Parts(method, sources, evaluation, tuner, task, log, store))


def load_language_model(config: ml_collections.ConfigDict):
    """The LM named by `config.lm.checkpoint` (with `config.lm.adapter` merged, if any); raises `SearchError`
    saying why it cannot be loaded."""
    # Deferred: evojax_nas.lm loads transformers (about 20 s); only LM methods need it.
    from evojax_nas import lm as lm_package

    # This host's devices: in a multi-host run each process samples its own prompt chunks.
    mesh = lm_package.make_mesh(devices=distributed.lm_devices(config))
    try:
        return lm_package.load(
            config.lm.checkpoint,
            dtype=jax.numpy.dtype(config.lm.dtype),
            mesh=mesh,
            adapter=config.lm.get("adapter", "") or None,
        )
    except lm_package.CheckpointError as error:
        raise SearchError(str(error)) from error


def restore(store: RunStore, workdir: pathlib.Path) -> SearchState | None:
    """The state to continue from (None for a fresh start), with a resume or start event."""
    restored = store.restore_latest()
    if restored is None:
        return None
    step, state_json, arrays = restored
    state = SearchState.from_checkpoint(state_json, arrays)
    if not state.finished:
        print(f"resuming {workdir} after round {state.round} ({state.samples} samples)", file=sys.stderr)
        store.append_event({"event": "resume", "step": step, "round": state.round})
    return state


def run(config: ml_collections.ConfigDict, workdir: str | pathlib.Path) -> dict:
    """Runs or resumes the search in `workdir`; returns the summary (with `already_finished` if it was).

    Raises `RunConfigMismatch` for a resume with a different search config, `ConfigError` for a bad config."""
    method = validate_search_config(config)
    distributed.initialize(config)
    workdir = pathlib.Path(workdir)
    store = RunStore(workdir, distributed.process_index())
    resuming = open_workdir(store, config)
    try:
        state = restore(store, workdir) if resuming else None
        if state is not None and state.finished:
            return {**summarize(state, workdir, config), "already_finished": True}
        if state is None:
            store.append_event({"event": "start", "config": config_to_json(config)})
        lm = None
        if method.needs_lm:
            started = time.perf_counter()
            lm = load_language_model(config)
            print(
                f"loaded LM {config.lm.checkpoint} in {time.perf_counter() - started:.1f}s", file=sys.stderr
            )
            if state is not None and state.lm_identity not in (None, lm.identity):
                raise SearchError(
                    f"the checkpointed soft prompt belongs to LM {state.lm_identity}, but config.lm.checkpoint "
                    f"'{config.lm.checkpoint}' now loads {lm.identity}"
                )
        devices = distributed.evaluation_devices(config)
        if len(devices) > 1:
            on_lm = f"; the LM on {', '.join(map(str, lm.mesh.devices.flat))}" if lm is not None else ""
            print(
                f"evaluating {len(devices)} candidates at once, on {', '.join(map(str, devices))}{on_lm}",
                file=sys.stderr,
            )
        with EvaluatorPool(config, devices, search=True) as evaluator:
            search = build_search(config, store, evaluator, lm)
            try:
                state = search.execute(state)
            finally:
                search.log.close()
        summary = summarize(state, workdir, config)
        store.append_event(
            {"event": "finished", **{k: v for k, v in summary.items() if k != "final_population"}}
        )
        return summary
    finally:
        store.close()
