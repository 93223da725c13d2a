"""Which contact flow each phone number points to: AssociatePhoneNumberContactFlow,
DisassociatePhoneNumberContactFlow, ListFlowAssociations and BatchGetFlowAssociation.

An association lives with the number's instance in the number's Region and, for a number claimed
to a traffic distribution group, in the partner Region too (our reading: AWS replicates it, its
documents do not say how). A flow a number points to can be neither deleted nor archived; a
number that leaves its instance loses its association.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from .. import bounds, pagination
from ..exceptions import (
    InvalidParameterException,
    InvalidRequestException,
    ResourceNotFoundException,
)
from .base import connect_backend, locked
from .contact_flows import ContactFlow, ContactFlowsMixin, InstanceFlows

if TYPE_CHECKING:
    from moto.connect.models import Instance

    # Type-only, the family's model this one reads through the composed backend (see base.py).
    from .phone_numbers import PhoneNumber

_ASSOCIATIONS_PAGE_DEFAULT = 100
VOICE = "VOICE_PHONE_NUMBER"


@dataclasses.dataclass(frozen=True)
class FlowAssociation:
    """A ``FlowAssociationSummary``: ARNs, as Terraform's association resource reads them."""

    resource_id: str
    flow_id: str
    resource_type: str = VOICE


class NumberFlows:
    """Which flow each number of one instance points to, in one Region."""

    def __init__(self) -> None:
        #: Number ARN -> flow id, and the number ARNs sorted for keyset pages.
        self.associations: dict[str, str] = {}
        self._numbers: list[str] = []
        #: Flow id -> the ARNs of the numbers that point to it.
        self.users: dict[str, set[str]] = {}

    def associate(self, number_arn: str, flow_id: str) -> None:
        self.disassociate(number_arn)
        self.associations[number_arn] = flow_id
        bisect.insort(self._numbers, number_arn)
        self.users.setdefault(flow_id, set()).add(number_arn)

    def disassociate(self, number_arn: str) -> None:
        flow_id = self.associations.pop(number_arn, None)
        if flow_id is None:
            return
        del self._numbers[bisect.bisect_left(self._numbers, number_arn)]
        users = self.users[flow_id]
        users.discard(number_arn)
        if not users:
            del self.users[flow_id]

    def summary(self, number_arn: str, flows: InstanceFlows) -> FlowAssociation:
        return FlowAssociation(number_arn, flows.flows[self.associations[number_arn]].arn)

    def numbers_after(self, key: str | None) -> Iterator[str]:
        start = 0 if key is None else bisect.bisect_right(self._numbers, key)
        return islice(self._numbers, start, None)


class FlowAssociationsMixin(ContactFlowsMixin):
    """Which flow each of one account's numbers points to, in one Region."""

    if TYPE_CHECKING:  # from the phone-number family

        def _number(self, phone_number_id: str, partner_view: bool = False) -> PhoneNumber: ...

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.flow_associations: dict[str, NumberFlows] = {}

    def _number_flows(self, instance: Instance) -> NumberFlows:
        """The instance's associations here; made with its flows, which they point to."""
        self._instance_flows(instance)
        return self.flow_associations.setdefault(instance.id, NumberFlows())

    def _number_on(self, instance: Instance, phone_number_id: str) -> PhoneNumber:
        """A number of the instance (or of a TDG of it) that may be associated: by UUID or ARN in
        the number's Region, by ARN only from a TDG's partner Region."""
        number = self._number(phone_number_id, partner_view=True)
        if number.served_instance_id != instance.id:
            raise ResourceNotFoundException(
                f"Phone number {number.phone_number_arn} is not claimed to instance {instance.id}."
            )
        return number

    def _association_sides(
        self, number: PhoneNumber, instance_id: str, made_only: bool = False
    ) -> list[NumberFlows]:
        """Where a number's association lives: its instance here, and for a TDG number the
        instance in the partner Region too. ``made_only``: only associations already made
        (an instance whose flows were never used has no association to drop)."""
        regions = [number.region]
        if number.group is not None:
            regions.append(number.group.replication.other(number.region))
        sides = []
        for region in regions:
            backend = connect_backend(self.account_id, region)
            instance = backend.instances.get(instance_id)
            if made_only:
                made = backend.flow_associations.get(instance_id)
                sides += [made] if made is not None else []
            elif instance is not None:
                sides.append(backend._number_flows(instance))
        return sides

    def _ensure_unused(self, instance: Instance, flow: ContactFlow, what: str) -> None:
        """A flow a number points to, in either Region of a replicated instance, cannot be
        deleted or archived."""
        regions = [self.region_name]
        replication = self.replications.get(instance.id)
        if replication is not None:
            regions.append(replication.other(self.region_name))
        users = set().union(
            *(
                made.users.get(flow.id, ())
                for region in regions
                if (
                    made := connect_backend(self.account_id, region).flow_associations.get(
                        instance.id
                    )
                )
                is not None
            )
        )
        if users:
            raise InvalidRequestException(
                f"Contact flow {flow.arn} cannot be {what}: phone number {min(users)} is "
                "associated with it."
            )
        super()._ensure_unused(instance, flow, what)

    @locked
    def associate_phone_number_contact_flow(
        self, phone_number_id: str, instance_id: str, contact_flow_id: str
    ) -> None:
        instance = self._instance(instance_id)
        number = self._number_on(instance, phone_number_id)
        if number.status != "CLAIMED":
            raise InvalidParameterException(
                f"Phone number {number.phone_number_arn} is {number.status}; only a CLAIMED "
                "number can be associated with a flow."
            )
        flow, _ = self._flow(instance, contact_flow_id)
        reason = _unassociable(flow)
        if reason:
            raise InvalidParameterException(
                f"Contact flow {flow.arn} cannot be associated with a phone number: {reason}."
            )
        for side in self._association_sides(number, instance.id):
            side.associate(number.phone_number_arn, flow.id)

    @locked
    def disassociate_phone_number_contact_flow(
        self, phone_number_id: str, instance_id: str
    ) -> None:
        instance = self._instance(instance_id)
        number = self._number_on(instance, phone_number_id)
        sides = self._association_sides(number, instance.id)
        if number.phone_number_arn not in sides[0].associations:
            raise ResourceNotFoundException(
                f"Phone number {number.phone_number_arn} is not associated with a flow in "
                f"instance {instance.id}."
            )
        for side in sides:
            side.disassociate(number.phone_number_arn)

    @locked
    def list_flow_associations(
        self,
        instance_id: str,
        resource_type: str | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> dict[str, Any]:
        query = {"InstanceId": instance_id, "ResourceType": resource_type}
        bounds.check("ListFlowAssociations", MaxResults=max_results, ResourceType=resource_type)
        after = pagination.decode(next_token, query, InvalidParameterException)
        instance = self._instance(instance_id)
        made = self._number_flows(instance)
        numbers = made.numbers_after(after) if resource_type in (None, VOICE) else iter(())
        page, token = pagination.page(
            numbers, max_results or _ASSOCIATIONS_PAGE_DEFAULT, str, query
        )
        flows = self._instance_flows(instance)
        summaries = [made.summary(arn, flows) for arn in page]
        return {"FlowAssociationSummaryList": summaries, "NextToken": token}

    @locked
    def batch_get_flow_association(
        self, instance_id: str, resource_ids: list[str], resource_type: str | None = None
    ) -> dict[str, Any]:
        """The associations of the named numbers (by ARN), in the order asked; others are left out."""
        bounds.check("BatchGetFlowAssociation", ResourceType=resource_type)
        instance = self._instance(instance_id)
        made, flows = self._number_flows(instance), self._instance_flows(instance)
        wanted = dict.fromkeys(resource_ids) if resource_type in (None, VOICE) else {}
        found = [made.summary(arn, flows) for arn in wanted if arn in made.associations]
        return {"FlowAssociationSummaryList": found}

    # -- hooks of the number and instance lifecycles -----------------------------------------

    def _number_leaves(self, number: PhoneNumber) -> None:
        """A number released, moved or let go loses its flow associations."""
        instance_id = number.served_instance_id
        if instance_id is not None:
            for side in self._association_sides(number, instance_id, made_only=True):
                side.disassociate(number.phone_number_arn)
        super()._number_leaves(number)

    def _instance_deleted(self, instance_id: str) -> None:
        """DeleteInstance: the instance's associations go with its flows."""
        self.flow_associations.pop(instance_id, None)
        super()._instance_deleted(instance_id)


def _unassociable(flow: ContactFlow) -> str | None:
    """Why a number cannot point to this flow, or None."""
    if flow.type != "CONTACT_FLOW":
        return f"its type is {flow.type}, not CONTACT_FLOW"
    if flow.state != "ACTIVE":
        return f"it is {flow.state}"
    if flow.published is None:
        return "it is not published"
    return None
