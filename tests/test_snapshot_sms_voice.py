"""Snapshots of End User Messaging SMS numbers and of numbers imported from it into Connect
(docs/behaviour.md, "Snapshots"), in both modes: what a client sees of them, and the rules of one
stock and of imports, are the same after a save and load as before; a bad End User Messaging
section is refused by name, and nothing of either section is loaded.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from moto_connect_ext import control
from moto_connect_ext.snapshots import SnapshotError
from support import available, client, error_of, new_instance, request_number, sms_client

SECTION = "pinpoint-sms-voice-v2"


def build_world(connect: Any, sms: Any) -> dict[str, Any]:
    """An instance, a number imported into it, and End User Messaging numbers of several kinds
    and attributes, one of them tagged and one protected from deletion."""
    instance = new_instance(connect)
    source = request_number(sms, "US", "LONG_CODE", Tags=[{"Key": "team", "Value": "blue"}])
    imported = connect.import_phone_number(
        InstanceId=instance["Id"],
        SourcePhoneNumberArn=source["PhoneNumberArn"],
        PhoneNumberDescription="SMS line",
    )
    protected = request_number(
        sms, "US", "TOLL_FREE", NumberCapabilities=["SMS"], DeletionProtectionEnabled=True
    )
    british = request_number(sms, "GB", "LONG_CODE", OptOutListName="Marketing")
    sms.update_phone_number(PhoneNumberId=british["PhoneNumberId"], SelfManagedOptOutsEnabled=True)
    first_page = sms.describe_phone_numbers(MaxResults=2)
    return {
        "instance": instance,
        "source": source,
        "imported": imported,
        "requested": [source, protected, british],
        "next_token": first_page["NextToken"],
        "rest": sms.describe_phone_numbers(MaxResults=2, NextToken=first_page["NextToken"]),
    }


def view(connect: Any, sms: Any, world: dict[str, Any]) -> dict[str, Any]:
    """Everything a client sees of the numbers."""
    return {
        "sms": sms.describe_phone_numbers()["PhoneNumbers"],
        "tags": [
            sms.list_tags_for_resource(ResourceArn=n["PhoneNumberArn"])["Tags"]
            for n in world["requested"]
        ],
        "imported": connect.describe_phone_number(PhoneNumberId=world["imported"]["PhoneNumberId"])[
            "ClaimedPhoneNumberSummary"
        ],
        "connect": connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"],
    }


def saved_world(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The world built and saved to ``path``; it and its view."""
    with mock_aws():
        connect, sms = client(), sms_client()
        world = build_world(connect, sms)
        before = view(connect, sms, world)
        saved = control.save_state(path)
    assert saved["summary"][SECTION] == {"phone_numbers": 3, "imported_into_connect": 1}
    return world, before


def test_imported_numbers_and_their_sources_survive_a_restore(tmp_path: Path) -> None:
    path = tmp_path / "imported.json"
    world, before = saved_world(path)
    source, imported = world["source"], world["imported"]
    with mock_aws():
        connect, sms = client(), sms_client()
        assert sms.describe_phone_numbers()["PhoneNumbers"] == []
        control.load_state(path)

        assert view(connect, sms, world) == before
        assert before["imported"]["SourcePhoneNumberArn"] == source["PhoneNumberArn"]
        # A DescribePhoneNumbers token from before the save goes on where it left off.
        rest = sms.describe_phone_numbers(MaxResults=2, NextToken=world["next_token"])
        assert rest["PhoneNumbers"] == world["rest"]["PhoneNumbers"]
        # End User Messaging still refuses to release a number Connect holds.
        with pytest.raises(ClientError) as refused:
            sms.release_phone_number(PhoneNumberId=source["PhoneNumberId"])
        assert error_of(refused) == (
            "ConflictException",
            f"Phone number {source['PhoneNumberId']} is imported into Amazon Connect as "
            f"{imported['PhoneNumberArn']}; release it from Amazon Connect first.",
        )
        # Releasing it from Connect gives it back, without cooldown: it can then be released.
        connect.release_phone_number(PhoneNumberId=imported["PhoneNumberId"])
        released = sms.release_phone_number(PhoneNumberId=source["PhoneNumberId"])
        assert released["Status"] == "DELETED"
        claimed = connect.claim_phone_number(
            InstanceId=world["instance"]["Id"], PhoneNumber=source["PhoneNumber"]
        )
        assert claimed["PhoneNumberId"]


def test_a_failed_import_stays_held_and_is_let_go_after_its_day(tmp_path: Path) -> None:
    path = tmp_path / "failed.json"
    with mock_aws():
        connect, sms = client(), sms_client()
        control.configure(phone_numbers_per_instance=1)
        instance = new_instance(connect)
        connect.import_phone_number(
            InstanceId=instance["Id"], SourcePhoneNumberArn=request_number(sms)["PhoneNumberArn"]
        )
        source = request_number(sms)
        failed = connect.import_phone_number(
            InstanceId=instance["Id"], SourcePhoneNumberArn=source["PhoneNumberArn"]
        )
        control.save_state(path)
    with mock_aws():
        connect, sms = client(), sms_client()
        control.load_state(path)
        described = connect.describe_phone_number(PhoneNumberId=failed["PhoneNumberId"])
        assert described["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "FAILED"
        with pytest.raises(ClientError) as refused:
            sms.release_phone_number(PhoneNumberId=source["PhoneNumberId"])
        assert error_of(refused) == (
            "ConflictException",
            f"Phone number {source['PhoneNumberId']} is imported into Amazon Connect as "
            f"{failed['PhoneNumberArn']}; release it from Amazon Connect first.",
        )
        control.advance_clock(days=1, seconds=1)  # the hold ends: End User Messaging's again
        released = sms.release_phone_number(PhoneNumberId=source["PhoneNumberId"])
        assert released["Status"] == "DELETED"


def test_deletion_protection_still_refuses_a_release(tmp_path: Path) -> None:
    path = tmp_path / "protected.json"
    world, _ = saved_world(path)
    protected = world["requested"][1]
    with mock_aws():
        sms = sms_client()
        control.load_state(path)
        with pytest.raises(ClientError) as refused:
            sms.release_phone_number(PhoneNumberId=protected["PhoneNumberId"])
        assert error_of(refused) == (
            "ConflictException",
            f"Phone number {protected['PhoneNumberId']} has deletion protection enabled.",
        )


def test_a_requested_number_is_still_not_offered_to_connect(tmp_path: Path) -> None:
    path = tmp_path / "requested.json"
    with mock_aws():
        connect, sms = client(), sms_client()
        instance = new_instance(connect)
        requested = request_number(sms)
        control.save_state(path)
    with mock_aws():
        connect = client()
        control.load_state(path)
        offered = available(connect, instance["Id"], "US", "DID", count=10)
        assert requested["PhoneNumber"] not in offered
        with pytest.raises(ClientError) as refused:
            connect.claim_phone_number(
                InstanceId=instance["Id"], PhoneNumber=requested["PhoneNumber"]
            )
        assert error_of(refused) == (
            "InvalidParameterException",
            f"Phone number not available: {requested['PhoneNumber']}",
        )


# -- bad End User Messaging sections --------------------------------------------------------------


def changed(document: dict[str, Any], change: Any) -> bytes:
    copy = json.loads(json.dumps(document))
    change(copy["sections"][SECTION]["backends"][0], copy["sections"]["connect"]["backends"][0])
    return json.dumps(copy).encode()


def _set(field: str, value: Any, index: int = 0) -> Any:
    def change(sms: dict[str, Any], connect: dict[str, Any]) -> None:
        sms["numbers"][index][sms["number_fields"].index(field)] = value

    return change


def _drop_source(sms: dict[str, Any], connect: dict[str, Any]) -> None:
    """The imported number's source gone from the section, with its tags."""
    sms["tags"].clear()
    sms["numbers"].pop(0)


def _claimed_twice(sms: dict[str, Any], connect: dict[str, Any]) -> None:
    """A second End User Messaging number, not imported, of the imported number's E.164."""
    fields = sms["number_fields"]
    twin = [*sms["numbers"][0]]
    twin[fields.index("phone_number_id")] = "phone-" + "0" * 32
    twin[fields.index("imported_into")] = None
    sms["numbers"].append(twin)


def _imported_twice(sms: dict[str, Any], connect: dict[str, Any]) -> None:
    """The toll-free number recorded as imported by the same Connect number as the first."""
    fields = sms["number_fields"]
    sms["numbers"][1][fields.index("imported_into")] = sms["numbers"][0][
        fields.index("imported_into")
    ]


def _two_importers(sms: dict[str, Any], connect: dict[str, Any]) -> None:
    """A second Connect number (of the British number's E.164) naming the imported source."""
    fields = connect["number_fields"]
    twin = [*connect["numbers"][0]]
    twin[fields.index("id")] = str(uuid.uuid4())
    twin[fields.index("phone_number")] = sms["numbers"][2][
        sms["number_fields"].index("phone_number")
    ]
    connect["numbers"].append(twin)


BAD_SECTIONS = {
    "a wrong type": (
        _set("deletion_protection_enabled", "yes"),
        "deletion_protection_enabled must be true or false, not 'yes'",
    ),
    "an unknown status": (_set("status", "ASSOCIATING"), "status is one of PENDING, ACTIVE"),
    "a number not of its country": (
        _set("iso_country_code", "FR", index=2),
        "is not a LONG_CODE number of 'FR'",
    ),
    "an import forgotten": (
        _set("imported_into", None),
        "is recorded as imported into nothing, but the Connect section has it imported into",
    ),
    "a source missing": (_drop_source, "which is not in the snapshot"),
    "a number held twice": (_claimed_twice, "is held twice"),
    "one number recorded as imported twice": (
        _imported_twice,
        "but the Connect section has it imported into nothing",
    ),
    "two Connect numbers of one source": (_two_importers, "is imported twice"),
    "tags of no number": (
        lambda sms, connect: sms["tags"].update({"arn:aws:sms-voice:x": {"k": "v"}}),
        "tags of arn:aws:sms-voice:x, which is not a number of the snapshot",
    ),
    "fields renamed": (
        lambda sms, connect: sms["number_fields"].reverse(),
        "End User Messaging numbers' fields are not",
    ),
}


def test_a_snapshot_without_the_section_starts_it_empty(tmp_path: Path) -> None:
    path = tmp_path / "connect-only.json"
    with mock_aws():
        connect, sms = client(), sms_client()
        instance = new_instance(connect)
        requested = request_number(sms)
        control.save_state(path)
    document = json.loads(path.read_text())
    del document["sections"][SECTION]
    path.write_text(json.dumps(document))
    with mock_aws():
        connect, sms = client(), sms_client()
        request_number(sms)
        control.load_state(path)
        assert sms.describe_phone_numbers()["PhoneNumbers"] == []
        claimed = connect.claim_phone_number(
            InstanceId=instance["Id"], PhoneNumber=requested["PhoneNumber"]
        )
        assert claimed["PhoneNumberId"]


def test_a_snapshot_without_the_section_but_with_an_import_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "good.json"
    world, before = saved_world(path)
    document = json.loads(path.read_text())
    del document["sections"][SECTION]
    with mock_aws():
        connect, sms = client(), sms_client()
        control.load_state(path)
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(document))
        with pytest.raises(SnapshotError) as refused:
            control.load_state(bad)
        assert f"section {SECTION!r}: " in str(refused.value)
        assert f"imported from {world['source']['PhoneNumberArn']}, which is not in" in str(
            refused.value
        )
        assert view(connect, sms, world) == before


@pytest.mark.parametrize("case", BAD_SECTIONS)
def test_a_bad_section_is_refused_by_name_and_changes_nothing(tmp_path: Path, case: str) -> None:
    change, problem = BAD_SECTIONS[case]
    path = tmp_path / "good.json"
    world, before = saved_world(path)
    document = json.loads(path.read_text())
    with mock_aws():
        connect, sms = client(), sms_client()
        control.load_state(path)
        bad = tmp_path / "bad.json"
        bad.write_bytes(changed(document, change))
        with pytest.raises(SnapshotError) as refused:
            control.load_state(bad)
        message = str(refused.value)
        assert message.startswith(f"{bad}: ")  # in server mode, "the server refused it: ..."
        assert f"refused, nothing was loaded: section {SECTION!r}: " in message
        assert problem in message
        assert view(connect, sms, world) == before
