"""moto's ``ConnectBackend``, extended with one mixin per resource family.

As ``moto/ec2/models/`` composes ``EC2Backend``, each family lives in its own module:
:mod:`.number_search` (searching the stock), :mod:`.phone_numbers` (numbers),
:mod:`.number_inventory` (every number of the stock
searchable), :mod:`.phone_number_lists` (ListPhoneNumbersV2 and ListPhoneNumbers), :mod:`.phone_number_updates`
(moves and descriptions), :mod:`.release_rules` (cooldown and churn),
:mod:`.idempotency` (retries with a client token), :mod:`.traffic_distribution` (replication and
traffic distribution groups), :mod:`.traffic_distribution_config` (their distributions), :mod:`.contact_flows` (flows), :mod:`.flow_content_checks` (the
checks of published content), :mod:`.contact_flow_search` (searching flows),
:mod:`.flow_associations` (the flow each number points to) and
:mod:`.instance_attributes` (the instance's attributes) and :mod:`.tag_limits` (tags per
resource); :mod:`.imported_numbers` adds
ImportPhoneNumber to the phone numbers (it needs the plugin's End User Messaging backend), and
:mod:`.search_offers` the plugin's opt-in offers of searched numbers and :mod:`.blocked_claims`
its choice of the error a blocked claim meets.
A family that builds on another (checks, search and associations on flows, imports on numbers)
comes before it, so that its overrides of the other's hooks apply.
What is process-wide rather than per account and Region (the number stock, cooldowns, search
offers) lives in :mod:`.stock`. The plugin installs this class as the
class of moto's ``connect_backends``, so ``get_backend("connect")[account][region]`` has every
operation the plugin serves.
"""

from __future__ import annotations

from moto.connect.models import ConnectBackend as MotoConnectBackend

from ...compat import copy_state
from .base import connect_backend, expire_due, locked
from .blocked_claims import BlockedClaimErrorMixin
from .contact_flow_search import ContactFlowSearchMixin
from .contact_flows import ContactFlowsMixin
from .flow_associations import FlowAssociationsMixin
from .flow_content_checks import FlowContentChecksMixin
from .idempotency import IdempotencyMixin
from .imported_numbers import ImportedNumbersMixin
from .instance_attributes import InstanceAttributesMixin
from .number_inventory import NumberInventoryMixin
from .phone_number_lists import PhoneNumberListsMixin
from .phone_number_updates import PhoneNumberUpdatesMixin
from .phone_numbers import PhoneNumbersMixin
from .release_rules import ReleaseRulesMixin
from .search_offers import SearchOffersMixin
from .tag_limits import TagLimitsMixin
from .traffic_distribution import TrafficDistributionMixin
from .traffic_distribution_config import TrafficDistributionConfigMixin

__all__ = ["ConnectBackend", "connect_backend", "expire_due"]


class ConnectBackend(
    ImportedNumbersMixin,
    SearchOffersMixin,
    NumberInventoryMixin,
    PhoneNumberListsMixin,
    IdempotencyMixin,
    PhoneNumberUpdatesMixin,
    BlockedClaimErrorMixin,
    TrafficDistributionConfigMixin,
    TrafficDistributionMixin,
    ReleaseRulesMixin,
    PhoneNumbersMixin,
    FlowContentChecksMixin,
    ContactFlowSearchMixin,
    FlowAssociationsMixin,
    ContactFlowsMixin,
    InstanceAttributesMixin,
    TagLimitsMixin,
    MotoConnectBackend,
):
    """One account's Amazon Connect resources in one Region."""

    @locked
    def delete_instance(self, instance_id: str) -> None:
        """moto deletes the instance; each family then drops what hung on it."""
        super().delete_instance(instance_id)
        self._instance_deleted(instance_id)

    @locked
    def tag_resource(self, resource_arn: str, tags: dict[str, str]) -> None:
        """Checked by every family first, and under the state lock, so that the tag limit holds
        when two requests tag one resource at once."""
        self._check_tag_target(resource_arn, tags)
        super().tag_resource(resource_arn, tags)

    @locked
    def untag_resource(self, resource_arn: str, tag_keys: list[str]) -> None:
        self._check_tag_target(resource_arn, None)
        super().untag_resource(resource_arn, tag_keys)

    @locked
    def list_tags_for_resource(self, resource_arn: str) -> dict[str, str]:
        self._check_tag_target(resource_arn, None)
        return super().list_tags_for_resource(resource_arn)

    @classmethod
    def extending(cls, backend: MotoConnectBackend) -> ConnectBackend:
        """This class's backend for a moto backend made before the plugin was installed, keeping
        moto's state (its instances and tags)."""
        extended = cls(backend.region_name, backend.account_id)
        copy_state(backend, extended)
        return extended
