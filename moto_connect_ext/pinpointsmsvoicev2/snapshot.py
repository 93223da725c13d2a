"""End User Messaging's numbers as plain JSON values, and back: its section of a snapshot.

Per account and Region, every attribute DescribePhoneNumbers answers (the leasing price follows
from the type, the ARN from the id), the tags, and which Connect number has imported each number.
Who holds a number in the stock is not stored but rebuilt: the number itself, or, while imported,
the Connect number the Connect section restored. That section is registered first, so it is
restored first, and this one then checks the two agree both ways (each imported number's importer
names it as its source, and each Connect number's source is here), so that a number still has one
holder after a restore. A restore is all or nothing across the sections (:mod:`..snapshots`).

Callers hold STATE_LOCK. Bad values raise ValueError (or a KeyError, TypeError, ... of the value)
naming what they are, like the Connect section's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from moto.utilities.tagging_service import TaggingService

from ..connect.models.base import all_backends
from ..connect.models.phone_numbers import PhoneNumber
from ..connect.models.snapshot import (
    _ACCOUNT,
    _bool,
    _datetime,
    _e164,
    _list,
    _object,
    _optional_text,
    _row,
    _tags,
    _text,
    _time,
)
from ..connect.models.stock import cooldowns, registry
from .models import PRICE, STOCK_TYPE, SmsPhoneNumber, SmsVoiceBackend, sms_voice_backends

_ID = re.compile(r"^phone-[0-9a-f]{32}$")
#: The service model's values of the members that take one of a list (a released number is gone
#: from its backend, so DELETED is never captured; nor is a status this backend never gives).
_STATUSES = ("PENDING", "ACTIVE")
_MESSAGE_TYPES = ("TRANSACTIONAL", "PROMOTIONAL")
_CAPABILITIES = ("SMS", "VOICE", "MMS", "RCS")


def _one_of(allowed: tuple[str, ...]) -> Callable[[Any, str], str]:
    def check(value: Any, what: str) -> str:
        if value not in allowed:
            raise ValueError(f"{what} is one of {', '.join(allowed)}, not {value!r:.100}")
        return str(value)

    return check


def _capabilities(value: Any, what: str) -> list[str]:
    capabilities = [_one_of(_CAPABILITIES)(item, what) for item in _list(value, what)]
    if not capabilities or capabilities != sorted(set(capabilities)):
        raise ValueError(f"{what} must be distinct capabilities, sorted, at least one")
    return capabilities


def _number_id(value: Any, what: str) -> str:
    if not _ID.match(_text(value, what)):
        raise ValueError(f"{what} {value!r:.100} is not an End User Messaging number id")
    return str(value)


#: A number's row: its attributes as :class:`SmsPhoneNumber` names them, then its importer's ARN;
#: and how each value is checked.
_CHECKS: dict[str, Callable[[Any, str], Any]] = {
    "phone_number_id": _number_id,
    "phone_number": lambda value, _: _e164(value),
    "iso_country_code": _text,
    "message_type": _one_of(_MESSAGE_TYPES),
    "number_capabilities": _capabilities,
    "number_type": _one_of(tuple(PRICE)),
    "status": _one_of(_STATUSES),
    "two_way_enabled": _bool,
    "two_way_channel_arn": _optional_text,
    "two_way_channel_role": _optional_text,
    "self_managed_opt_outs_enabled": _bool,
    "opt_out_list_name": _text,
    "international_sending_enabled": _bool,
    "deletion_protection_enabled": _bool,
    "pool_id": _optional_text,
    "registration_id": _optional_text,
    "created_timestamp": _datetime,
    "imported_into": _optional_text,
}
NUMBER_FIELDS = tuple(_CHECKS)


# -- capture -----------------------------------------------------------------------------------


def capture() -> dict[str, Any]:
    return {
        "backends": [
            {
                "account": backend.account_id,
                "region": backend.region_name,
                "number_fields": list(NUMBER_FIELDS),
                "numbers": [_number(n) for n in backend.numbers.values()],
                "tags": {arn: dict(tags) for arn, tags in backend.tagger.tags.items() if tags},
            }
            for regions in sms_voice_backends.values()
            for backend in regions.values()
            if backend.numbers
        ]
    }


def _number(number: SmsPhoneNumber) -> list[Any]:
    values = {name: getattr(number, name) for name in NUMBER_FIELDS}
    values["created_timestamp"] = _time(number.created_timestamp)
    values["number_capabilities"] = list(number.number_capabilities)
    return list(values.values())


def summary(data: dict[str, Any]) -> dict[str, int]:
    rows = [row for backend in data["backends"] for row in backend["numbers"]]
    imported = NUMBER_FIELDS.index("imported_into")
    return {
        "phone_numbers": len(rows),
        "imported_into_connect": sum(row[imported] is not None for row in rows),
    }


# -- setting aside and restoring -----------------------------------------------------------------


class Aside:
    """Every account's backends, moved out whole so the restore builds on empty ones. The stock's
    holders of these numbers are set aside (and put back) with the Connect section's stock."""

    def __init__(self) -> None:
        self.backends = {account: dict(regions) for account, regions in sms_voice_backends.items()}
        for regions in sms_voice_backends.values():
            regions.clear()

    def put_back(self) -> None:
        for account, regions in sms_voice_backends.items():
            regions.clear()
            regions.update(self.backends.get(account, {}))

    def discard(self) -> None:
        """Nothing to let go of: the numbers set aside are not listed anywhere else."""


def restore(data: Any) -> None:
    """Rebuild the numbers :func:`capture` took, on empty backends (see :class:`Aside`), after the
    Connect section: each number held by itself, or by the Connect number that imported it."""
    data = _object(data, "the End User Messaging section")
    importers: dict[str, PhoneNumber] = {}
    for connect in all_backends():
        for imported in connect.numbers.values():
            source = imported.source_phone_number_arn
            if source is not None and importers.setdefault(source, imported) is not imported:
                raise ValueError(f"{source} is imported twice")
    placed: set[tuple[str, str]] = set()
    for entry in _list(data["backends"], "End User Messaging backends"):
        entry = _object(entry, "End User Messaging backend")
        backend = _place(entry)
        if (backend.account_id, backend.region_name) in placed:
            raise ValueError("an End User Messaging account and Region appears twice")
        placed.add((backend.account_id, backend.region_name))
        if _list(entry["number_fields"], "number fields") != list(NUMBER_FIELDS):
            raise ValueError(
                f"End User Messaging numbers' fields are not {', '.join(NUMBER_FIELDS)}"
            )
        for row in _list(entry["numbers"], "End User Messaging numbers"):
            _restore_number(backend, _row(row, len(NUMBER_FIELDS), "number"), importers)
        arns = {number.arn for number in backend.numbers.values()}
        for arn, tags in _object(entry["tags"], "tags").items():
            if arn not in arns:
                raise ValueError(f"tags of {arn:.100}, which is not a number of the snapshot")
            backend.tagger.tag_resource(
                arn, TaggingService.convert_dict_to_tags_input(_tags(tags, f"tags of {arn}"))
            )
    if importers:
        source_arn, importer = next(iter(importers.items()))
        raise ValueError(
            f"{importer.phone_number_arn} was imported from {source_arn}, which is not in the "
            f"snapshot"
        )


def _place(entry: dict[str, Any]) -> SmsVoiceBackend:
    account = _text(entry["account"], "account")
    region = _text(entry["region"], "region")
    if not _ACCOUNT.match(account):
        raise ValueError(f"{account!r} is not an account id")
    if region not in sms_voice_backends[account]:
        raise ValueError(f"{region!r} is not a Region of End User Messaging SMS")
    backend: SmsVoiceBackend = sms_voice_backends[account][region]
    return backend


def _restore_number(
    backend: SmsVoiceBackend, row: list[Any], importers: dict[str, PhoneNumber]
) -> None:
    from ..connect import inventory  # phonenumbers loads with the first phone-number operation

    values = {
        name: check(value, name) for (name, check), value in zip(_CHECKS.items(), row, strict=True)
    }
    number_id, e164 = values["phone_number_id"], values["phone_number"]
    if number_id in backend.numbers:
        raise ValueError(f"End User Messaging number {number_id} appears twice")
    info = inventory.classify(e164)
    number_type = values["number_type"]
    if info is None or (info.country_code, info.number_type) != (
        values["iso_country_code"],
        STOCK_TYPE[number_type],
    ):
        raise ValueError(
            f"{e164} is not a {number_type} number of {values['iso_country_code']!r:.100}"
        )
    number = SmsPhoneNumber(backend.account_id, backend.region_name, e164, values, number_id)
    status = values.pop("status")
    imported_into = values.pop("imported_into")
    for name, value in values.items():
        setattr(number, name, value)
    number._state.status = status
    backend.numbers[number_id] = number
    _hold(number, imported_into, importers)


def _hold(
    number: SmsPhoneNumber, imported_into: str | None, importers: dict[str, PhoneNumber]
) -> None:
    """The stock's holder of the number: the Connect number that imported it (which the Connect
    section restored, and which must name this number as its source), or the number itself."""
    stock, e164 = registry(), number.phone_number
    importer = importers.pop(number.arn, None)
    imported_by = importer.phone_number_arn if importer is not None else None
    if imported_by != imported_into:
        raise ValueError(
            f"{number.arn} is recorded as imported into {imported_into or 'nothing'}, but the "
            f"Connect section has it imported into {imported_by or 'nothing'}"
        )
    if importer is not None:
        if importer.phone_number != e164 or stock.holders.get(e164) is not importer:
            raise ValueError(
                f"{importer.phone_number_arn} is not {e164}, imported from {number.arn}"
            )
        return
    if e164 in stock.holders:
        raise ValueError(f"{e164} is held twice")
    if e164 in cooldowns().cooling_until:
        raise ValueError(f"{e164} is both held in End User Messaging and cooling down")
    stock.hold(number)
