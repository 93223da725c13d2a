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
import sys
import unicodedata
from functools import cache
from itertools import groupby
from typing import Any

from botocore.model import ListShape, OperationModel, Shape
from moto.core.utils import get_service_model

from .exceptions import InvalidParameterException, InvalidRequestException


def problems(shape: Shape, value: Any) -> list[str]:
    """The enum, pattern or numeric bound of ``shape`` that ``value`` breaks, as AWS words it."""
    meta = shape.metadata
    found: list[str] = []
    if shape.type_name in ("integer", "long") and isinstance(value, int):
        if "min" in meta and value < meta["min"]:
            found.append(f"Member must have value greater than or equal to {meta['min']}")
        if "max" in meta and value > meta["max"]:
            found.append(f"Member must have value less than or equal to {meta['max']}")
    if isinstance(value, str) and "enum" in meta and value not in meta["enum"]:
        found.append(f"Member must satisfy enum value set: [{', '.join(meta['enum'])}]")
    if (
        isinstance(value, str)
        and "pattern" in meta
        and not _pattern(meta["pattern"]).fullmatch(value)
    ):
        found.append(f"Member must satisfy regular expression pattern: {_shown(meta['pattern'])}")
    return found


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
def _shown(model_pattern: str) -> str:
    """The pattern as the service applies and quotes it.

    Some connect patterns are stored double-escaped (``\\\\+[1-9]\\\\d{1,14}$``), which taken
    literally rejects every valid value; undo that. The service's patterns are Java's, where
    ``\\d`` means ASCII digits: write it so.
    """
    return _java_classes(model_pattern.replace("\\\\", "\\"), categories=False)


@cache
def _pattern(model_pattern: str) -> re.Pattern[str]:
    """Compile a model pattern for ``re``, applied to the whole value.

    ``\\p{L}`` (``\\P{C}``) is a Unicode general category (or its complement), which ``re``
    lacks: it becomes an explicit character class.
    """
    return re.compile(_java_classes(_shown(model_pattern), categories=True))


#: ``\p{L}``, ``\P{C}``, ``\p{Lu}``: a Unicode general category (or major class), or not.
_CATEGORY_ESCAPE = re.compile(r"\\([pP])\{([A-Z][a-z]?)\}")


def _java_classes(pattern: str, categories: bool) -> str:
    """Rewrite ``\\d`` (and, if categories, ``\\p{..}``/``\\P{..}``) as explicit classes."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        pair = pattern[i : i + 2]
        category = _CATEGORY_ESCAPE.match(pattern, i) if categories else None
        if category:
            ranges = _category_ranges(category.group(2), category.group(1) == "P")
            out.append(ranges if in_class else f"[{ranges}]")
            i = category.end()
            continue
        if pair == "\\d":
            out.append("0-9" if in_class else "[0-9]")
            i += 2
            continue
        if pair[:1] == "\\":
            out.append(pair)
            i += 2
            continue
        in_class = (in_class or pair[0] == "[") and not (in_class and pair[0] == "]")
        out.append(pair[0])
        i += 1
    return "".join(out)


@cache
def _category_runs() -> tuple[tuple[str, int, int], ...]:
    """Every code point in runs of one general category: (category, first, last)."""
    runs = []
    for category, points in groupby(
        range(sys.maxunicode + 1), key=lambda point: unicodedata.category(chr(point))
    ):
        run = list(points)
        runs.append((category, run[0], run[-1]))
    return tuple(runs)


@cache
def _category_ranges(category: str, complement: bool) -> str:
    """The body of a character class holding the code points of a category (or all others)."""
    return "".join(
        f"\\U{first:08x}-\\U{last:08x}"
        for name, first, last in _category_runs()
        if name.startswith(category) != complement
    )
