"""The rules' numbers and the clock they read, kept where moto's reset wipes them.

AWS's defaults live in :class:`Settings`; tests override them globally or for one account and
Region. The clock is moto's ``utcnow()`` (so freezegun and time-machine move it) plus an offset or a
frozen instant that also works against a separate server process.
"""

from __future__ import annotations

import dataclasses
import threading
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.utils import utcnow

if TYPE_CHECKING:
    from .faults import Fault, TokenBucket

#: Every read and write of phone-number state, across accounts and Regions, holds this lock: the
#: server is multi-threaded and a claim checks global state (holders, cooldowns) before it writes.
STATE_LOCK = threading.RLock()

#: moto state-manager models: how numbers and TDGs progress through their statuses.
PHONE_NUMBER_MODEL = "connect::phone_number"
TDG_MODEL = "connect::traffic_distribution_group"

BLOCKED_CLAIM_ERRORS = (
    "LimitExceededException",
    "InvalidParameterException",
    "ThrottlingException",
)


@dataclasses.dataclass(frozen=True)
class Settings:
    """Numbers behind the rules, with AWS's defaults (see docs/behaviour.md for sources)."""

    cooldown_days: float = 180
    churn_window_days: float = 180
    churn_limit_percent: float = 200
    phone_numbers_per_instance: int = 5
    idempotency_window_days: float = 7
    blocked_claim_error: str = "LimitExceededException"
    throttling: bool = False
    throttle_rate: float = 2.0
    throttle_burst: int = 5
    #: Numbers one SearchAvailablePhoneNumbers query offers across all its pages (at least 1).
    numbers_per_search: int = 100

    def validated(self) -> Settings:
        """Raise ValueError naming the first setting whose value makes no sense."""
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if field.type == "bool" and not isinstance(value, bool):
                raise ValueError(f"{field.name} must be true or false, not {value!r}")
            if field.type in ("int", "float"):
                kind, wanted = (
                    ("a whole number", int) if field.type == "int" else ("a number", (int, float))
                )
                if isinstance(value, bool) or not isinstance(value, wanted):
                    raise ValueError(f"{field.name} must be {kind}, not {value!r}")
                if value < 0:
                    raise ValueError(f"{field.name} must not be negative, not {value!r}")
        if self.blocked_claim_error not in BLOCKED_CLAIM_ERRORS:
            raise ValueError(
                f"blocked_claim_error must be one of {', '.join(BLOCKED_CLAIM_ERRORS)}, "
                f"not {self.blocked_claim_error!r}"
            )
        if self.numbers_per_search < 1:
            raise ValueError(
                f"numbers_per_search must be at least 1, not {self.numbers_per_search}"
            )
        if self.throttle_rate <= 0 or self.throttle_burst < 1:
            raise ValueError("throttle_rate must be positive and throttle_burst at least 1")
        return self


SETTING_NAMES = frozenset(f.name for f in dataclasses.fields(Settings))


class ControlState(BaseBackend):
    """Settings overrides and the clock control; one instance for the whole process."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.overrides: dict[tuple[str | None, str | None], dict[str, Any]] = {}
        self.offset = timedelta(0)
        self.frozen_at: datetime | None = None
        self.faults: list[Fault] = []
        self.buckets: dict[tuple[str, str, str], TokenBucket] = {}


control_states = BackendDict(
    ControlState, "connect", use_boto3_regions=False, additional_regions=["aws"]
)


def control_state() -> ControlState:
    return control_states["000000000000"]["aws"]


def now() -> datetime:
    """The one clock of every time-based rule: naive UTC, like moto's ``utcnow()``."""
    state = control_state()
    if state.frozen_at is not None:
        return state.frozen_at + state.offset
    return utcnow() + state.offset


def settings_for(account_id: str, region: str) -> Settings:
    """Defaults, then global overrides, then the account's, then the account and Region's."""
    overrides = control_state().overrides
    merged: dict[str, Any] = {}
    for key in ((None, None), (account_id, None), (None, region), (account_id, region)):
        merged.update(overrides.get(key, {}))
    return Settings(**merged)


def configure(account_id: str | None = None, region: str | None = None, **settings: Any) -> None:
    """Override settings for every account and Region, or only for one of them or both."""
    unknown = set(settings) - SETTING_NAMES
    if unknown:
        raise ValueError(
            f"unknown setting(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(SETTING_NAMES))}"
        )
    with STATE_LOCK:
        overrides = control_state().overrides
        candidate = {**overrides.get((account_id, region), {}), **settings}
        Settings(**candidate).validated()
        overrides[(account_id, region)] = candidate
