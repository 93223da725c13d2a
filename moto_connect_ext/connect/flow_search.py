"""SearchContactFlows' criteria and filter, evaluated against one flow.

The request arrives already checked against the model (shapes, enums); what the model cannot say is
checked here: the documented field names of a ``StringCondition`` (``name``, ``description``) and
the 2-25 characters of a ``CONTAINS`` value. String comparisons ignore case (modelled).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from .exceptions import InvalidParameterException

#: "The currently supported values for FieldName are name and description."
STRING_FIELDS = ("name", "description")
#: "name and description fields support 'contains' queries with a minimum of 2 characters and a
#: maximum of 25 characters."
CONTAINS_LENGTH = (2, 25)


class Searchable(Protocol):
    name: str
    description: str | None
    type: str
    state: str

    @property
    def status(self) -> str: ...


def check_criteria(criteria: Mapping[str, Any] | None) -> None:
    """Raise InvalidParameterException for a string condition the service does not support."""
    if not criteria:
        return
    for branch in ("OrConditions", "AndConditions"):
        for nested in criteria.get(branch) or []:
            check_criteria(nested)
    condition = criteria.get("StringCondition")
    if condition is None:
        return
    field = (condition.get("FieldName") or "").lower()
    if field not in STRING_FIELDS:
        raise InvalidParameterException(
            f"StringCondition.FieldName must be one of {', '.join(STRING_FIELDS)}, "
            f"not {condition.get('FieldName')!r}."
        )
    value = condition.get("Value")
    if value is None or condition.get("ComparisonType") is None:
        raise InvalidParameterException("StringCondition needs a Value and a ComparisonType.")
    low, high = CONTAINS_LENGTH
    if condition["ComparisonType"] == "CONTAINS" and not low <= len(value) <= high:
        raise InvalidParameterException(
            f"A CONTAINS value must be {low}-{high} characters long, not {len(value)}."
        )


def matches_criteria(flow: Searchable, criteria: Mapping[str, Any] | None) -> bool:
    """Every member a criteria node has must hold (an empty node matches every flow)."""
    if not criteria:
        return True
    ors = criteria.get("OrConditions")
    if ors is not None and not any(matches_criteria(flow, c) for c in ors):
        return False
    if not all(matches_criteria(flow, c) for c in criteria.get("AndConditions") or []):
        return False
    for member, value in (
        ("TypeCondition", flow.type),
        ("StateCondition", flow.state),
        ("StatusCondition", flow.status),
    ):
        if criteria.get(member) not in (None, value):
            return False
    condition = criteria.get("StringCondition")
    return condition is None or _string_matches(flow, condition)


def _string_matches(flow: Searchable, condition: Mapping[str, Any]) -> bool:
    text: str = (getattr(flow, condition["FieldName"].lower()) or "").casefold()
    wanted: str = condition["Value"].casefold()
    comparison = condition["ComparisonType"]
    if comparison == "EXACT":
        return text == wanted
    if comparison == "STARTS_WITH":
        return text.startswith(wanted)
    return wanted in text


def matches_filter(
    flow: Searchable, tags: Mapping[str, str], search_filter: Mapping[str, Any] | None
) -> bool:
    """SearchFilter: its TagFilter and its FlowAttributeFilter must both hold, where given."""
    if not search_filter:
        return True
    tag_filter = search_filter.get("TagFilter")
    if tag_filter and not _tag_filter_matches(tags, tag_filter):
        return False
    attributes = search_filter.get("FlowAttributeFilter")
    return not attributes or _attribute_filter_matches(flow, tags, attributes)


def _tag_matches(tags: Mapping[str, str], condition: Mapping[str, Any]) -> bool:
    key, value = condition.get("TagKey"), condition.get("TagValue")
    if key is None:
        return value is None or value in tags.values()
    return key in tags and (value is None or tags[key] == value)


def _all_tags(tags: Mapping[str, str], conditions: list[Mapping[str, Any]]) -> bool:
    return all(_tag_matches(tags, c) for c in conditions)


def _tag_filter_matches(tags: Mapping[str, str], tag_filter: Mapping[str, Any]) -> bool:
    ors = tag_filter.get("OrConditions")
    if ors is not None and not any(_all_tags(tags, group) for group in ors):
        return False
    if not _all_tags(tags, tag_filter.get("AndConditions") or []):
        return False
    single = tag_filter.get("TagCondition")
    return single is None or _tag_matches(tags, single)


def _and_condition_matches(
    flow: Searchable, tags: Mapping[str, str], condition: Mapping[str, Any]
) -> bool:
    if not _all_tags(tags, condition.get("TagConditions") or []):
        return False
    wanted_type = (condition.get("ContactFlowTypeCondition") or {}).get("ContactFlowType")
    return wanted_type in (None, flow.type)


def _attribute_filter_matches(
    flow: Searchable, tags: Mapping[str, str], attributes: Mapping[str, Any]
) -> bool:
    ors = attributes.get("OrConditions")
    if ors is not None and not any(_and_condition_matches(flow, tags, c) for c in ors):
        return False
    single_and = attributes.get("AndCondition")
    if single_and is not None and not _and_condition_matches(flow, tags, single_and):
        return False
    tag = attributes.get("TagCondition")
    if tag is not None and not _tag_matches(tags, tag):
        return False
    return _and_condition_matches(flow, tags, attributes)
