"""The rules' numbers and the clock they read, kept where moto's reset wipes them.

AWS's defaults live in :class:`Settings`; tests override them globally or for one account and
Region. The clock is moto's ``utcnow()`` (so freezegun and time-machine move it) plus an offset or a
frozen instant that also works against a separate server process.
"""

from __future__ import annotations

import dataclasses
import math
import threading
from datetime import datetime, timedelta
from typing import Any, TypedDict, Unpack, get_type_hints

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.utils import utcnow

#: Every read and write of phone-number state, across accounts and Regions, holds this lock: the
#: server is multi-threaded and a claim checks global state (holders, cooldowns) before it writes.
STATE_LOCK = threading.RLock()

#: moto state-manager models: how numbers and TDGs progress through their statuses.
PHONE_NUMBER_MODEL = "connect::phone_number"
TDG_MODEL = "connect::traffic_distribution_group"


@dataclasses.dataclass(frozen=True)
class Settings:
    """The numbers behind the rules, with AWS's defaults."""

    cooldown_days: float = 180
    churn_window_days: float = 180
    churn_limit_percent: float = 200
    phone_numbers_per_instance: int = 5
    idempotency_window_days: float = 7
    #: What a claim meets while releases have blocked claims.
    blocked_claim_error: str = "LimitExceededException"
    throttling: bool = False
    throttle_rate: float = 2.0
    throttle_burst: int = 5
    #: Numbers one SearchAvailablePhoneNumbers query offers across all its pages.
    numbers_per_search: int = 100
    #: Contact flows an instance may hold, its default flows included (AWS: 100, adjustable).
    contact_flows_per_instance: int = 100
    #: How long a number a search returned is kept from other searches (0: not at all, as in
    #: AWS, where searches side by side return the same numbers). For test workers sharing a
    #: server; the searching account and Region's setting applies. At most a day.
    search_offer_seconds: float = 0


BLOCKED_CLAIM_ERRORS = (
    "LimitExceededException",
    "InvalidParameterException",
    "ThrottlingException",
)

#: The longest span a day-valued setting may have (100 years): with the clock inside CLOCK_RANGE,
#: every instant a rule computes (now plus or minus a setting) stays within datetime's range.
MAX_DAYS = 36_500

#: Where the plugin clock may stand; advance_clock and freeze_clock refuse to leave this range.
CLOCK_RANGE = (datetime(1970, 1, 1), datetime(9000, 1, 1))


@dataclasses.dataclass(frozen=True)
class Bounds:
    """The documented range of a numeric setting; ``low_open`` excludes ``low`` itself."""

    low: float
    high: float
    low_open: bool = False

    def __str__(self) -> str:
        return f"{'>' if self.low_open else '>='} {self.low:g} and <= {self.high:g}"

    def admits(self, value: float) -> bool:
        above_low = value > self.low if self.low_open else value >= self.low
        return above_low and value <= self.high


_DAYS = Bounds(0, MAX_DAYS)

#: What configure checks of each setting besides its type: its range, or its choices. A new
#: setting declares its own here.
SETTING_RULES: dict[str, Bounds | tuple[str, ...] | None] = {
    "cooldown_days": _DAYS,
    "churn_window_days": _DAYS,
    # Generous upper bounds: tests raise these to switch the churn rule or the quota off.
    "churn_limit_percent": Bounds(0, 1_000_000_000),
    "phone_numbers_per_instance": Bounds(0, 1_000_000_000),
    "idempotency_window_days": _DAYS,
    "blocked_claim_error": BLOCKED_CLAIM_ERRORS,
    "throttling": None,
    "throttle_rate": Bounds(0, 1_000_000, low_open=True),
    "throttle_burst": Bounds(1, 1_000_000),
    "numbers_per_search": Bounds(1, 1_000_000),
    "contact_flows_per_instance": Bounds(0, 1_000_000_000),
    "search_offer_seconds": Bounds(0, 86_400),
}


def validated(settings: Settings) -> Settings:
    """Raise ValueError naming the first setting whose value makes no sense."""
    for field in dataclasses.fields(settings):
        _check(field.name, getattr(settings, field.name))
    return settings


class SettingsOverrides(TypedDict, total=False):
    """``configure``'s keywords, so type checkers catch a misspelt or mistyped setting.

    The fields of :class:`Settings`, each optional (a test keeps the two the same).
    """

    cooldown_days: float
    churn_window_days: float
    churn_limit_percent: float
    phone_numbers_per_instance: int
    idempotency_window_days: float
    blocked_claim_error: str
    throttling: bool
    throttle_rate: float
    throttle_burst: int
    numbers_per_search: int
    contact_flows_per_instance: int
    search_offer_seconds: float


SETTING_TYPES: dict[str, type] = get_type_hints(Settings)
SETTING_NAMES = frozenset(SETTING_TYPES)


def _check(name: str, value: Any) -> None:
    if not _accepts(name, value):
        raise ValueError(f"{name} must be {_describe(name)}, not {value!r}")


def _accepts(name: str, value: Any) -> bool:
    kind, rule = SETTING_TYPES[name], SETTING_RULES[name]
    if kind is bool:
        return isinstance(value, bool)
    if kind is str:
        return isinstance(value, str) and isinstance(rule, tuple) and value in rule
    return (
        isinstance(value, int if kind is int else (int, float))
        and not isinstance(value, bool)
        and (isinstance(value, int) or math.isfinite(value))
        and isinstance(rule, Bounds)
        and rule.admits(value)
    )


def _describe(name: str) -> str:
    """What a setting accepts, in words: its type and its range or choices."""
    kind, rule = SETTING_TYPES[name], SETTING_RULES[name]
    if kind is bool:
        return "true or false"
    if isinstance(rule, tuple):
        return f"one of {', '.join(rule)}"
    noun = "a whole number" if kind is int else "a finite number"
    return f"{noun} {rule}"


class ControlState(BaseBackend):
    """Settings overrides, the clock control, injected faults and throttle buckets; one instance
    for the whole process."""

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


@dataclasses.dataclass
class Fault:
    """The next matching calls of ``operation`` fail with ``error`` (``faults.py`` matches them).

    ``count`` failures at most (None: no limit); each matching call fails with ``probability``
    (drawn from moto's seedable ``mock_random``). ``region``/``account_id`` narrow the match.
    """

    operation: str
    error: str
    count: int | None = 1
    probability: float | None = None
    region: str | None = None
    account_id: str | None = None
    message: str | None = None


@dataclasses.dataclass
class TokenBucket:
    """AWS's per-account, per-Region, per-API throttle: a steady rate with a burst allowance."""

    tokens: float
    updated: datetime = dataclasses.field(default_factory=now)

    def take(self, at: datetime, rate: float, burst: int) -> bool:
        elapsed = max((at - self.updated).total_seconds(), 0.0)
        self.tokens = min(float(burst), self.tokens + elapsed * rate)
        self.updated = at
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


def check_texts(**values: Any) -> None:
    """Raise ValueError unless each value is a string or None (checks control-API arguments)."""
    for name, value in values.items():
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{name} must be a string or null, not {value!r}")


def settings_for(account_id: str | None, region: str | None) -> Settings:
    """Defaults, then global overrides, then the account's, then the account and Region's.

    None for either reads what applies to an account or Region that has no override of its own.
    """
    overrides = control_state().overrides
    merged: dict[str, Any] = {}
    for key in ((None, None), (account_id, None), (None, region), (account_id, region)):
        merged.update(overrides.get(key, {}))
    return Settings(**merged)


def configure(
    account_id: str | None = None,
    region: str | None = None,
    **settings: Unpack[SettingsOverrides],
) -> None:
    """Override settings for every account and Region, or only for one of them or both.

    Checks every given value (type, finiteness, range) before anything changes.
    """
    check_texts(account_id=account_id, region=region)
    unknown = set(settings) - SETTING_NAMES
    if unknown:
        raise ValueError(
            f"unknown setting(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(SETTING_NAMES))}"
        )
    with STATE_LOCK:
        overrides = control_state().overrides
        candidate = {**overrides.get((account_id, region), {}), **settings}
        validated(Settings(**candidate))
        overrides[(account_id, region)] = candidate
