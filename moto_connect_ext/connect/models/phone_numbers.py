"""Amazon Connect phone numbers: ClaimPhoneNumber and the operations around it.

A number belongs to one account and Region (:class:`PhoneNumbersMixin`, part of that account and
Region's :class:`~.ConnectBackend`); who holds it and whether it cools down is process-wide state
(:mod:`.stock`), since AWS's stock of numbers is global.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from moto.core.common_models import BaseModel
from moto.utilities.tagging_service import TaggingService

from ...compat import ManagedState, mock_random
from .. import arns, rules
from ..config import PHONE_NUMBER_MODEL, STATE_LOCK, now
from ..exceptions import (
    InvalidParameterException,
    ResourceInUseException,
    ResourceNotFoundException,
    access_denied,
    not_available,
)
from .base import connect_backend, expire_due, locked
from .number_search import NumberSearchMixin, Target
from .stock import registry

if TYPE_CHECKING:
    from moto.utilities.arns import Arn

    from .. import inventory


@dataclasses.dataclass(frozen=True)
class PhoneNumberStatus:
    status: str
    message: str | None = None


class PhoneNumber(BaseModel):
    """A claimed number; attribute names follow the model's members so moto serializes it."""

    instances_tracked: ClassVar[list[PhoneNumber]]  # moto's model registry, set by BaseModel

    def __init__(
        self,
        account_id: str,
        region: str,
        info: inventory.NumberInfo,
        target: Target,
        description: str | None,
        source_phone_number_arn: str | None = None,
        *,
        phone_number_id: str | None = None,
        progress: ManagedState | None = None,
    ) -> None:
        """A new number gets an id and starts IN_PROGRESS; a number that exists already (as a
        snapshot recorded it) is given its id and its status object."""
        #: Where moto's model registry (``/moto-api/data.json``) lists this number: see :meth:`untrack`.
        self._tracked_at = len(PhoneNumber.instances_tracked) - 1
        self.phone_number_id = phone_number_id or str(mock_random.uuid4())
        self.account_id = account_id
        self.region = region
        self.phone_number = info.e164
        self.phone_number_country_code = info.country_code
        self.phone_number_type = info.number_type
        self.phone_number_description = description
        #: The number of another service this one was imported from (ImportPhoneNumber).
        self.source_phone_number_arn = source_phone_number_arn
        self._state = progress or ManagedState(PHONE_NUMBER_MODEL, [("IN_PROGRESS", "CLAIMED")])
        self.retarget(target)
        #: Set when the claim failed; the number is then held for its claimer until this time.
        self.failure: str | None = None
        self.held_until: datetime | None = None

    @property
    def status(self) -> str:
        return "FAILED" if self.failure else str(self._state.status)

    @property
    def served_instance_id(self) -> str | None:
        """The instance whose calls the number takes: its own, or its traffic distribution
        group's."""
        return self.instance_id or (self.group.instance_id if self.group else None)

    @property
    def phone_number_status(self) -> PhoneNumberStatus:
        return PhoneNumberStatus(self.status, self.failure)

    @property
    def tags(self) -> dict[str, str]:
        tagger = connect_backend(self.account_id, self.region).tagger
        return tagger.get_tag_dict_for_resource(self.phone_number_arn)

    @property
    def phone_number_arn(self) -> str:
        """Made when read, not stored: a server holding 100,000 numbers saves their strings."""
        return arns.phone_number_arn(self.region, self.account_id, self.phone_number_id)

    @property
    def arn(self) -> str:
        return self.phone_number_arn

    def untrack(self) -> None:
        """Leave moto's model registry, which keeps every BaseModel ever made until a reset.

        In O(1): the last entry moves into this one's place. A registry emptied by a reset no longer
        holds the number.
        """
        tracked = PhoneNumber.instances_tracked
        index = self._tracked_at
        if index >= len(tracked) or tracked[index] is not self:
            return
        last = tracked.pop()
        if last is not self:
            tracked[index] = last
            last._tracked_at = index

    def retarget(self, target: Target) -> None:
        self.instance_id = target.instance_id
        self.target_arn = target.arn
        self.group = target.group

    def restart_progress(self) -> None:
        """Update and UpdateMetadata leave the number IN_PROGRESS again until they finish."""
        self._state = ManagedState(PHONE_NUMBER_MODEL, [("IN_PROGRESS", "CLAIMED")])


class PhoneNumbersMixin(NumberSearchMixin):
    """One account's phone numbers in one Region, and the rules on them.

    Claim, release, update and update metadata take the ``ClientToken`` of AWS's model; the
    idempotency family (:mod:`.idempotency`) answers retries made with it.
    """

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.numbers: dict[str, PhoneNumber] = {}
        self._active_per_target: Counter[str] = Counter()

    # -- indexes ---------------------------------------------------------------------------

    def _add(self, number: PhoneNumber) -> None:
        self.numbers[number.phone_number_id] = number
        if not number.failure:
            self._active_per_target[number.target_arn] += 1

    def _detach(self, number: PhoneNumber) -> None:
        """Undo :meth:`_add`: the number's place in the indexes and in its target's count."""
        del self.numbers[number.phone_number_id]
        if not number.failure:
            self._active_per_target[number.target_arn] -= 1

    def forget(self, phone_number_id: str) -> None:
        """Drop a number from this account and Region (released, or a failed claim expired)."""
        number = self.numbers[phone_number_id]
        # First the step that calls out of this module, so a failure there changes nothing.
        self.tagger.delete_all_tags_for_resource(number.phone_number_arn)
        self._number_leaves(number)
        self._detach(number)
        registry().free(number.phone_number)
        number.untrack()

    def _release(self, number: PhoneNumber) -> None:
        """Release: the number leaves the account (the release rules family adds the cooldown
        and the count toward churn)."""
        self.forget(number.phone_number_id)

    def _let_go(self, number: PhoneNumber) -> None:
        """A number whose target goes away: released, or for a failed claim back to the stock
        without cooldown or churn (failed claims count toward neither)."""
        if number.failure:
            self.forget(number.phone_number_id)
        else:
            self._release(number)

    # -- lookups ---------------------------------------------------------------------------

    def _number(self, phone_number_id: str, partner_view: bool = False) -> PhoneNumber:
        """A number by UUID or ARN: of this Region, or by ARN one another Region's family lets
        ``partner_view`` operations (Describe) see here (:meth:`_number_of_region`)."""
        if arns.UUID.match(phone_number_id):
            number = self.numbers.get(phone_number_id)
        else:
            arn = arns.parse(phone_number_id)
            if (
                arn is None
                or arn.resource_type != "phone-number"
                or not arns.UUID.match(arn.resource_id)
            ):
                raise InvalidParameterException(f"Invalid PhoneNumberId: {phone_number_id}")
            if arn.account != self.account_id:
                raise access_denied(phone_number_id, self.account_id)
            if arn.region == self.region_name:
                number = self.numbers.get(arn.resource_id)
            else:
                number = self._number_of_region(phone_number_id, arn, partner_view)
        if number is None:
            raise ResourceNotFoundException(f"Phone number not found: {phone_number_id}")
        return number

    def _number_of_region(
        self, phone_number_id: str, arn: Arn, partner_view: bool
    ) -> PhoneNumber | None:
        """A number of another Region, named here by its ARN (``phone_number_id``): none (the traffic distribution
        family shows its groups' numbers in the partner Region)."""
        return None

    @staticmethod
    def _ensure_settled(number: PhoneNumber) -> None:
        """Follow-up operations need a CLAIMED number."""
        status = number.status
        if status == "IN_PROGRESS":
            raise ResourceInUseException(
                f"Phone number {number.phone_number_arn} is being processed; try again later.",
                resource_type="PHONE_NUMBER",
                resource_id=number.phone_number_arn,
            )
        if status == "FAILED":
            raise InvalidParameterException(
                f"Phone number {number.phone_number_arn} is in status FAILED: {number.failure}"
            )

    # -- phone numbers ---------------------------------------------------------------------

    @locked
    def claim_phone_number(
        self,
        phone_number: str,
        target_arn: str | None = None,
        instance_id: str | None = None,
        phone_number_description: str | None = None,
        tags: dict[str, str] | None = None,
        client_token: str | None = None,
    ) -> PhoneNumber:
        target = self._target(target_arn, instance_id)
        self._ensure_claims_allowed()
        from .. import inventory  # phonenumbers loads with the first phone-number operation

        info = inventory.classify(phone_number)
        if info is None or not self._availability(claimer=True)(phone_number):
            raise not_available(phone_number)
        return self._take(info, target, phone_number_description, tags)

    def _availability(self, claimer: bool = False) -> Callable[[str], bool]:
        """Whether a number is free: held by nobody (for a ``claimer``, or only by its own failed
        claim here); the release rules family adds that it does not cool down. One predicate for
        a claim or a whole sift, so that each number costs no lookup of the stock."""
        is_available = registry().is_available
        who = (self.account_id, self.region_name) if claimer else None
        return lambda e164: is_available(e164, who)

    def _ensure_claims_allowed(self) -> None:
        """A hook before a claim takes a number: the release rules family refuses claims while
        the churn rule blocks them (nothing here does)."""

    def _take(
        self,
        info: inventory.NumberInfo,
        target: Target,
        description: str | None,
        tags: dict[str, str] | None,
        source_phone_number_arn: str | None = None,
    ) -> PhoneNumber:
        """Hold a number for a target: FAILED (and held for a day) if the target has reached its
        quota of active numbers; a failed claim of the same number here is replaced."""
        settings = self._settings
        number = PhoneNumber(
            self.account_id,
            self.region_name,
            info,
            target,
            description,
            source_phone_number_arn,
        )
        if self._active_per_target[target.arn] >= settings.phone_numbers_per_instance:
            number.failure = (
                f"The target {target.arn} has reached its limit of "
                f"{settings.phone_numbers_per_instance} claimed phone numbers."
            )
            number.held_until = now() + rules.FAILED_CLAIM_HOLD
        if tags:
            self.tagger.tag_resource(
                number.phone_number_arn, TaggingService.convert_dict_to_tags_input(tags)
            )
        held = registry().holders.get(info.e164)
        earlier = self.numbers.get(held.phone_number_id) if held is not None else None
        if earlier is not None and earlier is held:  # the claimer retries its own failed claim
            self.forget(earlier.phone_number_id)
        self._add(number)
        self._hold(number)
        return number

    def _hold(self, number: PhoneNumber) -> None:
        """The number is this account's in the stock; a failed claim's hold ends when it is due."""
        registry().hold(number)
        if number.held_until is not None:
            registry().schedule(number.held_until, partial(self._hold_ends, number))

    def _hold_ends(self, number: PhoneNumber, at: datetime) -> None:
        """A failed claim's hold is over: the number is free again (unless it went already)."""
        if self.numbers.get(number.phone_number_id) is number:
            self.forget(number.phone_number_id)

    @locked
    def describe_phone_number(self, phone_number_id: str) -> dict[str, PhoneNumber]:
        number = self._number(phone_number_id, partner_view=True)
        number._state.advance()
        return {"ClaimedPhoneNumberSummary": number}

    @locked
    def release_phone_number(self, phone_number_id: str, client_token: str | None = None) -> None:
        number = self._number(phone_number_id)
        self._ensure_settled(number)
        self._release(number)

    def _available(
        self, country: str, number_type: str, prefix: str | None, after: str | None, limit: int
    ) -> Iterator[str]:
        """What the stock has free at the time, as AWS's search gives (:meth:`_availability`)."""
        with STATE_LOCK:
            expire_due()  # as @locked does for every other operation
        return registry().available_stock(
            self._walk_stock,
            country,
            number_type,
            prefix,
            after,
            batch=limit + 1,
            available=self._availability(),
        )

    def _instance_deleted(self, instance_id: str) -> None:
        """AWS releases an instance's numbers with it (failed claims go back to the stock)."""
        for number in list(self.numbers.values()):
            if number.instance_id == instance_id:
                self._let_go(number)
        super()._instance_deleted(instance_id)
