"""The moto internals ``moto_connect_ext._moto`` relies on, one test each, named after the moto
behaviour: when a moto release changes one of them, the test that names it fails here, instead of
the suite failing everywhere at once."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto.connect import urls as moto_connect_urls
from moto.core.responses import BaseResponse
from moto.iam.access_control import IAMRequest
from moto.moto_api import state_manager
from moto.moto_api._internal import urls as moto_api_urls

from moto_connect_ext import _moto, control
from moto_connect_ext.connect.config import PHONE_NUMBER_MODEL, TDG_MODEL
from moto_connect_ext.connect.responses import ConnectResponse

ARN = "arn:aws:connect:us-east-1:123456789012:phone-number/56f8ac24-b987-499f-bdb1-4fe900fc4d41"

pytestmark = pytest.mark.in_process_only


def test_moto_matches_the_operation_and_keeps_the_uri_labels_in_uri_match(
    connect_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """moto 5.2.5 keeps decoded labels in a dict; earlier releases an ``re.Match`` of the
    percent-encoded path. ``path_parameters`` reads both."""
    seen: list[tuple[str, dict[str, str]]] = []
    read = ConnectResponse._path_parameters

    def spy(response: ConnectResponse) -> dict[str, str]:
        seen.append((response._get_action(), _moto.path_parameters(response)))
        return read(response)

    monkeypatch.setattr(ConnectResponse, "_path_parameters", spy)
    with pytest.raises(ClientError):
        connect_client.describe_phone_number(PhoneNumberId=ARN)
    assert seen[0] == ("DescribePhoneNumber", {"PhoneNumberId": ARN})


def test_moto_routes_connect_through_a_mutable_url_paths_table() -> None:
    """install() points every route of ``moto.connect.urls.url_paths`` at the plugin."""
    assert moto_connect_urls.url_paths
    assert all(
        handler.__func__ is ConnectResponse.dispatch.__func__  # type: ignore[attr-defined]
        or handler.__func__ is ConnectResponse.dispatch_without_label.__func__  # type: ignore[attr-defined]
        for handler in moto_connect_urls.url_paths.values()
    )


def test_moto_authorizes_each_action_through_one_overridable_hook() -> None:
    """moto's BaseResponse calls ``_authenticate_and_authorize_normal_action(iam_class,
    resource)``; the plugin replaces it on its response class."""
    assert callable(BaseResponse._authenticate_and_authorize_normal_action)
    assert ConnectResponse._authenticate_and_authorize_normal_action is _moto._authorize  # type: ignore[comparison-overlap]


@pytest.mark.parametrize(
    "method",
    [
        "_create_aws_request",
        "_raise_access_denied",
        "_raise_signature_does_not_match",
        "_raise_invalid_access_key",
    ],
)
def test_moto_iam_request_has_the_methods_the_plugin_overrides(method: str) -> None:
    assert callable(getattr(IAMRequest, method))
    assert method in vars(_moto._iam_request_class())


def test_moto_api_serves_handlers_from_its_url_paths_table() -> None:
    """The control endpoints go next to moto's own ``{0}/moto-api/reset``."""
    assert "{0}/moto-api/reset" in moto_api_urls.url_paths
    for action in control.ACTIONS:
        assert (
            moto_api_urls.url_paths[f"{{0}}/moto-api/connect/{action}"] is _moto._control_endpoint
        )


@pytest.mark.parametrize("model_name", [PHONE_NUMBER_MODEL, TDG_MODEL])
def test_moto_state_manager_keeps_registered_default_transitions(model_name: str) -> None:
    assert state_manager.get_transition(model_name) == {"progression": "immediate"}
