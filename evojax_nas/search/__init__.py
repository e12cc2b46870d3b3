"""The EvoPrompting search (docs/evoprompting.md) and its baselines, with checkpoints, journal and resume.

    summary = evojax_nas.search.run(config, workdir)

| module | what |
|---|---|
| `loop.py` | the loop, as Algorithm 1 of the paper: generate, evaluate, filter, select, tune, checkpoint |
| `methods.py` | one class per method (`METHODS`): operator per prompt slot, parent groups, selection, tuning |
| `arms.py` | the hybrid's operator arms: the arm of each child, a round's counts and mean reward per arm |
| `sources.py` | the operators (code LM, program mutation) adapted to the loop: parent keys in, samples out |
| `resampling.py` | novelty rejection: copies and policy failures drawn again before training |
| `evaluation.py` | dedup, journal, evaluation on every device and host, alpha filter and fitness |
| `tuning.py` | the soft prompt: started, and tuned on the scored children not selected |
| `state.py` | `SearchState` and its checkpoint format (what `analyze` reads) |
| `reporting.py` | progress bars, round lines, events, TensorBoard, the summary |
| `multihost.py` | gathering sampled programs and results across processes; the shared workdir check |
| `config.py` | validation of `config.search` (and, per method, `config.lm`) |
| `runner.py` | `run(config, workdir)`: a search built from its parts, started or resumed |
"""

from evojax_nas.search.config import sample_budget, validate_search_config
from evojax_nas.search.loop import Parts, Search, SearchError
from evojax_nas.search.methods import METHODS, Method, RoundPlan, draw_groups, get_method
from evojax_nas.search.reporting import attempt_counts, summarize
from evojax_nas.search.runner import USAGE_ERRORS, build_search, run
from evojax_nas.search.sources import Sample
from evojax_nas.search.state import STATE_FORMAT, SearchState, restore_state
from evojax_nas.search.tuning import tune_state, tuning_config, tuning_examples

__all__ = [
    "METHODS",
    "STATE_FORMAT",
    "USAGE_ERRORS",
    "Method",
    "Parts",
    "RoundPlan",
    "Sample",
    "Search",
    "SearchError",
    "SearchState",
    "attempt_counts",
    "build_search",
    "draw_groups",
    "get_method",
    "restore_state",
    "run",
    "sample_budget",
    "summarize",
    "tune_state",
    "tuning_config",
    "tuning_examples",
    "validate_search_config",
]
