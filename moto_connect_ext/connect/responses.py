"""Parses connect requests and formats responses, from the botocore model.

:class:`ConnectResponse` extends moto's own connect response class, so moto's instance, analytics and
tag operations keep their handlers; the phone-number operations read their parameters through the
model-driven validator and return :class:`ActionResult` objects that moto serializes from the
operation's output shape.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Any
from urllib.parse import parse_qs

from moto.core.common_types import TYPE_RESPONSE
from moto.core.model import OperationModel, ServiceModel
from moto.core.responses import ActionResult, EmptyResult
from moto.core.serialize import AttributePickerContext
from moto.core.utils import camelcase_to_underscores, get_service_model, method_names_from_class

from ..compat import ConnectResponseBase, ModelResult
from . import arns, bounds, faults
from .exceptions import (
    ErrorOutsideModel,
    not_implemented,
    region_not_served,
    unknown_operation,
)
from .models import ConnectBackend
from .models import connect_backend as backend_of
from .models.base import region_served


def _pick(context: AttributePickerContext) -> Any:
    """Read a member by name: dict keys as the model spells them, object attributes in
    snake_case (moto's default picker tries a chain of aliases for every member)."""
    if isinstance(context.obj, Mapping):
        return context.obj.get(context.key)
    return getattr(context.obj, _attribute(context.key), None)


@cache
def _attribute(name: str) -> str:
    """The snake_case Python name of a model member or operation (moto's conversion, cached)."""
    return camelcase_to_underscores(name)


@lru_cache(maxsize=1)
def service_model() -> ServiceModel:
    return get_service_model("connect")


@cache
def operation_model(name: str) -> OperationModel:
    model: OperationModel = service_model().operation_model(name)
    return model


@cache
def _label_templates() -> tuple[tuple[str, str, str, re.Pattern[str]], ...]:
    """For each label of each operation's URI: the method, the operation, the label, and the URI
    as a pattern with that label empty and any value for the others.

    Trying one label empty at a time finds it whatever the others hold: moto before 5.2.5 hands
    over the path percent-decoded, so another label's value may itself contain ``/``.
    """
    templates = []
    for name in service_model().operation_names:
        http = operation_model(name).http
        parts = re.split(r"{(\w+)\+?}", http["requestUri"].split("?")[0])
        for empty in parts[1::2]:
            pattern = "".join(
                re.escape(part) if i % 2 == 0 else ("" if part == empty else ".*")
                for i, part in enumerate(parts)
            )
            templates.append((http["method"], name, empty, re.compile(pattern)))
    return tuple(templates)


@lru_cache(maxsize=1024)
def _operation_with_empty_label(method: str, path: str) -> tuple[str, str]:
    """The operation whose URI, with a label left empty, is this path; and that label (the
    first, in the URI's order)."""
    for operation_method, name, label, pattern in _label_templates():
        if operation_method == method and pattern.fullmatch(path):
            return name, label
    raise LookupError(f"no operation for {method} {path}")


class ConnectResponse(ConnectResponseBase):
    """moto's connect handlers plus the phone-number operations."""

    @property
    def connect_backend(self) -> ConnectBackend:
        return backend_of(self.current_account, self.region)

    def _determine_resource(self) -> str:
        """The resource IAM policies are evaluated against: the phone number's ARN if named."""
        if not self.operation():
            return "*"
        phone_number_id = self.path_parameters().get("PhoneNumberId")
        if not phone_number_id:
            return "*"
        if phone_number_id.startswith("arn:"):
            return str(phone_number_id)
        return arns.phone_number_arn(self.region, self.current_account, phone_number_id)

    def call_action(self) -> TYPE_RESPONSE:
        """Answer every connect request in JSON, whatever reaches the routes.

        Where moto would fail (a KeyError for a Region without a connect backend, a
        NotImplementedError for an operation without a handler: an HTML 500 on a server), answer
        the error docs/behaviour.md records; everything else goes to moto's dispatch.
        """
        if not region_served(self.current_account, self.region):
            return self._error_response(region_not_served(self.region))
        action = self.operation()
        if not action:
            return self._answer_without_operation()
        if action in not_implemented_operations():
            return self._error_response(not_implemented(action))
        return super().call_action()

    def _error_response(self, error: ErrorOutsideModel) -> TYPE_RESPONSE:
        self.response_headers.update(error.get_headers())
        return error.code, self.response_headers, error.get_body()

    def _answer_without_operation(self) -> TYPE_RESPONSE:
        """A request that matches no operation of the model, where moto would answer a bare 404.

        A path whose label is empty (``DELETE /phone-number/``) gets the validation error the
        operation it names answers an empty value with; anything else UnknownOperationException.
        """
        from .validation import empty_label_message

        try:
            operation, label = _operation_with_empty_label(self.method, self.path)
        except LookupError:
            return self._error_response(unknown_operation(self.method, self.path))
        self.name_operation(operation)
        error = self._validation_error(operation_model(operation), empty_label_message(label))
        return self.serialize(ActionResult(error))

    def _validation_error(self, operation: OperationModel, message: str) -> Exception:
        return bounds.refusal(operation, message)

    def _params(self) -> dict[str, Any]:
        """The request's parameters by member name, checked against the model."""
        from .validation import ValidationFailure, parse_request

        operation = operation_model(self.operation())
        path_params = self.path_parameters()
        query = parse_qs(self.parsed_url.query, keep_blank_values=True)
        try:
            return parse_request(operation, self.body, query, path_params)
        except ValidationFailure as failure:
            raise self._validation_error(operation, str(failure)) from None

    def _call_backend(self) -> ActionResult:
        """Run the backend method named after the operation with the request's parameters."""
        faults.check(self.operation(), self.current_account, self.region)
        params = {_attribute(name): value for name, value in self._params().items()}
        method = getattr(self.connect_backend, _attribute(self.operation()))
        result = method(**params)
        return EmptyResult() if result is None else ModelResult(result, _pick)

    def claim_phone_number(self) -> ActionResult:
        return self._call_backend()

    def release_phone_number(self) -> ActionResult:
        return self._call_backend()

    def describe_phone_number(self) -> ActionResult:
        return self._call_backend()

    def update_phone_number(self) -> ActionResult:
        return self._call_backend()

    def update_phone_number_metadata(self) -> ActionResult:
        return self._call_backend()

    def list_phone_numbers_v2(self) -> ActionResult:
        return self._call_backend()

    def list_phone_numbers(self) -> ActionResult:
        return self._call_backend()

    def search_available_phone_numbers(self) -> ActionResult:
        return self._call_backend()

    def import_phone_number(self) -> ActionResult:
        return self._call_backend()

    def replicate_instance(self) -> ActionResult:
        return self._call_backend()

    def create_traffic_distribution_group(self) -> ActionResult:
        return self._call_backend()

    def describe_traffic_distribution_group(self) -> ActionResult:
        return self._call_backend()

    def list_traffic_distribution_groups(self) -> ActionResult:
        return self._call_backend()

    def delete_traffic_distribution_group(self) -> ActionResult:
        return self._call_backend()

    def get_traffic_distribution(self) -> ActionResult:
        return self._call_backend()

    def update_traffic_distribution(self) -> ActionResult:
        return self._call_backend()

    def create_contact_flow(self) -> ActionResult:
        return self._call_backend()

    def describe_contact_flow(self) -> ActionResult:
        return self._call_backend()

    def list_contact_flows(self) -> ActionResult:
        return self._call_backend()

    def update_contact_flow_content(self) -> ActionResult:
        return self._call_backend()

    def update_contact_flow_name(self) -> ActionResult:
        return self._call_backend()

    def update_contact_flow_metadata(self) -> ActionResult:
        return self._call_backend()

    def delete_contact_flow(self) -> ActionResult:
        return self._call_backend()

    def search_contact_flows(self) -> ActionResult:
        return self._call_backend()

    def associate_phone_number_contact_flow(self) -> ActionResult:
        return self._call_backend()

    def disassociate_phone_number_contact_flow(self) -> ActionResult:
        return self._call_backend()

    def list_flow_associations(self) -> ActionResult:
        return self._call_backend()

    def batch_get_flow_association(self) -> ActionResult:
        return self._call_backend()

    def describe_instance_attribute(self) -> ActionResult:
        return self._call_backend()

    def update_instance_attribute(self) -> ActionResult:
        return self._call_backend()

    def list_instance_attributes(self) -> ActionResult:
        return self._call_backend()

    def _checked_tag_request(self) -> None:
        """Faults, then the model's constraints (moto's tag handlers read the request without
        them); the backend checks the ARN and the tag limit."""
        faults.check(self.operation(), self.current_account, self.region)
        self._params()

    def tag_resource(self) -> str:
        self._checked_tag_request()
        return super().tag_resource()

    def untag_resource(self) -> str:
        self._checked_tag_request()
        return super().untag_resource()

    def list_tags_for_resource(self) -> str:
        self._checked_tag_request()
        return super().list_tags_for_resource()


@cache
def not_implemented_operations() -> frozenset[str]:
    """The model's operations that :class:`ConnectResponse` has no handler for; each answers
    NotImplementedException. Implementing one (a method named after it) takes it out."""
    handlers = set(method_names_from_class(ConnectResponse))
    return frozenset(
        name for name in service_model().operation_names if _attribute(name) not in handlers
    )
