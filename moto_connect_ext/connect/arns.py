"""Connect ARNs: the forms this service hands out and how callers' ARNs are read back."""

from __future__ import annotations

import re
from functools import lru_cache

from moto.utilities.arns import Arn, parse_arn
from moto.utilities.utils import get_partition

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_ACCOUNT = re.compile(r"\d{12}")


def parse(arn: str) -> Arn | None:
    """A Connect ARN of the form ``.../<resource-type>/<id>`` as moto's ``parse_arn`` splits
    it; None for anything else, since parameters such as InstanceId take an id or an ARN."""
    if not arn.startswith("arn:") or arn.count(":") < 5:
        return None
    parsed = parse_arn(arn)
    well_formed = (
        parsed.service == "connect"
        and _ACCOUNT.fullmatch(parsed.account) is not None
        and parsed.resource_type is not None
        and arn.split(":", 5)[5].startswith(f"{parsed.resource_type}/")
        and parsed.resource_id
        and "/" not in parsed.resource_id
    )
    return parsed if well_formed else None


def phone_number_arn(region: str, account: str, phone_number_id: str) -> str:
    return _phone_number_arn_prefix(region, account) + phone_number_id


@lru_cache(maxsize=1024)
def _phone_number_arn_prefix(region: str, account: str) -> str:
    """Looked up once per account and Region: a snapshot's restore makes 100,000 numbers' ARNs."""
    return f"arn:{get_partition(region)}:connect:{region}:{account}:phone-number/"
