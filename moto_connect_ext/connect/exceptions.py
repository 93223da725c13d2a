"""Errors of the Amazon Connect phone-number operations.

Each class names an error shape of the botocore model: moto's serializer takes the HTTP status, the
``x-amzn-ErrorType`` header and any extra members (such as ``ResourceType``) from that shape, so no
status code or wire key is written here.
"""

from moto.core.exceptions import ServiceException


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


class ThrottlingException(ServiceException):
    code = "ThrottlingException"


class InternalServiceException(ServiceException):
    code = "InternalServiceException"


class LimitExceededException(ServiceException):
    code = "LimitExceededException"


class ResourceConflictException(ServiceException):
    code = "ResourceConflictException"


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


def not_available(e164: str) -> InvalidParameterException:
    """The answer AWS gives for a number that is held, cooling down or not in stock."""
    return InvalidParameterException(f"Phone number not available: {e164}")
