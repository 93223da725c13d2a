"""Idempotent retries: a request made again with its client token is answered as the first
time, with no second effect (:class:`..ledger.IdempotencyLedger` keeps the answers).

:class:`IdempotencyMixin` keeps each account and Region's ledger and makes the phone-number
operations that take a ``ClientToken`` (claim, release, update, update metadata) idempotent;
other families mark theirs with :func:`idempotent`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, Protocol, TypeVar

from ..arns import UUID
from ..config import now
from ..exceptions import IdempotencyException, InvalidParameterException
from ..ledger import IdempotencyLedger, TokenReused
from .base import locked
from .phone_number_updates import PhoneNumberUpdatesMixin
from .phone_numbers import PhoneNumber


class _Made(Protocol):
    """What an idempotent operation answers: a resource with an ARN, or nothing."""

    @property
    def arn(self) -> str: ...


C = TypeVar("C", bound=_Made | None)

#: The operations :func:`idempotent` keeps records of: a snapshot's records must name one.
IDEMPOTENT_OPERATIONS: set[str] = set()


def idempotent(strict: bool = True) -> Callable[[Callable[..., C]], Callable[..., C]]:
    """Replay the first result of a retried request instead of running it again.

    Keyed by operation and ``client_token`` (the SDK fills one in on every call); see
    :class:`..ledger.IdempotencyLedger`. ``strict``: a token reused with other parameters is an
    IdempotencyException; otherwise (operations that do not model it) the request just runs.
    """

    def decorate(method: Callable[..., C]) -> Callable[..., C]:
        IDEMPOTENT_OPERATIONS.add(method.__name__)

        @wraps(method)
        def wrapper(self: IdempotencyMixin, client_token: str | None = None, **params: Any) -> C:
            if client_token is None:
                return method(self, **params)
            operation = method.__name__
            try:
                replayed, answer = self.ledger.replay(operation, client_token, params)
            except TokenReused:
                if strict:
                    raise IdempotencyException(
                        f"The client token {client_token} was already used with different "
                        "parameters."
                    ) from None
                replayed, answer = False, None
            if replayed:
                return None if answer is None else Created(answer)  # type: ignore[return-value]
            result = method(self, client_token=client_token, **params)
            arn = None if result is None else result.arn
            self.ledger.remember(operation, client_token, params, arn, now(), self._settings)
            self._schedule_expiry()
            return result

        return wrapper

    return decorate


@dataclasses.dataclass(frozen=True, slots=True)
class Created:
    """What a retry of Claim, Update, ReplicateInstance or CreateTrafficDistributionGroup answers.

    Those answer the resource's id and ARN (``PhoneNumberId``/``PhoneNumberArn`` or ``Id``/``Arn``);
    the id is the ARN's last part, so the ledger keeps the ARN alone, not the live resource.
    """

    arn: str

    @property
    def id(self) -> str:
        return self.arn.rsplit("/", 1)[1]

    phone_number_id = id

    @property
    def phone_number_arn(self) -> str:
        return self.arn


def claim_token_is_valid(token: str) -> bool:
    """ClaimPhoneNumber's ClientToken must be a lower-case UUID: AWS documents the pattern
    ``^[a-f0-9]{8}-...-[a-f0-9]{12}$`` (the model only caps the length)."""
    return UUID.fullmatch(token) is not None


class IdempotencyMixin(PhoneNumberUpdatesMixin):
    """One account's idempotency ledger in one Region, and the phone-number operations that
    take a ``ClientToken``, made idempotent."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.ledger = IdempotencyLedger()

    def _record_dues(self) -> list[datetime | None]:
        return [*super()._record_dues(), self.ledger.next_due()]

    def _expire_records(self, at: datetime) -> None:
        super()._expire_records(at)
        self.ledger.expire(at)

    @locked
    @idempotent()
    def claim_phone_number(
        self,
        phone_number: str,
        target_arn: str | None = None,
        instance_id: str | None = None,
        phone_number_description: str | None = None,
        tags: dict[str, str] | None = None,
        client_token: str | None = None,
    ) -> PhoneNumber:
        if client_token is not None and not claim_token_is_valid(client_token):
            raise InvalidParameterException(
                f"ClientToken must be a UUID (for example 1b4e28ba-2fa1-11d2-883f-0016d3cca427): "
                f"{client_token[:100]}"
            )
        return super().claim_phone_number(
            phone_number, target_arn, instance_id, phone_number_description, tags, client_token
        )

    @locked
    @idempotent()
    def release_phone_number(self, phone_number_id: str, client_token: str | None = None) -> None:
        super().release_phone_number(phone_number_id, client_token)

    @locked
    @idempotent()
    def update_phone_number(
        self,
        phone_number_id: str,
        target_arn: str | None = None,
        instance_id: str | None = None,
        client_token: str | None = None,
    ) -> PhoneNumber:
        return super().update_phone_number(phone_number_id, target_arn, instance_id, client_token)

    @locked
    @idempotent()
    def update_phone_number_metadata(
        self,
        phone_number_id: str,
        phone_number_description: str | None = None,
        client_token: str | None = None,
    ) -> None:
        super().update_phone_number_metadata(
            phone_number_id, phone_number_description, client_token
        )
