"""Contact flows: create, describe, list, update and delete, and the default flows.

Each instance's flows live in an :class:`InstanceFlows`, made on first use: a new instance's holds
the default flows, a replica's a copy of its source's (same ids, ARNs of its Region). Writes to the
flows of a replicated instance apply to both Regions (our reading: AWS replicates them, its
documents do not say how). Searching flows (:mod:`.contact_flow_search`) and pointing numbers at
them (:mod:`.flow_associations`) are families of their own, built on this one.
"""

from __future__ import annotations

import bisect
import copy
import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Any

from moto.utilities.tagging_service import TaggingService
from moto.utilities.utils import get_partition

from ...compat import mock_random
from .. import bounds, flow_content, pagination
from ..config import now
from ..default_flows import DEFAULT_FLOWS
from ..exceptions import (
    ContactFlowNotPublishedException,
    DuplicateResourceException,
    InvalidParameterException,
    LimitExceededException,
    ResourceNotFoundException,
)
from .base import BackendFamily, connect_backend, locked

if TYPE_CHECKING:
    from moto.connect.models import Instance

    # Type-only, the family's model this one reads through the composed backend (see base.py).
    from .traffic_distribution import Replication

_LIST_PAGE_DEFAULT = 100
#: The suffix that names a flow's saved (unpublished) content.
SAVED = "$SAVED"
_FLOW_ARN = re.compile(
    r"^arn:aws[a-z-]*:connect:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):"
    r"instance/(?P<instance>[^/]+)/contact-flow/(?P<flow>[^/:]+)(?::(?P<suffix>.+))?$"
)


class ContactFlow:
    """A flow as one Region sees it; attribute names follow the model's ``ContactFlowSummary``
    members.

    ``published`` is the content calls run; ``saved`` newer content not yet published (or a flow's
    only content while it was never published).
    """

    def __init__(
        self,
        account_id: str,
        region: str,
        instance_id: str,
        flow_id: str,
        name: str,
        flow_type: str,
        description: str | None,
    ) -> None:
        self.id = flow_id
        self.arn = (
            f"arn:{get_partition(region)}:connect:{region}:{account_id}:"
            f"instance/{instance_id}/contact-flow/{flow_id}"
        )
        self.account_id = account_id
        self.region = region
        self.name = name
        self.type = flow_type
        self.description = description
        self.state = "ACTIVE"
        self.published: str | None = None
        self.saved: str | None = None
        self.last_modified_time = now()
        self.last_modified_region = region

    @property
    def status(self) -> str:
        return "SAVED" if self.published is None else "PUBLISHED"

    def touched(self, region: str) -> None:
        self.last_modified_time = now()
        self.last_modified_region = region

    def copy_to(self, region: str) -> ContactFlow:
        """The same flow as another Region's instance of a replicated pair sees it."""
        twin = copy.copy(self)
        twin.region = region
        twin.arn = self.arn.replace(f":{self.region}:", f":{region}:", 1)
        return twin

    # ContactFlowSummary members
    @property
    def contact_flow_type(self) -> str:
        return self.type

    @property
    def contact_flow_state(self) -> str:
        return self.state

    @property
    def contact_flow_status(self) -> str:
        return self.status


@dataclasses.dataclass(frozen=True)
class FlowView:
    """What DescribeContactFlow and SearchContactFlows show of a flow (the model's ``ContactFlow``
    members): its published content, or with ``:$SAVED`` its latest (saved, else published)."""

    arn: str
    id: str
    name: str
    type: str
    state: str
    status: str
    description: str | None
    content: str
    tags: dict[str, str]
    flow_content_sha256: str
    last_modified_time: datetime
    last_modified_region: str

    @classmethod
    def of(cls, flow: ContactFlow, saved: bool, tags: dict[str, str]) -> FlowView:
        content = flow.saved if saved and flow.saved is not None else flow.published
        assert content is not None  # callers refuse a flow without published content
        return cls(
            arn=flow.arn,
            id=flow.id,
            name=flow.name,
            type=flow.type,
            state=flow.state,
            status="SAVED" if saved and flow.saved is not None else "PUBLISHED",
            description=flow.description,
            content=content,
            tags=tags,
            flow_content_sha256=sha256(content),
            last_modified_time=flow.last_modified_time,
            last_modified_region=flow.last_modified_region,
        )


@dataclasses.dataclass(frozen=True)
class CreatedFlow:
    """CreateContactFlow's answer."""

    contact_flow_id: str
    contact_flow_arn: str
    flow_content_sha256: str


def sha256(content: str) -> str:
    return hashlib.sha256(content.encode()).hexdigest()


class InstanceFlows:
    """One instance's flows in one Region, by id and by name."""

    def __init__(self) -> None:
        self.flows: dict[str, ContactFlow] = {}
        self._ids: list[str] = []  # sorted: lists page through them by key
        self.names: dict[str, str] = {}

    def add(self, flow: ContactFlow) -> None:
        self.flows[flow.id] = flow
        bisect.insort(self._ids, flow.id)
        self.names[flow.name] = flow.id

    def remove(self, flow: ContactFlow) -> None:
        del self.flows[flow.id]
        del self._ids[bisect.bisect_left(self._ids, flow.id)]
        del self.names[flow.name]

    def rename(self, flow: ContactFlow, name: str) -> None:
        del self.names[flow.name]
        flow.name = name
        self.names[name] = flow.id

    def after(self, key: str | None) -> Iterator[ContactFlow]:
        start = 0 if key is None else bisect.bisect_right(self._ids, key)
        return (self.flows[i] for i in islice(self._ids, start, None))


class ContactFlowsMixin(BackendFamily):
    """One account's contact flows in one Region."""

    if TYPE_CHECKING:  # from the traffic distribution family
        replications: dict[str, Replication]

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.contact_flows: dict[str, InstanceFlows] = {}

    def _instance_flows(self, instance: Instance) -> InstanceFlows:
        """The instance's flows here, made on first use (see the module docstring)."""
        flows = self.contact_flows.get(instance.id)
        if flows is not None:
            return flows
        flows = self.contact_flows[instance.id] = InstanceFlows()
        replication = self.replications.get(instance.id)
        if replication is not None and replication.replica_region == self.region_name:
            source = connect_backend(self.account_id, replication.source_region)
            for flow in source._instance_flows(source.instances[instance.id]).flows.values():
                twin = flow.copy_to(self.region_name)
                flows.add(twin)
                tags = source._flow_tags(flow)
                if tags:  # as CreateContactFlow tags both Regions' flows of a replicated instance
                    self.tagger.tag_resource(
                        twin.arn, TaggingService.convert_dict_to_tags_input(tags)
                    )
            return flows
        for default in DEFAULT_FLOWS:
            flow = ContactFlow(
                self.account_id,
                self.region_name,
                instance.id,
                str(mock_random.uuid4()),
                default.name,
                default.type,
                None,
            )
            flow.published = default.content
            flows.add(flow)
        return flows

    def _flow_sides(self, instance: Instance) -> list[tuple[ContactFlowsMixin, InstanceFlows]]:
        """This Region's backend and flows of the instance, then its replica's (or source's)."""
        sides: list[tuple[ContactFlowsMixin, InstanceFlows]] = [
            (self, self._instance_flows(instance))
        ]
        replication = self.replications.get(instance.id)
        if replication is not None:
            peer = connect_backend(self.account_id, replication.other(self.region_name))
            sides.append((peer, peer._instance_flows(peer.instances[instance.id])))
        return sides

    def _flow(self, instance: Instance, contact_flow_id: str) -> tuple[ContactFlow, bool]:
        """A flow of the instance by id or ARN, and whether the id carries ``:$SAVED``."""
        match = _FLOW_ARN.match(contact_flow_id)
        if match is not None:
            if (match["region"], match["account"], match["instance"]) != (
                self.region_name,
                self.account_id,
                instance.id,
            ):
                raise ResourceNotFoundException(f"Contact flow not found: {contact_flow_id}")
            flow_id, suffix = match["flow"], match["suffix"]
        else:
            flow_id, _, suffix = contact_flow_id.partition(":")
            suffix = suffix or None
        flow = self._instance_flows(instance).flows.get(flow_id)
        if flow is None or suffix not in (None, SAVED):
            raise ResourceNotFoundException(f"Contact flow not found: {contact_flow_id}")
        return flow, suffix == SAVED

    def _flow_tags(self, flow: ContactFlow) -> dict[str, str]:
        return self.tagger.get_tag_dict_for_resource(flow.arn)

    def _checked_content(self, content: str, publish: bool) -> None:
        """Content of any status must have the documented length; a family may check more of
        the content that is to be published."""
        too_long = flow_content.content_length_problem(content)
        if too_long:
            raise InvalidParameterException(too_long)

    def _ensure_name_free(
        self, flows: InstanceFlows, name: str, flow_id: str | None = None
    ) -> None:
        holder = flows.names.get(name)
        if holder is not None and holder != flow_id:
            raise DuplicateResourceException(
                f"A contact flow named {name!r} already exists in this instance."
            )

    @locked
    def create_contact_flow(
        self,
        instance_id: str,
        name: str,
        type: str,
        content: str,
        description: str | None = None,
        status: str | None = None,
        tags: dict[str, str] | None = None,
    ) -> CreatedFlow:
        bounds.check("CreateContactFlow", Type=type, Status=status)
        instance = self._instance(instance_id)
        publish = status in (None, "PUBLISHED")
        self._checked_content(content, publish)
        sides = self._flow_sides(instance)
        flows = sides[0][1]
        self._ensure_name_free(flows, name)
        limit = self._settings.contact_flows_per_instance
        if len(flows.flows) >= limit:
            raise LimitExceededException(
                f"Instance {instance.id} has reached its limit of {limit} contact flows."
            )
        flow_id = str(mock_random.uuid4())
        for backend, side in reversed(sides):  # this Region's last: its ARN is the answer
            flow = ContactFlow(
                self.account_id, backend.region_name, instance.id, flow_id, name, type, description
            )
            if publish:
                flow.published = content
            else:
                flow.saved = content
            flow.last_modified_region = self.region_name
            if tags:
                backend.tagger.tag_resource(
                    flow.arn, TaggingService.convert_dict_to_tags_input(tags)
                )
            side.add(flow)
        return CreatedFlow(flow_id, flow.arn, sha256(content))

    @locked
    def describe_contact_flow(self, instance_id: str, contact_flow_id: str) -> dict[str, FlowView]:
        flow, saved = self._flow(self._instance(instance_id), contact_flow_id)
        if not saved and flow.published is None:
            raise ContactFlowNotPublishedException(
                f"Contact flow {flow.arn} has no published content; describe it with :{SAVED}."
            )
        return {"ContactFlow": FlowView.of(flow, saved, self._flow_tags(flow))}

    @locked
    def list_contact_flows(
        self,
        instance_id: str,
        contact_flow_types: list[str] | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> dict[str, Any]:
        query = {"InstanceId": instance_id, "ContactFlowTypes": contact_flow_types}
        bounds.check(
            "ListContactFlows", MaxResults=max_results, ContactFlowTypes=contact_flow_types
        )
        after = pagination.decode(next_token, query, InvalidParameterException)
        flows = self._instance_flows(self._instance(instance_id))
        types = set(contact_flow_types or ())
        wanted = (f for f in flows.after(after) if not types or f.type in types)
        page, token = pagination.page(wanted, max_results or _LIST_PAGE_DEFAULT, flow_key, query)
        return {"ContactFlowSummaryList": page, "NextToken": token}

    def _update_flow(
        self,
        instance: Instance,
        flow: ContactFlow,
        change: Callable[[InstanceFlows, ContactFlow], None],
    ) -> None:
        """Apply ``change`` to the flow in this Region and, for a replicated instance, the other."""
        for _, flows in self._flow_sides(instance):
            twin = flows.flows[flow.id]
            change(flows, twin)
            twin.touched(self.region_name)

    @locked
    def update_contact_flow_content(
        self, instance_id: str, contact_flow_id: str, content: str
    ) -> None:
        """Without ``:$SAVED`` the content is checked and published; with it, saved unchecked."""
        instance = self._instance(instance_id)
        flow, saved = self._flow(instance, contact_flow_id)
        self._checked_content(content, publish=not saved)

        def change(_: InstanceFlows, flow: ContactFlow) -> None:
            if saved:
                flow.saved = content
            else:
                flow.published, flow.saved = content, None

        self._update_flow(instance, flow, change)

    def update_contact_flow_name(
        self,
        instance_id: str,
        contact_flow_id: str,
        name: str | None = None,
        description: str | None = None,
    ) -> None:
        self.update_contact_flow_metadata(instance_id, contact_flow_id, name, description)

    @locked
    def update_contact_flow_metadata(
        self,
        instance_id: str,
        contact_flow_id: str,
        name: str | None = None,
        description: str | None = None,
        contact_flow_state: str | None = None,
    ) -> None:
        bounds.check("UpdateContactFlowMetadata", ContactFlowState=contact_flow_state)
        instance = self._instance(instance_id)
        flow, _ = self._flow(instance, contact_flow_id)
        flows = self._instance_flows(instance)
        if name is not None:
            self._ensure_name_free(flows, name, flow.id)
        if contact_flow_state == "ARCHIVED":
            self._ensure_unused(instance, flow, "archived")

        def change(side: InstanceFlows, twin: ContactFlow) -> None:
            if name is not None:
                side.rename(twin, name)
            if description is not None:
                twin.description = description
            if contact_flow_state is not None:
                twin.state = contact_flow_state

        self._update_flow(instance, flow, change)

    def _ensure_unused(self, instance: Instance, flow: ContactFlow, what: str) -> None:
        """A hook before a flow is deleted or archived: a family whose resources point to flows
        refuses a flow in use (nothing here points to one)."""

    @locked
    def delete_contact_flow(self, instance_id: str, contact_flow_id: str) -> None:
        instance = self._instance(instance_id)
        flow, _ = self._flow(instance, contact_flow_id)
        self._ensure_unused(instance, flow, "deleted")
        for backend, flows in self._flow_sides(instance):
            twin = flows.flows[flow.id]
            backend.tagger.delete_all_tags_for_resource(twin.arn)
            flows.remove(twin)

    def _check_tag_target(self, resource_arn: str, adding: dict[str, str] | None) -> None:
        """Tag operations on a contact-flow ARN need a flow of an instance of this account here."""
        super()._check_tag_target(resource_arn, adding)
        match = _FLOW_ARN.match(resource_arn)
        if match is None:
            if "/contact-flow/" in resource_arn:
                raise ResourceNotFoundException(f"Resource not found: {resource_arn}")
            return
        instance = self.instances.get(match["instance"])
        if (
            (match["region"], match["account"]) != (self.region_name, self.account_id)
            or match["suffix"] is not None
            or instance is None
            or match["flow"] not in self._instance_flows(instance).flows
        ):
            raise ResourceNotFoundException(f"Resource not found: {resource_arn}")

    # -- hooks of the instance lifecycle ------------------------------------------------

    def _instance_deleted(self, instance_id: str) -> None:
        """DeleteInstance: the instance's flows and their tags go here (the traffic distribution
        family calls this hook on a replica deleted with its source)."""
        flows = self.contact_flows.pop(instance_id, None)
        for flow in flows.flows.values() if flows else ():
            self.tagger.delete_all_tags_for_resource(flow.arn)
        super()._instance_deleted(instance_id)


def flow_key(flow: ContactFlow) -> str:
    """A flow's place in a page of flows: its id."""
    return flow.id
