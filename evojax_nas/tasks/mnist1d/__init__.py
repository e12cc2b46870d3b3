"""MNIST-1D (Greydanus 2020): 40-sample 1-D signals, 10 classes; candidates are Flax `Model` classes.

A task package names its evaluator-side class and its sandbox builder (see `evojax_nas.tasks.base`); MNIST-1D's
programs are Flax classifiers, so its builder, trainer and mutation rules are `evojax_nas.tasks.classifier`'s.
"""

TASK = "evojax_nas.tasks.mnist1d.task:MNIST1DTask"
BUILDER = "evojax_nas.tasks.classifier.build"
