"""moto's ``ConnectBackend``, extended with one mixin per resource family.

As ``moto/ec2/models/`` composes ``EC2Backend``, each family lives in its own module:
:mod:`.phone_numbers` (numbers and their rules) and :mod:`.traffic_distribution` (replication and
traffic distribution groups). What is process-wide rather than per account and Region (the number
stock, cooldowns, search offers) lives in :mod:`.stock`. The plugin installs this class as the
class of moto's ``connect_backends``, so ``get_backend("connect")[account][region]`` has every
operation the plugin serves.
"""

from __future__ import annotations

from moto.connect.models import ConnectBackend as MotoConnectBackend

from .base import connect_backend, expire_due, locked
from .phone_numbers import PhoneNumbersMixin
from .traffic_distribution import TrafficDistributionMixin

__all__ = ["ConnectBackend", "connect_backend", "expire_due"]


class ConnectBackend(PhoneNumbersMixin, TrafficDistributionMixin, MotoConnectBackend):
    """One account's Amazon Connect resources in one Region."""

    @locked
    def delete_instance(self, instance_id: str) -> None:
        """moto deletes the instance; each family then drops what hung on it."""
        super().delete_instance(instance_id)
        self._instance_deleted(instance_id)

    @classmethod
    def extending(cls, backend: MotoConnectBackend) -> ConnectBackend:
        """This class's backend for a moto backend made before the plugin was installed, keeping
        moto's state (its instances and tags)."""
        extended = cls(backend.region_name, backend.account_id)
        extended.__dict__.update(backend.__dict__)
        return extended
