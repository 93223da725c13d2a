"""End User Messaging SMS phone numbers: RequestPhoneNumber and the operations around it.

Numbers come from the process-wide stock Amazon Connect claims from (``connect/models/stock.py``),
so a number has one holder at a time whichever service holds it. A number imported into Connect
is held there (the Connect number is the stock's holder) until Connect releases it, and then held
here again: End User Messaging keeps it, and refuses to release it meanwhile.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.common_models import BaseModel
from moto.utilities.arns import parse_arn
from moto.utilities.tagging_service import TaggingService
from moto.utilities.utils import get_partition

from ..compat import ManagedState, mock_random
from ..connect import pagination
from ..connect.config import now
from ..connect.models.base import locked
from ..connect.models.number_inventory import NumberInventoryMixin
from ..connect.models.search_offers import search_offers
from ..connect.models.stock import cooldowns, registry
from . import SERVICE
from .exceptions import (
    AccessDeniedException,
    ConflictException,
    InvalidNextToken,
    ResourceNotFoundException,
    ValidationException,
)

#: The state-manager model of a requested number: PENDING, then ACTIVE.
SMS_PHONE_NUMBER_MODEL = "sms-voice::phone_number"
#: The Connect stock each requestable type draws from (decided: long codes, 10DLC and simulator
#: numbers are geographic numbers, toll-free numbers toll-free ones).
STOCK_TYPE = {"LONG_CODE": "DID", "TEN_DLC": "DID", "SIMULATOR": "DID", "TOLL_FREE": "TOLL_FREE"}
#: Types AWS offers in the United States only (10DLC is a US registration; simulator numbers are
#: US numbers).
US_ONLY = frozenset({"TEN_DLC", "SIMULATOR"})
#: MonthlyLeasingPrice, a placeholder per type (decided; not AWS's price list).
PRICE = {"LONG_CODE": "1.00", "TEN_DLC": "2.00", "TOLL_FREE": "2.00", "SIMULATOR": "0.00"}
_PAGE_DEFAULT = 100
#: Candidates the stock sifts first: after the last number requested, the next is usually free.
_STOCK_BATCH = 2
#: DescribePhoneNumbers' filters: each name and the attribute it reads (as text).
FILTERS = {
    "status": "status",
    "iso-country-code": "iso_country_code",
    "message-type": "message_type",
    "number-capability": "number_capabilities",
    "number-type": "number_type",
    "two-way-enabled": "two_way_enabled",
    "self-managed-opt-outs-enabled": "self_managed_opt_outs_enabled",
    "opt-out-list-name": "opt_out_list_name",
    "deletion-protection-enabled": "deletion_protection_enabled",
    "two-way-channel-arn": "two_way_channel_arn",
}


class SmsPhoneNumber(BaseModel):
    """A requested number; attribute names follow the model's ``PhoneNumberInformation``."""

    instances_tracked: ClassVar[list[SmsPhoneNumber]]
    #: Never set: the stock holds an End User Messaging number until it is released.
    held_until: datetime | None = None

    def __init__(
        self,
        account_id: str,
        region: str,
        e164: str,
        params: dict[str, Any],
        phone_number_id: str | None = None,
    ) -> None:
        """A new number, or (with ``phone_number_id``) one a snapshot recorded, whose other
        attributes its restore then sets."""
        self.account_id = account_id
        self.region = region
        self.phone_number_id = phone_number_id or f"phone-{mock_random.uuid4().hex}"
        self.phone_number_arn = (
            f"arn:{get_partition(region)}:sms-voice:{region}:{account_id}:"
            f"phone-number/{self.phone_number_id}"
        )
        self.phone_number = e164
        self.iso_country_code: str = params["iso_country_code"]
        self.message_type: str = params["message_type"]
        self.number_capabilities: list[str] = sorted(set(params["number_capabilities"]))
        self.number_type: str = params["number_type"]
        self.monthly_leasing_price = PRICE[self.number_type]
        self.two_way_enabled = False
        self.two_way_channel_arn: str | None = None
        self.two_way_channel_role: str | None = None
        self.self_managed_opt_outs_enabled = False
        self.opt_out_list_name: str = params.get("opt_out_list_name") or "Default"
        self.international_sending_enabled = bool(params.get("international_sending_enabled"))
        self.deletion_protection_enabled = bool(params.get("deletion_protection_enabled"))
        self.pool_id: str | None = None
        self.registration_id: str | None = params.get("registration_id")
        self.created_timestamp = now()
        self._state = ManagedState(SMS_PHONE_NUMBER_MODEL, [("PENDING", "ACTIVE")])
        self.released = False

    @property
    def status(self) -> str:
        return "DELETED" if self.released else str(self._state.status)

    @property
    def arn(self) -> str:
        return self.phone_number_arn

    @property
    def imported_into(self) -> str | None:
        """The Connect number's ARN while Amazon Connect holds this number (imported), else None."""
        holder = registry().holders.get(self.phone_number)
        return None if holder is self or holder is None else str(getattr(holder, "arn", ""))

    def matches(self, name: str, values: list[str]) -> bool:
        value = getattr(self, FILTERS[name])
        shown = value if isinstance(value, list) else [_text(value)]
        return any(v in values for v in shown)


def _text(value: Any) -> str:
    """A member as a filter compares it: booleans as ``true``/``false``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


class SmsVoiceBackend(BaseBackend):
    """One account's End User Messaging SMS phone numbers in one Region."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.numbers: dict[str, SmsPhoneNumber] = {}
        self.tagger = TaggingService()
        #: The last number requested of each (country, stock type), where the next request starts.
        self._last_requested: dict[tuple[str, str], str] = {}

    def _number(self, phone_number_id: str) -> SmsPhoneNumber:
        """A number of this account and Region by id or ARN."""
        number_id = phone_number_id
        if phone_number_id.startswith("arn:"):
            try:
                arn = parse_arn(phone_number_id)
            except ValueError:
                arn = None
            if arn is not None and arn.account != self.account_id:
                raise AccessDeniedException(
                    f"You do not have access to {phone_number_id} from account {self.account_id}."
                )
            mine = arn is not None and (arn.service, arn.region, arn.resource_type) == (
                "sms-voice",
                self.region_name,
                "phone-number",
            )
            number_id = arn.resource_id if arn is not None and mine else ""
        number = self.numbers.get(number_id)
        if number is None:
            raise ResourceNotFoundException(
                f"Phone number {phone_number_id} does not exist.", "phone-number", phone_number_id
            )
        return number

    @locked
    def request_phone_number(
        self,
        iso_country_code: str,
        message_type: str,
        number_capabilities: list[str],
        number_type: str,
        tags: list[dict[str, str]] | None = None,
        client_token: str | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        """Take the first free number of the country's stock for the type."""
        if number_type in US_ONLY and iso_country_code != "US":
            raise ValidationException(
                f"{number_type} phone numbers are only available in US, not {iso_country_code}.",
                reason="COUNTRY_CODE_MISMATCH",
            )
        e164 = self._first_free(iso_country_code, STOCK_TYPE[number_type])
        if e164 is None:
            raise ValidationException(
                f"No {number_type} phone numbers are available in {iso_country_code}.",
                reason="INVALID_PARAMETER",
            )
        params = dict(
            options,
            iso_country_code=iso_country_code,
            message_type=message_type,
            number_capabilities=number_capabilities,
            number_type=number_type,
        )
        number = SmsPhoneNumber(self.account_id, self.region_name, e164, params)
        if tags:
            self.tagger.tag_resource(number.arn, tags)
        self.numbers[number.phone_number_id] = number
        registry().hold(number)
        return self._information(number, with_tags=True)

    def _first_free(self, country: str, stock_type: str) -> str | None:
        """The next number of a stock query after the last one requested here (then from the
        start) that is not held, cooling down or on offer to a Connect search: resuming keeps a
        request from walking every number taken before it. The caller holds the state lock
        throughout, so the number stays free."""
        key = (country, stock_type)
        after = self._last_requested.get(key)
        for start in (after, None) if after is not None else (None,):
            numbers = registry().available_stock(
                NumberInventoryMixin._walk_stock,
                country,
                stock_type,
                None,
                start,
                _STOCK_BATCH,
                available=_requestable,
            )
            offers, at = search_offers(), now()
            e164 = next((n for n in numbers if not offers.on_offer(n, at)), None)
            if e164 is not None:
                self._last_requested[key] = e164
                return e164
        return None

    def _information(self, number: SmsPhoneNumber, with_tags: bool = False) -> dict[str, Any]:
        """The number as the model's ``PhoneNumberInformation`` (and RequestPhoneNumber's
        output, which adds ``Tags``)."""
        info = {
            "PhoneNumberArn": number.phone_number_arn,
            "PhoneNumberId": number.phone_number_id,
            "PhoneNumber": number.phone_number,
            "Status": number.status,
            "IsoCountryCode": number.iso_country_code,
            "MessageType": number.message_type,
            "NumberCapabilities": number.number_capabilities,
            "NumberType": number.number_type,
            "MonthlyLeasingPrice": number.monthly_leasing_price,
            "TwoWayEnabled": number.two_way_enabled,
            "TwoWayChannelArn": number.two_way_channel_arn,
            "TwoWayChannelRole": number.two_way_channel_role,
            "SelfManagedOptOutsEnabled": number.self_managed_opt_outs_enabled,
            "OptOutListName": number.opt_out_list_name,
            "InternationalSendingEnabled": number.international_sending_enabled,
            "DeletionProtectionEnabled": number.deletion_protection_enabled,
            "PoolId": number.pool_id,
            "RegistrationId": number.registration_id,
            "CreatedTimestamp": number.created_timestamp,
        }
        if with_tags:
            info["Tags"] = self.tagger.list_tags_for_resource(number.arn)["Tags"]
        return {key: value for key, value in info.items() if value is not None}

    @locked
    def describe_phone_numbers(
        self,
        phone_number_ids: list[str] | None = None,
        filters: list[dict[str, Any]] | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
        owner: str | None = None,
    ) -> dict[str, Any]:
        """By id or ARN (an unknown one is an error), filtered, in id order, one page. Every
        number is the account's own: ``Owner`` SHARED finds none."""
        query = {"PhoneNumberIds": phone_number_ids, "Filters": filters, "Owner": owner}
        after = pagination.decode(next_token, query, InvalidNextToken)
        if phone_number_ids:
            named = {n.phone_number_id: n for n in map(self._number, phone_number_ids)}
            candidates = sorted(named.values(), key=_by_id)
        else:
            candidates = sorted(self.numbers.values(), key=_by_id)
        for number in candidates:
            number._state.advance()
        wanted = (
            n
            for n in candidates
            if owner != "SHARED"
            and (after is None or n.phone_number_id > after)
            and all(n.matches(f["Name"], f["Values"]) for f in filters or ())
        )
        page, token = pagination.page(wanted, max_results or _PAGE_DEFAULT, _by_id, query)
        return {"PhoneNumbers": [self._information(n) for n in page], "NextToken": token}

    @locked
    def update_phone_number(self, phone_number_id: str, **changes: Any) -> dict[str, Any]:
        number = self._number(phone_number_id)
        for name, value in changes.items():
            if value is not None:
                setattr(number, name, value)
        return self._information(number)

    @locked
    def release_phone_number(self, phone_number_id: str) -> dict[str, Any]:
        """Refused while deletion protection is on, or while Amazon Connect holds the number
        (decided: release it from Connect first). The number goes back to the stock at once."""
        number = self._number(phone_number_id)
        if number.deletion_protection_enabled:
            raise ConflictException(
                f"Phone number {number.phone_number_id} has deletion protection enabled.",
                reason="DELETION_PROTECTION_ENABLED",
                resource_id=number.phone_number_id,
            )
        imported_into = number.imported_into
        if imported_into is not None:
            raise ConflictException(
                f"Phone number {number.phone_number_id} is imported into Amazon Connect as "
                f"{imported_into}; release it from Amazon Connect first.",
                reason="RESOURCE_DELETION_NOT_ALLOWED",
                resource_id=number.phone_number_id,
            )
        del self.numbers[number.phone_number_id]
        registry().free(number.phone_number)
        self.tagger.delete_all_tags_for_resource(number.arn)
        number.released = True
        return self._information(number)

    @locked
    def tag_resource(self, resource_arn: str, tags: list[dict[str, str]]) -> None:
        self._number(resource_arn)
        self.tagger.tag_resource(resource_arn, tags)

    @locked
    def untag_resource(self, resource_arn: str, tag_keys: list[str]) -> None:
        self._number(resource_arn)
        self.tagger.untag_resource_using_names(resource_arn, tag_keys)

    @locked
    def list_tags_for_resource(self, resource_arn: str) -> dict[str, Any]:
        number = self._number(resource_arn)
        tags = self.tagger.list_tags_for_resource(number.arn)["Tags"]
        return {"ResourceArn": number.arn, "Tags": tags}


def _by_id(number: SmsPhoneNumber) -> str:
    return number.phone_number_id


sms_voice_backends = BackendDict(SmsVoiceBackend, SERVICE)


def sms_voice_backend(account_id: str, region: str) -> SmsVoiceBackend:
    backend: SmsVoiceBackend = sms_voice_backends[account_id][region]
    return backend


def _requestable(e164: str) -> bool:
    """A number of the shared stock End User Messaging may hand out: held by no service, and not
    cooling down after a release from Amazon Connect."""
    return registry().is_available(e164) and e164 not in cooldowns().cooling_until
