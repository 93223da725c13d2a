"""Connect ARNs: the forms this service hands out and how callers' ARNs are read back."""

from __future__ import annotations

import re
from dataclasses import dataclass

from moto.utilities.utils import get_partition

_ARN = re.compile(
    r"^arn:(?P<partition>aws[a-z-]*):connect:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):"
    r"(?P<resource>[a-z-]+)/(?P<rest>.+)$"
)
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class Arn:
    region: str
    account: str
    resource: str
    resource_id: str


def parse(arn: str) -> Arn | None:
    """Split a Connect ARN with a single resource id; None for anything else."""
    match = _ARN.match(arn)
    if match is None or "/" in match["rest"]:
        return None
    return Arn(match["region"], match["account"], match["resource"], match["rest"])


def phone_number_arn(region: str, account: str, phone_number_id: str) -> str:
    return f"arn:{get_partition(region)}:connect:{region}:{account}:phone-number/{phone_number_id}"


def legacy_phone_number_arn(
    region: str, account: str, instance_id: str, phone_number_id: str
) -> str:
    """The instance-scoped form ListPhoneNumbers (v1) returns; it cannot be tagged."""
    return (
        f"arn:{get_partition(region)}:connect:{region}:{account}:"
        f"instance/{instance_id}/phone-number/{phone_number_id}"
    )
