"""Errors of the Amazon Connect operations.

Each class names an error shape of the botocore model: moto's serializer takes the HTTP status, the
``x-amzn-ErrorType`` header and any extra members (such as ``ResourceType``) from that shape, so no
status code or wire key is written here.
"""

import json

from moto.core.exceptions import JsonRESTError, ServiceException


class ConnectError(ServiceException):
    """Any connect error by code; moto finds its shape because this module belongs to connect."""


class InvalidParameterException(ServiceException):
    code = "InvalidParameterException"


class InvalidRequestException(ServiceException):
    code = "InvalidRequestException"


class ResourceNotFoundException(ServiceException):
    code = "ResourceNotFoundException"


class AccessDeniedException(ServiceException):
    code = "AccessDeniedException"


class IdempotencyException(ServiceException):
    code = "IdempotencyException"


class InternalServiceException(ServiceException):
    code = "InternalServiceException"


class LimitExceededException(ServiceException):
    code = "LimitExceededException"


class ResourceConflictException(ServiceException):
    code = "ResourceConflictException"


class DuplicateResourceException(ServiceException):
    code = "DuplicateResourceException"


class ContactFlowNotPublishedException(ServiceException):
    code = "ContactFlowNotPublishedException"


class InvalidContactFlowException(ServiceException):
    """Published flow content that breaks the Flow language: one ``problems`` entry per rule."""

    code = "InvalidContactFlowException"

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"The flow content has {len(problems)} problem(s): {problems[0]}")
        self.problems = [{"message": problem} for problem in problems]


class ResourceInUseException(ServiceException):
    code = "ResourceInUseException"

    def __init__(self, message: str, resource_type: str, resource_id: str) -> None:
        super().__init__(message)
        self.resource_type = resource_type
        self.resource_id = resource_id


def error_for(code: str, message: str) -> ServiceException:
    """An error of the given model code, for fault injection and the configurable blocked claim."""
    if code == "ResourceInUseException":
        return ResourceInUseException(message, resource_type="PHONE_NUMBER", resource_id="")
    return ConnectError(code, message)


def access_denied(named: str, account_id: str) -> AccessDeniedException:
    """The answer to a request that names a resource of another account."""
    return AccessDeniedException(f"You do not have access to {named} from account {account_id}.")


def not_available(e164: str) -> InvalidParameterException:
    """The answer AWS gives for a number that is held, cooling down or not in stock."""
    return InvalidParameterException(f"Phone number not available: {e164}")


class ErrorOutsideModel(JsonRESTError):
    """An error no operation of the model lists (an operation not implemented, a Region without
    Connect), in the shape rest-json clients parse: the code in ``x-amzn-ErrorType`` and
    ``__type``, a ``Message`` member. The model gives no status for it, so each status is this
    project's choice, recorded in docs/behaviour.md. The one class here with a status of its own."""

    def __init__(self, status: int, error_type: str, message: str) -> None:
        super().__init__(error_type, message)
        self.code = status
        self.description = json.dumps({"__type": error_type, "Message": message})


def region_not_served(region: str) -> ErrorOutsideModel:
    """A request signed for a Region without Amazon Connect (moto has no connect backend there):
    AWS's answer to a credential scoped to a Region the endpoint does not serve."""
    return ErrorOutsideModel(
        403,
        "InvalidSignatureException",
        f"Credential should be scoped to a valid region, not '{region}'. "
        f"Amazon Connect is not available in {region}.",
    )


def not_implemented(operation: str) -> ErrorOutsideModel:
    """An operation of the model that the mock does not implement: HTTP 501, a status AWS SDKs do
    not retry."""
    return ErrorOutsideModel(
        501,
        "NotImplementedException",
        f"{operation} is not implemented by moto-connect-ext.",
    )


def unknown_operation(method: str, path: str) -> ErrorOutsideModel:
    """A request that no operation of the model matches (Smithy's answer for rest-json)."""
    return ErrorOutsideModel(
        404,
        "UnknownOperationException",
        f"No Amazon Connect operation matches {method} {path[:200]}",
    )
