"""Errors of the End User Messaging SMS phone-number operations.

Each class names an error shape of the ``pinpoint-sms-voice-v2`` model; moto's serializer takes the
HTTP status and the extra members (``Reason``, ``ResourceType``, ``ResourceId``) from that shape,
which it finds through the service each class is marked with.
"""

from moto.core.exceptions import ServiceException

from ..compat import errors_of
from . import SERVICE


@errors_of(SERVICE)
class ValidationException(ServiceException):
    code = "ValidationException"

    def __init__(self, message: str, reason: str = "FIELD_VALIDATION_FAILED") -> None:
        super().__init__(message)
        self.reason = reason


@errors_of(SERVICE)
class ConflictException(ServiceException):
    code = "ConflictException"

    def __init__(self, message: str, reason: str, resource_id: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.resource_type = "phone-number"
        self.resource_id = resource_id


@errors_of(SERVICE)
class ResourceNotFoundException(ServiceException):
    code = "ResourceNotFoundException"

    def __init__(self, message: str, resource_type: str, resource_id: str) -> None:
        super().__init__(message)
        self.resource_type = resource_type
        self.resource_id = resource_id


@errors_of(SERVICE)
class AccessDeniedException(ServiceException):
    code = "AccessDeniedException"


@errors_of(SERVICE)
class InvalidNextToken(ValidationException):
    """A NextToken this query did not hand out."""

    def __init__(self, message: str) -> None:
        super().__init__(message, reason="INVALID_NEXT_TOKEN")
