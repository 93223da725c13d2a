"""ImportPhoneNumber: a number the account holds in AWS End User Messaging SMS, brought into an
instance.

An imported number is a Connect number like a claimed one (same quota, status progression, churn
count, lists and flow association) with its ``SourcePhoneNumberArn``. While Connect holds it, the
stock's holder is the Connect number, so End User Messaging refuses to release it; when Connect
lets it go (release, its instance deleted, a failed import's hold ended) it is End User Messaging's
again, without cooldown. The decisions and their sources are in docs/behaviour.md ("Imported
numbers"). This family needs the plugin's End User Messaging backend, which moto lacks, so the
export into moto leaves it out.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from moto.utilities.arns import parse_arn

from ..exceptions import (
    InvalidParameterException,
    ResourceNotFoundException,
    access_denied,
)
from .base import locked
from .idempotency import idempotent
from .phone_numbers import PhoneNumber
from .release_rules import ReleaseRulesMixin
from .stock import registry

if TYPE_CHECKING:
    from ...pinpointsmsvoicev2.models import SmsPhoneNumber

#: The End User Messaging number types a Connect number can be (decided: simulator numbers are
#: for testing End User Messaging only).
IMPORTABLE_TYPES = frozenset({"LONG_CODE", "TOLL_FREE", "TEN_DLC"})


class ImportedNumbersMixin(ReleaseRulesMixin):
    """The phone numbers family, plus numbers imported from End User Messaging SMS."""

    @locked
    @idempotent()
    def import_phone_number(
        self,
        instance_id: str,
        source_phone_number_arn: str,
        phone_number_description: str | None = None,
        tags: dict[str, str] | None = None,
        client_token: str | None = None,
    ) -> PhoneNumber:
        """Into an instance only: the model has no TargetArn here, and a traffic distribution
        group's ARN is longer than InstanceId's 100 characters."""
        target = self._target(None, instance_id)
        source = self._importable(source_phone_number_arn)
        self._ensure_claims_allowed()
        from .. import inventory  # phonenumbers loads with the first phone-number operation

        info = inventory.classify(source.phone_number)
        assert info is not None  # End User Messaging takes its numbers from the same stock
        return self._take(info, target, phone_number_description, tags, source.phone_number_arn)

    def _importable(self, source_arn: str) -> SmsPhoneNumber:
        """The End User Messaging number the ARN names, if this account may import it here."""
        from ...pinpointsmsvoicev2.models import sms_voice_backend

        try:
            arn = parse_arn(source_arn)
        except ValueError:
            arn = None
        if arn is None or (arn.service, arn.resource_type) != ("sms-voice", "phone-number"):
            raise InvalidParameterException(
                f"SourcePhoneNumberArn must be the ARN of an AWS End User Messaging SMS phone "
                f"number: {source_arn}"
            )
        if arn.account != self.account_id:
            raise access_denied(source_arn, self.account_id)
        if arn.region != self.region_name:
            raise InvalidParameterException(
                f"SourcePhoneNumberArn {source_arn} is not in this Region ({self.region_name})."
            )
        source = sms_voice_backend(self.account_id, self.region_name).numbers.get(arn.resource_id)
        if source is None:
            raise ResourceNotFoundException(f"Phone number not found: {source_arn}")
        problem = _not_importable(source)
        if problem is not None:
            raise InvalidParameterException(
                f"Phone number {source_arn} cannot be imported: {problem}"
            )
        return source

    def _cooldown_end(self, number: PhoneNumber, released_at: datetime) -> datetime | None:
        """An imported number goes back to End User Messaging, which still holds it: no cooldown
        (it still counts toward the churn rule, as AWS documents)."""
        if number.source_phone_number_arn is not None:
            return None
        return super()._cooldown_end(number, released_at)

    def forget(self, phone_number_id: str) -> None:
        """When Connect lets an imported number go, End User Messaging holds it again."""
        source_arn = self.numbers[phone_number_id].source_phone_number_arn
        super().forget(phone_number_id)
        if source_arn is not None:
            from ...pinpointsmsvoicev2.models import sms_voice_backend

            source_id = source_arn.rsplit("/", 1)[1]
            source = sms_voice_backend(self.account_id, self.region_name).numbers.get(source_id)
            if source is not None:
                registry().hold(source)


def _not_importable(source: SmsPhoneNumber) -> str | None:
    """Why a number of End User Messaging cannot be imported now (decided rules), or None."""
    if registry().holders.get(source.phone_number) is not source:
        return "it is already imported into Amazon Connect"
    if source.status != "ACTIVE":
        return f"its status is {source.status}, not ACTIVE"
    if source.number_type not in IMPORTABLE_TYPES:
        return f"{source.number_type} numbers cannot be used with Amazon Connect"
    if "SMS" not in source.number_capabilities:
        return "it does not have the SMS capability"
    return None
