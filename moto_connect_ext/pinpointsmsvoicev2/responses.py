"""Parses End User Messaging SMS requests and formats responses, from the botocore model.

Requests are JSON 1.0 (``X-Amz-Target: PinpointSMSVoiceV2.<Operation>``): every member is in the
body, which the package's model-driven validator (``connect/validation.py``, protocol-neutral for
body members) checks; a failure is the model's ``ValidationException``. Answers are serialized
from the operation's output shape by moto.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from moto.core.model import OperationModel
from moto.core.responses import ActionResult, EmptyResult
from moto.core.serialize import AttributePickerContext
from moto.core.utils import camelcase_to_underscores, get_service_model

from ..compat import JsonTargetResponseBase, ModelResult
from ..connect.validation import ValidationFailure, parse_request
from . import SERVICE
from .exceptions import ValidationException
from .models import SmsVoiceBackend, sms_voice_backend


@cache
def _attribute(name: str) -> str:
    """The snake_case Python name of a model member or operation (moto's conversion, cached)."""
    return camelcase_to_underscores(name)


def _member(context: AttributePickerContext) -> Any:
    """The backend answers plain dicts keyed as the model spells its members (moto's default
    picker tries a chain of aliases for every member)."""
    return context.obj.get(context.key)


@cache
def operation_model(name: str) -> OperationModel:
    model: OperationModel = get_service_model(SERVICE).operation_model(name)
    return model


class SmsVoiceResponse(JsonTargetResponseBase):
    """The phone-number operations of End User Messaging SMS, and tagging."""

    def __init__(self) -> None:
        super().__init__(service_name=SERVICE)

    @property
    def sms_voice_backend(self) -> SmsVoiceBackend:
        return sms_voice_backend(self.current_account, self.region)

    def _call_backend(self) -> ActionResult:
        """Run the backend method named after the operation with the request's parameters."""
        operation = self.operation()
        try:
            params = parse_request(operation_model(operation), self.body, {}, {})
        except ValidationFailure as failure:
            raise ValidationException(str(failure)) from None
        method = getattr(self.sms_voice_backend, _attribute(operation))
        result = method(**{_attribute(name): value for name, value in params.items()})
        return EmptyResult() if result is None else ModelResult(result, _member)

    def request_phone_number(self) -> ActionResult:
        return self._call_backend()

    def describe_phone_numbers(self) -> ActionResult:
        return self._call_backend()

    def update_phone_number(self) -> ActionResult:
        return self._call_backend()

    def release_phone_number(self) -> ActionResult:
        return self._call_backend()

    def tag_resource(self) -> ActionResult:
        return self._call_backend()

    def untag_resource(self) -> ActionResult:
        return self._call_backend()

    def list_tags_for_resource(self) -> ActionResult:
        return self._call_backend()
