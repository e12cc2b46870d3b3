"""What the tasks whose candidates are Flax classifiers share: the program contract and export (`build`, run
in the sandbox), the trainer (`training`), the evaluator-side base class (`base`) and the mutation rules
(`mutations`). Not a task itself: it names no `TASK` (see `evojax_nas.tasks.registry`)."""
