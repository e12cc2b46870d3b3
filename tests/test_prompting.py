"""EvoPrompting's prompt format, targets, completion cleanup and prompt-tuning examples."""

from __future__ import annotations

import ast

import pytest

from evojax_nas.cli import load_config_file
from evojax_nas.operators import LMOperator
from evojax_nas.prompting import (
    Example,
    assemble_child,
    build_prompt,
    child_imports,
    clean_completion,
    format_metrics,
    parent_completions,
    preamble,
    program_completion,
    target_metrics,
    tuning_example,
    with_relative_target,
)
from tests.conftest import REPO_ROOT

HEADER = "class Model(nn.Module):"
CNN = (REPO_ROOT / "seeds" / "mnist1d" / "cnn.py").read_text()
MLP = (REPO_ROOT / "seeds" / "mnist1d" / "mlp.py").read_text()


def test_metrics_docstring_format():
    assert (
        format_metrics(5210, 0.9246)
        == "\"\"\"Metrics:\n{'num_params': '5210', 'val_accuracy': '0.925'}\n\"\"\""
    )


def test_targets_follow_the_paper():
    parents = [Example(CNN, 5210, 0.924), Example(MLP, 15210, 0.686)]
    assert target_metrics(parents) == (4700, 0.942)  # 0.9 * 5210 -> 4700; 1.02 * 0.924 -> 0.942
    assert target_metrics([Example(CNN, 5210, 0.99)]) == (4700, 1.0)  # capped


def test_prompt_layout():
    parents = [Example(CNN, 5210, 0.924), Example(MLP, 15210, 0.686)]
    prompt = build_prompt(parents, HEADER)
    assert prompt.startswith("\"\"\"Metrics:\n{'num_params': '5210'")
    assert prompt.endswith(
        "\"\"\"Metrics:\n{'num_params': '4700', 'val_accuracy': '0.942'}\n\"\"\"\n" + HEADER
    )
    assert prompt.count('"""Metrics:') == 3
    assert "import" not in prompt and "Seed 1" not in prompt  # no imports, no module docstrings
    assert prompt.index("nn.Conv") < prompt.index("features=100")  # parents in the given order


def test_a_programs_completion_is_what_copying_it_as_a_parent_would_write():
    prompt = build_prompt([Example(CNN, 5210, 0.924), Example(MLP, 15210, 0.686)], HEADER)
    assert [program_completion(CNN, HEADER), program_completion(MLP, HEADER)] == parent_completions(prompt)
    assert program_completion("def f(:", HEADER) is None  # does not parse
    assert program_completion("x = 1", HEADER) is None  # does not start with the header
    # The LM operator avoids its parents' completions and those of the programs it is told to avoid, each once.
    operator = LMOperator(None, HEADER, copy_penalty=1.0)
    avoided = operator._avoided([[Example(CNN, 5210, 0.924)]], [MLP, CNN, "x = 1"])
    assert avoided == [[program_completion(CNN, HEADER), program_completion(MLP, HEADER)]]


def test_completion_cleanup_and_child_assembly():
    completion = (
        "\n    @nn.compact\n    def __call__(self, x):\n        return nn.Dense(10)(x)\n\n"
        '"""Metrics:\n{\'num_params\': \'10\'}\n"""\nclass Model(nn.Module):\n    pass\n'
    )
    assert clean_completion(completion).endswith("return nn.Dense(10)(x)")
    assert clean_completion("    x = 1\nprint('top-level')\n    y = 2") == "    x = 1"
    imports = preamble([Example(CNN, 5210, 0.9)], required=["import jax.numpy as jnp"])
    child = assemble_child(HEADER, completion, imports)
    tree = ast.parse(child)
    assert [type(node).__name__ for node in tree.body] == ["Import", "Import", "ClassDef"]


def test_truncated_completion_is_trimmed_until_it_parses():
    completion = "\n    @nn.compact\n    def __call__(self, x):\n        return nn.Dense(10)(x)\n    def helper(self, y):\n        return (y +"
    child = assemble_child(HEADER, completion, "import flax.linen as nn\n")
    ast.parse(child)
    assert child.rstrip().endswith("return nn.Dense(10)(x)")


def test_tuning_example_targets_only_the_child_code():
    parents = [Example(CNN, 5210, 0.924), Example(MLP, 15210, 0.686)]
    child = Example(CNN.replace("features=25", "features=20"), 3700, 0.931)
    context, target = tuning_example(parents, child, HEADER)
    assert context.endswith(
        "\"\"\"Metrics:\n{'num_params': '3700', 'val_accuracy': '0.931'}\n\"\"\"\n" + HEADER
    )
    assert target.lstrip().startswith("@nn.compact") and "features=20" in target and HEADER not in target
    with pytest.raises(ValueError, match="header"):
        tuning_example(parents, Example("import flax.linen as nn\nx = 1\n", 1, 0.5), HEADER)


def test_lm_children_get_the_seeds_imports_when_their_parents_lack_one():
    """The LM may use `jnp` in a child of two parents that do not import it (round 1 of a `cpu` search failed
    two children on that): every LM child gets the task seeds' import lines on top of its parents'."""
    from evojax_nas.tasks.registry import get_task

    config = load_config_file("configs/mnist1d.py:smoke", REPO_ROOT)
    imports = child_imports(get_task("mnist1d"), config)
    assert "import flax.linen as nn" in imports and "import jax.numpy as jnp" in imports
    assert len(imports) == len(set(imports))
    parents = [Example(CNN, 5210, 0.9), Example(MLP, 10000, 0.8)]
    assert "import jax.numpy as jnp" not in preamble(parents)
    child = assemble_child(
        HEADER,
        "    @nn.compact\n    def __call__(self, x):\n        return jnp.mean(x)\n",
        preamble(parents, imports),
    )
    compile(child, "child", "exec")
    assert child.index("import jax.numpy as jnp") < child.index(HEADER)


def test_clrs_children_may_use_jax_though_no_seed_imports_it():
    """CLRS declares its children's imports: a triplet function calling `jax.nn.relu` gets `import jax` (the
    seeds import only `hk` and `jnp`) and passes the CLRS policy."""
    from evojax_nas.sandbox.policy import check_program
    from evojax_nas.tasks.registry import get_task

    task = get_task("clrs")
    config = load_config_file("configs/clrs.py:smoke", REPO_ROOT)
    imports = child_imports(task, config)
    assert imports == ["import haiku as hk", "import jax", "import jax.numpy as jnp"]
    standard = (REPO_ROOT / "seeds" / "clrs" / "standard.py").read_text()
    parents = [Example(standard, 36286, 0.85), Example(standard.replace("t_1", "t_one"), 36286, 0.84)]
    assert "import jax\n" not in preamble(parents)
    body = "    return jax.nn.relu(hk.Linear(out_size)(edge_fts))[:, None]\n"
    child = assemble_child(task.program_header, body, preamble(parents, imports))
    assert child.startswith("import haiku as hk\nimport jax\nimport jax.numpy as jnp\n")
    check_program(child, task.policy)


def test_relative_target_gives_size_and_score_against_the_parents():
    parents = [Example(CNN, 5210, 0.9246), Example(MLP, 4000, 0.881)]
    paper = build_prompt(parents, HEADER)
    relative = build_prompt(parents, HEADER, relative_target=True)
    assert "size_vs_smallest_parent" not in paper  # the paper's format is the default
    target = ast.literal_eval(relative.rsplit('"""Metrics:\n', 1)[1].split("\n", 1)[0])
    # 0.9 x 4000 = 3600 is 0.90x the smallest parent; 1.02 x 0.9246 -> 0.943, 0.018 above the best parent as shown
    assert target == {
        "num_params": "3600",
        "val_accuracy": "0.943",
        "size_vs_smallest_parent": "0.90x",
        "val_accuracy_vs_best_parent": "+0.018",
    }
    assert relative.split('"""Metrics:')[:-1] == paper.split('"""Metrics:')[:-1]  # parents shown as before
    # A prompt stored with an absolute target (a corpus example) converts to the same text.
    assert with_relative_target(paper) == relative
    with pytest.raises(ValueError, match="at least one parent"):
        with_relative_target(format_metrics(3600, 0.9) + "\n" + HEADER)


def test_relative_tuning_example_targets_the_childs_achieved_ratio():
    parents = [Example(CNN, 5210, 0.924), Example(MLP, 4000, 0.881)]
    child = Example(CNN.replace("features=25", "features=10"), 2000, 0.9)
    context, target = tuning_example(parents, child, HEADER, relative_target=True)
    assert "'size_vs_smallest_parent': '0.50x', 'val_accuracy_vs_best_parent': '-0.024'" in context
    assert (context, target) != tuning_example(parents, child, HEADER) and target.startswith("\n")
    assert with_relative_target(tuning_example(parents, child, HEADER)[0]) == context
