"""Snapshots: ``control.save_state`` and ``control.load_state`` (docs/behaviour.md, "Snapshots").

A world built through boto3 is saved, the mock is wiped (a new ``mock_aws``; in server mode moto's
reset of the server), and the snapshot loaded: everything a client sees is as it was, and every
rule holds as before (cooldowns, churn, client-token replays, pagination tokens). Bad files are
refused by name and change nothing. Both modes: in server mode the same calls act on the server.
"""

from __future__ import annotations

import json
import os
import stat
import uuid
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from test_contact_flows import create
from test_flow_associations import associate, associations
from test_tdg_phone_numbers import replicated_tdg

from moto_connect_ext import control
from moto_connect_ext.snapshots import FORMAT, VERSION, SnapshotError
from support import (
    as_account,
    available,
    claim,
    client,
    error_of,
    flow_content,
    manual_progress,
    new_instance,
)

HOME, PARTNER = "us-east-1", "us-west-2"


def build_world(east: Any, west: Any) -> dict[str, Any]:
    """A little of everything the snapshot holds; what a client needs to look at it again."""
    control.configure(region=HOME, numbers_per_search=50)
    control.configure(phone_numbers_per_instance=10)
    tdg = replicated_tdg(east)
    east.update_traffic_distribution(
        Id=tdg["Id"],
        TelephonyConfig={
            "Distributions": [
                {"Region": HOME, "Percentage": 70},
                {"Region": PARTNER, "Percentage": 30},
            ]
        },
    )
    instance = new_instance(east, "plain")
    token = str(uuid.uuid4())
    kept = claim(east, instance["Id"], ClientToken=token, Tags={"team": "blue"})
    east.update_phone_number_metadata(
        PhoneNumberId=kept["PhoneNumberId"], PhoneNumberDescription="front desk"
    )
    others = [claim(east, instance["Id"]) for _ in range(3)]
    released = claim(east, instance["Id"])
    east.release_phone_number(PhoneNumberId=released["PhoneNumberId"])
    on_tdg = claim(east, tdg["Arn"])
    flow = create(east, tdg["InstanceId"], "Main IVR")
    east.update_contact_flow_content(
        InstanceId=tdg["InstanceId"],
        ContactFlowId=f"{flow['ContactFlowId']}:$SAVED",
        Content=flow_content("Draft"),
    )
    associate(east, on_tdg["PhoneNumberArn"], tdg["InstanceId"], flow["ContactFlowId"])
    control.advance_clock(days=2)
    return {
        "tdg": tdg,
        "instance": instance,
        "token": token,
        "kept": kept,
        "numbers": [kept, *others, on_tdg],
        "released": released,
        "flow": flow,
    }


def view(east: Any, west: Any, world: dict[str, Any]) -> dict[str, Any]:
    """Everything a client sees of the world."""
    tdg, flow_id = world["tdg"], world["flow"]["ContactFlowId"]
    return {
        "numbers": [
            east.describe_phone_number(PhoneNumberId=n["PhoneNumberArn"])[
                "ClaimedPhoneNumberSummary"
            ]
            for n in world["numbers"]
        ],
        "lists": [
            c.list_phone_numbers_v2(**target)["ListPhoneNumbersSummaryList"]
            for c in (east, west)
            for target in ({}, {"TargetArn": tdg["Arn"]})
        ],
        "instances": sorted(
            (i["Id"], i["InstanceAlias"])
            for c in (east, west)
            for i in c.list_instances()["InstanceSummaryList"]
        ),
        "groups": east.list_traffic_distribution_groups()["TrafficDistributionGroupSummaryList"],
        "distribution": {
            k: v
            for k, v in east.get_traffic_distribution(Id=tdg["Id"]).items()
            if k != "ResponseMetadata"
        },
        "flows": [
            c.describe_contact_flow(InstanceId=tdg["InstanceId"], ContactFlowId=flow_id + suffix)[
                "ContactFlow"
            ]
            for c in (east, west)
            for suffix in ("", ":$SAVED")
        ],
        "associations": [associations(c, tdg["InstanceId"]) for c in (east, west)],
        "settings": [control.effective_settings(None, r) for r in (HOME, PARTNER)],
    }


def test_a_restored_world_looks_as_it_did(tmp_path: Path) -> None:
    path = tmp_path / "world.json"
    with mock_aws():
        east, west = client(HOME), client(PARTNER)
        world = build_world(east, west)
        before = view(east, west, world)
        clock_before = control.now()
        saved = control.save_state(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert saved["version"] == VERSION
    assert saved["summary"]["connect"]["phone_numbers"] == 5
    assert saved["summary"]["connect"]["cooldowns"] == 1
    with mock_aws():
        east, west = client(HOME), client(PARTNER)
        assert east.list_instances()["InstanceSummaryList"] == []
        loaded = control.load_state(path)
        assert loaded["summary"] == saved["summary"]
        assert view(east, west, world) == before
        # The clock's offset came back: it reads at least what it read before the save.
        assert control.now() >= clock_before


def test_the_rules_hold_after_a_restore(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    with mock_aws():
        east = client(HOME)
        control.configure(phone_numbers_per_instance=2, churn_limit_percent=100)
        instance = new_instance(east)
        token = str(uuid.uuid4())
        first = claim(east, instance["Id"], ClientToken=token)
        churned = [claim(east, instance["Id"]) for _ in range(1)]
        east.release_phone_number(PhoneNumberId=churned[0]["PhoneNumberId"])
        second = claim(east, instance["Id"])
        east.release_phone_number(PhoneNumberId=second["PhoneNumberId"])  # 2 releases: blocked
        page = east.list_phone_numbers_v2(MaxResults=1)
        assert page.get("NextToken") is None  # one number left: claim one more for a token
        control.configure(churn_limit_percent=1000)
        extra = claim(east, instance["Id"])
        control.configure(churn_limit_percent=100)
        page = east.list_phone_numbers_v2(MaxResults=1)
        token_before = page["NextToken"]
        rest_before = east.list_phone_numbers_v2(MaxResults=1, NextToken=token_before)
        with pytest.raises(ClientError) as blocked_before:
            east.claim_phone_number(
                InstanceId=instance["Id"], PhoneNumber=available(east, instance["Id"])[0]
            )
        control.save_state(path)

    with mock_aws():
        east = client(HOME)
        control.load_state(path)
        # Churn: still blocked, with the same message.
        with pytest.raises(ClientError) as blocked:
            east.claim_phone_number(
                InstanceId=instance["Id"], PhoneNumber=available(east, instance["Id"])[0]
            )
        assert error_of(blocked) == error_of(blocked_before)
        control.configure(churn_limit_percent=1000)  # out of the way of the next rules
        # Cooldown: a released number is not available to anyone.
        with pytest.raises(ClientError) as cooling:
            east.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=second["PhoneNumber"])
        assert error_of(cooling)[0] == "InvalidParameterException"
        # A client-token replay replays; the token with other parameters conflicts.
        replayed = east.claim_phone_number(
            InstanceId=instance["Id"], PhoneNumber=first["PhoneNumber"], ClientToken=token
        )
        assert replayed["PhoneNumberId"] == first["PhoneNumberId"]
        with pytest.raises(ClientError) as reused:
            east.claim_phone_number(
                InstanceId=instance["Id"], PhoneNumber=extra["PhoneNumber"], ClientToken=token
            )
        assert error_of(reused)[0] == "IdempotencyException"
        # A pagination token from before the restart goes on where it left off.
        rest = east.list_phone_numbers_v2(MaxResults=1, NextToken=token_before)
        assert rest["ListPhoneNumbersSummaryList"] == rest_before["ListPhoneNumbersSummaryList"]
        with pytest.raises(ClientError) as bad_token:
            east.list_phone_numbers_v2(MaxResults=1, NextToken=token_before[:-4] + "AAAA")
        assert error_of(bad_token)[0] == "InvalidParameterException"
        # Once the windows pass, the rules let go as they would have without the restart.
        control.advance_clock(days=181)
        claimed = east.claim_phone_number(
            InstanceId=instance["Id"], PhoneNumber=second["PhoneNumber"]
        )
        assert claimed["PhoneNumberId"]


def test_a_failed_claim_stays_held_for_its_claimer(tmp_path: Path) -> None:
    path = tmp_path / "held.json"
    with mock_aws():
        east = client(HOME)
        control.configure(phone_numbers_per_instance=1)
        instance = new_instance(east)
        claim(east, instance["Id"])  # the instance is full: the next claim fails
        number = available(east, instance["Id"])[0]
        failed = east.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=number)
        control.save_state(path)
    with mock_aws():
        east = client(HOME)
        control.load_state(path)
        described = east.describe_phone_number(PhoneNumberId=failed["PhoneNumberId"])
        assert described["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "FAILED"
        stranger = as_account("111111111111")
        other = new_instance(stranger, "other")
        with pytest.raises(ClientError) as taken:
            stranger.claim_phone_number(InstanceId=other["Id"], PhoneNumber=number)
        assert error_of(taken)[0] == "InvalidParameterException"
        control.advance_clock(days=1, seconds=1)  # the hold ends: the number is free again
        stranger.claim_phone_number(InstanceId=other["Id"], PhoneNumber=number)


# -- bad files -----------------------------------------------------------------------------------


def saved_document(tmp_path: Path) -> dict[str, Any]:
    """A real snapshot of a small world, as JSON values."""
    path = tmp_path / "good.json"
    east = client(HOME)
    instance = new_instance(east, "seed")
    claim(east, instance["Id"])
    control.save_state(path)
    document: dict[str, Any] = json.loads(path.read_text())
    return document


def newer(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "version": VERSION + 1}


def older(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "version": 0}


def with_number_row(document: dict[str, Any], row: Any) -> dict[str, Any]:
    changed = json.loads(json.dumps(document))
    changed["sections"]["connect"]["backends"][0]["numbers"].append(row)
    return changed


BAD = {
    "empty": (lambda d: b"", "empty"),
    "truncated": (lambda d: json.dumps(d).encode()[:-40], "truncated"),
    "corrupt": (
        lambda d: json.dumps(d).encode().replace(b'"version"', b'"version" ]', 1),
        "corrupt",
    ),
    "not JSON text": (lambda d: b"\x80\x81 not text", "not UTF-8"),
    "another JSON file": (lambda d: b'{"name": "package.json"}', "not a moto-connect-ext snapshot"),
    "a JSON list": (lambda d: b"[1, 2, 3]", "not a moto-connect-ext snapshot"),
    "newer version": (lambda d: json.dumps(newer(d)).encode(), "newer moto-connect-ext"),
    "older version": (lambda d: json.dumps(older(d)).encode(), "older than"),
    "unknown section": (
        lambda d: json.dumps({**d, "sections": {**d["sections"], "sms": {}}}).encode(),
        "no backend for",
    ),
    "wrong type in a row": (
        lambda d: json.dumps(with_number_row(d, [1, 2, 3, 4, 5, 6, 7, 8, 9])).encode(),
        "number id 1 is not a UUID",
    ),
    "a number claimed twice": (
        lambda d: json.dumps(
            with_number_row(
                d,
                [str(uuid.uuid4()), *d["sections"]["connect"]["backends"][0]["numbers"][0][1:]],
            )
        ).encode(),
        "held twice",
    ),
    "deep nesting": (lambda d: b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "a huge number": (
        lambda d: json.dumps(d).encode().replace(b'"version": 1', b'"version": 1' + b"0" * 5000, 1),
        "not a snapshot",
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_snapshot_is_refused_by_name_and_changes_nothing(tmp_path: Path, case: str) -> None:
    make, problem = BAD[case]
    with mock_aws():
        document = saved_document(tmp_path)
        east = client(HOME)
        before = east.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
        path = tmp_path / "bad.json"
        path.write_bytes(make(document))
        with pytest.raises(SnapshotError) as refused:
            control.load_state(path)
        assert str(path) in str(refused.value)
        assert problem in str(refused.value)
        assert east.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == before


def test_a_missing_file_is_refused_by_name(tmp_path: Path) -> None:
    with mock_aws(), pytest.raises(SnapshotError, match=r"missing\.json: cannot be read"):
        control.load_state(tmp_path / "missing.json")


def test_the_format_is_named_and_versioned(tmp_path: Path) -> None:
    with mock_aws():
        document = saved_document(tmp_path)
    assert document["format"] == FORMAT
    assert document["version"] == VERSION
    numbers = document["sections"]["connect"]["backends"][0]
    assert numbers["number_fields"][:2] == ["id", "phone_number"]


# -- the pytest plugin's fixtures ----------------------------------------------------------------


@pytest.fixture(scope="module")
def connect_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded world, built once for the module: what ``connect_world`` restores for each test."""
    path = tmp_path_factory.mktemp("seeded") / "world.json"
    with mock_aws():
        east = client(HOME)
        instance = new_instance(east, "seeded")
        for _ in range(3):
            claim(east, instance["Id"])
        control.save_state(path)
    return path


@pytest.mark.parametrize("round_number", [1, 2])
def test_each_test_starts_from_the_seeded_world(
    connect_world: dict[str, Any], round_number: int
) -> None:
    """Each round releases every number; the next still finds the three, restored afresh."""
    assert connect_world["summary"]["connect"]["phone_numbers"] == 3
    east = client(HOME)
    listed = east.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    assert len(listed) == 3
    for number in listed:
        east.release_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert east.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


def test_a_number_in_progress_stays_in_progress(tmp_path: Path) -> None:
    """Under a "manual" transition a claimed number reads IN_PROGRESS, and it does after a
    restore too (its progress through the transition restarts there)."""
    path = tmp_path / "progress.json"
    with manual_progress("connect::phone_number"):
        with mock_aws():
            east = client(HOME)
            claimed = claim(east, new_instance(east)["Id"])
            control.save_state(path)
        with mock_aws():
            east = client(HOME)
            control.load_state(path)
            described = east.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
            status = described["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"]
            assert status == "IN_PROGRESS"
