"""Parses connect requests and formats responses, from the botocore model.

:class:`ConnectResponse` extends moto's own connect response class, so moto's instance, analytics and
tag operations keep their handlers; the phone-number operations read their parameters through the
model-driven validator and return :class:`ActionResult` objects that moto serializes from the
operation's output shape.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote

from moto.connect.responses import ConnectResponse as MotoConnectResponse
from moto.core.model import OperationModel, ServiceModel
from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import camelcase_to_underscores, get_service_model

from . import arns, faults
from .exceptions import InvalidParameterException, InvalidRequestException

if TYPE_CHECKING:
    from .models import PhoneNumberBackend

# The backend (phonenumbers, regex, the stock) loads on the first phone-number request, not when
# the plugin is installed: importing moto_connect_ext must stay cheap.


@lru_cache(maxsize=1)
def service_model() -> ServiceModel:
    return get_service_model("connect")


@cache
def operation_model(name: str) -> OperationModel:
    model: OperationModel = service_model().operation_model(name)
    return model


class ConnectResponse(MotoConnectResponse):
    """moto's connect handlers plus the phone-number operations."""

    def setup_class(
        self,
        request: Any,
        full_url: str | None = None,
        headers: Any = None,
        use_raw_body: bool | None = False,
    ) -> None:
        """Keep the body as bytes: moto would decode it as UTF-8 here and fail with a 500 on
        anything else; the validator answers such a body with a 400 instead."""
        super().setup_class(request, full_url, headers, use_raw_body=True)

    def _get_action(self) -> str:
        """The operation, matched against the model once per request (moto matches on each call)."""
        action: str | None = self.__dict__.get("_action")
        if action is None:
            action = self.__dict__["_action"] = super()._get_action()
        return action

    @property
    def phone_backend(self) -> PhoneNumberBackend:
        from .models import phone_number_backends

        backend: PhoneNumberBackend = phone_number_backends[self.current_account][self.region]
        return backend

    def _determine_resource(self) -> str:
        """The resource IAM policies are evaluated against: the phone number's ARN if named."""
        if not self._get_action():
            return "*"
        phone_number_id = dict(self.uri_match).get("PhoneNumberId")
        if not phone_number_id:
            return "*"
        if phone_number_id.startswith("arn:"):
            return str(phone_number_id)
        return arns.phone_number_arn(self.region, self.current_account, phone_number_id)

    def _params(self) -> dict[str, Any]:
        """The request's parameters by member name, checked against the model."""
        from .validation import ValidationFailure, parse_request

        operation = operation_model(self._get_action())
        path_params = dict(self.uri_match)
        query = parse_qs(self.parsed_url.query, keep_blank_values=True)
        try:
            return parse_request(operation, self.body, query, path_params)
        except ValidationFailure as failure:
            modelled = {shape.name for shape in operation.error_shapes}
            if "InvalidParameterException" in modelled:
                raise InvalidParameterException(str(failure)) from None
            raise InvalidRequestException(str(failure)) from None

    def _call_backend(self) -> ActionResult:
        """Run the backend method named after the operation with the request's parameters."""
        faults.check(self._get_action(), self.current_account, self.region)
        params = {camelcase_to_underscores(name): value for name, value in self._params().items()}
        method = getattr(self.phone_backend, camelcase_to_underscores(self._get_action()))
        result = method(**params)
        return EmptyResult() if result is None else ActionResult(result)

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

    def delete_instance(self) -> str:
        """moto deletes the instance; the plugin then releases what hung on it."""
        answer = super().delete_instance()
        self.phone_backend.instance_deleted(self._get_instance_id())
        return answer

    def _checked_tag_target(self) -> None:
        faults.check(self._get_action(), self.current_account, self.region)
        self._params()
        self.phone_backend.ensure_taggable(unquote(self._get_param("resourceArn") or ""))

    def tag_resource(self) -> str:
        self._checked_tag_target()
        return super().tag_resource()

    def untag_resource(self) -> str:
        self._checked_tag_target()
        return super().untag_resource()

    def list_tags_for_resource(self) -> str:
        self._checked_tag_target()
        return super().list_tags_for_resource()
