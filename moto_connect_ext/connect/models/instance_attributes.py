"""Instance attributes: DescribeInstanceAttribute, UpdateInstanceAttribute, ListInstanceAttributes.

Every type of the model's ``InstanceAttributeType`` enum has a value on every instance, the text
``"true"`` or ``"false"``. ``INBOUND_CALLS`` and ``OUTBOUND_CALLS`` are the instance's
``InboundCallsEnabled``/``OutboundCallsEnabled`` (what CreateInstance set and DescribeInstance
shows); the others start at the defaults below and are kept here, per instance.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from moto.core.utils import get_service_model

from .. import bounds, pagination
from ..exceptions import InvalidParameterException
from .base import BackendFamily, locked

if TYPE_CHECKING:
    from moto.connect.models import Instance

#: The defaults the Terraform provider records as "verified default result from
#: ListInstanceAttributes()" (internal/service/connect/instance.go); every other type not set at
#: creation starts ``false`` (decided).
DEFAULTS = {
    "AUTO_RESOLVE_BEST_VOICES": "true",
    "CONTACT_LENS": "true",
    "EARLY_MEDIA": "true",
}
#: The attribute types DescribeInstance shows as booleans of the instance itself.
_ON_INSTANCE = {
    "INBOUND_CALLS": "inbound_calls_enabled",
    "OUTBOUND_CALLS": "outbound_calls_enabled",
}
_VALUES = ("true", "false")


@cache
def attribute_types() -> tuple[str, ...]:
    """The model's attribute types, in the model's order (the order ListInstanceAttributes uses)."""
    shape = get_service_model("connect").shape_for("InstanceAttributeType")
    return tuple(shape.metadata["enum"])


def _page_size() -> int:
    """A page holds as many attributes as the model's ``MaxResults`` allows (decided)."""
    members = get_service_model("connect").operation_model("ListInstanceAttributes").input_shape
    return int(members.members["MaxResults"].metadata["max"])


class InstanceAttributesMixin(BackendFamily):
    """Per instance, the value of each attribute type that is not a member of the instance."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.instance_attributes: dict[str, dict[str, str]] = {}

    def _attribute_value(self, instance: Instance, attribute_type: str) -> str:
        member = _ON_INSTANCE.get(attribute_type)
        if member is not None:
            return "true" if getattr(instance, member) else "false"
        values = self.instance_attributes.get(instance.id, {})
        return values.get(attribute_type, DEFAULTS.get(attribute_type, "false"))

    @locked
    def describe_instance_attribute(self, instance_id: str, attribute_type: str) -> dict[str, Any]:
        bounds.check("DescribeInstanceAttribute", AttributeType=attribute_type)
        instance = self._instance(instance_id)
        value = self._attribute_value(instance, attribute_type)
        return {"Attribute": {"AttributeType": attribute_type, "Value": value}}

    @locked
    def update_instance_attribute(
        self,
        instance_id: str,
        attribute_type: str,
        value: str,
        client_token: str | None = None,
    ) -> None:
        """Set one attribute. The token needs no ledger: a retry sets the same value again."""
        bounds.check("UpdateInstanceAttribute", AttributeType=attribute_type)
        instance = self._instance(instance_id)
        if value not in _VALUES:
            raise InvalidParameterException(
                f"1 validation error detected: Value '{value}' at 'value' failed to satisfy "
                "constraint: Member must satisfy enum value set: [true, false]"
            )
        member = _ON_INSTANCE.get(attribute_type)
        if member is not None:
            setattr(instance, member, value == "true")
        else:
            self.instance_attributes.setdefault(instance.id, {})[attribute_type] = value

    @locked
    def list_instance_attributes(
        self, instance_id: str, next_token: str | None = None, max_results: int | None = None
    ) -> dict[str, Any]:
        bounds.check("ListInstanceAttributes", MaxResults=max_results)
        instance = self._instance(instance_id)
        query = {"InstanceId": instance.id}
        after = pagination.decode(next_token, query, InvalidParameterException)
        types = attribute_types()
        start = types.index(after) + 1 if after in types else 0
        attributes = (
            {"AttributeType": name, "Value": self._attribute_value(instance, name)}
            for name in types[start:]
        )
        page, token = pagination.page(
            attributes, max_results or _page_size(), lambda a: a["AttributeType"], query
        )
        return {"Attributes": page, "NextToken": token}

    def _instance_deleted(self, instance_id: str) -> None:
        """DeleteInstance: its attributes go with it."""
        self.instance_attributes.pop(instance_id, None)
        super()._instance_deleted(instance_id)
