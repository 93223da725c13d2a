"""What every family of :class:`~.ConnectBackend` shares: the lookup of instances and, once
families hold state, the state lock, the expiry of the records they keep, the hooks they
cooperate through and the lookup of the account's other Regions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from functools import wraps
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from .. import arns
from ..config import STATE_LOCK, Settings, now, settings_for
from ..exceptions import ResourceNotFoundException, access_denied
from .stock import registry

if TYPE_CHECKING:
    from moto.connect.models import Instance
    from moto.utilities.tagging_service import TaggingService

    # Type-only circle left: the hooks and lookups here answer the composed backend and the
    # families' models; typing them apart would need a protocol per family (a redesign).
    from . import ConnectBackend
    from .phone_numbers import PhoneNumber

P = ParamSpec("P")
R = TypeVar("R")


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
    at = now()
    for expire in registry().expire(at):
        expire(at)


def connect_backend(account_id: str, region: str) -> ConnectBackend:
    """The backend of an account and Region: the ``connect_backends`` entry, a
    :class:`~.ConnectBackend` composed of moto's own and the families'."""
    backend: ConnectBackend = _moto_backends()[account_id][region]
    return backend


def all_backends() -> Iterator[ConnectBackend]:
    """Every account and Region's backend made so far."""
    for account in _moto_backends().values():
        yield from account.values()


def is_region(account_id: str, region: str) -> bool:
    """Whether moto knows ``region`` for Connect (an account's backends are made on first use)."""
    return region in _moto_backends()[account_id]


def region_served(account_id: str, region: str) -> bool:
    """Whether moto has a connect backend for the Region (or is told to serve any Region)."""
    from moto import settings

    return is_region(account_id, region) or settings.allow_unknown_region()


def backends_by_account() -> Any:
    """moto's ``connect_backends``: account id -> Region -> backend, each Region's backend made
    on first use (so an account's emptied dict starts afresh)."""
    return _moto_backends()


def _moto_backends() -> Any:
    """moto's ``connect_backends``, looked up when used: in moto, whose connect package these
    mixins become part of, the package is still being imported when this module is."""
    from moto.connect.models import connect_backends

    return connect_backends


class BackendFamily:
    """Base of each mixin of :class:`~.ConnectBackend`: what every family uses.

    The attributes declared for type checking come from moto's own ``ConnectBackend``, which the
    composed class also extends. Each family's ``__init__`` sets up its own state after the rest.
    """

    if TYPE_CHECKING:
        account_id: str
        region_name: str
        instances: dict[str, Instance]
        tagger: TaggingService

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)  # type: ignore[call-arg]

    @property
    def _settings(self) -> Settings:
        return settings_for(self.account_id, self.region_name)

    def _peer(self, region: str) -> ConnectBackend | None:
        """This account's backend in another Region, or None for a Region moto does not know."""
        if not is_region(self.account_id, region):
            return None
        return connect_backend(self.account_id, region)

    def _instance(
        self, instance_id: str, unknown: type[Exception] = ResourceNotFoundException
    ) -> Instance:
        """An instance of this Region by id or ARN."""
        arn = arns.parse(instance_id)
        if arn is not None and arn.resource_type == "instance":
            if arn.account != self.account_id:
                raise access_denied(instance_id, self.account_id)
            if arn.region == self.region_name:
                instance_id = arn.resource_id
        instance = self.instances.get(instance_id)
        if instance is None:
            raise unknown(f"Instance not found: {instance_id}")
        return instance

    def _instance_deleted(self, instance_id: str) -> None:
        """moto deleted an instance of this Region: each family drops what hung on it, then calls
        the next family's hook."""

    def _check_tag_target(self, resource_arn: str, adding: dict[str, str] | None) -> None:
        """Before TagResource, UntagResource or ListTagsForResource: each family refuses an ARN
        of its kind that names nothing this account holds here, then calls the next family's."""

    def _number_leaves(self, number: PhoneNumber) -> None:
        """A number is released, let go or moved to another target: each family drops what hung
        on it there (a flow association), then calls the next family's hook."""

    # -- expiry of the records the rules keep ------------------------------------------------
    def _record_dues(self) -> list[datetime | None]:
        """When each kind of record this backend keeps next has one to forget: each family that
        keeps records (churn, idempotency) adds the due time of its next."""
        return []

    def _expire_records(self, at: datetime) -> None:
        """Forget the records whose windows have ended: each family that keeps records, its own."""

    def _schedule_expiry(self) -> None:
        """Have the registry call :meth:`expire` when this backend's next record falls due."""
        due = min((d for d in self._record_dues() if d is not None), default=None)
        if due is not None:
            registry().schedule(due, self.expire)

    def expire(self, at: datetime) -> None:
        """Forget the records whose windows have ended."""
        self._expire_records(at)
        self._schedule_expiry()
