"""GetTrafficDistribution and UpdateTrafficDistribution: how a TDG splits calls, agents and
sign-in between its two Regions.

A new TDG sends everything to its home Region (:class:`.TrafficDistributionGroup` holds the
configurations); this family reads and changes them while the group is ACTIVE.
"""

from __future__ import annotations

from typing import Any

from ..exceptions import (
    InvalidRequestException,
    ResourceConflictException,
    ResourceNotFoundException,
)
from .base import locked
from .traffic_distribution import (
    Distribution,
    DistributionConfig,
    SignInDistribution,
    TrafficDistributionGroup,
    TrafficDistributionMixin,
)


class TrafficDistributionConfigMixin(TrafficDistributionMixin):
    """The distributions of one account's TDGs in one Region."""

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
        """Applied after all of it is checked: nothing changes on error."""
        group = self._active_group(id, ResourceConflictException)
        regions = {group.replication.source_region, group.replication.replica_region}
        telephony = _percentages(telephony_config, regions, "TelephonyConfig")
        agent = _percentages(agent_config, regions, "AgentConfig")
        sign_in = None
        if sign_in_config is not None:
            if not group.is_default:
                raise InvalidRequestException(
                    "SignInConfig can be updated only on the default traffic distribution group."
                )
            items = sign_in_config["Distributions"]
            if {item["Region"] for item in items} - regions:
                raise InvalidRequestException(
                    f"SignInConfig may name only the Regions {', '.join(sorted(regions))}."
                )
            sign_in = DistributionConfig(
                [SignInDistribution(item["Region"], item["Enabled"]) for item in items]
            )
        group.telephony_config = telephony or group.telephony_config
        group.agent_config = agent or group.agent_config
        group.sign_in_config = sign_in or group.sign_in_config

    def _active_group(self, group_id: str, not_active: type[Exception]) -> TrafficDistributionGroup:
        group = self._group(group_id)
        if group.status != "ACTIVE":
            raise not_active(
                f"Traffic distribution group {group.arn} is {group.status}, not ACTIVE."
            )
        return group


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
