"""Per-call cost: each plugin call against moto's own describe_instance in the same process and
run (`per_call`, `flow_per_call`), and what botocore's client alone costs (`stubbed_floor`), so a
ratio shows what the plugin adds on top of moto and boto3.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import boto3
from botocore.stub import Stubber
from moto import mock_aws

from moto_connect_ext.pinpointsmsvoicev2.models import sms_voice_backend

from .common import (
    ACCOUNT,
    REGION,
    Cycle,
    connect_client,
    flow_calls,
    generous_rules,
    measure,
    new_instance,
    number_calls,
    seed,
    stock,
)


def sms_numbers(count: int) -> Iterator[str]:
    """ARNs of End User Messaging numbers to import, requested through the backend (set-up).
    Toll-free, as the measured requests: the claim cycle takes DID numbers from the stock's
    start."""
    backend = sms_voice_backend(ACCOUNT, REGION)
    for _ in range(count):
        requested = backend.request_phone_number(
            iso_country_code="US",
            message_type="TRANSACTIONAL",
            number_capabilities=["SMS"],
            number_type="TOLL_FREE",
        )
        yield str(requested["PhoneNumberArn"])


def per_call(reps: int, per_rep: int) -> dict[str, Any]:
    """Plugin calls against moto's own describe_instance, in the same process and run."""
    with mock_aws():
        generous_rules()
        client = connect_client()
        sms = boto3.client("pinpoint-sms-voice-v2", region_name=REGION)
        instance_id = new_instance(client)
        ids = seed(instance_id, 150, 0)
        cycle = Cycle(client, instance_id, stock(10**6))
        sources = iter(list(sms_numbers(reps * per_rep + 1)))
        timings = measure(
            {
                "describe_instance (moto)": lambda: client.describe_instance(
                    InstanceId=instance_id
                ),
                **number_calls(client, instance_id, cycle, ids[0]),
                "import_phone_number": lambda: client.import_phone_number(
                    InstanceId=instance_id, SourcePhoneNumberArn=next(sources)
                ),
                "request_phone_number (End User Messaging)": lambda: sms.request_phone_number(
                    IsoCountryCode="US",
                    MessageType="TRANSACTIONAL",
                    NumberCapabilities=["SMS"],
                    NumberType="TOLL_FREE",
                ),
            },
            reps,
            per_rep,
        )
    base = timings["describe_instance (moto)"]["median"]
    return {
        name: {**t, "ratio": t["median"] / base / (2 if "cycle" in name else 1)}
        for name, t in timings.items()
    }


def stubbed_floor(reps: int, per_rep: int) -> dict[str, Any]:
    """The same calls answered by botocore's Stubber: what the client alone costs."""
    client = boto3.client(
        "connect", region_name=REGION, aws_access_key_id="x", aws_secret_access_key="y"
    )
    stubber = Stubber(client)
    answers = {
        "describe_instance": ({"Instance": {"Id": "i"}}, {"InstanceId": "i"}),
        "describe_phone_number": (
            {"ClaimedPhoneNumberSummary": {"PhoneNumberId": "p"}},
            {"PhoneNumberId": "p"},
        ),
    }

    def call(name: str) -> Callable[[], Any]:
        response, params = answers[name]

        def run() -> Any:
            stubber.add_response(name, response, params)
            return getattr(client, name)(**params)

        return run

    with stubber:
        timings = measure({name: call(name) for name in answers}, reps, per_rep)
    return timings


def flow_per_call(reps: int, per_rep: int) -> dict[str, Any]:
    """AssociatePhoneNumberContactFlow and a ListContactFlows page of 100 against moto's
    describe_instance, with 150 numbers and 150 flows."""
    with mock_aws():
        describe_instance, calls = flow_calls(150)
        timings = measure({"describe_instance (moto)": describe_instance, **calls}, reps, per_rep)
    base = timings["describe_instance (moto)"]["median"]
    return {name: {**t, "ratio": t["median"] / base} for name, t in timings.items()}
