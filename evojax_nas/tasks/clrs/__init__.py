"""CLRS-30 with EvoPrompting's search space: candidates are the Triplet-GMPNN's triplet function (Haiku).

A task package names its evaluator-side class and its sandbox builder (see `evojax_nas.tasks.base`). Modules:
`task` (config checks, scoring), `build` (contract and export, in the sandbox), `processor` (our Triplet-GMPNN
around the candidate), `gradients` (max/min-reduction gradients), `data` (samplers), `training`, `mutations`,
`dm_clrs` (dm-clrs without TensorFlow), `report` (the 30-algorithm report, `python -m
evojax_nas.tasks.clrs.report`) and `published` (the published numbers it compares against).
"""

TASK = "evojax_nas.tasks.clrs.task:ClrsTask"
BUILDER = "evojax_nas.tasks.clrs.build"
