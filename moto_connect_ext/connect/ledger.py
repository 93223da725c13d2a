"""The idempotency ledger: the answers of requests made with a client token, kept for the
idempotency window, so that a retry is answered without a second effect (see
:func:`.models.idempotency.idempotent`)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Hashable, Iterator
from datetime import datetime, timedelta
from typing import Any, ClassVar, NamedTuple

from .arns import UUID
from .config import Settings
from .rules import DueQueue, from_ticks, ticks


class IdempotencyLedger:
    """Answers of requests by (operation, client token), kept for the idempotency window.

    A retry with the same token and the same parameters replays the first answer with no second
    effect; the same token with other parameters is an IdempotencyException. Failed requests are
    not recorded, so a retry after an error runs again. A record keeps what the retry must answer,
    never the live resource, and leaves when its window ends (:meth:`expire`).

    A long-running server keeps a record of every write for the window (a week by default), so a
    record is two ints, about 150 bytes with its slot in the dict and the expiry queue: the key
    (the token's UUID and the operation; other tokens, which only some operations allow, key by
    the pair of strings) and a value packing the parameters' fingerprint, the expiry in ticks and
    the answer ARN as its UUID and the index of the rest of it in a table of the ledger's ARN
    prefixes. An answer not of that form is kept whole, beside the packed int.
    """

    #: Each operation's code in the low bits of a UUID token's key.
    _operation_codes: ClassVar[dict[str, int]] = {}

    def __init__(self) -> None:
        self._records: dict[Hashable, int | tuple[int, str]] = {}
        self._by_expiry = DueQueue[Hashable](self._expires)
        self._prefixes: list[str] = []
        self._prefix_slots: dict[str, int] = {}

    def replay(self, operation: str, token: str, params: dict[str, Any]) -> tuple[bool, Any]:
        """(True, first answer) for a retry; (False, None) for a new request.

        Raises :class:`TokenReused` when the token came with other parameters.
        """
        record = self._records.get(self._key(operation, token))
        if record is None:
            return False, None
        packed, whole_answer = record if isinstance(record, tuple) else (record, None)
        if packed & _FINGERPRINT_MASK != fingerprint(params):
            raise TokenReused(token)
        return True, whole_answer or self._answer(packed >> _ANSWER_SHIFT)

    def remember(
        self,
        operation: str,
        token: str,
        params: dict[str, Any],
        answer: str | None,
        at: datetime,
        settings: Settings,
    ) -> None:
        expires = ticks(at + timedelta(days=settings.idempotency_window_days))
        key = self._key(operation, token)
        if key in self._records:  # a non-strict operation ran again with other parameters
            self._by_expiry.discard(key)
        packed = (expires << _FINGERPRINT_BITS) | fingerprint(params)
        code = self._answer_code(answer)
        self._records[key] = (
            packed | code << _ANSWER_SHIFT if code is not None else (packed, str(answer))
        )
        self._by_expiry.add(key, expires)

    def next_due(self) -> datetime | None:
        due = self._by_expiry.next_due()
        return None if due is None else from_ticks(due)

    def entries(self) -> Iterator[LedgerEntry]:
        """Every record as plain values: what a snapshot keeps. The packed keys cannot be kept
        as they are, since the operations' codes depend on the order a process first saw them."""
        operations = {code: name for name, code in self._operation_codes.items()}
        for key, record in self._records.items():
            packed, whole_answer = record if isinstance(record, tuple) else (record, None)
            if isinstance(key, tuple):
                operation, token = key
            else:
                assert isinstance(key, int)
                operation = operations[key & _OPERATION_MASK]
                token = str(uuid.UUID(int=key >> _OPERATION_BITS))
            answer = whole_answer or self._answer(packed >> _ANSWER_SHIFT)
            expires = (packed >> _FINGERPRINT_BITS) & _TICKS_MASK
            yield LedgerEntry(operation, token, packed & _FINGERPRINT_MASK, expires, answer)

    def restore(self, entry: LedgerEntry) -> None:
        """Put back a record :meth:`entries` gave, with its fingerprint and expiry as they were."""
        if not 0 <= entry.fingerprint <= _FINGERPRINT_MASK or not 0 <= entry.expires <= _TICKS_MASK:
            raise ValueError("an idempotency record's fingerprint or expiry is out of range")
        key = self._key(entry.operation, entry.token)
        if key in self._records:
            raise ValueError(
                f"the client token {entry.token} of {entry.operation} is on record twice"
            )
        packed = (entry.expires << _FINGERPRINT_BITS) | entry.fingerprint
        code = self._answer_code(entry.answer)
        self._records[key] = (
            packed | code << _ANSWER_SHIFT if code is not None else (packed, str(entry.answer))
        )
        self._by_expiry.add(key, entry.expires)

    def expire(self, at: datetime) -> None:
        """Forget every record whose window has ended at ``at``."""
        for key in self._by_expiry.pop_due(ticks(at)):
            del self._records[key]

    def _expires(self, key: Hashable) -> int:
        record = self._records[key]
        packed = record[0] if isinstance(record, tuple) else record
        return (packed >> _FINGERPRINT_BITS) & _TICKS_MASK

    @classmethod
    def _key(cls, operation: str, token: str) -> Hashable:
        if UUID.fullmatch(token) is None:  # case-sensitive: an upper-case UUID is another token
            return (operation, token)
        code = cls._operation_codes.setdefault(operation, len(cls._operation_codes) + 1)
        return uuid.UUID(token).int << _OPERATION_BITS | code

    def _answer_code(self, answer: str | None) -> int | None:
        """0 for no answer; the ARN's UUID and its prefix's slot; None to keep the ARN whole."""
        if answer is None:
            return 0
        prefix, _, resource_id = answer.rpartition("/")
        if not prefix or UUID.fullmatch(resource_id) is None:
            return None
        slot = self._prefix_slots.get(prefix)
        if slot is None:
            if len(self._prefixes) == _MAX_PREFIXES:
                return None
            slot = self._prefix_slots[prefix] = len(self._prefixes)
            self._prefixes.append(prefix)
        return uuid.UUID(resource_id).int << _PREFIX_BITS | (slot + 1)

    def _answer(self, code: int) -> str | None:
        if code == 0:
            return None
        resource_id = uuid.UUID(int=code >> _PREFIX_BITS)
        return f"{self._prefixes[(code & _MAX_PREFIXES) - 1]}/{resource_id}"


_OPERATION_BITS = 8
_OPERATION_MASK = (1 << _OPERATION_BITS) - 1
_FINGERPRINT_BITS = 60
_FINGERPRINT_MASK = (1 << _FINGERPRINT_BITS) - 1
_TICKS_BITS = 60  # ticks reach 2**58 only in the year 9999
_TICKS_MASK = (1 << _TICKS_BITS) - 1
_ANSWER_SHIFT = _FINGERPRINT_BITS + _TICKS_BITS
_PREFIX_BITS = 8
_MAX_PREFIXES = (1 << _PREFIX_BITS) - 1


class LedgerEntry(NamedTuple):
    """One idempotency record as plain values (see :meth:`IdempotencyLedger.entries`)."""

    operation: str
    token: str
    fingerprint: int
    expires: int  # ticks
    answer: str | None


class TokenReused(Exception):
    """The client token was first used with other parameters."""


def fingerprint(params: dict[str, Any]) -> int:
    """60 bits of a hash of the parameters: two requests that differ collide with odds of 2**-60
    (60 bits fit a 32-byte int; 64 would take 48 bytes in memory)."""
    canonical = json.dumps(params, sort_keys=True, separators=(",", ":"), default=str)
    digest = hashlib.blake2b(canonical.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> (64 - _FINGERPRINT_BITS)
