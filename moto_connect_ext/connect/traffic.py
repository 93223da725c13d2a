"""Global resiliency: replicated instances and traffic distribution groups (TDGs).

An instance replicated into its partner Region exists in both with the same id; a TDG lives in the
instance's source Region and makes the numbers claimed to it visible from both Regions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from moto.core.common_models import BaseModel
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState
from moto.utilities.utils import get_partition

from .config import TDG_MODEL
from .exceptions import InvalidRequestException

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
    ) -> None:
        self.id = str(mock_random.uuid4())
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
        from moto.connect.models import connect_backends

        tagger = connect_backends[self.account_id][self.home_region].tagger
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
