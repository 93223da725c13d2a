"""The one seam between this package and moto's insides.

moto has no plugin interface, so the package leans on names moto does not publish: private methods
of its response and IAM classes, ``moto_api._internal``, classes it replaces or wraps. Every such
use lives here, and nowhere else (``tests/test_compat.py`` scans the package for strays). This
module imports nothing of the package: it is the lowest floor, and the wiring that installs the
plugin (:mod:`moto_connect_ext.wiring`) builds on it.

Each :class:`Hook` names the moto releases it serves and how it tells them apart: by feature (an
attribute, a parameter, a name the code reads), never by version string. :func:`check` runs when
the package is installed into moto: if a hook's feature is missing, it raises
:class:`IncompatibleMoto` naming moto's version, the hook and the tested range, before any request
could fail inside moto.
"""

from __future__ import annotations

import inspect
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import unquote, urlparse, urlunparse

import moto
from botocore.awsrequest import AWSRequest
from moto import backends as moto_backends
from moto import settings as moto_settings
from moto.connect.models import connect_backends
from moto.connect.responses import ConnectResponse as MotoConnectResponse
from moto.core.authorization import ActionAuthenticatorMixin
from moto.core.base_backend import BaseBackend
from moto.core.common_types import TYPE_RESPONSE
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionContext, ActionResult, BaseResponse
from moto.moto_api._internal import mock_random
from moto.moto_api._internal import urls as moto_api_urls
from moto.moto_api._internal.managed_state_model import ManagedState

__all__ = [
    "HOOKS",
    "TESTED",
    "ConnectResponseBase",
    "Hook",
    "IncompatibleMoto",
    "JsonTargetResponseBase",
    "ManagedState",
    "ModelResult",
    "check",
    "mock_random",
    "moto_version",
]

#: The moto releases CI has proved, oldest and newest. setup.cfg admits exactly this range; moving
#: it forward is one line here and one there, once ``python -m moto_connect_ext.compat check``
#: passes on the new release.
TESTED = ("5.1.21", "5.2.6")


@dataclass(frozen=True)
class Hook:
    """One dependency on moto's insides: what it uses, which releases it serves, how it detects
    them, and a cheap check that the feature is there."""

    name: str
    uses: str
    serves: str
    detects: str
    present: Callable[[], bool]


HOOKS: dict[str, Hook] = {}


def _hook(name: str, uses: str, serves: str, detects: str) -> Callable[[Callable[[], bool]], Any]:
    def register(present: Callable[[], bool]) -> Callable[[], bool]:
        HOOKS[name] = Hook(name, uses, serves, detects, present)
        return present

    return register


class IncompatibleMoto(ImportError):
    """The installed moto lacks a feature the package needs (raised at install, not in a request)."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        details = "; ".join(f"{name} ({HOOKS[name].uses})" for name in missing)
        super().__init__(
            f"moto-connect-ext cannot run on moto {moto_version()}: "
            f"missing hook(s) {', '.join(missing)}: {details}. "
            f"Tested with moto {TESTED[0]} to {TESTED[1]}; install one of those "
            f'(pip install "moto[server]>={TESTED[0]},<={TESTED[1]}").'
        )


def moto_version() -> str:
    try:
        return metadata.version("moto")
    except metadata.PackageNotFoundError:  # moto from a source tree
        return "unknown"


def problems() -> list[str]:
    """The hooks whose feature the installed moto lacks (a check that raises counts as missing)."""
    missing = []
    for hook in HOOKS.values():
        try:
            present = hook.present()
        except Exception:
            present = False
        if not present:
            missing.append(hook.name)
    return missing


def check() -> None:
    """Raise :class:`IncompatibleMoto` unless every hook's feature is present."""
    missing = problems()
    if missing:
        raise IncompatibleMoto(missing)


def _reads(function: Any, name: str) -> bool:
    """Whether a function's code reads or writes attribute (or global) ``name``: how a hook tells
    which way a release does something without running it."""
    code = getattr(function, "__code__", None)
    return code is not None and name in code.co_names


# -- routing: which operation a request names, and its URI labels ------------------------------


@_hook(
    "operation_router",
    uses="BaseResponse._get_action_from_request / _get_action_from_method_and_request_uri",
    serves="5.2.6+ (_get_action_from_request(request)); 5.2.5 (the old name, taking the "
    "request); 5.1.21-5.2.4 (the old name, taking method and path)",
    detects="the method's name, then whether its first parameter is `request`",
)
def _router_present() -> bool:
    return _router_kind() is not None


#: The router's name before moto 5.2.6.
_LEGACY_ROUTER = "_get_action_from_method_and_request_uri"


def _router_kind() -> str | None:
    if hasattr(BaseResponse, "_get_action_from_request"):
        return "request"
    legacy = getattr(BaseResponse, _LEGACY_ROUTER, None)
    if legacy is None:
        return None
    parameters = list(inspect.signature(legacy).parameters)[1:]
    return "request" if parameters == ["request"] else "method_and_path"


def _operation_of(response: BaseResponse) -> str | None:
    """The operation the request's method and path name in the botocore model, if any."""
    match: Any = getattr(response, "_get_action_from_request", None) or getattr(
        response, _LEGACY_ROUTER
    )
    if _ROUTER == "request":
        operation: str | None = match(response.normalized_request)
    else:
        operation = match(response.method, response.raw_path)
    return operation


@_hook(
    "uri_labels",
    uses="BaseResponse.uri_match",
    serves="5.2.5+ (a dict of decoded labels); 5.1.21-5.2.4 (an re.Match of the encoded path)",
    detects="setup_class sets `uri_match`; its type at run time",
)
def _uri_labels_present() -> bool:
    return _reads(BaseResponse.setup_class, "uri_match")


def _path_parameters(response: BaseResponse) -> dict[str, str]:
    match: Any = response.uri_match
    if isinstance(match, re.Match):
        return {name: unquote(value) for name, value in match.groupdict().items() if value}
    return dict(match or {})


@_hook(
    "raw_body",
    uses="BaseResponse.setup_class(use_raw_body=...)",
    serves="5.1.21+",
    detects="setup_class's `use_raw_body` parameter",
)
def _raw_body_present() -> bool:
    return "use_raw_body" in inspect.signature(BaseResponse.setup_class).parameters


@_hook(
    "serialized_headers",
    uses="BaseResponse.serialized, which adds a `status` header from 5.2.6 on",
    serves="5.1.21+ (the `status` key is dropped when present)",
    detects="the key in the headers it returns",
)
def _serialized_present() -> bool:
    return callable(getattr(BaseResponse, "serialized", None))


@_hook(
    "value_picker",
    uses="the serializer's `value_picker` and ActionContext.serializer_class",
    serves="5.1.21+",
    detects="the serializer's `value_picker` parameter",
)
def _value_picker_present() -> bool:
    from moto.core.serialize import ResponseSerializer

    return "value_picker" in inspect.signature(ResponseSerializer.__init__).parameters and (
        "serializer_class" in inspect.signature(ActionContext).parameters
    )


class ModelResult(ActionResult):
    """An ActionResult serialized with a given value picker (moto's default tries a chain of
    aliases for every member, which costs more than the rest of a describe)."""

    def __init__(self, result: Any, picker: Callable[[Any], Any]) -> None:
        super().__init__(result)
        self._picker = picker

    def execute_result(self, context: ActionContext) -> TYPE_RESPONSE:
        serializer = context.serializer_class(
            operation_model=context.operation_model,
            pretty_print=moto_settings.PRETTIFY_RESPONSES,
            value_picker=self._picker,
        )
        serialized = serializer.serialize(self.result)
        return serialized["status_code"], dict(serialized["headers"]), serialized["body"]


# -- authorization -------------------------------------------------------------------------------


@_hook(
    "iam_request",
    uses="IAMRequest._create_aws_request, _raise_access_denied, _raise_signature_does_not_match, "
    "_raise_invalid_access_key and its _body, _access_key, _action",
    serves="5.1.21+",
    detects="the methods by name, the attributes among the names IAMRequest's __init__ sets",
)
def _iam_request_present() -> bool:
    from moto.iam.access_control import IAMRequest

    methods = (
        "_create_aws_request",
        "_raise_access_denied",
        "_raise_signature_does_not_match",
        "_raise_invalid_access_key",
    )
    return all(hasattr(IAMRequest, name) for name in methods) and all(
        _reads(IAMRequest.__init__, name) for name in ("_body", "_access_key", "_action")
    )


@_hook(
    "authorize",
    uses="ActionAuthenticatorMixin._authenticate_and_authorize_action and "
    "_authenticate_and_authorize_normal_action",
    serves="5.2.4+ (moto signs `raw_path`); 5.1.21-5.2.3 (moto signs the path of `uri`, "
    "which the package points at `raw_path` first)",
    detects="whether _authenticate_and_authorize_action reads `raw_path`",
)
def _authorize_present() -> bool:
    return hasattr(ActionAuthenticatorMixin, "_authenticate_and_authorize_action") and hasattr(
        ActionAuthenticatorMixin, "_authenticate_and_authorize_normal_action"
    )


class AuthError(JsonRESTError):
    """An authorization failure (HTTP 403) in the shape rest-json clients parse, where moto's
    IAMRequest renders XML that boto3 reports as code ``'403'``."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(error_type, message)
        self.code = 403
        self.description = json.dumps({"__type": error_type, "Message": message})


_iam_request_class: type[Any] | None = None


def _connect_iam_request() -> type[Any]:
    """moto's IAMRequest, fixed for rest-json (built on first use: importing moto's IAM package
    costs more than the whole plugin). moto signs a body-less request (GET, DELETE) with the query
    string or headers as its body, so every such call fails its signature check."""
    global _iam_request_class
    if _iam_request_class is not None:
        return _iam_request_class
    from moto.iam.access_control import IAMRequest

    class ConnectIAMRequest(IAMRequest):  # type: ignore[misc]
        def _create_aws_request(self) -> AWSRequest:
            request: AWSRequest = super()._create_aws_request()
            request.data = self._body or b""
            return request

        def _raise_access_denied(self) -> None:
            raise AuthError(
                "AccessDeniedException",
                f"User: {self._access_key.arn} is not authorized to perform: {self._action}",
            )

        def _raise_signature_does_not_match(self) -> None:
            raise AuthError(
                "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided.",
            )

        def _raise_invalid_access_key(self, _: str) -> None:
            raise AuthError(
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
            )

    _iam_request_class = ConnectIAMRequest
    return ConnectIAMRequest


class ConnectResponseBase(MotoConnectResponse):
    """moto's connect response class, seen through public names.

    The package's response class builds on this one and calls :meth:`operation`,
    :meth:`path_parameters`, :meth:`serialize` and :meth:`authorize` instead of moto's private
    methods. moto's own connect handlers stay inherited.
    """

    def setup_class(
        self,
        request: Any,
        full_url: str | None = None,
        headers: Any = None,
        use_raw_body: bool | None = False,
    ) -> None:
        """Keep the body as bytes: moto would decode it as UTF-8 here and fail with a 500 on
        anything else; the package's validator answers such a body with a 400 instead."""
        super().setup_class(request, full_url, headers, use_raw_body=True)

    def _get_action(self) -> str:
        """The operation, matched against the model once per request (moto matches on each call).

        Connect is rest-json: the method and path name the operation. moto before 5.2.6 would
        first take an ``Action`` query parameter or an ``X-Amz-Target`` header, naming any
        handler, or none.
        """
        return self.operation()

    def operation(self) -> str:
        """The operation this request names in the botocore model, or "" for none."""
        action: str | None = self.__dict__.get("_operation")
        if action is None:
            action = self.__dict__["_operation"] = _operation_of(self) or ""
        return action

    def name_operation(self, operation: str) -> None:
        """Take ``operation`` as the request's operation (for a path that matched none)."""
        self.__dict__["_operation"] = operation

    def path_parameters(self) -> dict[str, str]:
        """The request's URI labels by name, decoded, as moto matched them against the route."""
        return _path_parameters(self)

    def serialize(self, result: ActionResult) -> TYPE_RESPONSE:
        """An ActionResult as (status, headers, body), for answers made outside a handler."""
        status, headers, body = self.serialized(result)
        headers.pop("status", None)
        return status, headers, body

    def _authenticate_and_authorize_normal_action(self, resource: str = "*") -> None:
        self.authorize(resource)

    def authorize(self, resource: str = "*") -> None:
        """Authorize with the fixed IAMRequest; its errors keep their code header."""
        if not _MOTO_SIGNS_RAW_PATH:
            self.uri = urlunparse(urlparse(self.uri)._replace(path=self.raw_path))
        try:
            self._authenticate_and_authorize_action(_connect_iam_request(), resource)
        except AuthError as error:
            self.response_headers["X-Amzn-ErrorType"] = error.error_type
            self.response_headers["Content-Type"] = "application/json"
            raise


# -- the backend class and its routes ------------------------------------------------------------


@_hook(
    "backend_class",
    uses="BackendDict.backend and each account's dict's backend (the class moto instantiates), "
    "and BaseBackend._url_module (routes come from the backend class's module's `urls`)",
    serves="5.1.21+",
    detects="the attributes on moto's connect_backends and BaseBackend",
)
def _backend_class_present() -> bool:
    return hasattr(connect_backends, "backend") and hasattr(BaseBackend, "_url_module")


def extend_connect_backends(
    backend_class: type[BaseBackend], extend: Callable[[Any], BaseBackend]
) -> None:
    """Make moto's ``connect_backends`` build ``backend_class``; ``extend`` turns each backend moto
    built before into one, keeping its state."""
    backends: Any = connect_backends
    backends.backend = backend_class
    for account in backends.values():
        account.backend = backend_class
        for region, backend in list(account.items()):
            if not isinstance(backend, backend_class):
                account[region] = extend(backend)


def copy_state(source: BaseBackend, target: BaseBackend) -> None:
    """Give ``target`` the state of ``source`` (a backend moto made before the plugin)."""
    target.__dict__.update(source.__dict__)


@_hook(
    "backend_loaded",
    uses="moto.backends.get_backend, wrapped",
    serves="5.1.21+",
    detects="the function, and its use by moto's router (it loads a service's backends)",
)
def _backend_loaded_present() -> bool:
    return callable(getattr(moto_backends, "get_backend", None))


def when_backend_loaded(name: str, callback: Callable[[], None]) -> None:
    """Call ``callback`` once moto loads service ``name``'s backends (now if it has)."""
    plain_get_backend = moto_backends.get_backend

    def get_backend(service: Any) -> Any:
        backend = plain_get_backend(service)
        if service == name:
            callback()
        return backend

    moto_backends.get_backend = get_backend  # type: ignore[assignment]
    if f"moto.{name}.models" in sys.modules:
        callback()


# -- services moto does not have ------------------------------------------------------------------


@_hook(
    "service_registry",
    uses="moto.backend_index.backend_url_patterns (the services moto routes a URL to, as "
    "(name, compiled pattern) pairs) and moto.backends.get_backend, wrapped (it imports "
    "`moto.<name>`)",
    serves="5.1.21+",
    detects="the list and the shape of its entries; the function",
)
def _service_registry_present() -> bool:
    from moto import backend_index

    patterns = backend_index.backend_url_patterns
    return (
        isinstance(patterns, list)
        and all(isinstance(name, str) and isinstance(p, re.Pattern) for name, p in patterns)
        and callable(getattr(moto_backends, "get_backend", None))
    )


def register_service(name: str, url_base: str, backends: Callable[[], Any]) -> None:
    """Route requests to ``url_base`` to service ``name``, whose BackendDict ``backends()``
    returns: in-process, moto's stubber walks the URL patterns and asks ``get_backend`` for the
    service; a server picks it by the same patterns from the SigV4 credential scope's host."""
    from moto import backend_index

    patterns = backend_index.backend_url_patterns
    if any(registered == name for registered, _ in patterns):
        return
    patterns.append((name, re.compile(url_base)))
    plain_get_backend = moto_backends.get_backend

    def get_backend(service: Any) -> Any:
        return backends() if service == name else plain_get_backend(service)

    moto_backends.get_backend = get_backend  # type: ignore[assignment]


@_hook(
    "error_service",
    uses="moto.core.errors.get_exception_service_model, which finds the botocore model of an "
    "error's shape from the second part of its class's module name (`moto...<service>...`)",
    serves="5.2.0+ (the part is the service's name without hyphens, or the name itself); "
    "5.1.21 (the part must be the service's name)",
    detects="the function reads the error's `__module__`",
)
def _error_service_present() -> bool:
    from moto.core import errors

    return _reads(errors.get_exception_service_model, "__module__")


ServiceError = TypeVar("ServiceError", bound=type[Exception])


def errors_of(service_name: str) -> Callable[[ServiceError], ServiceError]:
    """Class decorator for the errors of a service of the package's own: moto finds their
    shapes in the botocore model ``service_name`` (a hyphenated name cannot be a package name,
    which is where moto looks)."""

    def mark(error_class: ServiceError) -> ServiceError:
        error_class.__module__ = f"moto_connect_ext.{service_name}.exceptions"
        return error_class

    return mark


@_hook(
    "json_target_action",
    uses="BaseResponse._get_action (the operation call_action dispatches to)",
    serves="5.1.21+",
    detects="call_action reads `_get_action`",
)
def _json_target_action_present() -> bool:
    return _reads(BaseResponse.call_action, "_get_action")


class JsonTargetResponseBase(BaseResponse):
    """moto's response class for a JSON-protocol service of the package's own, seen through public
    names: the operation is the one ``X-Amz-Target`` names (``<prefix>.<Operation>``), and the
    body stays bytes, for the package's validator to read."""

    def setup_class(
        self,
        request: Any,
        full_url: str | None = None,
        headers: Any = None,
        use_raw_body: bool | None = False,
    ) -> None:
        super().setup_class(request, full_url, headers, use_raw_body=True)

    def _get_action(self) -> str:
        return self.operation()

    def operation(self) -> str:
        """The operation the request's ``X-Amz-Target`` header names, or "" for none."""
        target = self.headers.get("X-Amz-Target") or ""
        return str(target).rpartition(".")[2]


# -- /moto-api/ ----------------------------------------------------------------------------------


@_hook(
    "moto_api_routes",
    uses="moto.moto_api._internal.urls.url_paths (the control API's route table)",
    serves="5.1.21+",
    detects="the dict and its data.json route",
)
def _moto_api_routes_present() -> bool:
    return "{0}/moto-api/data.json" in moto_api_urls.url_paths


ControlHandler = Callable[[Any, str, Any], Any]


def control_routes() -> dict[str, ControlHandler]:
    """moto's ``/moto-api/`` route table (``{0}`` stands for the scheme and host)."""
    routes: dict[str, Any] = moto_api_urls.url_paths
    return routes


def add_control_route(path: str, handler: ControlHandler) -> None:
    """Serve ``/moto-api/<path>`` with ``handler(request, full_url, headers)``."""
    control_routes()[f"{{0}}/moto-api/{path}"] = handler


def wrap_control_route(path: str, wrap: Callable[[ControlHandler], ControlHandler]) -> None:
    routes = control_routes()
    routes[f"{{0}}/moto-api/{path}"] = wrap(routes[f"{{0}}/moto-api/{path}"])


def raw_body(request: Any) -> bytes:
    """A control request's body, whatever the Content-Type: moto hands a werkzeug request on a
    server (whose ``data`` is empty for a form Content-Type, as curl's ``-d`` sends) and a
    requests ``PreparedRequest`` in-process."""
    raw = request.get_data() if hasattr(request, "get_data") else request.body or b""
    return raw.encode() if isinstance(raw, str) else bytes(raw)


# -- state-manager models on the package's clock -------------------------------------------------


@_hook(
    "managed_state_clock",
    uses="moto.moto_api._internal.managed_state_model.ManagedState: __init__, the `status` "
    "property, _time_progressed, _status, _get_next_status",
    serves="5.1.21+",
    detects="the property, the method and the attribute names __init__ sets",
)
def _managed_state_present() -> bool:
    return (
        isinstance(vars(ManagedState).get("status"), property)
        and hasattr(ManagedState, "_get_next_status")
        and _reads(_PLAIN_MANAGED_STATE_INIT, "_time_progressed")
        and _reads(_PLAIN_MANAGED_STATE_INIT, "_status")
    )


#: moto's own, kept before :func:`time_progressions_follow` wraps it.
_PLAIN_MANAGED_STATE_INIT = ManagedState.__init__


def time_progressions_follow(model_names: tuple[str, ...], now: Callable[[], Any]) -> None:
    """Make ``{"progression": "time"}`` of these state-manager models read ``now`` instead of
    moto's ``datetime.now()``, so a controlled clock moves their statuses too."""
    plain_init = ManagedState.__init__
    plain_status: property = vars(ManagedState)["status"]
    from moto.moto_api import state_manager

    def init(
        self: ManagedState, model_name: str, transitions: list[tuple[str | None, str]]
    ) -> None:
        plain_init(self, model_name, transitions)
        if model_name in model_names:
            self._time_progressed = now()

    def status(self: ManagedState) -> str | None:
        transition = state_manager.get_transition(self.model_name)
        if self.model_name not in model_names or transition["progression"] != "time":
            moto_status: str | None = plain_status.__get__(self)
            return moto_status
        # Compared in seconds: a huge transition time must not overflow a timedelta.
        if (now() - self._time_progressed).total_seconds() > transition["seconds"]:
            self._status = self._get_next_status(previous=self._status)
            self._time_progressed = now()
        return self._status

    ManagedState.__init__ = init  # type: ignore[method-assign]
    ManagedState.status = property(status, plain_status.fset)  # type: ignore[assignment]


@_hook(
    "mock_random",
    uses="moto.moto_api._internal.mock_random (moto's seedable random source)",
    serves="5.1.21+",
    detects="the import, and its uuid4 and choice",
)
def _mock_random_present() -> bool:
    return callable(mock_random.uuid4) and callable(mock_random.choice)


# -- CloudFormation ------------------------------------------------------------------------------


class StackFailure(Protocol):
    """What a resource provider raises for a refused resource: the stack fails with ``reason``."""

    logical_id: str
    resource_type: str
    reason: str


@_hook(
    "cloudformation_stacks",
    uses="moto.cloudformation: Stack.create_resources, update, _parse_template, "
    "_add_stack_event, _create_output_map, ResourceMap._resource_json_map; ChangeSet.apply; "
    "CloudFormationBackend.delete_stack; Event; OutputMap; parsing's cached type maps",
    serves="5.1.21+",
    detects="each definition in the modules' source text (importing moto's CloudFormation costs a "
    "second, so it is read, not imported or parsed, until a stack is used)",
)
def _cloudformation_present() -> bool:
    models = _source("moto.cloudformation.models")
    parsing = _source("moto.cloudformation.parsing")
    return (
        all(
            f"def {name}(" in models
            for name in ("create_resources", "update", "_parse_template", "_add_stack_event")
        )
        and all(
            text in models
            for text in (
                "def _create_output_map(",
                "def apply(",
                "def delete_stack(",
                "class Event(",
            )
        )
        and all(
            text in parsing
            for text in (
                "class OutputMap(",
                "self._resource_json_map",
                "def get_model_list(",
                "def get_model_map(",
                "def get_name_type_map(",
            )
        )
    )


def _source(module: str) -> str:
    """A moto module's source text, read from moto's package directory: ``find_spec`` would
    import the module's parent package, and moto's ``cloudformation`` imports half of moto."""
    path = Path(moto.__file__).parent.joinpath(*module.split(".")[1:]).with_suffix(".py")
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def refresh_cloudformation_types() -> None:
    """moto caches its map of CloudFormation types on first use, perhaps before the plugin's
    resource classes existed: drop the cache so the next lookup sees them."""
    from moto.cloudformation import parsing

    for cached in (parsing.get_model_list, parsing.get_model_map, parsing.get_name_type_map):
        cached.cache_clear()


def stacks_fail_and_roll_back(failure_type: type[Exception]) -> None:
    """Give moto's stacks the failure path they lack, for resource errors of ``failure_type``
    (a :class:`StackFailure`): the resource's ``*_FAILED`` event with the reason, then a rollback
    (created resources deleted; an update back to the previous template, or
    ``UPDATE_ROLLBACK_FAILED`` with the reason where that fails too). A change set's
    execution still answers the reason as an error: moto records its outcome only after it
    returns. A resource that cannot be deleted leaves its stack ``DELETE_FAILED`` and listed, so
    that deleting it again retries, where moto would drop the stack."""
    from moto.cloudformation.models import ChangeSet, CloudFormationBackend, Event, Stack
    from moto.cloudformation.parsing import OutputMap

    plain_create, plain_update, plain_apply = Stack.create_resources, Stack.update, ChangeSet.apply
    plain_delete_stack = CloudFormationBackend.delete_stack

    def failed(stack: Stack, failure: StackFailure, verb: str, stack_status: str) -> None:
        """The resource's ``<VERB>_FAILED`` event with the reason, then the stack's status."""
        stack.events.append(
            Event(
                stack_id=stack.stack_id,
                stack_name=stack.name,
                logical_resource_id=failure.logical_id,
                physical_resource_id="",
                resource_type=failure.resource_type,
                resource_status=f"{verb.upper()}_FAILED",
                resource_status_reason=failure.reason,
                resource_properties=None,
            )
        )
        stack.status = stack_status
        rollback = " Rollback requested by user." if verb == "create" else ""
        stack._add_stack_event(
            stack_status,
            resource_status_reason=f"The following resource(s) failed to {verb}: "
            f"[{failure.logical_id}].{rollback}",
        )

    def roll_back_creation(stack: Stack, failure: StackFailure) -> None:
        failed(stack, failure, "create", "ROLLBACK_IN_PROGRESS")
        stack.resource_map.delete()
        # A rolled-back stack has no resources and no outputs; moto's lazy maps would otherwise
        # create the template's resources again when they are read.
        stack.resource_map._resource_json_map = {}
        stack.output_map = OutputMap(stack.resource_map, {}, stack.stack_id)
        stack.status = "ROLLBACK_COMPLETE"
        stack._add_stack_event("ROLLBACK_COMPLETE")

    def roll_back_update(stack: Stack, failure: StackFailure, parameters: dict[str, Any]) -> None:
        """Back to ``stack.template_dict`` (the previous template) and ``parameters``. moto
        re-applies a resource only for the parameters it is given that changed: one the failed
        update set and the previous deployment left to its default is given its default."""
        slots = stack.template_dict.get("Parameters") or {}
        defaults = {
            name: slots[name]["Default"]
            for name in stack.resource_map.input_parameters
            if "Default" in slots.get(name, {})
        }
        failed(stack, failure, "update", "UPDATE_ROLLBACK_IN_PROGRESS")
        try:
            stack.resource_map.update(stack.template_dict, {**defaults, **parameters})
        except failure_type as again:  # a resource deleted behind the stack's back, say
            failed(stack, again, "update", "UPDATE_ROLLBACK_FAILED")  # type: ignore[arg-type]
            return
        stack.output_map = stack._create_output_map()
        stack.status = "UPDATE_ROLLBACK_COMPLETE"
        stack._add_stack_event("UPDATE_ROLLBACK_COMPLETE")

    def create_resources(self: Stack) -> None:
        try:
            plain_create(self)
        except failure_type as failure:
            roll_back_creation(self, failure)  # type: ignore[arg-type]

    def update(
        self: Stack,
        template: str,
        role_arn: str | None = None,
        parameters: dict[str, Any] | None = None,
        tags: dict[str, str] | None = None,
    ) -> None:
        previous_template = self.template
        previous_parameters = dict(self.resource_map.input_parameters)
        try:
            plain_update(self, template, role_arn, parameters, tags)
        except failure_type as failure:
            self.template = previous_template
            self._parse_template()
            roll_back_update(self, failure, previous_parameters)  # type: ignore[arg-type]

    def apply(self: ChangeSet) -> None:
        """A change set changes the stack's resources, not its template."""
        previous_parameters = dict(self.stack.resource_map.input_parameters)
        try:
            plain_apply(self)
        except failure_type as failure:
            if self.change_set_type == "CREATE":
                roll_back_creation(self.stack, failure)  # type: ignore[arg-type]
            else:
                roll_back_update(self.stack, failure, previous_parameters)  # type: ignore[arg-type]
            raise

    def delete_stack(self: CloudFormationBackend, name_or_stack_id: str) -> None:
        stacks = dict(self.stacks)
        try:
            plain_delete_stack(self, name_or_stack_id)
        except failure_type as failure:
            # moto took the stack out of its list before deleting its resources
            (stack,) = (s for stack_id, s in stacks.items() if stack_id not in self.stacks)
            self.stacks[stack.stack_id] = stack
            failed(stack, failure, "delete", "DELETE_FAILED")  # type: ignore[arg-type]

    Stack.create_resources = create_resources  # type: ignore[method-assign]
    Stack.update = update  # type: ignore[method-assign]
    ChangeSet.apply = apply  # type: ignore[method-assign]
    CloudFormationBackend.delete_stack = delete_stack  # type: ignore[method-assign]


# Resolved once: which way this moto release routes and signs.
_ROUTER = _router_kind()
_MOTO_SIGNS_RAW_PATH = _reads(
    ActionAuthenticatorMixin._authenticate_and_authorize_action, "raw_path"
)
