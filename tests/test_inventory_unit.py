"""Unit tests for the phone-number stock (pure: no moto, no boto3, no network)."""

from __future__ import annotations

import re
from itertools import islice
from unittest import mock

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneMetadata, PhoneNumberDesc, PhoneNumberType

from moto_connect_ext.connect import inventory, number_patterns
from moto_connect_ext.connect.inventory import SEARCHABLE_TYPES, NumberInfo, classify
from moto_connect_ext.connect.number_patterns import iter_stock

US_TOLL_FREE_AREA_CODES = ("800", "833", "844", "855", "866", "877", "888")


def metadata_for(region: str) -> PhoneMetadata:
    metadata = PhoneMetadata.metadata_for_region(region)
    assert metadata is not None
    return metadata


def type_desc(metadata: PhoneMetadata, number_type: str) -> PhoneNumberDesc | None:
    return metadata.toll_free if number_type == "TOLL_FREE" else metadata.fixed_line


def take(n: int, country: str, number_type: str, **kwargs: str | None) -> list[str]:
    return list(islice(iter_stock(country, number_type, **kwargs), n))


def test_searchable_types() -> None:
    assert frozenset({"TOLL_FREE", "DID"}) == SEARCHABLE_TYPES


def test_us_toll_free_first_ten_are_real_toll_free_numbers() -> None:
    numbers = take(10, "US", "TOLL_FREE")
    assert len(numbers) == 10
    assert len(set(numbers)) == 10
    for number in numbers:
        assert number.startswith("+1")
        assert number[2:5] in US_TOLL_FREE_AREA_CODES
        assert classify(number) == NumberInfo(number, "US", "TOLL_FREE")


def test_gb_did_numbers_are_uk_geographic() -> None:
    numbers = take(10, "GB", "DID")
    assert len(numbers) == 10
    for number in numbers:
        parsed = phonenumbers.parse(number, None)
        assert phonenumbers.is_valid_number(parsed)
        assert phonenumbers.region_code_for_number(parsed) == "GB"
        assert phonenumbers.number_type(parsed) in (
            PhoneNumberType.FIXED_LINE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE,
        )
        assert number[3] in "12"  # UK geographic numbers are 01xxx / 02xxx nationally
        assert classify(number) == NumberInfo(number, "GB", "DID")


def test_order_is_ascending_national_number_shorter_first() -> None:
    numbers = take(30, "GB", "TOLL_FREE")  # GB toll-free has 7- and 9/10-digit numbers
    keys = [(len(n), n) for n in numbers]
    assert keys == sorted(keys)
    assert len(numbers[0]) < len(numbers[-1])


@pytest.mark.parametrize(
    ("country", "number_type", "prefix"),
    [("US", "TOLL_FREE", None), ("GB", "DID", None), ("GB", "DID", "+4420"), ("DE", "DID", "+49")],
)
def test_deterministic_and_after_resumes_exactly(
    country: str, number_type: str, prefix: str | None
) -> None:
    first = take(10, country, number_type, prefix=prefix)
    assert first == take(10, country, number_type, prefix=prefix)
    first5 = first[:5]
    resumed = take(5, country, number_type, prefix=prefix, after=first5[-1])
    assert first == first5 + resumed


def test_after_resumes_across_a_length_boundary() -> None:
    shortest, *rest = take(3, "GB", "TOLL_FREE")
    assert take(2, "GB", "TOLL_FREE", after=shortest) == rest


def test_after_accepts_a_number_not_in_the_stock_and_rejects_foreign_ones() -> None:
    # Strictly after in (length, digits) order, even if `after` itself is not a stock number.
    assert take(1, "US", "TOLL_FREE", after="+18001999999") == ["+18002000000"]
    assert take(1, "US", "TOLL_FREE", after="+442079460018") == []
    assert take(1, "US", "TOLL_FREE", after="not a number") == []


def test_prefix_with_and_without_plus_is_the_same() -> None:
    with_plus = take(10, "US", "TOLL_FREE", prefix="+1800")
    without = take(10, "US", "TOLL_FREE", prefix="1800")
    assert with_plus == without
    assert len(with_plus) == 10
    assert all(n.startswith("+1800") for n in with_plus)


def test_long_prefix_steers_generation() -> None:
    london = take(10, "GB", "DID", prefix="+4420")
    assert len(london) == 10
    assert all(n.startswith("+4420") for n in london)
    assert all(classify(n) == NumberInfo(n, "GB", "DID") for n in london)
    deep = take(5, "US", "TOLL_FREE", prefix="+1888555")
    assert len(deep) == 5
    assert all(n.startswith("+1888555") for n in deep)


@pytest.mark.parametrize("prefix", ["+", "", "+1", "1", "+4", "4", "44", "+44"])
def test_prefix_within_calling_code(prefix: str) -> None:
    country = "GB" if "4" in prefix else "US"
    default = take(5, country, "DID")
    assert take(5, country, "DID", prefix=prefix) == default


@pytest.mark.parametrize(
    ("country", "number_type", "prefix"),
    [
        ("US", "TOLL_FREE", "+44"),
        ("US", "DID", "44"),
        ("GB", "DID", "+1"),
        ("US", "TOLL_FREE", "+1212"),  # toll-free never starts with a geographic area code
        ("US", "TOLL_FREE", "+1800abc"),
        ("US", "TOLL_FREE", "+18002000000123456789"),  # longer than any number
    ],
)
def test_mismatched_prefix_is_empty(country: str, number_type: str, prefix: str) -> None:
    assert take(3, country, number_type, prefix=prefix) == []


@pytest.mark.parametrize(
    "number_type",
    ["UIFN", "SHARED", "THIRD_PARTY_TF", "THIRD_PARTY_DID", "SHORT_CODE", "MOBILE", "", "did"],
)
def test_types_without_stock_are_empty(number_type: str) -> None:
    assert take(1, "US", number_type) == []
    assert take(1, "GB", number_type) == []


@pytest.mark.parametrize("country", ["ZZ", "us", "001", "", "USA", "../GB"])
def test_unknown_countries_are_empty(country: str) -> None:
    assert take(1, country, "DID") == []


def test_country_without_toll_free_metadata_is_empty() -> None:
    without = [
        region
        for region in sorted(phonenumbers.SUPPORTED_REGIONS)
        if metadata_for(region).toll_free is None
    ]
    assert "AF" in without  # Afghanistan has no toll-free numbers in libphonenumber
    for region in without[:5]:
        assert take(1, region, "TOLL_FREE") == []
        assert take(1, region, "DID")  # but it does have geographic numbers


def test_region_sharing_a_calling_code_gets_only_its_own_numbers() -> None:
    canada = take(10, "CA", "DID")
    assert len(canada) == 10
    assert all(classify(n) == NumberInfo(n, "CA", "DID") for n in canada)
    # libphonenumber attributes every +1 8xx toll-free number to US, so Puerto Rico has none; the
    # patterns say so at once, without a walk through the miss budget.
    with mock.patch.object(number_patterns, "MAX_MISSES", 1):
        assert take(1, "PR", "TOLL_FREE") == []
        assert take(1, "PR", "TOLL_FREE", after="+18002000000") == []


def test_canadian_toll_free_numbers_are_the_us_toll_free_stock() -> None:
    assert inventory.stock_region("CA", "TOLL_FREE") == "US"
    assert inventory.stock_region("CA", "DID") == "CA"
    assert inventory.stock_region("US", "TOLL_FREE") == "US"
    for prefix in (None, "+1833", "1888555"):
        canada = take(10, "CA", "TOLL_FREE", prefix=prefix)
        assert len(canada) == 10
        assert canada == take(10, "US", "TOLL_FREE", prefix=prefix)
    assert take(3, "CA", "TOLL_FREE", after="+18332000000") == take(
        3, "US", "TOLL_FREE", after="+18332000000"
    )
    assert take(1, "CA", "TOLL_FREE", prefix="+1900") == []


def first_hit_within(country: str, number_type: str, candidates: int) -> bool:
    """Whether one of the first ``candidates`` pattern matches is in the stock (a bounded walk)."""
    spec = number_patterns._stock_spec(country, number_type)
    assert spec is not None
    walked = 0
    for length in spec.lengths:
        for national in spec.automaton.walk(length, "", None):
            if classify(f"+{spec.calling_code}{national}") == NumberInfo(
                f"+{spec.calling_code}{national}", country, number_type
            ):
                return True
            walked += 1
            if walked >= candidates:
                return False
    return False


def test_every_query_finds_its_first_number_or_ends_at_once() -> None:
    """A first search of any (country, type) is cheap: either the patterns say another region takes
    all its numbers (checked against a walk of its first 3,000 candidates), or its first number
    comes within a few hundred rejected candidates, skipping blocks other regions take."""
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for number_type in ("TOLL_FREE", "DID"):
            if number_patterns._stock_spec(region, number_type) is None:
                continue
            if number_patterns._taken_by_earlier_region(region, number_type, ""):
                assert not first_hit_within(region, number_type, 3000), (region, number_type)
                continue
            with mock.patch.object(number_patterns, "MAX_MISSES", 300):
                assert take(1, region, number_type), (region, number_type)


def test_blocks_of_another_region_are_skipped() -> None:
    # Trinidad and Tobago's toll-free numbers are +1 868 800 xxxx; the NANP 8xx numbers before
    # them are US ones and are skipped in blocks, not one by one.
    with mock.patch.object(number_patterns, "MAX_MISSES", 50):
        found = take(3, "TT", "TOLL_FREE")
    assert found == ["+18688000000", "+18688000001", "+18688000002"]
    assert all(classify(n) == NumberInfo(n, "TT", "TOLL_FREE") for n in found)


@pytest.mark.parametrize(
    ("country", "number_type", "prefix"),
    [("PR", "TOLL_FREE", "+18005"), ("GG", "TOLL_FREE", "+44800"), ("EH", "DID", "+2125288")],
)
def test_fruitless_prefixed_queries_end_without_walking(
    country: str, number_type: str, prefix: str
) -> None:
    with mock.patch.object(number_patterns, "MAX_MISSES", 1):
        assert take(1, country, number_type, prefix=prefix) == []


def test_pattern_inclusion() -> None:
    narrow = number_patterns._Automaton("8[0-5]\\d")
    wide = number_patterns._Automaton("8\\d\\d|9\\d\\d")
    assert narrow.covered_by([wide], 3, "")
    assert not wide.covered_by([narrow], 3, "")
    assert wide.covered_by([narrow], 3, "83")
    assert not wide.covered_by([narrow], 3, "9")
    assert narrow.covered_by([wide, number_patterns._Automaton("\\d{3}")], 3, "")
    assert not narrow.covered_by([wide, number_patterns._Automaton("\\d{2}")], 3, "")


def test_every_region_pattern_is_understood_and_reaches_its_example_number() -> None:
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        metadata = metadata_for(region)
        for number_type in ("TOLL_FREE", "DID"):
            desc = type_desc(metadata, number_type)
            if desc is None or desc.national_number_pattern is None:
                continue
            automaton = number_patterns._automaton(desc.national_number_pattern)
            assert automaton is not None, (region, number_type)
            example = f"+{metadata.country_code}{desc.example_number}"
            if classify(example) == NumberInfo(example, region, number_type):
                # A full-number prefix pins the walk to exactly that candidate.
                assert take(1, region, number_type, prefix=example) == [example]


def test_walk_only_produces_pattern_matches() -> None:
    for region, number_type in (("GB", "DID"), ("DE", "DID"), ("JP", "TOLL_FREE"), ("IT", "DID")):
        spec = number_patterns._stock_spec(region, number_type)
        assert spec is not None
        desc = type_desc(metadata_for(region), number_type)
        assert desc is not None
        assert desc.national_number_pattern is not None
        pattern = re.compile(desc.national_number_pattern)
        for length in spec.lengths:
            walked = list(islice(spec.automaton.walk(length, "", None), 200))
            assert walked == sorted(walked)
            assert all(len(n) == length and pattern.fullmatch(n) for n in walked)


def test_classify_valid_numbers() -> None:
    assert classify("+18002345678") == NumberInfo("+18002345678", "US", "TOLL_FREE")
    assert classify("+442079460018") == NumberInfo("+442079460018", "GB", "DID")
    # US fixed-line and mobile patterns coincide, so libphonenumber says FIXED_LINE_OR_MOBILE.
    assert classify("+12015550123") == NumberInfo("+12015550123", "US", "DID")


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "",
        "+",
        "+1" + "9" * 20,
        "+" + "9" * 5000,
        "\u0661\u0662",
        "+\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660",
        "+44 20 7946 0018",
        "+1 800 234 5678",
        "18002345678",  # no '+'
        "+18002345678 ",
        "+4402079460018",  # national prefix kept: not canonical
        "+447400123456",  # GB mobile: no stock
        "+18002345678\x00",
        "tel:+18002345678",
    ],
)
def test_classify_rejects_garbage_and_non_canonical(text: str) -> None:
    assert classify(text) is None


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_classify_never_raises(text: str) -> None:
    result = classify(text)
    assert result is None or (result.e164 == text and result.number_type in SEARCHABLE_TYPES)


QUERIES = [("US", "TOLL_FREE"), ("US", "DID"), ("GB", "DID"), ("GB", "TOLL_FREE"), ("FR", "DID")]


@settings(max_examples=40, deadline=None)
@given(
    query=st.sampled_from(QUERIES),
    extra=st.text(alphabet="0123456789", max_size=5),
    plus=st.booleans(),
)
def test_prefixed_results_match_prefix_and_classify(
    query: tuple[str, str], extra: str, plus: bool
) -> None:
    country, number_type = query
    digits = str(phonenumbers.country_code_for_region(country)) + extra
    prefix = ("+" if plus else "") + digits
    with mock.patch.object(number_patterns, "MAX_MISSES", 300):
        numbers = take(6, country, number_type, prefix=prefix)
        for number in numbers:
            assert number.startswith("+" + digits)
            assert classify(number) == NumberInfo(number, country, number_type)
        if len(numbers) == 6:
            assert numbers[3:] == take(3, country, number_type, prefix=prefix, after=numbers[2])


def plain(n: int, country: str, number_type: str, **kwargs: str) -> list[str]:
    return list(islice(inventory.iter_from_example(country, number_type, **kwargs), n))


@pytest.mark.parametrize(("country", "number_type"), [("US", "DID"), ("GB", "TOLL_FREE")])
def test_the_plain_walk_counts_up_from_the_example_number(country: str, number_type: str) -> None:
    example = phonenumbers.example_number_for_type(
        country,
        PhoneNumberType.TOLL_FREE if number_type == "TOLL_FREE" else PhoneNumberType.FIXED_LINE,
    )
    numbers = plain(5, country, number_type)
    assert numbers[0] == phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
    assert numbers == sorted(numbers, key=int)
    assert all(classify(n) == NumberInfo(n, country, number_type) for n in numbers)
    assert plain(3, country, number_type, after=numbers[1]) == numbers[2:5]


def test_the_plain_walk_starts_a_prefix_the_example_lacks_at_its_zeros() -> None:
    numbers = plain(3, "US", "TOLL_FREE", prefix="+1888555")
    assert numbers == ["+18885550000", "+18885550001", "+18885550002"]
    assert plain(3, "CA", "TOLL_FREE", prefix="+1888555") == numbers  # the US toll-free stock


def test_the_plain_walk_ends_without_stock_or_after_its_misses() -> None:
    assert plain(1, "US", "UIFN") == []
    assert plain(1, "XX", "DID") == []
    assert plain(1, "US", "DID", prefix="+44") == []
    assert plain(1, "US", "DID", prefix="+1" + "2" * 11) == []  # longer than the example
    assert plain(1, "US", "DID", after="+1" + "9" * 11) == []
    with mock.patch.object(inventory, "MAX_MISSES", 10):
        assert plain(1, "PR", "TOLL_FREE") == []  # every +1 8xx number is a US one
