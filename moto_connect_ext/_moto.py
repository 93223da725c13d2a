"""The one place that knows how the plugin hooks into moto's internals.

moto has no plugin mechanism, so installing means: make the plugin's ConnectBackend (moto's, extended
with the plugin's resource families) the class of moto's ``connect_backends``, whose module's
routes send every connect path to the plugin's response class (a subclass of moto's, so moto's own
operations keep working); authorize connect requests
with a fixed IAM request class, serve the control endpoints under ``/moto-api/connect/`` and
register the state-manager models, whose time progressions follow the plugin clock; and give moto's
CloudFormation the plugin's resource types and a failure path for them. Everything else in the package uses moto only through its public helpers.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable
from functools import cache
from typing import Any
from urllib.parse import unquote, urlparse, urlunparse

from botocore.awsrequest import AWSRequest
from moto import backends as moto_backends
from moto.connect import models as moto_connect_models
from moto.core.common_types import TYPE_RESPONSE
from moto.core.responses import BaseResponse
from moto.moto_api import state_manager
from moto.moto_api._internal import urls as moto_api_urls
from moto.moto_api._internal.managed_state_model import ManagedState

from . import control
from .connect import config
from .connect.config import PHONE_NUMBER_MODEL, TDG_MODEL
from .connect.exceptions import ErrorOutsideModel
from .connect.models import ConnectBackend
from .connect.models.cloudformation import StackResourceFailed
from .connect.responses import ConnectResponse


class ConnectAuthError(ErrorOutsideModel):
    """An authorization failure (HTTP 403) in the shape rest-json clients parse."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(403, error_type, message)


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


def _control_endpoint(request: Any, full_url: str, headers: Any) -> TYPE_RESPONSE:
    """moto-api callback for /moto-api/connect/...: the raw body, whatever the Content-Type.

    moto hands a werkzeug request on a server (whose ``data`` is empty for a form Content-Type,
    as curl's ``-d`` sends) and a requests ``PreparedRequest`` in-process.
    """
    raw = request.get_data() if hasattr(request, "get_data") else request.body or b""
    return control.handle(request.method, full_url, raw.encode() if isinstance(raw, str) else raw)


_PLUGIN_MODELS = (PHONE_NUMBER_MODEL, TDG_MODEL)


def _time_progressions_read_the_plugin_clock() -> None:
    """Make ``{"progression": "time"}`` of the plugin's models read the plugin clock.

    moto's ManagedState stamps and compares ``datetime.now()``, so advance_clock and freeze_clock
    would not move a number out of IN_PROGRESS. For the plugin's models the stamp and the check
    use the plugin clock; moto's other models keep their behaviour.
    """
    plain_init = ManagedState.__init__
    plain_status: property = vars(ManagedState)["status"]

    def init(
        self: ManagedState, model_name: str, transitions: list[tuple[str | None, str]]
    ) -> None:
        plain_init(self, model_name, transitions)
        if model_name in _PLUGIN_MODELS:
            self._time_progressed = config.now()

    def status(self: ManagedState) -> str | None:
        transition = state_manager.get_transition(self.model_name)
        if self.model_name not in _PLUGIN_MODELS or transition["progression"] != "time":
            moto_status: str | None = plain_status.__get__(self)
            return moto_status
        # Compared in seconds: a huge transition time must not overflow a timedelta.
        if (config.now() - self._time_progressed).total_seconds() > transition["seconds"]:
            self._status = self._get_next_status(previous=self._status)
            self._time_progressed = config.now()
        return self._status

    ManagedState.__init__ = init  # type: ignore[method-assign]
    ManagedState.status = property(status, plain_status.fset)  # type: ignore[assignment]


def _expired_first(handler: Callable[..., Any]) -> Callable[..., Any]:
    """moto's ``/moto-api/data.json`` lists every tracked model: expire what is due first, and hold
    the state lock while it reads, so it sees numbers as the operations do."""

    def serve(request: Any, full_url: str, headers: Any) -> Any:
        from .connect.config import STATE_LOCK
        from .connect.models import expire_due

        with STATE_LOCK:
            expire_due()
            return handler(request, full_url, headers)

    return serve


def operation_of(response: BaseResponse) -> str | None:
    """The operation the request's method and path name in the botocore model, if any.

    moto 5.2.5 matches a normalized request with a router (and keeps the labels in a dict);
    earlier releases match the method and raw path against regexes (keeping the ``re.Match``).
    """
    match_request: Any = response._get_action_from_method_and_request_uri
    if hasattr(response, "normalized_request"):
        operation: str | None = match_request(response.normalized_request)
    else:
        operation = match_request(response.method, response.raw_path)
    return operation


def path_parameters(response: BaseResponse) -> dict[str, str]:
    """The request's URI labels by name, as moto matched them against the route.

    moto 5.2.5 keeps them decoded in a dict; earlier releases keep the ``re.Match`` of the route
    against the still percent-encoded path (``None`` until a route matched).
    """
    match: Any = response.uri_match
    if isinstance(match, re.Match):
        return {name: unquote(value) for name, value in match.groupdict().items() if value}
    return dict(match or {})


def _extend_connect_backends() -> None:
    """Make moto's ``connect_backends`` create the plugin's ConnectBackend, and extend the
    backends moto made before the plugin was installed (keeping their state)."""
    backends = moto_connect_models.connect_backends
    backends.backend = ConnectBackend
    for account in backends.values():
        account.backend = ConnectBackend
        for region, backend in list(account.items()):
            if not isinstance(backend, ConnectBackend):
                account[region] = ConnectBackend.extending(backend)


_install_lock = threading.RLock()
_installed = False


def _stacks_fail_and_roll_back() -> None:
    """moto's stacks have no failure path: an error of a resource escapes CreateStack,
    UpdateStack or ExecuteChangeSet, leaving the stack half made. For a Connect resource the rules
    refuse, fail the stack as CloudFormation does instead: the resource's ``*_FAILED`` event with
    the reason, then a rollback (created resources deleted; an update back to the previous
    template). A change set's execution still answers the reason as an error: moto records its
    outcome only after it returns. A resource that cannot be deleted leaves its stack
    ``DELETE_FAILED`` and listed, so that deleting it again retries, where moto would drop the
    stack and answer DeleteStack with the resource's error."""
    from moto.cloudformation.models import ChangeSet, CloudFormationBackend, Event, Stack
    from moto.cloudformation.parsing import OutputMap

    plain_create, plain_update, plain_apply = Stack.create_resources, Stack.update, ChangeSet.apply
    plain_delete_stack = CloudFormationBackend.delete_stack

    def failed(stack: Stack, failure: StackResourceFailed, verb: str, stack_status: str) -> None:
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

    def roll_back_creation(stack: Stack, failure: StackResourceFailed) -> None:
        failed(stack, failure, "create", "ROLLBACK_IN_PROGRESS")
        stack.resource_map.delete()
        # A rolled-back stack has no resources and no outputs; moto's lazy maps would otherwise
        # create the template's resources again when they are read.
        stack.resource_map._resource_json_map = {}
        stack.output_map = OutputMap(stack.resource_map, {}, stack.stack_id)
        stack.status = "ROLLBACK_COMPLETE"
        stack._add_stack_event("ROLLBACK_COMPLETE")

    def roll_back_update(
        stack: Stack, failure: StackResourceFailed, parameters: dict[str, Any]
    ) -> None:
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
        stack.resource_map.update(stack.template_dict, {**defaults, **parameters})
        stack.output_map = stack._create_output_map()
        stack.status = "UPDATE_ROLLBACK_COMPLETE"
        stack._add_stack_event("UPDATE_ROLLBACK_COMPLETE")

    def create_resources(self: Stack) -> None:
        try:
            plain_create(self)
        except StackResourceFailed as failure:
            roll_back_creation(self, failure)

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
        except StackResourceFailed as failure:
            self.template = previous_template
            self._parse_template()
            roll_back_update(self, failure, previous_parameters)

    def apply(self: ChangeSet) -> None:
        """A change set changes the stack's resources, not its template."""
        previous_parameters = dict(self.stack.resource_map.input_parameters)
        try:
            plain_apply(self)
        except StackResourceFailed as failure:
            if self.change_set_type == "CREATE":
                roll_back_creation(self.stack, failure)
            else:
                roll_back_update(self.stack, failure, previous_parameters)
            raise

    def delete_stack(self: CloudFormationBackend, name_or_stack_id: str) -> None:
        stacks = dict(self.stacks)
        try:
            plain_delete_stack(self, name_or_stack_id)
        except StackResourceFailed as failure:
            # moto took the stack out of its list before deleting its resources
            (stack,) = (s for stack_id, s in stacks.items() if stack_id not in self.stacks)
            self.stacks[stack.stack_id] = stack
            failed(stack, failure, "delete", "DELETE_FAILED")

    Stack.create_resources = create_resources  # type: ignore[method-assign]
    Stack.update = update  # type: ignore[method-assign]
    ChangeSet.apply = apply  # type: ignore[method-assign]
    CloudFormationBackend.delete_stack = delete_stack  # type: ignore[method-assign]


_cloudformation_ready = False


def _cloudformation_knows_connect() -> None:
    """Once moto's CloudFormation is loaded: its type map includes the plugin's resources (moto
    caches the map of ``CloudFormationModel.__subclasses__()`` on first use, perhaps before the
    plugin was installed) and its stacks fail on a refused Connect resource."""
    global _cloudformation_ready
    with _install_lock:
        if _cloudformation_ready:
            return
        from moto.cloudformation import parsing

        for cached in (parsing.get_model_list, parsing.get_model_map, parsing.get_name_type_map):
            cached.cache_clear()
        _stacks_fail_and_roll_back()
        _cloudformation_ready = True


def _register_cloudformation_types() -> None:
    """Prepare moto's CloudFormation when it is loaded, not before: importing it costs more than
    the whole plugin. In-process and on a server, moto loads a service's backend through
    ``moto.backends.get_backend`` before it serves the service's first request. (The resource
    classes exist already: this module imports their module.)"""
    plain_get_backend = moto_backends.get_backend

    def get_backend(name: Any) -> Any:
        backend = plain_get_backend(name)
        if name == "cloudformation":
            _cloudformation_knows_connect()
        return backend

    moto_backends.get_backend = get_backend
    if "moto.cloudformation.parsing" in sys.modules:
        _cloudformation_knows_connect()


def install() -> None:
    """Make moto serve the plugin's operations; safe to call any number of times."""
    global _installed
    with _install_lock:
        if _installed:
            return
        _extend_connect_backends()
        # Every connect route reaches ConnectResponse, so this covers moto's own operations too.
        ConnectResponse._authenticate_and_authorize_normal_action = _authorize  # type: ignore[method-assign, assignment]
        for action in control.ACTIONS:
            moto_api_urls.url_paths[f"{{0}}/moto-api/connect/{action}"] = _control_endpoint
        data_json = "{0}/moto-api/data.json"
        moto_api_urls.url_paths[data_json] = _expired_first(moto_api_urls.url_paths[data_json])
        for model_name in (PHONE_NUMBER_MODEL, TDG_MODEL):
            state_manager.register_default_transition(
                model_name, transition={"progression": "immediate"}
            )
        _time_progressions_read_the_plugin_clock()
        _register_cloudformation_types()
        _installed = True
