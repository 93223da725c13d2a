"""Structural checks of Amazon Connect Flow-language content, as PUBLISHED content gets them.

AWS documents the language's frame (Version, StartAction, Actions, Identifier rules, Transitions)
but not its validator's wording, nor an action catalogue that this module could keep current; so
only the documented structural rules are checked, each broken rule giving one problem in words of
our own. Action ``Type`` values are not checked against a list.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

from moto.core.utils import get_service_model

from .flow_content import VERSION, content_length_problem

#: "A single Flow may have no more than 250 Actions defined."
MAX_ACTIONS = 250
MAX_IDENTIFIER = 50
FORBIDDEN_IDENTIFIER_CHARACTERS = frozenset("%:()\\/=$,;[]{}")
RESERVED_IDENTIFIERS = frozenset(
    {
        "__proto__",
        "constructor",
        "__defineGetter__",
        "__defineSetter__",
        "toString",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "valueOf",
    }
)
_QUOTED = 60


@cache
def problem_limits() -> tuple[int, int]:
    """How many problems InvalidContactFlowException holds, and how long each message may be: the
    ``max`` of the model's ``Problems`` and of its ``ProblemMessageString``."""
    shape: Any = get_service_model("connect").shape_for("Problems")
    return shape.metadata["max"], shape.member.members["message"].metadata["max"]


def problems(content: str) -> list[str]:
    """What is structurally wrong with Flow-language content: at most 50 messages, none if valid."""
    most, longest = problem_limits()
    found = [message[:longest] for message in _problems(content)]
    return found[:most]


def _quote(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _QUOTED else text[: _QUOTED - 3] + "..."


def _problems(content: str) -> Iterator[str]:
    too_long = content_length_problem(content)
    if too_long:
        yield too_long
        return
    try:
        flow = json.loads(content)
    except (ValueError, RecursionError):
        yield "Content is not valid JSON."
        return
    if not isinstance(flow, dict):
        yield "Content must be a JSON object."
        return
    if flow.get("Version") != VERSION:
        yield f"Version must be {VERSION!r}, not {_quote(flow.get('Version'))}."
    actions = flow.get("Actions")
    if not isinstance(actions, list):
        yield "Actions must be a list of actions."
        return
    if len(actions) > MAX_ACTIONS:
        yield f"A flow may have at most {MAX_ACTIONS} actions; this one has {len(actions)}."
    identifiers: set[str] = set()
    for index, action in enumerate(actions):
        yield from _action_problems(index, action, identifiers)
    start = flow.get("StartAction")
    if not isinstance(start, str) or start not in identifiers:
        yield f"StartAction {_quote(start)} does not name an action of the flow."
    for index, action in enumerate(actions):
        if isinstance(action, dict):
            yield from _transition_problems(index, action, identifiers)


def _action_problems(index: int, action: Any, identifiers: set[str]) -> Iterator[str]:
    where = f"Actions[{index}]"
    if not isinstance(action, dict):
        yield f"{where} must be a JSON object."
        return
    identifier = action.get("Identifier")
    if not isinstance(identifier, str) or not identifier:
        yield f"{where}.Identifier must be a non-empty string."
    else:
        yield from _identifier_problems(where, identifier, identifiers)
        identifiers.add(identifier)
    action_type = action.get("Type")
    if not isinstance(action_type, str) or not action_type:
        yield f"{where}.Type must be a non-empty string."
    transitions = action.get("Transitions")
    if transitions is not None and not isinstance(transitions, dict):
        yield f"{where}.Transitions must be a JSON object."


def _identifier_problems(where: str, identifier: str, seen: set[str]) -> Iterator[str]:
    quoted = _quote(identifier)
    if identifier in seen:
        yield f"{where}.Identifier {quoted} is not unique in the flow."
    if len(identifier) > MAX_IDENTIFIER:
        yield f"{where}.Identifier {quoted} is longer than {MAX_IDENTIFIER} characters."
    bad = sorted(FORBIDDEN_IDENTIFIER_CHARACTERS.intersection(identifier))
    if bad:
        yield f"{where}.Identifier {quoted} contains {' '.join(bad)}, which are not allowed."
    if identifier in RESERVED_IDENTIFIERS:
        yield f"{where}.Identifier {quoted} is a reserved name."


def _transition_problems(
    index: int, action: dict[str, Any], identifiers: set[str]
) -> Iterator[str]:
    transitions = action.get("Transitions")
    if not isinstance(transitions, dict):
        return
    where = f"Actions[{index}].Transitions"
    targets: list[tuple[str, Any]] = []
    if "NextAction" in transitions:
        targets.append((f"{where}.NextAction", transitions["NextAction"]))
    for branch in ("Errors", "Conditions"):
        entries = transitions.get(branch, [])
        if not isinstance(entries, list):
            yield f"{where}.{branch} must be a list."
            continue
        for position, entry in enumerate(entries):
            if not isinstance(entry, dict):
                yield f"{where}.{branch}[{position}] must be a JSON object."
            else:
                targets.append(
                    (f"{where}.{branch}[{position}].NextAction", entry.get("NextAction"))
                )
    for path, target in targets:
        if not isinstance(target, str) or target not in identifiers:
            yield f"{path} {_quote(target)} does not name an action of the flow."
