"""array_classification: users' own data (an `.npz` of `x_train, y_train, x_test, y_test`, any feature shape,
integer labels); candidates are Flax `Model` classes, built, trained and mutated as `evojax_nas.tasks.classifier`
does. With no `config.task.data_path`, scikit-learn's bundled `digits` (8x8 images, 10 classes). See
docs/tasks.md."""

TASK = "evojax_nas.tasks.array_classification.task:ArrayClassificationTask"
BUILDER = "evojax_nas.tasks.classifier.build"
