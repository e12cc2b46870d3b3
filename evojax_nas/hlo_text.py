"""Parsing of XLA's HLO module text: computations, instructions, shapes and attributes.

`parse_hlo` turns the text that `jax.jit(...).lower(...).as_text(dialect="hlo")` prints into
{computation: {instruction name: Instruction}}; the helpers below read element counts, dimensions, attributes
and scalar integer constants from those instructions. `evojax_nas.cost_model` prices what this module parses.
"""

from __future__ import annotations

import dataclasses
import math
import re

_INSTRUCTION = re.compile(r"^\s*(ROOT\s+)?(?P<name>[\w.\-]+)\s*=\s*(?P<rest>.*)$")
_COMPUTATION = re.compile(r"^\s*(ENTRY\s+)?%?(?P<name>[\w.\-]+)\s*(\(.*\)\s*->\s*.*)?\{\s*$")
_ARRAY_SHAPE = re.compile(r"[a-z]+\d*\[([\d,]*)\]")
_COMMENT = re.compile(r"/\*.*?\*/")


@dataclasses.dataclass(frozen=True)
class Instruction:
    """One HLO instruction: its name, result shape text, opcode, operand names and attribute text."""

    name: str
    shape: str
    opcode: str
    operands: tuple[str, ...]
    attributes: str
    is_root: bool


def _split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in text:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    if "".join(current).strip():
        parts.append("".join(current).strip())
    return parts


def _closing(text: str, start: int) -> int:
    """Index of the parenthesis closing the one at `start`."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    raise ValueError("unbalanced parentheses in HLO text")


def _parse_instruction(line: str) -> Instruction | None:
    match = _INSTRUCTION.match(line)
    if not match:
        return None
    rest = match.group("rest").strip()
    if rest.startswith("("):
        end = _closing(rest, 0)
        shape, rest = rest[: end + 1], rest[end + 1 :].strip()
    else:
        shape, _, rest = rest.partition(" ")
    opcode_match = re.match(r"([\w\-]+)\(", rest)
    if not opcode_match:
        return None
    opcode = opcode_match.group(1)
    end = _closing(rest, len(opcode))
    operands = tuple(
        part.split()[-1].lstrip("%") for part in _split_top_level(rest[len(opcode) + 1 : end]) if part
    )
    return Instruction(
        name=match.group("name").lstrip("%"),
        shape=shape,
        opcode=opcode,
        operands=operands,
        attributes=rest[end + 1 :],
        is_root=bool(match.group(1)),
    )


def parse_hlo(text: str) -> tuple[dict[str, dict[str, Instruction]], str]:
    """Parses HLO module text into {computation: {instruction name: Instruction}} and the entry's name."""
    computations: dict[str, dict[str, Instruction]] = {}
    entry, current = "", None
    for raw_line in text.splitlines():
        line = _COMMENT.sub("", raw_line).rstrip()
        if not line or line.startswith("HloModule"):
            continue
        if current is None:
            match = _COMPUTATION.match(line)
            if match:
                current = match.group("name")
                computations[current] = {}
                if line.lstrip().startswith("ENTRY"):
                    entry = current
            continue
        if line.strip() == "}":
            current = None
            continue
        instruction = _parse_instruction(line)
        if instruction is not None:
            computations[current][instruction.name] = instruction
    if not entry and computations:
        entry = list(computations)[-1]
    return computations, entry


def elements(shape: str) -> int:
    """Number of elements of an array shape (the sum over a tuple's arrays)."""
    total = 0
    for found in _ARRAY_SHAPE.findall(shape):
        total += math.prod(int(d) for d in found.split(",") if d) if found else 1
    return total


def elements_of(shape_dims: list[int]) -> int:
    """Number of elements of an array with dimensions `shape_dims` (1 for a scalar)."""
    return math.prod(shape_dims) if shape_dims else 1


def dims(shape: str) -> list[int]:
    """Dimensions of the first array in a shape text (`f32[8,3]` -> [8, 3]; [] for a scalar)."""
    match = _ARRAY_SHAPE.search(shape)
    return [int(d) for d in match.group(1).split(",") if d] if match and match.group(1) else []


def attribute(attributes: str, name: str) -> str | None:
    """The raw value of attribute `name=...` in an instruction's attribute text (None when absent)."""
    match = re.search(rf"\b{re.escape(name)}=(\{{[^}}]*\}}|\"[^\"]*\"|[\w.\-%]+)", attributes)
    return match.group(1) if match else None


def int_list(value: str | None) -> list[int]:
    """Every integer in an attribute value (`{0,2}` -> [0, 2])."""
    return [int(v) for v in re.findall(r"-?\d+", value or "")]


def constant_value(instruction: Instruction | None) -> int | None:
    """The value of a scalar integer constant instruction, else None."""
    if (
        instruction is None
        or instruction.opcode != "constant"
        or not re.match(r"^[su]\d+\[\]", instruction.shape)
    ):
        return None
    try:
        return int(instruction.operands[0]) if instruction.operands else None
    except ValueError:
        return None
