"""The model's enums, patterns and numeric bounds, checked where the backend depends on them.

botocore checks none of them on the client (and other SDKs check nothing), and moto's request
parser takes any value. A country the stock has no numbers for, a number type it cannot offer, a
prefix that is not digits or a page size past the model's maximum would reach the backend's logic; AWS refuses each with
InvalidParameterException (InvalidRequestException where the operation does not model the
former), in the wording below.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from botocore.model import ListShape, OperationModel, Shape
from moto.core.utils import get_service_model

from .exceptions import InvalidParameterException, InvalidRequestException


def problems(shape: Shape, value: Any) -> list[str]:
    """The enum, pattern or numeric bound of ``shape`` that ``value`` breaks, as AWS words it."""
    found = limit_problems(shape, value)
    pattern = shape.metadata.get("pattern")
    if isinstance(value, str) and pattern is not None and not _pattern(pattern).fullmatch(value):
        found.append(pattern_problem(shown(pattern)))
    return found


def limit_problems(shape: Shape, value: Any) -> list[str]:
    """The enum or numeric bound of ``shape`` that ``value`` breaks."""
    meta = shape.metadata
    found: list[str] = []
    if shape.type_name in ("integer", "long") and isinstance(value, int):
        if "min" in meta and value < meta["min"]:
            found.append(f"Member must have value greater than or equal to {meta['min']}")
        if "max" in meta and value > meta["max"]:
            found.append(f"Member must have value less than or equal to {meta['max']}")
    if isinstance(value, str) and "enum" in meta and value not in meta["enum"]:
        found.append(f"Member must satisfy enum value set: [{', '.join(meta['enum'])}]")
    return found


def pattern_problem(pattern: str) -> str:
    """The problem of a value outside ``pattern``, quoted as the service applies it."""
    return f"Member must satisfy regular expression pattern: {pattern}"


def check(operation: str, **values: Any) -> None:
    """Refuse the request unless each given input member (by its model name, ``None`` for
    absent) keeps to its enum, pattern and numeric bounds; a list's items are checked one by one."""
    model = get_service_model("connect").operation_model(operation)
    members = model.input_shape.members
    errors = []
    for name, value in values.items():
        if value is None:
            continue
        shape = members[name]
        wire = shape.serialization.get("name", name)
        path = wire[:1].lower() + wire[1:]
        if isinstance(shape, ListShape):
            items = [(f"{path}.{n}.member", shape.member, v) for n, v in enumerate(value, 1)]
        else:
            items = [(path, shape, value)]
        errors += [
            f"Value {quoted(item)} at '{where}' failed to satisfy constraint: {problem}"
            for where, item_shape, item in items
            for problem in problems(item_shape, item)
        ]
    if errors:
        count = f"{len(errors)} validation error{'s' if len(errors) > 1 else ''} detected: "
        raise refusal(model, count + "; ".join(errors))


def refusal(operation: OperationModel, message: str) -> Exception:
    """InvalidParameterException where the operation models it, else InvalidRequestException."""
    if "InvalidParameterException" in {shape.name for shape in operation.error_shapes}:
        return InvalidParameterException(message)
    return InvalidRequestException(message)


def quoted(value: Any) -> str:
    """A value as a validation message quotes it (cut after 100 characters)."""
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    if len(text) > 100:
        text = text[:100] + "..."
    return f"'{text}'"


@cache
def shown(model_pattern: str) -> str:
    """The pattern as the service applies and quotes it: some connect patterns are stored
    double-escaped (``\\\\+[1-9]\\\\d{1,14}$``), which taken literally rejects every valid value;
    undo that."""
    return model_pattern.replace("\\\\", "\\")


@cache
def _pattern(model_pattern: str) -> re.Pattern[str]:
    """A model pattern compiled for ``re``, applied to the whole value, with Java's ASCII-only
    ``\\d``, ``\\w`` and ``\\s``. None of the members checked here has a Unicode category
    (``\\p{L}``), which ``re`` lacks."""
    return re.compile(shown(model_pattern), re.ASCII)
