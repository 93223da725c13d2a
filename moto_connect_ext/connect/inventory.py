"""Amazon Connect's global stock of phone numbers, derived from libphonenumber metadata.

The stock for a (country, Connect type) pair is every E.164 number that :func:`classify` maps to that
pair (CA TOLL_FREE excepted: see :func:`stock_region`), computed, never stored: callers skip the
numbers that are unavailable. A search walks it in ascending order of national significant number,
so that a page token can resume after its last number: :func:`iter_from_example` walks the numbers
near libphonenumber's example number, the number inventory family (:mod:`.number_patterns`) every one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .exceptions import InternalServiceException

try:
    import phonenumbers
    from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType
except ModuleNotFoundError as missing:  # the optional dependency: say which, not a traceback
    if missing.name != "phonenumbers":
        raise
    raise InternalServiceException(
        "Searching and claiming phone numbers needs the phonenumbers package: "
        "pip install 'moto[connect]'"
    ) from None

SEARCHABLE_TYPES: frozenset[str] = frozenset({"TOLL_FREE", "DID"})
"""Connect ``PhoneNumberType`` values that have stock; UIFN, SHARED, THIRD_PARTY_* and SHORT_CODE do not."""

MAX_MISSES = 50_000
"""Candidates a walk may reject in a row before it ends: each costs a libphonenumber check (~25 us),
so a fruitless query ends in about a second."""

StockWalk = Callable[[str, str, "str | None", "str | None"], Iterator[str]]
"""A walk of the stock: (country, type, prefix, after) to the query's E.164 numbers, in ascending
order of national significant number, strictly after ``after``."""

_SHARED_STOCK: dict[tuple[str, str], str] = {("CA", "TOLL_FREE"): "US"}
"""(country, type) pairs sold from another region's stock: Connect sells Canadian toll-free numbers,
which are NANP +1 8xx numbers that libphonenumber attributes to US."""

_TYPE_BY_LIBPHONENUMBER: dict[int, str] = {
    PhoneNumberType.TOLL_FREE: "TOLL_FREE",
    PhoneNumberType.FIXED_LINE: "DID",
    # Regions whose fixed-line and mobile patterns overlap report geographic numbers this way.
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "DID",
}

#: The libphonenumber type whose example number starts the plain walk of a Connect type.
_EXAMPLE_TYPE = {"TOLL_FREE": PhoneNumberType.TOLL_FREE, "DID": PhoneNumberType.FIXED_LINE}

# "+", a calling code of at most 3 digits and a national number of at most 17 digits, with slack.
_MAX_E164_CHARS = 24


@dataclass(frozen=True)
class NumberInfo:
    """What the stock knows about one number: its ISO region and its Connect type."""

    e164: str
    country_code: str
    number_type: str


def _ascii_digits(text: str) -> bool:
    """True for a non-empty run of 0-9 only; ``str.isdigit`` alone also accepts other scripts' digits."""
    return text.isascii() and text.isdigit()


@functools.lru_cache(maxsize=4096)
def classify(e164: str) -> NumberInfo | None:
    """The number's country and Connect type if it is in the stock, else None.

    Only canonical E.164 (``+`` and digits, exactly as libphonenumber formats it) is accepted, so every
    number has a single spelling and stock membership cannot depend on formatting. Never raises.
    Cached: a claim usually classifies a number a search has just classified, and for +1 numbers
    libphonenumber tries every NANP region in turn.
    """
    if not isinstance(e164, str) or len(e164) > _MAX_E164_CHARS:
        return None
    if not e164.startswith("+") or not _ascii_digits(e164[1:]):
        return None
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return None
    if phonenumbers.format_number(number, PhoneNumberFormat.E164) != e164:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    connect_type = _TYPE_BY_LIBPHONENUMBER.get(phonenumbers.number_type(number))
    region = phonenumbers.region_code_for_number(number)
    if connect_type is None or region is None:
        return None
    return NumberInfo(e164=e164, country_code=region, number_type=connect_type)


def _digits_of(text: str) -> str | None:
    """Digits of a prefix or E.164 number with an optional leading '+'; None if anything else is in it."""
    digits = text[1:] if text.startswith("+") else text
    if digits and not _ascii_digits(digits):
        return None
    return digits


def stock_region(country_code: str, number_type: str) -> str:
    """The region whose libphonenumber numbers make up the stock of a (country, type) query.

    Usually the country itself; CA TOLL_FREE is sold from the NANP toll-free numbers that
    libphonenumber attributes to US, so both searches draw on (and exclude claims from) one stock.
    """
    return _SHARED_STOCK.get((country_code, number_type), country_code)


@dataclass(frozen=True)
class Walk:
    """A search query as a walk of the stock takes it."""

    #: The region whose numbers are the stock (:func:`stock_region`).
    region: str
    calling_code: str
    #: National digits every number of the query starts with (the prefix past the calling code).
    fixed: str
    #: The national number to resume after; None walks from the start.
    after: str | None


def walk_of(
    country_code: str, number_type: str, prefix: str | None, after: str | None
) -> Walk | None:
    """The query as a walk takes it, or None if no number can answer it: a country or type
    without stock, a prefix of another calling code, a malformed prefix or ``after``.

    ``prefix`` is matched against the E.164 digits (a leading ``+`` is optional); ``after`` need
    not be in the stock, but must be a number of the calling code.
    """
    if number_type not in SEARCHABLE_TYPES or country_code not in phonenumbers.SUPPORTED_REGIONS:
        return None
    region = stock_region(country_code, number_type)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if metadata is None or metadata.country_code is None:
        return None
    calling_code = str(metadata.country_code)
    prefix_digits = _digits_of(prefix) if prefix is not None else ""
    if prefix_digits is None:
        return None
    if len(prefix_digits) <= len(calling_code):
        if not calling_code.startswith(prefix_digits):
            return None
        fixed = ""
    elif prefix_digits.startswith(calling_code):
        fixed = prefix_digits[len(calling_code) :]
    else:
        return None
    after_national = None
    if after is not None:
        after_digits = _digits_of(after)
        if not after_digits or not after_digits.startswith(calling_code):
            return None
        after_national = after_digits[len(calling_code) :]
    return Walk(region, calling_code, fixed, after_national)


def iter_from_example(
    country_code: str,
    number_type: str,
    prefix: str | None = None,
    after: str | None = None,
) -> Iterator[str]:
    """The plain walk: national numbers as long as libphonenumber's example number of the type,
    counted up from it (from the prefix padded with zeros, if the example does not start with
    it), those :func:`classify` confirms.

    It ends at the last number of that length that has the prefix, or after :data:`MAX_MISSES`
    rejections in a row: it finds the numbers near the example, not every number of the stock.
    """
    walk = walk_of(country_code, number_type, prefix, after)
    if walk is None:
        return
    example = phonenumbers.example_number_for_type(walk.region, _EXAMPLE_TYPE[number_type])
    if example is None:
        return
    national = phonenumbers.national_significant_number(example)
    length, fixed = len(national), walk.fixed
    if len(fixed) > length or (walk.after is not None and len(walk.after) > length):
        return
    start = int(national if national.startswith(fixed) else fixed.ljust(length, "0"))
    if walk.after is not None and len(walk.after) == length:
        start = max(start, int(walk.after) + 1)
    misses = 0
    for value in range(start, int(fixed.ljust(length, "9")) + 1):
        e164 = f"+{walk.calling_code}{value:0{length}d}"
        info = classify(e164)
        if info is not None and (info.country_code, info.number_type) == (walk.region, number_type):
            misses = 0
            yield e164
            continue
        misses += 1
        if misses >= MAX_MISSES:
            return
