"""Global resiliency: replicated instances and traffic distribution groups (TDGs).

An instance replicated into its partner Region exists in both with the same id; a TDG lives in the
instance's source Region and makes the numbers claimed to it visible from both Regions.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from moto.core.common_models import BaseModel
from moto.utilities.tagging_service import TaggingService
from moto.utilities.utils import get_partition

from ...compat import ManagedState, mock_random
from .. import arns, bounds, pagination
from ..config import TDG_MODEL
from ..exceptions import (
    InvalidParameterException,
    InvalidRequestException,
    ResourceConflictException,
    ResourceInUseException,
    ResourceNotFoundException,
)
from .base import BackendFamily, connect_backend, locked
from .idempotency import idempotent

if TYPE_CHECKING:
    from moto.connect.models import Instance

    # Type-only circle left: a TDG holds numbers and a number is claimed to a TDG (a domain pair).
    from .phone_numbers import PhoneNumber

_TDG_PAGE_DEFAULT = 10

#: The Region pairs ReplicateInstance supports (AWS: ReplicateInstance API reference).
REPLICA_REGIONS = {
    "us-east-1": "us-west-2",
    "us-west-2": "us-east-1",
    "eu-central-1": "eu-west-2",
    "eu-west-2": "eu-central-1",
}


@dataclass
class Replication:
    """An instance and its replica: one object shared by both Regions' backends."""

    instance_id: str
    source_region: str
    replica_region: str
    replica_alias: str

    def other(self, region: str) -> str:
        return self.replica_region if region == self.source_region else self.source_region


@dataclass
class Distribution:
    region: str
    percentage: int


@dataclass
class SignInDistribution:
    region: str
    enabled: bool


@dataclass
class DistributionConfig:
    distributions: list[Any] = field(default_factory=list)


class TrafficDistributionGroup(BaseModel):
    """Attribute names follow the model's ``TrafficDistributionGroup`` members."""

    def __init__(
        self,
        account_id: str,
        replication: Replication,
        instance_arn: str,
        name: str,
        description: str | None,
        is_default: bool,
        group_id: str | None = None,
    ) -> None:
        """``group_id`` is given only by a snapshot's restore; a create draws a new one."""
        self.id = group_id or str(mock_random.uuid4())
        region = replication.source_region
        self.arn = (
            f"arn:{get_partition(region)}:connect:{region}:{account_id}:"
            f"traffic-distribution-group/{self.id}"
        )
        self.account_id = account_id
        self.replication = replication
        self.instance_id = replication.instance_id
        self.instance_arn = instance_arn
        self.name = name
        self.description = description
        self.is_default = is_default
        self._state = ManagedState(TDG_MODEL, [("CREATION_IN_PROGRESS", "ACTIVE")])
        self._deletion: ManagedState | None = None
        home, other = replication.source_region, replication.replica_region
        self.telephony_config = DistributionConfig(
            [Distribution(home, 100), Distribution(other, 0)]
        )
        self.agent_config = DistributionConfig([Distribution(home, 100), Distribution(other, 0)])
        self.sign_in_config = (
            DistributionConfig([SignInDistribution(home, True), SignInDistribution(other, True)])
            if is_default
            else None
        )

    @property
    def tags(self) -> dict[str, str] | None:
        """Tags live in moto's tagger of the home Region; the model's TagMap has at least one."""
        tagger = connect_backend(self.account_id, self.home_region).tagger
        return tagger.get_tag_dict_for_resource(self.arn) or None

    @property
    def home_region(self) -> str:
        return self.replication.source_region

    @property
    def status(self) -> str:
        if self._deletion is not None:
            return str(self._deletion.status)
        return str(self._state.status)

    def advance(self) -> None:
        (self._deletion or self._state).advance()

    def start_deletion(self) -> None:
        self._deletion = ManagedState(TDG_MODEL, [("PENDING_DELETION", "DELETED")])

    def resume_progress(self, status: str) -> None:
        """Stand at ``status``, as a snapshot recorded it."""
        if status in ("PENDING_DELETION", "DELETED"):
            self.start_deletion()
            assert self._deletion is not None
            self._deletion.status = status
        elif status in ("CREATION_IN_PROGRESS", "ACTIVE"):
            self._state.status = status
        else:
            raise ValueError(f"{status!r} is not a traffic distribution group status")

    def update_distribution(
        self,
        telephony: dict[str, Any] | None,
        sign_in: dict[str, Any] | None,
        agent: dict[str, Any] | None,
    ) -> None:
        """Apply UpdateTrafficDistribution after checking all of it (nothing changes on error)."""
        regions = {self.replication.source_region, self.replication.replica_region}
        new_telephony = _percentages(telephony, regions, "TelephonyConfig")
        new_agent = _percentages(agent, regions, "AgentConfig")
        new_sign_in = None
        if sign_in is not None:
            if not self.is_default:
                raise InvalidRequestException(
                    "SignInConfig can be updated only on the default traffic distribution group."
                )
            items = sign_in["Distributions"]
            if {item["Region"] for item in items} - regions:
                raise InvalidRequestException(
                    f"SignInConfig may name only the Regions {', '.join(sorted(regions))}."
                )
            new_sign_in = DistributionConfig(
                [SignInDistribution(item["Region"], item["Enabled"]) for item in items]
            )
        if new_telephony is not None:
            self.telephony_config = new_telephony
        if new_agent is not None:
            self.agent_config = new_agent
        if new_sign_in is not None:
            self.sign_in_config = new_sign_in


def _percentages(
    config: dict[str, Any] | None, regions: set[str], name: str
) -> DistributionConfig | None:
    """AWS: name both Regions, in steps of 10, adding up to 100."""
    if config is None:
        return None
    items = config["Distributions"]
    named = [item["Region"] for item in items]
    if sorted(named) != sorted(regions):
        raise InvalidRequestException(
            f"{name} must name each of the Regions {', '.join(sorted(regions))} once."
        )
    percentages = [item["Percentage"] for item in items]
    if any(p % 10 for p in percentages) or sum(percentages) != 100:
        raise InvalidRequestException(
            f"{name} percentages must be multiples of 10 that add up to 100."
        )
    return DistributionConfig([Distribution(item["Region"], item["Percentage"]) for item in items])


class TrafficDistributionMixin(BackendFamily):
    """One account's replications and TDGs in one Region."""

    if TYPE_CHECKING:  # from the phone-number family
        numbers: dict[str, PhoneNumber]

        def _let_go(self, number: PhoneNumber) -> None: ...

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.groups: dict[str, TrafficDistributionGroup] = {}
        self.replications: dict[str, Replication] = {}

    def _group(
        self,
        group_id: str,
        unknown: type[Exception] = ResourceNotFoundException,
        home_only: bool = False,
        by_claim: bool = False,
    ) -> TrafficDistributionGroup:
        """A TDG by id (in its home Region) or ARN (from either Region of the pair).

        AWS: a TDG missing, not ACTIVE (for claims) or of another account is not found; used as a
        claim target from its partner Region it is the wrong Region.
        """
        arn = arns.parse(group_id)
        if arn is None:
            group = self.groups.get(group_id)
        elif arn.resource_type != "traffic-distribution-group" or arn.account != self.account_id:
            group = None
        else:
            home = self._peer(arn.region)
            group = home.groups.get(arn.resource_id) if home else None
            if group is not None and self.region_name not in (
                group.replication.source_region,
                group.replication.replica_region,
            ):
                group = None
        if group is None or group.status == "DELETED":
            raise unknown(f"Traffic distribution group not found: {group_id}")
        if by_claim and group.status != "ACTIVE":
            raise unknown(f"Traffic distribution group {group_id} is not ACTIVE.")
        if home_only and group.home_region != self.region_name:
            raise InvalidParameterException(
                f"Traffic distribution group {group.arn} belongs to {group.home_region}; "
                f"claim and move its numbers there."
            )
        return group

    @locked
    @idempotent(strict=False)
    def replicate_instance(
        self,
        instance_id: str,
        replica_region: str,
        replica_alias: str | None = None,
        client_token: str | None = None,
    ) -> Instance:
        instance = self._instance(instance_id)
        if replica_region == self.region_name:
            raise InvalidRequestException("ReplicaRegion must differ from the instance's Region.")
        if REPLICA_REGIONS.get(self.region_name) != replica_region:
            raise InvalidRequestException(
                f"Instances in {self.region_name} can be replicated only to "
                f"{REPLICA_REGIONS.get(self.region_name, 'no Region')}."
            )
        if instance.id in self.replications:
            raise InvalidRequestException(f"Instance {instance.id} is already replicated.")
        if instance.instance_status != "ACTIVE":
            raise InvalidRequestException(f"Instance {instance.id} is not ACTIVE.")
        if instance.identity_management_type != "SAML":
            raise InvalidRequestException(
                "Only instances with SAML identity management can be replicated."
            )
        if not instance.instance_alias or not replica_alias:
            raise InvalidRequestException("The instance and its replica need an alias.")
        replica_backend = connect_backend(self.account_id, replica_region)
        taken = [
            i.instance_alias
            for backend in (self, replica_backend)
            for i in backend.instances.values()
        ]
        if replica_alias in taken:
            raise ResourceConflictException(f"The alias {replica_alias} is already in use.")
        from moto.connect.models import Instance  # the package imports this module

        replica = Instance(
            identity_management_type=instance.identity_management_type,
            inbound_calls_enabled=instance.inbound_calls_enabled,
            outbound_calls_enabled=instance.outbound_calls_enabled,
            account_id=self.account_id,
            region=replica_region,
            instance_alias=replica_alias,
        )
        replica.id = instance.id
        replica.arn = instance.arn.replace(f":{self.region_name}:", f":{replica_region}:", 1)
        replica_backend.instances[replica.id] = replica
        replication = Replication(instance.id, self.region_name, replica_region, replica_alias)
        self.replications[instance.id] = replica_backend.replications[instance.id] = replication
        default = TrafficDistributionGroup(
            self.account_id,
            replication,
            instance.arn,
            f"{instance.instance_alias}-default",
            None,
            is_default=True,
        )
        self.groups[default.id] = default
        return replica

    @locked
    @idempotent(strict=False)
    def create_traffic_distribution_group(
        self,
        name: str,
        instance_id: str,
        description: str | None = None,
        tags: dict[str, str] | None = None,
        client_token: str | None = None,
    ) -> TrafficDistributionGroup:
        instance = self._instance(instance_id)
        replication = self.replications.get(instance.id)
        if replication is None:
            raise InvalidRequestException(
                f"Instance {instance.id} is not replicated; replicate it first."
            )
        if replication.source_region != self.region_name:
            raise InvalidRequestException(
                f"Create traffic distribution groups in the instance's source Region "
                f"({replication.source_region})."
            )
        group = TrafficDistributionGroup(
            self.account_id, replication, instance.arn, name, description, is_default=False
        )
        if tags:
            self.tagger.tag_resource(group.arn, TaggingService.convert_dict_to_tags_input(tags))
        self.groups[group.id] = group
        return group

    @locked
    def describe_traffic_distribution_group(
        self, traffic_distribution_group_id: str
    ) -> dict[str, TrafficDistributionGroup]:
        group = self._group(traffic_distribution_group_id)
        group.advance()
        return {"TrafficDistributionGroup": group}

    @locked
    def list_traffic_distribution_groups(
        self,
        max_results: int | None = None,
        next_token: str | None = None,
        instance_id: str | None = None,
    ) -> dict[str, Any]:
        query = {"InstanceId": instance_id}
        bounds.check("ListTrafficDistributionGroups", MaxResults=max_results)
        after = pagination.decode(next_token, query, InvalidRequestException)
        wanted_instance = None
        if instance_id is not None:
            wanted_instance = self._instance(instance_id, unknown=InvalidRequestException).id
        groups = sorted(
            (
                group
                for replication in self.replications.values()
                for group in connect_backend(
                    self.account_id, replication.source_region
                ).groups.values()
                if group.replication is replication
                and group.status != "DELETED"
                and wanted_instance in (None, group.instance_id)
            ),
            key=lambda group: group.id,
        )
        start = 0 if after is None else bisect.bisect_right([g.id for g in groups], after)
        page, token = pagination.page(
            groups[start:], max_results or _TDG_PAGE_DEFAULT, _group_id, query
        )
        return {"TrafficDistributionGroupSummaryList": page, "NextToken": token}

    @locked
    def delete_traffic_distribution_group(self, traffic_distribution_group_id: str) -> None:
        group = self._group(traffic_distribution_group_id, unknown=InvalidRequestException)
        if group.home_region != self.region_name:
            raise InvalidRequestException(
                f"Delete traffic distribution group {group.arn} in its Region, {group.home_region}."
            )
        if group.is_default:
            raise InvalidRequestException(
                "The default traffic distribution group cannot be deleted."
            )
        in_use = next((n for n in self.numbers.values() if n.group is group), None)
        if in_use is not None:
            # The model's ResourceType has no TDG member: name the number that holds it.
            raise ResourceInUseException(
                f"Phone numbers are claimed to traffic distribution group {group.arn}; "
                "release or move them first.",
                resource_type="PHONE_NUMBER",
                resource_id=in_use.phone_number_arn,
            )
        group.start_deletion()
        if group.status == "DELETED":
            self._drop_group(group)

    def _drop_group(self, group: TrafficDistributionGroup) -> None:
        del self.groups[group.id]
        self.tagger.delete_all_tags_for_resource(group.arn)

    @locked
    def get_traffic_distribution(self, id: str) -> TrafficDistributionGroup:
        return self._active_group(id, ResourceNotFoundException)

    @locked
    def update_traffic_distribution(
        self,
        id: str,
        telephony_config: dict[str, Any] | None = None,
        sign_in_config: dict[str, Any] | None = None,
        agent_config: dict[str, Any] | None = None,
    ) -> None:
        group = self._active_group(id, ResourceConflictException)
        group.update_distribution(telephony_config, sign_in_config, agent_config)

    def _active_group(self, group_id: str, not_active: type[Exception]) -> TrafficDistributionGroup:
        group = self._group(group_id)
        if group.status != "ACTIVE":
            raise not_active(
                f"Traffic distribution group {group.arn} is {group.status}, not ACTIVE."
            )
        return group

    def _instance_deleted(self, instance_id: str) -> None:
        """Deleting a replicated instance at its source also deletes the replica (with its
        numbers); deleting the replica ends the replication and keeps the source. Either way the
        pair's TDGs go and their numbers are released, so nothing is orphaned."""
        replication = self.replications.get(instance_id)
        if replication is not None:
            for region in (replication.source_region, replication.replica_region):
                backend = connect_backend(self.account_id, region)
                for number in list(backend.numbers.values()):
                    if number.group is not None and number.group.replication is replication:
                        backend._let_go(number)
                for group in list(backend.groups.values()):
                    if group.replication is replication:
                        backend._drop_group(group)
                del backend.replications[instance_id]
            if self.region_name == replication.source_region:
                replica = connect_backend(self.account_id, replication.replica_region)
                replica.instances.pop(instance_id, None)
                replica._instance_deleted(instance_id)
        super()._instance_deleted(instance_id)


def _group_id(group: TrafficDistributionGroup) -> str:
    return group.id
