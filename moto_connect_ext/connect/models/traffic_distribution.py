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
from .base import connect_backend, locked
from .idempotency import idempotent
from .number_search import Target
from .phone_numbers import PhoneNumber, PhoneNumbersMixin

if TYPE_CHECKING:
    from moto.connect.models import Instance
    from moto.utilities.arns import Arn

    from . import ConnectBackend

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


class TrafficDistributionMixin(PhoneNumbersMixin):
    """One account's replications and TDGs in one Region, and the numbers claimed to its TDGs,
    which the partner Region sees too."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.groups: dict[str, TrafficDistributionGroup] = {}
        self.replications: dict[str, Replication] = {}

    # -- numbers claimed to a TDG ------------------------------------------------------------

    def _target(
        self,
        target_arn: str | None,
        instance_id: str | None,
        unknown: type[Exception] = ResourceNotFoundException,
        home_only: bool = True,
    ) -> Target:
        """A TDG's ARN names the group: its numbers have no instance of their own."""
        arn = arns.parse(target_arn) if target_arn is not None else None
        if target_arn is None or arn is None or arn.resource_type != "traffic-distribution-group":
            return super()._target(target_arn, instance_id, unknown, home_only)
        if instance_id is not None:
            raise InvalidParameterException(
                "InstanceId cannot be combined with a traffic distribution group TargetArn."
            )
        group = self._group(target_arn, unknown, home_only=home_only, by_claim=True)
        return Target(group.arn, None, group)

    @staticmethod
    def _partner_of(number: PhoneNumber | None) -> ConnectBackend | None:
        """The other Region's backend for a TDG number, which lists it too."""
        if number is None or number.group is None:
            return None
        return connect_backend(number.account_id, number.group.replication.other(number.region))

    def _add(self, number: PhoneNumber) -> None:
        super()._add(number)
        partner = self._partner_of(number)
        if partner is not None:
            partner._show(number)

    def _detach(self, number: PhoneNumber) -> None:
        super()._detach(number)
        partner = self._partner_of(number)
        if partner is not None:
            partner._hide(number)

    def _number_of_region(
        self, phone_number_id: str, arn: Arn, partner_view: bool
    ) -> PhoneNumber | None:
        """A TDG number is visible from the partner Region by its ARN only; there only
        ``partner_view`` operations (Describe) may use it, the others belong to its home Region."""
        home = self._peer(arn.region)
        number = home.numbers.get(arn.resource_id) if home else None
        if self._partner_of(number) is not self:
            return None
        if number is not None and not partner_view:
            raise InvalidParameterException(
                f"Phone number {phone_number_id} belongs to {number.region}; "
                "call this operation there."
            )
        return number

    # -- replication and TDGs ----------------------------------------------------------------

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
