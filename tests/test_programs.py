"""Program normalisation, the dedup key and the structure key."""

from __future__ import annotations

from evojax_nas.programs import normalize_source, program_key, structure_key

BASE = '''
import flax.linen as nn

class Model(nn.Module):
    """A docstring."""

    @nn.compact
    def __call__(self, x):
        # a comment
        return nn.Dense(10)(x)
'''


def test_formatting_comments_and_docstrings_do_not_change_the_key():
    variant = (
        "import flax.linen as nn\nclass Model(nn.Module):\n    @nn.compact\n"
        "    def __call__(self,x):  # different comment\n        'another docstring'\n"
        "        return nn.Dense( 10 )( x )\n"
    )
    assert program_key(BASE) == program_key(variant)
    assert normalize_source(BASE) == normalize_source(variant)


def test_different_programs_get_different_keys():
    assert program_key(BASE) != program_key(BASE.replace("Dense(10)", "Dense(11)"))


def test_unparseable_sources_still_get_stable_keys():
    assert program_key("def (") == program_key("def (")
    assert program_key("def (") != program_key("def )")


def test_docstring_only_body_stays_valid_python():
    source = 'class A:\n    """only a docstring"""\n'
    compile(normalize_source(source), "<test>", "exec")


def test_programs_that_differ_only_in_numbers_share_a_structure():
    retuned = BASE.replace("Dense(10)", "Dense(features=10)").replace("(x)", "(x * 0.5)")
    assert structure_key(retuned) == structure_key(retuned.replace("10", "32").replace("0.5", "2.0"))
    assert program_key(retuned) != program_key(retuned.replace("10", "32"))
    assert structure_key(BASE) != structure_key(
        BASE.replace("return nn.Dense(10)(x)", "return nn.Dense(10)(nn.relu(x))")
    )
    assert structure_key(BASE.replace("(x)", "(x, True)")) != structure_key(BASE.replace("(x)", "(x, False)"))
    assert structure_key("def (") == structure_key("def (") != structure_key("def )")
