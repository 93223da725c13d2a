"""Model-driven parsing and validation of rest-json requests.

botocore checks only required members, types and ``min`` on the client, and non-Python clients check
nothing, so the server has to enforce the rest of the model: ``max``, ``pattern``, ``enum``, list and
map sizes, integer ranges and JSON types. moto's own request parser is lenient by design (it turns a
string into a list of characters, drops malformed JSON), so this module walks the raw wire values
against the input shape itself and returns the parameters keyed by member name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import regex
from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape

from . import bounds

_MISSING = object()


class ValidationFailure(Exception):
    """A request that does not satisfy the model; its message is in AWS's wording."""


def parse_request(
    operation: OperationModel,
    body: str | bytes | None,
    query: Mapping[str, list[str]],
    path_params: Mapping[str, str],
) -> dict[str, Any]:
    """Read every input member from its wire location, check it against the model, return them."""
    shape = operation.input_shape
    if shape is None:
        return {}
    errors: list[str] = []
    json_body = _json_body(shape, body)
    params: dict[str, Any] = {}
    for name, member in shape.members.items():
        location = member.serialization.get("location")
        wire_name = member.serialization.get("name", name)
        if location == "uri":
            raw = path_params.get(wire_name)
            value: Any = _MISSING if raw is None else raw
        elif location == "querystring":
            value = _query_value(member, query.get(wire_name))
        elif location is None:
            value = json_body.get(wire_name, _MISSING)
        else:
            continue
        if value is _MISSING or value is None:
            if name in shape.required_members:
                errors.append(
                    f"Value null at '{_camel(wire_name)}' failed to satisfy constraint: "
                    "Member must not be null"
                )
            continue
        errors.extend(_check(member, value, _camel(wire_name)))
        params[name] = value
    if errors:
        count = f"{len(errors)} validation error{'s' if len(errors) > 1 else ''} detected: "
        message = count + "; ".join(errors)  # values and map keys may hold surrogates: escaped
        raise ValidationFailure(_SURROGATE.sub(lambda found: f"\\u{ord(found[0]):04x}", message))
    return params


def empty_label_message(label: str) -> str:
    """The validation message for a URI label sent empty (``/phone-number/``)."""
    return (
        f"1 validation error detected: Value '' at '{_camel(label)}' failed to satisfy "
        "constraint: Member must have length greater than or equal to 1"
    )


#: How deep a request body's objects and arrays may nest. Every walk over client input
#: (:func:`_check`, the search criteria's) recurses at most a few frames a level, so this keeps
#: each far below Python's recursion limit; it admits search criteria 30 conditions deep.
MAX_NESTING = 64


def _json_body(shape: StructureShape, body: str | bytes | None) -> dict[str, Any]:
    has_body_members = any("location" not in m.serialization for m in shape.members.values())
    if not has_body_members or not body:
        return {}
    try:
        # JSON on the wire is UTF-8; json.loads alone would also take UTF-16 and UTF-32 bytes.
        parsed = json.loads(body.decode() if isinstance(body, bytes) else body)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ValidationFailure("The request body is not valid JSON.") from exc
    if not isinstance(parsed, dict):
        raise ValidationFailure("The request body must be a JSON object.")
    if not nested_within(parsed, MAX_NESTING):
        raise ValidationFailure(
            f"The request body nests objects and arrays more than {MAX_NESTING} levels deep."
        )
    return parsed


def nested_within(value: dict[str, Any] | list[Any], limit: int) -> bool:
    """Whether the dicts and lists of ``value`` nest at most ``limit`` levels (``value`` is the
    first); a loop, not recursion, so it answers for any depth the parser produced."""
    stack: list[tuple[dict[str, Any] | list[Any], int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return False
        children = node.values() if isinstance(node, dict) else node
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return True


#: An integer as the service reads it from a query string: ASCII digits, optionally negative.
#: Python's ``int()`` would also take ``+5``, `` 5``, ``1_0`` and non-ASCII digits.
_QUERY_INTEGER = re.compile(r"-?[0-9]+")


def _query_value(shape: Shape, values: list[str] | None) -> Any:
    """Query strings carry text; convert to the member's type, leaving bad text for _check."""
    if not values:
        return _MISSING
    if isinstance(shape, ListShape):
        return list(values)
    value = values[0]
    if shape.type_name in ("integer", "long") and _QUERY_INTEGER.fullmatch(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts (4,300): not an integer either
            return value
    return value


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "boolean": (bool,),
    "double": (int, float),
    "float": (int, float),
    "list": (list,),
    "map": (dict,),
    "structure": (dict,),
    "timestamp": (int, float, str),
}


def _check(shape: Shape, value: Any, path: str) -> list[str]:
    expected = _JSON_TYPES.get(shape.type_name)
    wrong_type = expected is not None and (
        not isinstance(value, expected)
        or (isinstance(value, bool) and shape.type_name not in ("boolean",))
    )
    if wrong_type:
        return [
            f"Value {bounds.quoted(value)} at '{path}' failed to satisfy constraint: "
            f"Member must be of type {shape.type_name}"
        ]
    problems = _constraints(shape, value)
    errors = [
        f"Value {bounds.quoted(value)} at '{path}' failed to satisfy constraint: {p}"
        for p in problems
    ]
    if isinstance(shape, ListShape):
        for index, item in enumerate(value, start=1):
            errors.extend(_check(shape.member, item, f"{path}.{index}.member"))
    elif isinstance(shape, MapShape):
        for key, item in value.items():
            key_problems = _constraints(shape.key, key)
            if key_problems:
                errors.append(
                    f"Value {bounds.quoted(value)} at '{path}' failed to satisfy constraint: "
                    f"Map keys must satisfy constraint: [{'; '.join(key_problems)}]"
                )
            errors.extend(_check(shape.value, item, f"{path}.{key}"))
    elif isinstance(shape, StructureShape):
        for name, member in shape.members.items():
            wire_name = member.serialization.get("name", name)
            if value.get(wire_name) is None:
                if name in shape.required_members:
                    errors.append(
                        f"Value null at '{path}.{_camel(wire_name)}' failed to satisfy "
                        "constraint: Member must not be null"
                    )
                continue
            errors.extend(_check(member, value[wire_name], f"{path}.{_camel(wire_name)}"))
    return errors


def _constraints(shape: Shape, value: Any) -> list[str]:
    """The model's constraints that value breaks, each worded as AWS words it."""
    meta = shape.metadata
    if shape.type_name in ("integer", "long"):
        return bounds.problems(shape, value)  # numeric bounds: the backend's own check
    problems: list[str] = []
    if not isinstance(value, (str, list, dict)):
        return problems
    if "min" in meta and len(value) < meta["min"]:
        problems.append(f"Member must have length greater than or equal to {meta['min']}")
    if "max" in meta and len(value) > meta["max"]:
        problems.append(f"Member must have length less than or equal to {meta['max']}")
    if isinstance(value, str):
        if _SURROGATE.search(value):
            problems.append("Member must be valid Unicode text (it has an unpaired surrogate)")
        problems += bounds.limit_problems(shape, value)  # enum: the backend's own check
        pattern = meta.get("pattern")
        if pattern is not None and not _pattern(pattern).fullmatch(value):
            problems.append(bounds.pattern_problem(_java(pattern)))
    return problems


@cache
def _pattern(model_pattern: str) -> regex.Pattern[str]:
    """A model pattern as the service applies it: Java's, whose Unicode categories (``\\p{L}``,
    ``\\P{C}``) ``regex`` reads as Java does and ``re`` cannot."""
    return regex.compile(_java(model_pattern))


@cache
def _java(model_pattern: str) -> str:
    """The pattern as the service applies and quotes it (:func:`.bounds.shown`), its ``\\d``
    written as the ASCII digits it means in Java."""
    return _ascii_digits(bounds.shown(model_pattern))


def _ascii_digits(pattern: str) -> str:
    """Rewrite ``\\d`` as ``[0-9]`` (``0-9`` inside a class)."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        pair = pattern[i : i + 2]
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


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


#: A UTF-16 surrogate code point: JSON's ``\\ud800`` escape makes one that UTF-8 cannot encode,
#: so it could be neither stored nor answered (a pair arrives as the one character it encodes).
_SURROGATE = re.compile("[\ud800-\udfff]")
