"""Bad snapshot files, fuzzed: a real snapshot truncated, bit-flipped, or with any value replaced
by one of another type, a huge number or deep nesting. Each either loads (a flipped bit in a
description is still a snapshot), keeping the stock's invariants, or is refused with a
SnapshotError naming the file, and then the world is exactly as it was: nothing partial loaded.

In-process only: each example loads a file, and a server would only add a round trip per load.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from moto import mock_aws
from test_contact_flows import create

from moto_connect_ext import control
from moto_connect_ext.connect.config import STATE_LOCK
from moto_connect_ext.connect.models.stock import cooldowns, registry
from moto_connect_ext.pinpointsmsvoicev2.models import sms_voice_backends
from moto_connect_ext.snapshots import SECTIONS, SnapshotError
from support import claim, client, new_instance, request_number, sms_client

pytestmark = pytest.mark.in_process_only

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def world() -> Iterator[tuple[Path, dict[str, Any]]]:
    """A snapshot of a small world of every kind of record (End User Messaging numbers, one of
    them imported, included), and the world loaded from it."""
    with mock_aws():
        east = client()
        control.configure(phone_numbers_per_instance=10)
        instance = new_instance(east)
        kept = claim(east, instance["Id"], Tags={"k": "v"}, ClientToken=str(uuid.uuid4()))
        released = claim(east, instance["Id"])
        east.release_phone_number(PhoneNumberId=released["PhoneNumberId"])
        flow = create(east, instance["Id"], "Main IVR")
        east.associate_phone_number_contact_flow(
            PhoneNumberId=kept["PhoneNumberId"],
            InstanceId=instance["Id"],
            ContactFlowId=flow["ContactFlowId"],
        )
        sms = sms_client()
        request_number(sms, "US", "TOLL_FREE", DeletionProtectionEnabled=True)
        source = request_number(sms, Tags=[{"Key": "k", "Value": "v"}])
        east.import_phone_number(
            InstanceId=instance["Id"], SourcePhoneNumberArn=source["PhoneNumberArn"]
        )
        control.advance_clock(hours=1)
        directory = Path(tempfile.mkdtemp(prefix="snapshot-fuzz-"))
        good = directory / "good.json"
        control.save_state(good)
        yield good, json.loads(good.read_text())


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    children = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, child in children:
        yield from paths(child, (*prefix, key))


def replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = json.loads(json.dumps(document))
    node = copy
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return copy


def nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.just(10**40),
    st.just(-(10**40)),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.just("+1"),
    st.just("2026-13-45T99:99:99"),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.integers(min_value=1, max_value=200).map(nested),
)


def world_now() -> dict[str, Any]:
    with STATE_LOCK:
        return {name: section.capture() for name, section in SECTIONS.items()}


def invariants_hold() -> None:
    stock = registry()
    with STATE_LOCK:
        assert not set(stock.holders) & set(cooldowns().cooling_until)
        for e164, holder in stock.holders.items():
            assert holder.phone_number == e164
        for regions in sms_voice_backends.values():
            for backend in regions.values():
                for number in backend.numbers.values():
                    holder = stock.holders[number.phone_number]
                    assert holder is number or (
                        getattr(holder, "source_phone_number_arn", None) == number.arn
                    )


def attempt(path: Path, raw: bytes, good: Path) -> None:
    """Load ``raw``: refused with nothing changed, or loaded with the invariants holding."""
    before = world_now()
    path.write_bytes(raw)
    try:
        control.load_state(path)
    except SnapshotError as refused:
        assert str(path) in str(refused)
        assert world_now() == before
        event(
            "refused while restoring (undone)"
            if "nothing was loaded" in str(refused)
            else "refused on reading"
        )
    else:
        event("loaded")
        invariants_hold()
        control.load_state(good)  # back to the world the next example starts from


@FUZZ
@given(data=st.data())
def test_a_value_replaced_by_anything(
    world: tuple[Path, dict[str, Any]], data: st.DataObject
) -> None:
    good, document = world
    with mock_aws():
        control.load_state(good)
        path = data.draw(st.sampled_from(list(paths(document))))
        value = data.draw(ODD_VALUES)
        attempt(
            good.with_name("fuzzed.json"),
            json.dumps(replaced(document, path, value)).encode(),
            good,
        )


@FUZZ
@given(data=st.data())
def test_truncated_or_bit_flipped(world: tuple[Path, dict[str, Any]], data: st.DataObject) -> None:
    good, _ = world
    raw = bytearray(good.read_bytes())
    with mock_aws():
        control.load_state(good)
        if data.draw(st.booleans()):
            raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
        else:
            for _ in range(data.draw(st.integers(1, 4))):
                index = data.draw(st.integers(0, len(raw) - 1))
                raw[index] ^= 1 << data.draw(st.integers(0, 7))
        attempt(good.with_name("fuzzed.json"), bytes(raw), good)
