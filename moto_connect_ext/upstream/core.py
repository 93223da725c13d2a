"""Part (a), moto core: IAM emulation that rest-json services (connect among them) can pass.

The plugin fixes both problems for connect alone (``ConnectIAMRequest`` in ``compat.py``); in moto
they belong to ``IAMRequest`` itself:

- a body-less request (GET, DELETE) is signed over an empty payload, but moto signs it over its
  query parameters as a form body, so every such request fails the signature check;
- denials are XML, which botocore's rest-json parser cannot read (the code becomes ``'403'``): a
  rest-json service answers ``AccessDeniedException``, ``InvalidSignatureException`` and
  ``UnrecognizedClientException`` as JSON.

The change is a few exact edits of moto's source; an edit whose anchor is missing fails loudly
rather than guessing.
"""

from __future__ import annotations

from .tree import Edit

ACCESS_CONTROL = "moto/iam/access_control.py"

EDITS = (
    Edit(
        ACCESS_CONTROL,
        "from botocore.credentials import Credentials\n",
        "from botocore.credentials import Credentials\n"
        "from botocore.exceptions import DataNotFoundError\n",
    ),
    Edit(
        ACCESS_CONTROL,
        "    InvalidClientTokenIdError,\n    SignatureDoesNotMatchError,\n)\n",
        "    InvalidClientTokenIdError,\n    JsonRESTError,\n    SignatureDoesNotMatchError,\n)\n"
        "from moto.core.utils import get_service_model\n",
    ),
    Edit(
        ACCESS_CONTROL,
        "            data=self._body or self._data,\n",
        "            # A body-less request (GET, DELETE) is signed over an empty payload; its\n"
        "            # parameters are in the path's query string, not in a form body.\n"
        "            data=self._body\n"
        '            or (b"" if self._method in ("GET", "DELETE", "HEAD") else self._data),\n',
    ),
    Edit(
        ACCESS_CONTROL,
        """class IAMRequest(IAMRequestBase):
    def _raise_signature_does_not_match(self) -> None:
        if self._service == "ec2":
            raise AuthFailureError()
        else:
            raise SignatureDoesNotMatchError()

    def _raise_invalid_access_key(self, _: str) -> None:
        if self._service == "ec2":
            raise AuthFailureError()
        else:
            raise InvalidClientTokenIdError()
""",
        """class IAMRequest(IAMRequestBase):
    def _raise_signature_does_not_match(self) -> None:
        if self._service == "ec2":
            raise AuthFailureError()
        elif self._speaks_rest_json():
            raise _rest_json_error(
                "InvalidSignatureException", SignatureDoesNotMatchError().message
            )
        else:
            raise SignatureDoesNotMatchError()

    def _raise_invalid_access_key(self, _: str) -> None:
        if self._service == "ec2":
            raise AuthFailureError()
        elif self._speaks_rest_json():
            raise _rest_json_error(
                "UnrecognizedClientException", InvalidClientTokenIdError().message
            )
        else:
            raise InvalidClientTokenIdError()

    def _speaks_rest_json(self) -> bool:
        \"\"\"rest-json clients read errors from JSON only: an XML error reaches them as code '403'.\"\"\"
        try:
            return get_service_model(self._service).protocol == "rest-json"
        except DataNotFoundError:  # a signing name that is not a service name
            return False
""",
    ),
    Edit(
        ACCESS_CONTROL,
        """    def _raise_access_denied(self) -> None:
        raise AccessDeniedError(user_arn=self._access_key.arn, action=self._action)
""",
        """    def _raise_access_denied(self) -> None:
        error = AccessDeniedError(user_arn=self._access_key.arn, action=self._action)
        if self._speaks_rest_json():
            raise _rest_json_error("AccessDeniedException", error.message)
        raise error


def _rest_json_error(error_type: str, message: str) -> JsonRESTError:
    \"\"\"An authentication or authorization failure (403) as rest-json services answer it.\"\"\"
    error = JsonRESTError(error_type, message)
    error.code = 403
    return error
""",
    ),
)

#: Tests in moto's style, added to moto's tests/test_core.
TESTS = ("tests/test_core/test_auth_rest_json.py",)
