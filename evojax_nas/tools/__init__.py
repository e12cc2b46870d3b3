"""Command-line tools that combine the code LM (`evojax_nas.lm`) with the rest of the package: adapting the LM to
EvoPrompting prompts (`adapt`) and measuring it as an operator (`operator_eval`). `evojax_nas.lm` imports
nothing from outside itself; these tools are where it meets corpora, tasks and the evaluator."""
