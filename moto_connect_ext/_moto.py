"""The one place that knows how the plugin hooks into moto's internals.

moto has no plugin mechanism, so installing means: route every connect path to the plugin's response
class (a subclass of moto's, so moto's own operations keep working), authorize connect requests
with a fixed IAM request class, serve the control endpoints under ``/moto-api/connect/`` and
register the state-manager models. Everything else in the package uses moto only through its public helpers.
"""

from __future__ import annotations

import json
import re
import threading
from functools import cache
from typing import Any
from urllib.parse import unquote, urlparse, urlunparse

from botocore.awsrequest import AWSRequest
from moto.connect import urls as moto_connect_urls
from moto.core.exceptions import JsonRESTError
from moto.core.responses import BaseResponse
from moto.moto_api import state_manager
from moto.moto_api._internal import urls as moto_api_urls

from . import control
from .connect import urls as plugin_urls
from .connect.config import PHONE_NUMBER_MODEL, TDG_MODEL
from .connect.responses import ConnectResponse


class ConnectAuthError(JsonRESTError):
    """An authorization failure in the shape rest-json clients parse: code header, ``Message``."""

    code = 403

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(error_type, message)
        self.description = json.dumps({"__type": error_type, "Message": message})


@cache
def _iam_request_class() -> type[Any]:
    """moto's IAM emulation, fixed for rest-json services (built on first use: importing moto's
    IAM package takes longer than the whole plugin).

    moto signs a body-less request (GET, DELETE) with the query string or headers as its body, so
    every such call fails its signature check; and it renders denials as XML, which boto3 reports
    as code ``'403'`` instead of ``AccessDeniedException``.
    """
    from moto.iam.access_control import IAMRequest

    class ConnectIAMRequest(IAMRequest):  # type: ignore[misc]
        def _create_aws_request(self) -> AWSRequest:
            request: AWSRequest = super()._create_aws_request()
            request.data = self._body or b""
            return request

        def _raise_access_denied(self) -> None:
            raise ConnectAuthError(
                "AccessDeniedException",
                f"User: {self._access_key.arn} is not authorized to perform: {self._action}",
            )

        def _raise_signature_does_not_match(self) -> None:
            raise ConnectAuthError(
                "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided.",
            )

        def _raise_invalid_access_key(self, _: str) -> None:
            raise ConnectAuthError(
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
            )

    return ConnectIAMRequest


def _authorize(response: ConnectResponse, resource: str = "*") -> None:
    """Authorize a connect request with ConnectIAMRequest; errors keep their code header.

    moto before 5.2.5 checks the signature against the path of ``response.uri``, which its server
    has percent-decoded (an ARN's ``%2F`` becomes ``/``); clients sign the encoded path, which
    ``raw_path`` keeps. moto 5.2.5 reads ``raw_path`` itself and only the query from ``uri``.
    """
    response.uri = urlunparse(urlparse(response.uri)._replace(path=response.raw_path))
    try:
        response._authenticate_and_authorize_action(_iam_request_class(), resource)
    except ConnectAuthError as error:
        response.response_headers["X-Amzn-ErrorType"] = error.error_type
        response.response_headers["Content-Type"] = "application/json"
        raise


def path_parameters(response: BaseResponse) -> dict[str, str]:
    """The request's URI labels by name, as moto matched them against the route.

    moto 5.2.5 keeps them decoded in a dict; earlier releases keep the ``re.Match`` of the route
    against the still percent-encoded path (``None`` until a route matched).
    """
    match: Any = response.uri_match
    if isinstance(match, re.Match):
        return {name: unquote(value) for name, value in match.groupdict().items() if value}
    return dict(match or {})


_install_lock = threading.Lock()
_installed = False


def install() -> None:
    """Make moto serve the plugin's operations; safe to call any number of times."""
    global _installed
    with _install_lock:
        if _installed:
            return
        routes = moto_connect_urls.url_paths
        for path in routes:
            routes[path] = ConnectResponse.dispatch
        routes.update(plugin_urls.url_paths)
        # Every connect route reaches ConnectResponse, so this covers moto's own operations too.
        ConnectResponse._authenticate_and_authorize_normal_action = _authorize  # type: ignore[method-assign, assignment]
        for action in control.ACTIONS:
            moto_api_urls.url_paths[f"{{0}}/moto-api/connect/{action}"] = control.handle
        for model_name in (PHONE_NUMBER_MODEL, TDG_MODEL):
            state_manager.register_default_transition(
                model_name, transition={"progression": "immediate"}
            )
        _installed = True
