"""Amazon Connect phone numbers: the backend behind ClaimPhoneNumber and the operations around it.

State is split the way AWS splits it. A number belongs to one account and Region
(:class:`PhoneNumberBackend`), but the stock of numbers is global: who holds which number and which
numbers are cooling down live in one :class:`PhoneNumberRegistry` for the whole process. Both are
BackendDicts, so ``mock_aws`` and ``/moto-api/reset`` wipe them.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from functools import cache, wraps
from itertools import islice
from typing import Any, ClassVar, ParamSpec, Protocol, TypeVar

from moto.connect.models import ConnectBackend, Instance, connect_backends
from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.common_models import BaseModel
from moto.core.utils import get_service_model
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState
from moto.utilities.tagging_service import TaggingService

from . import arns, inventory, pagination, rules
from .config import PHONE_NUMBER_MODEL, STATE_LOCK, Settings, now, settings_for
from .exceptions import (
    AccessDeniedException,
    IdempotencyException,
    InvalidParameterException,
    InvalidRequestException,
    ResourceConflictException,
    ResourceInUseException,
    ResourceNotFoundException,
    error_for,
    not_available,
)
from .traffic import REPLICA_REGIONS, Replication, TrafficDistributionGroup

_SEARCH_PAGE_DEFAULT = 10
_LIST_V2_PAGE_DEFAULT = 100
_LIST_V1_PAGE_DEFAULT = 100
_TDG_PAGE_DEFAULT = 10

P = ParamSpec("P")
R = TypeVar("R")


class _Made(Protocol):
    """What an idempotent operation answers: a resource with an ARN, or nothing."""

    @property
    def arn(self) -> str: ...


C = TypeVar("C", bound=_Made | None)


def locked(method: Callable[P, R]) -> Callable[P, R]:
    """Run a backend operation under the process-wide state lock, after expiring what is due."""

    @wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with STATE_LOCK:
            expire_due()
            return method(*args, **kwargs)

    return wrapper


def expire_due() -> None:
    """Make what is due now happen; callers hold the state lock. Every operation calls it first,
    and so does any other reader of the state (``/moto-api/data.json``)."""
    registry().expire(now())


def idempotent(strict: bool = True) -> Callable[[Callable[..., C]], Callable[..., C]]:
    """Replay the first result of a retried request instead of running it again.

    Keyed by operation and ``client_token`` (the SDK fills one in on every call); see
    :class:`rules.IdempotencyLedger`. ``strict``: a token reused with other parameters is an
    IdempotencyException; otherwise (operations that do not model it) the request just runs.
    """

    def decorate(method: Callable[..., C]) -> Callable[..., C]:
        @wraps(method)
        def wrapper(self: PhoneNumberBackend, client_token: str | None = None, **params: Any) -> C:
            if client_token is None:
                return method(self, **params)
            operation = method.__name__
            try:
                replayed, answer = self.ledger.replay(operation, client_token, params)
            except rules.TokenReused:
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


@dataclasses.dataclass(frozen=True)
class PhoneNumberStatus:
    status: str
    message: str | None = None


@dataclasses.dataclass(frozen=True)
class AvailableNumber:
    phone_number: str
    phone_number_country_code: str
    phone_number_type: str


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
    ) -> None:
        #: Where moto's model registry (``/moto-api/data.json``) lists this number: see :meth:`untrack`.
        self._tracked_at = len(PhoneNumber.instances_tracked) - 1
        self.phone_number_id = str(mock_random.uuid4())
        self.account_id = account_id
        self.region = region
        self.phone_number_arn = arns.phone_number_arn(region, account_id, self.phone_number_id)
        self.phone_number = info.e164
        self.phone_number_country_code = info.country_code
        self.phone_number_type = info.number_type
        self.phone_number_description = description
        self.instance_id: str | None = None
        self.target_arn = ""
        self.group: TrafficDistributionGroup | None = None
        self._state = ManagedState(PHONE_NUMBER_MODEL, [("IN_PROGRESS", "CLAIMED")])
        self.retarget(target)
        #: Set when the claim failed; the number is then held for its claimer until this time.
        self.failure: str | None = None
        self.held_until: datetime | None = None

    @property
    def status(self) -> str:
        return "FAILED" if self.failure else str(self._state.status)

    @property
    def phone_number_status(self) -> PhoneNumberStatus:
        return PhoneNumberStatus(self.status, self.failure)

    @property
    def tags(self) -> dict[str, str]:
        return _moto_connect(self.account_id, self.region).tagger.get_tag_dict_for_resource(
            self.phone_number_arn
        )

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
        """Claim, Update and UpdateMetadata leave the number IN_PROGRESS until they finish."""
        self._state = ManagedState(PHONE_NUMBER_MODEL, [("IN_PROGRESS", "CLAIMED")])

    def summary_v1(self) -> dict[str, str]:
        """ListPhoneNumbers (v1) item: ``Id`` and the legacy instance-scoped ``Arn``."""
        return {
            "Id": self.phone_number_id,
            "Arn": arns.legacy_phone_number_arn(
                self.region, self.account_id, str(self.instance_id), self.phone_number_id
            ),
            "PhoneNumber": self.phone_number,
            "PhoneNumberType": self.phone_number_type,
            "PhoneNumberCountryCode": self.phone_number_country_code,
        }


class PhoneNumberRegistry(BaseBackend):
    """Global stock state: who holds each number and until when released numbers cool down."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.holders: dict[str, PhoneNumber] = {}
        self.cooling_until: dict[str, datetime] = {}
        # When failed claims' holds and cooldowns end (by E.164), and when a backend's churn log or
        # idempotency ledger next has a record to forget (by account and Region).
        self._holds = rules.Deadlines[str]()
        self._cooldowns = rules.Deadlines[str]()
        self._backend_records = rules.Deadlines[tuple[str, str]]()
        # Runs of consecutive unavailable numbers in a query's stock order, found by searches
        # (query -> {first: last}), so the next search jumps over them instead of walking them.
        # They stay true until some number can become available again: at ``_next_return``.
        self._taken_runs: dict[tuple[str, str, str], dict[str, str]] = {}
        self._next_return: datetime | None = None

    def hold(self, number: PhoneNumber) -> None:
        self.holders[number.phone_number] = number
        if number.held_until is not None:
            self._holds.add(number.held_until, number.phone_number)
        self._returns_at(number.held_until)

    def cool(self, e164: str, until: datetime) -> None:
        self.holders.pop(e164, None)
        self.cooling_until[e164] = until
        self._cooldowns.add(until, e164)
        self._returns_at(until)

    def backend_records_due(self, account_id: str, region: str, at: datetime) -> None:
        self._backend_records.add(at, (account_id, region))

    def expire(self, at: datetime) -> None:
        """Make everything due at ``at`` happen: failed claims' holds and cooldowns end, churn and
        idempotency records leave their windows. O(1) when nothing is due."""
        for e164 in self._holds.pop_due(at):
            holder = self.holders.get(e164)
            if holder is not None and holder.held_until is not None and holder.held_until <= at:
                phone_number_backends[holder.account_id][holder.region].forget(
                    holder.phone_number_id
                )
        for e164 in self._cooldowns.pop_due(at):
            until = self.cooling_until.get(e164)
            if until is not None and until <= at:
                del self.cooling_until[e164]
        for account_id, region in self._backend_records.pop_due(at):
            phone_number_backends[account_id][region].expire(at)

    def _returns_at(self, at: datetime | None) -> None:
        if at is not None and (self._next_return is None or at < self._next_return):
            self._next_return = at

    def is_available(self, e164: str, claimer: tuple[str, str] | None = None) -> bool:
        """Free for anyone, or (with ``claimer``) held only by that account and Region's failed claim."""
        holder = self.holders.get(e164)
        if holder is not None:
            own_failed_claim = holder.held_until is not None
            return own_failed_claim and claimer == (holder.account_id, holder.region)
        return e164 not in self.cooling_until

    def available_stock(
        self,
        country: str,
        number_type: str,
        prefix: str | None,
        after: str | None,
        offers: SearchOffers,
        batch: int,
    ) -> Iterator[str]:
        """Numbers of a search query that are free (not held, cooling down or on offer), in stock
        order, strictly after ``after``.

        Candidates come from the inventory outside STATE_LOCK, since a fruitless query may walk
        many; the lock is held only to sift a batch of them (``batch`` first, then twice as many
        each time), so a search never stalls other requests. A number yielded may be taken before
        the caller offers it, so the caller checks again under the lock.
        """
        key = _stock_key(country, number_type, prefix)
        candidates = inventory.iter_stock(country, number_type, prefix, after)
        runs_seen: dict[str, str] | None = None
        run_start: str | None = None
        last_taken = ""
        while True:
            found = list(islice(candidates, batch))
            batch = min(2 * batch, _MAX_SEARCH_BATCH)
            free: list[str] = []
            jump_to: str | None = None
            with STATE_LOCK:
                runs = self._runs_for(key)
                if runs is not runs_seen:  # forgotten meanwhile: what was seen may have changed
                    runs_seen, run_start = runs, None
                at = now()
                for e164 in found:
                    if e164 in runs:
                        run_start = run_start or e164
                        last_taken = jump_to = runs[e164]
                        break
                    if not self.is_available(e164):
                        run_start = run_start or e164
                        last_taken = e164
                        continue
                    if run_start is not None and run_start != last_taken:
                        runs[run_start] = last_taken
                    run_start = None
                    if not offers.on_offer(e164, at):
                        free.append(e164)
                if not found and run_start is not None and run_start != last_taken:
                    runs[run_start] = last_taken
            yield from free
            if not found:
                return
            if jump_to is not None:
                candidates = inventory.iter_stock(country, number_type, prefix, jump_to)

    def _runs_for(self, key: tuple[str, str, str]) -> dict[str, str]:
        """The query's runs of taken numbers, all of them forgotten once a number may be back."""
        if self._next_return is not None and now() >= self._next_return:
            self._taken_runs.clear()
            ends = [*self.cooling_until.values()]
            ends += [n.held_until for n in self.holders.values() if n.held_until is not None]
            self._next_return = min(ends, default=None)
        runs = self._taken_runs.get(key)
        if runs is None:
            if len(self._taken_runs) >= _MAX_REMEMBERED_QUERIES:
                del self._taken_runs[next(iter(self._taken_runs))]
            runs = self._taken_runs[key] = {}
        return runs


_MAX_SEARCH_BATCH = 256
#: Queries whose runs of taken numbers, or whose last offered number, are remembered at once;
#: the oldest is forgotten first, so a long-running server does not grow with every new prefix.
_MAX_REMEMBERED_QUERIES = 1024
#: How long a number a search handed out is kept from other searches (modelled).
OFFER_TIME = timedelta(seconds=60)
#: Offers remembered at once; beyond this the oldest lapse early, so memory stays bounded.
MAX_OFFERS = 10_000


def _stock_key(country: str, number_type: str, prefix: str | None) -> tuple[str, str, str]:
    """Queries with the same key walk the same numbers (CA TOLL_FREE is the US toll-free stock)."""
    return (inventory.stock_region(country, number_type), number_type, (prefix or "").lstrip("+"))


class SearchOffers(BaseBackend):
    """Numbers searches handed out recently, so that searches running side by side (two test
    workers on one server, say) are offered different numbers, as real searches are.

    Each first page of a query starts after the last number the query offered, until the offers
    lapse (:data:`OFFER_TIME` on the plugin clock); a number on offer is offered to no other search
    meanwhile. Claims ignore offers. Callers hold STATE_LOCK.
    """

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        # Both oldest first: a number's offer end, and a query's last offered number with its end.
        self._ends: dict[str, datetime] = {}
        self._last_offered: dict[tuple[str, str, str], tuple[str, datetime]] = {}

    def _lapse(self, at: datetime) -> None:
        """Forget lapsed offers, and the oldest ones beyond the caps (both dicts are oldest first)."""
        while self._ends:
            oldest = next(iter(self._ends))
            if self._ends[oldest] > at and len(self._ends) <= MAX_OFFERS:
                break
            del self._ends[oldest]
        while self._last_offered:
            query = next(iter(self._last_offered))
            if (
                self._last_offered[query][1] > at
                and len(self._last_offered) <= _MAX_REMEMBERED_QUERIES
            ):
                break
            del self._last_offered[query]

    def on_offer(self, e164: str, at: datetime) -> bool:
        end = self._ends.get(e164)
        return end is not None and end > at

    def offer(self, e164: str, at: datetime) -> bool:
        """Put a number on offer; False if it already is."""
        self._lapse(at)
        if self.on_offer(e164, at):
            return False
        self._ends.pop(e164, None)
        self._ends[e164] = at + OFFER_TIME
        return True

    def resume_after(self, key: tuple[str, str, str], at: datetime) -> str | None:
        """Where a new query's first page starts: after the query's last offered number."""
        self._lapse(at)
        last = self._last_offered.get(key)
        return last[0] if last is not None else None

    def offered(self, key: tuple[str, str, str], last: str, at: datetime) -> None:
        self._last_offered.pop(key, None)
        self._last_offered[key] = (last, at + OFFER_TIME)


search_offers_by_partition = BackendDict(
    SearchOffers, "connect", use_boto3_regions=False, additional_regions=["aws"]
)


def search_offers() -> SearchOffers:
    return search_offers_by_partition["000000000000"]["aws"]


registries = BackendDict(
    PhoneNumberRegistry, "connect", use_boto3_regions=False, additional_regions=["aws"]
)


@cache
def _max_tags() -> int:
    """Tags per resource: the ``max`` of the model's ``TagMap``."""
    tag_resource = get_service_model("connect").operation_model("TagResource")
    limit: int = tag_resource.input_shape.members["tags"].metadata["max"]
    return limit


def registry() -> PhoneNumberRegistry:
    return registries["000000000000"]["aws"]


def _search_position(token_key: str | None) -> tuple[int, str | None]:
    """How many numbers the query has offered so far and the last of them, from a page token."""
    if token_key is None:
        return 0, None
    served, _, last = token_key.partition(":")
    if not served.isascii() or not served.isdigit() or not last:
        raise InvalidParameterException("Invalid NextToken.")
    return int(served), last


def _hand_out(
    country: str, number_type: str, prefix: str | None, after: str | None, limit: int
) -> tuple[list[str], bool]:
    """Offer up to ``limit`` free numbers of a query after ``after``; also whether more are free."""
    stock, offers = registry(), search_offers()
    numbers: list[str] = []
    more = False
    for e164 in stock.available_stock(country, number_type, prefix, after, offers, batch=limit + 1):
        if len(numbers) == limit:
            more = True
            break
        with STATE_LOCK:  # taken or offered since the sift: skip it
            if stock.is_available(e164) and offers.offer(e164, now()):
                numbers.append(e164)
    if numbers:
        with STATE_LOCK:
            offers.offered(_stock_key(country, number_type, prefix), numbers[-1], now())
    return numbers, more


def _moto_connect(account_id: str, region: str) -> ConnectBackend:
    backend: ConnectBackend = connect_backends[account_id][region]
    return backend


@dataclasses.dataclass(frozen=True)
class Target:
    """What a number is claimed to: an instance, or a traffic distribution group (no instance)."""

    arn: str
    instance_id: str | None
    group: TrafficDistributionGroup | None = None


class PhoneNumberBackend(BaseBackend):
    """One account's phone numbers, TDGs and replications in one Region, and the rules on them."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.numbers: dict[str, PhoneNumber] = {}
        # Numbers visible here (owned, and TDG numbers of the partner Region) by E.164, sorted:
        # lists page through it by key, so a page costs the same at any depth and tokens survive
        # claims and releases elsewhere in the list.
        self._sorted_e164: list[str] = []
        self._by_e164: dict[str, PhoneNumber] = {}
        self._active_per_target: Counter[str] = Counter()
        self.churn = rules.ChurnLog()
        self.ledger = rules.IdempotencyLedger()
        # The due time this backend gave the registry for its next churn or idempotency record.
        self._expiry_scheduled: datetime | None = None
        self.groups: dict[str, TrafficDistributionGroup] = {}
        self.replications: dict[str, Replication] = {}

    @property
    def _connect(self) -> ConnectBackend:
        return _moto_connect(self.account_id, self.region_name)

    @property
    def _settings(self) -> Settings:
        return settings_for(self.account_id, self.region_name)

    def _peer(self, region: str) -> PhoneNumberBackend | None:
        """This account's backend in another Region, or None for a Region moto does not know."""
        account = phone_number_backends[self.account_id]
        if region not in account:
            return None
        backend: PhoneNumberBackend = account[region]
        return backend

    @staticmethod
    def _partner_of(number: PhoneNumber | None) -> PhoneNumberBackend | None:
        """The other Region's backend for a TDG number, which lists it too."""
        if number is None or number.group is None:
            return None
        region = number.group.replication.other(number.region)
        backend: PhoneNumberBackend = phone_number_backends[number.account_id][region]
        return backend

    # -- indexes ---------------------------------------------------------------------------

    def _show(self, number: PhoneNumber) -> None:
        self._by_e164[number.phone_number] = number
        bisect.insort(self._sorted_e164, number.phone_number)

    def _hide(self, number: PhoneNumber) -> None:
        if self._by_e164.pop(number.phone_number, None) is not None:
            del self._sorted_e164[bisect.bisect_left(self._sorted_e164, number.phone_number)]

    def _add(self, number: PhoneNumber) -> None:
        self.numbers[number.phone_number_id] = number
        self._show(number)
        partner = self._partner_of(number)
        if partner is not None:
            partner._show(number)
        if not number.failure:
            self._active_per_target[number.target_arn] += 1

    def _detach(self, number: PhoneNumber) -> None:
        """Undo :meth:`_add`: the number's place in the indexes and in its target's count."""
        del self.numbers[number.phone_number_id]
        self._hide(number)
        partner = self._partner_of(number)
        if partner is not None:
            partner._hide(number)
        if not number.failure:
            self._active_per_target[number.target_arn] -= 1

    def forget(self, phone_number_id: str) -> None:
        """Drop a number from this account and Region (released, or a failed claim expired)."""
        number = self.numbers[phone_number_id]
        # First the step that calls out of this module, so a failure there changes nothing.
        self._connect.tagger.delete_all_tags_for_resource(number.phone_number_arn)
        self._detach(number)
        registry().holders.pop(number.phone_number, None)
        number.untrack()

    def _release(self, number: PhoneNumber) -> None:
        """Release: the number leaves the account, counts toward churn and cools down."""
        released_at = now()
        # Time arithmetic first: if it fails, the number is still the account's.
        cooldown_end = rules.cooldown_end(released_at, self._settings)
        self.forget(number.phone_number_id)
        self.churn.record(released_at)
        self._schedule_expiry()
        registry().cool(number.phone_number, cooldown_end)

    def _let_go(self, number: PhoneNumber) -> None:
        """A number whose target goes away: released, or for a failed claim back to the stock
        without cooldown or churn (failed claims count toward neither)."""
        if number.failure:
            self.forget(number.phone_number_id)
        else:
            self._release(number)

    # -- expiry ----------------------------------------------------------------------------

    def _schedule_expiry(self) -> None:
        """Give the registry the due time of this backend's next churn or idempotency record,
        unless an earlier one is already scheduled."""
        dues = [self.ledger.next_due(), self.churn.next_due(self._settings)]
        due = min((d for d in dues if d is not None), default=None)
        if due is not None and (self._expiry_scheduled is None or due < self._expiry_scheduled):
            self._expiry_scheduled = due
            registry().backend_records_due(self.account_id, self.region_name, due)

    def expire(self, at: datetime) -> None:
        """Forget the churn and idempotency records whose windows have ended."""
        if self._expiry_scheduled is None or self._expiry_scheduled > at:
            return  # an entry superseded by an earlier one
        self._expiry_scheduled = None
        self.ledger.expire(at)
        self.churn.expire(at, self._settings)
        self._schedule_expiry()

    # -- lookups ---------------------------------------------------------------------------

    def _instance(
        self, instance_id: str, unknown: type[Exception] = ResourceNotFoundException
    ) -> Instance:
        """An instance of this Region by id or ARN."""
        arn = arns.parse(instance_id)
        if arn is not None and arn.resource == "instance":
            if arn.account != self.account_id:
                raise AccessDeniedException(
                    f"You do not have access to {instance_id} from account {self.account_id}."
                )
            if arn.region == self.region_name:
                instance_id = arn.resource_id
        instance = self._connect.instances.get(instance_id)
        if instance is None:
            raise unknown(f"Instance not found: {instance_id}")
        return instance

    def _target(
        self,
        target_arn: str | None,
        instance_id: str | None,
        unknown: type[Exception] = ResourceNotFoundException,
        home_only: bool = True,
    ) -> Target:
        """The instance or TDG a request names by TargetArn, InstanceId or both (they must agree).

        Claims and moves need the target's own Region (``home_only``); searches and lists also
        accept a TDG from its partner Region.
        """
        if target_arn is None and instance_id is None:
            raise InvalidParameterException("Either TargetArn or InstanceId must be provided.")
        if target_arn is None:
            assert instance_id is not None
            if home_only:
                self._ensure_home_region(instance_id, "InstanceId")
            instance = self._instance(instance_id, unknown)
            return Target(instance.arn, instance.id)
        arn = arns.parse(target_arn)
        if arn is None or arn.resource not in ("instance", "traffic-distribution-group"):
            raise InvalidParameterException(f"Invalid TargetArn: {target_arn}")
        if arn.resource == "traffic-distribution-group":
            if instance_id is not None:
                raise InvalidParameterException(
                    "InstanceId cannot be combined with a traffic distribution group TargetArn."
                )
            group = self._group(target_arn, unknown, home_only=home_only, by_claim=True)
            return Target(group.arn, None, group)
        self._ensure_home_region(target_arn, "TargetArn")
        if instance_id is not None and instance_id not in (arn.resource_id, target_arn):
            raise InvalidParameterException(
                "TargetArn and InstanceId must identify the same instance."
            )
        instance = self._instance(arn.resource_id, unknown)
        return Target(instance.arn, instance.id)

    def _ensure_home_region(self, instance: str, parameter: str) -> None:
        """Claims and moves name an instance of this Region: an instance ARN of another account is
        denied, of another Region an invalid parameter (whether given as TargetArn or InstanceId)."""
        arn = arns.parse(instance)
        if arn is None or arn.resource != "instance":
            return
        if arn.account != self.account_id:
            raise AccessDeniedException(
                f"You do not have access to {instance} from account {self.account_id}."
            )
        if arn.region != self.region_name:
            raise InvalidParameterException(
                f"{parameter} {instance} is not in this Region ({self.region_name})."
            )

    def _group(
        self,
        group_id: str,
        unknown: type[Exception] = ResourceNotFoundException,
        home_only: bool = False,
        by_claim: bool = False,
    ) -> TrafficDistributionGroup:
        """A TDG by id (in its home Region) or ARN (from either Region of the pair).

        AWS: a TDG missing, not ACTIVE (for claims) or of another account is not found; used as a
        claim target from its partner Region it is the wrong Region.
        """
        arn = arns.parse(group_id)
        if arn is None:
            group = self.groups.get(group_id)
        elif arn.resource != "traffic-distribution-group" or arn.account != self.account_id:
            group = None
        else:
            home = self._peer(arn.region)
            group = home.groups.get(arn.resource_id) if home else None
            if group is not None and self.region_name not in (
                group.replication.source_region,
                group.replication.replica_region,
            ):
                group = None
        if group is None or group.status == "DELETED":
            raise unknown(f"Traffic distribution group not found: {group_id}")
        if by_claim and group.status != "ACTIVE":
            raise unknown(f"Traffic distribution group {group_id} is not ACTIVE.")
        if home_only and group.home_region != self.region_name:
            raise InvalidParameterException(
                f"Traffic distribution group {group.arn} belongs to {group.home_region}; "
                f"claim and move its numbers there."
            )
        return group

    def _number(self, phone_number_id: str, partner_view: bool = False) -> PhoneNumber:
        """A number by UUID or ARN.

        A TDG number is visible from the partner Region by its ARN only; there only ``partner_view``
        operations (Describe) may use it, the others belong to its home Region.
        """
        if arns.UUID.match(phone_number_id):
            number = self.numbers.get(phone_number_id)
        else:
            arn = arns.parse(phone_number_id)
            if (
                arn is None
                or arn.resource != "phone-number"
                or not arns.UUID.match(arn.resource_id)
            ):
                raise InvalidParameterException(f"Invalid PhoneNumberId: {phone_number_id}")
            if arn.account != self.account_id:
                raise AccessDeniedException(
                    f"You do not have access to {phone_number_id} from account {self.account_id}."
                )
            if arn.region == self.region_name:
                number = self.numbers.get(arn.resource_id)
            else:
                home = self._peer(arn.region)
                number = home.numbers.get(arn.resource_id) if home else None
                if self._partner_of(number) is not self:
                    number = None
                if number is not None and not partner_view:
                    raise InvalidParameterException(
                        f"Phone number {phone_number_id} belongs to {number.region}; "
                        "call this operation there."
                    )
        if number is None:
            raise ResourceNotFoundException(f"Phone number not found: {phone_number_id}")
        return number

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
        if client_token is not None and not rules.claim_token_is_valid(client_token):
            raise InvalidParameterException(
                f"ClientToken must be a UUID (for example 1b4e28ba-2fa1-11d2-883f-0016d3cca427): "
                f"{client_token[:100]}"
            )
        target = self._target(target_arn, instance_id)
        settings = self._settings
        blocked_until = self.churn.blocked_until(now(), settings)
        if blocked_until is not None:
            limit = rules.churn_limit(settings)
            rule = (
                f"in {self.region_name} within {settings.churn_window_days:g} days "
                f"({settings.churn_limit_percent:g}% of the quota of "
                f"{settings.phone_numbers_per_instance})"
            )
            raise error_for(
                settings.blocked_claim_error,
                f"The allowed limit exceeded: this account may release 0 phone numbers {rule}; "
                f"every claim is blocked while the limit is 0."
                if blocked_until == rules.BLOCKED_WHILE_LIMIT_IS_ZERO
                else f"The allowed limit exceeded: this account released {limit} or more phone "
                f"numbers {rule}; claims are blocked until {blocked_until.isoformat()}Z.",
            )
        info = inventory.classify(phone_number)
        stock = registry()
        if info is None or not stock.is_available(
            phone_number, (self.account_id, self.region_name)
        ):
            raise not_available(phone_number)
        number = PhoneNumber(
            self.account_id, self.region_name, info, target, phone_number_description
        )
        if self._active_per_target[target.arn] >= settings.phone_numbers_per_instance:
            number.failure = (
                f"The target {target.arn} has reached its limit of "
                f"{settings.phone_numbers_per_instance} claimed phone numbers."
            )
            number.held_until = now() + rules.FAILED_CLAIM_HOLD
        if tags:
            self._connect.tagger.tag_resource(
                number.phone_number_arn, TaggingService.convert_dict_to_tags_input(tags)
            )
        earlier = self._by_e164.get(phone_number)
        if earlier is not None:  # the claimer retries its own failed claim
            self.forget(earlier.phone_number_id)
        self._add(number)
        stock.hold(number)
        return number

    @locked
    def describe_phone_number(self, phone_number_id: str) -> dict[str, PhoneNumber]:
        number = self._number(phone_number_id, partner_view=True)
        number._state.advance()
        return {"ClaimedPhoneNumberSummary": number}

    @locked
    @idempotent()
    def release_phone_number(self, phone_number_id: str, client_token: str | None = None) -> None:
        number = self._number(phone_number_id)
        self._ensure_settled(number)
        self._release(number)

    @locked
    @idempotent()
    def update_phone_number(
        self,
        phone_number_id: str,
        target_arn: str | None = None,
        instance_id: str | None = None,
        client_token: str | None = None,
    ) -> PhoneNumber:
        number = self._number(phone_number_id)
        target = self._target(target_arn, instance_id)
        self._ensure_settled(number)
        limit = self._settings.phone_numbers_per_instance
        if target.arn != number.target_arn and self._active_per_target[target.arn] >= limit:
            raise InvalidParameterException(
                f"The target {target.arn} has reached its limit of {limit} claimed phone numbers."
            )
        number.restart_progress()  # first: the only step that can fail leaves the rest untouched
        self._detach(number)
        number.retarget(target)
        self._add(number)
        return number

    @locked
    @idempotent()
    def update_phone_number_metadata(
        self,
        phone_number_id: str,
        phone_number_description: str | None = None,
        client_token: str | None = None,
    ) -> None:
        number = self._number(phone_number_id)
        self._ensure_settled(number)
        number.restart_progress()
        if phone_number_description is not None:
            number.phone_number_description = phone_number_description

    @locked
    def list_phone_numbers_v2(
        self,
        target_arn: str | None = None,
        instance_id: str | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
        phone_number_country_codes: list[str] | None = None,
        phone_number_types: list[str] | None = None,
        phone_number_prefix: str | None = None,
    ) -> dict[str, Any]:
        query = {
            "TargetArn": target_arn,
            "InstanceId": instance_id,
            "PhoneNumberCountryCodes": phone_number_country_codes,
            "PhoneNumberTypes": phone_number_types,
            "PhoneNumberPrefix": phone_number_prefix,
        }
        after = pagination.decode(next_token, query, InvalidParameterException)
        target = None
        if target_arn is not None or instance_id is not None:
            target = self._target(target_arn, instance_id, home_only=False)
        prefix = "+" + phone_number_prefix.lstrip("+") if phone_number_prefix else None

        def wanted(number: PhoneNumber) -> bool:
            return (
                (target is None or number.target_arn == target.arn)
                and (
                    not phone_number_country_codes
                    or number.phone_number_country_code in phone_number_country_codes
                )
                and (not phone_number_types or number.phone_number_type in phone_number_types)
                and (prefix is None or number.phone_number.startswith(prefix))
            )

        page, token = self._page(after, max_results or _LIST_V2_PAGE_DEFAULT, wanted, query)
        return {"ListPhoneNumbersSummaryList": page, "NextToken": token}

    @locked
    def list_phone_numbers(
        self,
        instance_id: str,
        phone_number_types: list[str] | None = None,
        phone_number_country_codes: list[str] | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> dict[str, Any]:
        query = {
            "InstanceId": instance_id,
            "PhoneNumberTypes": phone_number_types,
            "PhoneNumberCountryCodes": phone_number_country_codes,
        }
        after = pagination.decode(next_token, query, InvalidParameterException)
        instance = self._instance(instance_id)

        def wanted(number: PhoneNumber) -> bool:
            return (
                number.instance_id == instance.id
                and number.region == self.region_name
                and (
                    not phone_number_country_codes
                    or number.phone_number_country_code in phone_number_country_codes
                )
                and (not phone_number_types or number.phone_number_type in phone_number_types)
            )

        page, token = self._page(after, max_results or _LIST_V1_PAGE_DEFAULT, wanted, query)
        return {"PhoneNumberSummaryList": [n.summary_v1() for n in page], "NextToken": token}

    def _page(
        self,
        after: str | None,
        limit: int,
        wanted: Callable[[PhoneNumber], bool],
        query: dict[str, Any],
    ) -> tuple[list[PhoneNumber], str | None]:
        start = 0 if after is None else bisect.bisect_right(self._sorted_e164, after)
        matches = (self._by_e164[e] for e in islice(self._sorted_e164, start, None))
        page = list(islice((n for n in matches if wanted(n)), limit + 1))
        if len(page) <= limit:
            return page, None
        return page[:limit], pagination.encode(page[limit - 1].phone_number, query)

    def search_available_phone_numbers(
        self,
        phone_number_country_code: str,
        phone_number_type: str,
        target_arn: str | None = None,
        instance_id: str | None = None,
        phone_number_prefix: str | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> dict[str, Any]:
        """Hand out available numbers; see :class:`SearchOffers` for which ones.

        Not under one lock: the inventory may walk many candidates, so the state lock is taken
        only for the checks and for each number offered.
        """
        query = {
            "PhoneNumberCountryCode": phone_number_country_code,
            "PhoneNumberType": phone_number_type,
            "PhoneNumberPrefix": phone_number_prefix,
            "TargetArn": target_arn,
            "InstanceId": instance_id,
        }
        served, after = _search_position(
            pagination.decode(next_token, query, InvalidParameterException)
        )
        with STATE_LOCK:
            expire_due()  # as @locked does for every other operation
            self._target(
                target_arn, instance_id, unknown=InvalidParameterException, home_only=False
            )
            bound = self._settings.numbers_per_search
        limit = min(max_results or _SEARCH_PAGE_DEFAULT, bound - served)
        numbers: list[str] = []
        more = False
        if limit > 0:
            wanted = (phone_number_country_code, phone_number_type, phone_number_prefix)
            start = after
            if after is None:
                with STATE_LOCK:
                    start = search_offers().resume_after(_stock_key(*wanted), now())
            numbers, more = _hand_out(*wanted, start, limit)
            if not numbers and after is None and start is not None:
                numbers, more = _hand_out(*wanted, None, limit)  # wrap around to the start
        served += len(numbers)
        token = None
        if more and served < bound:
            token = pagination.encode(f"{served}:{numbers[-1]}", query)
        found = [AvailableNumber(e, phone_number_country_code, phone_number_type) for e in numbers]
        return {"AvailableNumbersList": found, "NextToken": token}

    @locked
    def ensure_taggable(self, resource_arn: str, adding: dict[str, str] | None = None) -> None:
        """Tag operations on phone-number ARNs need a number this account holds here; and no
        resource may end up with more tags than the model's ``TagMap`` allows (AWS: 50).

        The legacy instance-scoped ARN from ListPhoneNumbers (v1) cannot be tagged.
        """
        if ":phone-number/" in resource_arn or "/phone-number/" in resource_arn:
            arn = arns.parse(resource_arn)
            if arn is None or arn.region != self.region_name or arn.account != self.account_id:
                raise ResourceNotFoundException(f"Resource not found: {resource_arn}")
            if arn.resource_id not in self.numbers:
                raise ResourceNotFoundException(f"Resource not found: {resource_arn}")
        if adding:
            held = self._connect.tagger.get_tag_dict_for_resource(resource_arn)
            count = len(held.keys() | adding.keys())
            if count > _max_tags():
                raise InvalidParameterException(
                    f"A resource can have at most {_max_tags()} tags; {resource_arn} has "
                    f"{len(held)} and this request would give it {count}."
                )

    # -- replication and traffic distribution groups ---------------------------------------

    @locked
    @idempotent(strict=False)
    def replicate_instance(
        self,
        instance_id: str,
        replica_region: str,
        replica_alias: str | None = None,
        client_token: str | None = None,
    ) -> Instance:
        instance = self._instance(instance_id)
        if replica_region == self.region_name:
            raise InvalidRequestException("ReplicaRegion must differ from the instance's Region.")
        if REPLICA_REGIONS.get(self.region_name) != replica_region:
            raise InvalidRequestException(
                f"Instances in {self.region_name} can be replicated only to "
                f"{REPLICA_REGIONS.get(self.region_name, 'no Region')}."
            )
        if instance.id in self.replications:
            raise InvalidRequestException(f"Instance {instance.id} is already replicated.")
        if instance.instance_status != "ACTIVE":
            raise InvalidRequestException(f"Instance {instance.id} is not ACTIVE.")
        if instance.identity_management_type != "SAML":
            raise InvalidRequestException(
                "Only instances with SAML identity management can be replicated."
            )
        if not instance.instance_alias or not replica_alias:
            raise InvalidRequestException("The instance and its replica need an alias.")
        replica_backend: PhoneNumberBackend = phone_number_backends[self.account_id][replica_region]
        taken = [
            i.instance_alias
            for backend in (self._connect, replica_backend._connect)
            for i in backend.instances.values()
        ]
        if replica_alias in taken:
            raise ResourceConflictException(f"The alias {replica_alias} is already in use.")
        replica = Instance(
            identity_management_type=instance.identity_management_type,
            inbound_calls_enabled=instance.inbound_calls_enabled,
            outbound_calls_enabled=instance.outbound_calls_enabled,
            account_id=self.account_id,
            region=replica_region,
            instance_alias=replica_alias,
        )
        replica.id = instance.id
        replica.arn = instance.arn.replace(f":{self.region_name}:", f":{replica_region}:", 1)
        replica_backend._connect.instances[replica.id] = replica
        replication = Replication(instance.id, self.region_name, replica_region, replica_alias)
        self.replications[instance.id] = replica_backend.replications[instance.id] = replication
        default = TrafficDistributionGroup(
            self.account_id,
            replication,
            instance.arn,
            f"{instance.instance_alias}-default",
            None,
            is_default=True,
        )
        self.groups[default.id] = default
        return replica

    @locked
    @idempotent(strict=False)
    def create_traffic_distribution_group(
        self,
        name: str,
        instance_id: str,
        description: str | None = None,
        tags: dict[str, str] | None = None,
        client_token: str | None = None,
    ) -> TrafficDistributionGroup:
        instance = self._instance(instance_id)
        replication = self.replications.get(instance.id)
        if replication is None:
            raise InvalidRequestException(
                f"Instance {instance.id} is not replicated; replicate it first."
            )
        if replication.source_region != self.region_name:
            raise InvalidRequestException(
                f"Create traffic distribution groups in the instance's source Region "
                f"({replication.source_region})."
            )
        group = TrafficDistributionGroup(
            self.account_id, replication, instance.arn, name, description, is_default=False
        )
        if tags:
            self._connect.tagger.tag_resource(
                group.arn, TaggingService.convert_dict_to_tags_input(tags)
            )
        self.groups[group.id] = group
        return group

    @locked
    def describe_traffic_distribution_group(
        self, traffic_distribution_group_id: str
    ) -> dict[str, TrafficDistributionGroup]:
        group = self._group(traffic_distribution_group_id)
        group.advance()
        return {"TrafficDistributionGroup": group}

    @locked
    def list_traffic_distribution_groups(
        self,
        max_results: int | None = None,
        next_token: str | None = None,
        instance_id: str | None = None,
    ) -> dict[str, Any]:
        query = {"InstanceId": instance_id}
        after = pagination.decode(next_token, query, InvalidRequestException)
        wanted_instance = None
        if instance_id is not None:
            wanted_instance = self._instance(instance_id, unknown=InvalidRequestException).id
        groups = sorted(
            (
                group
                for replication in self.replications.values()
                for group in phone_number_backends[self.account_id][
                    replication.source_region
                ].groups.values()
                if group.replication is replication
                and group.status != "DELETED"
                and wanted_instance in (None, group.instance_id)
            ),
            key=lambda group: group.id,
        )
        start = 0 if after is None else bisect.bisect_right([g.id for g in groups], after)
        limit = max_results or _TDG_PAGE_DEFAULT
        page = groups[start : start + limit]
        more = start + limit < len(groups)
        token = pagination.encode(page[-1].id, query) if more else None
        return {"TrafficDistributionGroupSummaryList": page, "NextToken": token}

    @locked
    def delete_traffic_distribution_group(self, traffic_distribution_group_id: str) -> None:
        group = self._group(traffic_distribution_group_id, unknown=InvalidRequestException)
        if group.home_region != self.region_name:
            raise InvalidRequestException(
                f"Delete traffic distribution group {group.arn} in its Region, {group.home_region}."
            )
        if group.is_default:
            raise InvalidRequestException(
                "The default traffic distribution group cannot be deleted."
            )
        in_use = next((n for n in self.numbers.values() if n.group is group), None)
        if in_use is not None:
            # The model's ResourceType has no TDG member: name the number that holds it.
            raise ResourceInUseException(
                f"Phone numbers are claimed to traffic distribution group {group.arn}; "
                "release or move them first.",
                resource_type="PHONE_NUMBER",
                resource_id=in_use.phone_number_arn,
            )
        group.start_deletion()
        if group.status == "DELETED":
            self._drop_group(group)

    def _drop_group(self, group: TrafficDistributionGroup) -> None:
        del self.groups[group.id]
        self._connect.tagger.delete_all_tags_for_resource(group.arn)

    @locked
    def get_traffic_distribution(self, id: str) -> TrafficDistributionGroup:
        return self._active_group(id, ResourceNotFoundException)

    @locked
    def update_traffic_distribution(
        self,
        id: str,
        telephony_config: dict[str, Any] | None = None,
        sign_in_config: dict[str, Any] | None = None,
        agent_config: dict[str, Any] | None = None,
    ) -> None:
        group = self._active_group(id, ResourceConflictException)
        group.update_distribution(telephony_config, sign_in_config, agent_config)

    def _active_group(self, group_id: str, not_active: type[Exception]) -> TrafficDistributionGroup:
        group = self._group(group_id)
        if group.status != "ACTIVE":
            raise not_active(
                f"Traffic distribution group {group.arn} is {group.status}, not ACTIVE."
            )
        return group

    @locked
    def instance_deleted(self, instance_id: str) -> None:
        """moto deleted an instance here: release what hung on it, in both Regions if replicated.

        AWS releases an instance's numbers with it. Deleting a replicated instance at its source
        also deletes the replica; deleting the replica ends the replication and keeps the source.
        Either way the pair's TDGs go and their numbers are released, so nothing is orphaned.
        """
        replication = self.replications.get(instance_id)
        for number in list(self.numbers.values()):
            if number.instance_id == instance_id:
                self._let_go(number)
        if replication is None:
            return
        for region in (replication.source_region, replication.replica_region):
            backend: PhoneNumberBackend = phone_number_backends[self.account_id][region]
            for number in list(backend.numbers.values()):
                if number.group is not None and number.group.replication is replication:
                    backend._let_go(number)
            for group in list(backend.groups.values()):
                if group.replication is replication:
                    backend._drop_group(group)
            del backend.replications[instance_id]
        if self.region_name == replication.source_region:
            replica: PhoneNumberBackend = phone_number_backends[self.account_id][
                replication.replica_region
            ]
            replica.instance_deleted_with_source(instance_id)

    def instance_deleted_with_source(self, instance_id: str) -> None:
        """The source of this replica was deleted: the replica goes too, with its numbers."""
        for number in list(self.numbers.values()):
            if number.instance_id == instance_id:
                self._let_go(number)
        self._connect.instances.pop(instance_id, None)


phone_number_backends = BackendDict(PhoneNumberBackend, "connect")
