"""``AWS::Connect::Instance``, ``PhoneNumber``, ``TrafficDistributionGroup`` and ``ContactFlow`` as
stack resources.

Each class is a direct subclass of moto's ``CloudFormationModel`` (moto's CloudFormation finds
resource types through ``CloudFormationModel.__subclasses__()``) and wraps the backend's model: the
stack holds the resource, the backend the state, so stacks and API calls see the same instance,
number, group or flow. Create, update and delete make the calls AWS's public resource provider
makes, validated against the botocore model as the API validates them, so the rules of the
phone-number lifecycle (stock, cooldown, churn, quotas) and of flows hold for stacks too.

A call the rules refuse raises :class:`StackResourceFailed`; the seam's
``stacks_fail_and_roll_back`` turns it into a failed stack that rolls back (or, for a deletion, a
stack left ``DELETE_FAILED``), as CloudFormation does; the plugin's install registers these types
with moto's CloudFormation.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from moto.core.common_models import CloudFormationModel
from moto.core.exceptions import JsonRESTError, ServiceException
from moto.core.utils import camelcase_to_underscores

from ...compat import mock_random
from ..config import STATE_LOCK
from ..exceptions import (
    InvalidParameterException,
    ResourceNotFoundException,
)
from ..responses import operation_model
from ..validation import ValidationFailure, parse_request
from .base import connect_backend

if TYPE_CHECKING:
    from moto.connect.models import Instance
    from typing_extensions import Self

    from .contact_flows import CreatedFlow
    from .phone_numbers import PhoneNumber
    from .traffic_distribution import TrafficDistributionGroup

#: The provider's search: one page of 10, then up to two more pages.
_SEARCH_PAGE = 10
_SEARCH_PAGES = 3
#: DescribePhoneNumber calls the provider makes while it waits for CLAIMED (each moves a
#: "manual" state-manager transition one step).
_STABILIZE_POLLS = 10

#: Each property of ``AWS::Connect::Instance``'s ``Attributes`` and the InstanceAttributeType it
#: sets (the resource schema's names, the API model's enum).
_INSTANCE_ATTRIBUTES = {
    "InboundCalls": "INBOUND_CALLS",
    "OutboundCalls": "OUTBOUND_CALLS",
    "ContactflowLogs": "CONTACTFLOW_LOGS",
    "ContactLens": "CONTACT_LENS",
    "AutoResolveBestVoices": "AUTO_RESOLVE_BEST_VOICES",
    "UseCustomTTSVoices": "USE_CUSTOM_TTS_VOICES",
    "EarlyMedia": "EARLY_MEDIA",
    "MultiPartyConference": "MULTI_PARTY_CONFERENCE",
    "HighVolumeOutBound": "HIGH_VOLUME_OUTBOUND",
    "EnhancedContactMonitoring": "ENHANCED_CONTACT_MONITORING",
    "EnhancedChatMonitoring": "ENHANCED_CHAT_MONITORING",
    "MultiPartyChatConference": "MULTI_PARTY_CHAT_CONFERENCE",
    "MessageStreaming": "MESSAGE_STREAMING",
    "AutoMuteAgentOnHold": "AUTO_MUTE_AGENT_ON_HOLD",
}

#: CloudFormation's handler error code for each Connect error code (the CloudFormation CLI's
#: HandlerErrorCode); any other error is a GeneralServiceException.
_HANDLER_ERROR_CODES = {
    "ResourceNotFoundException": "NotFound",
    "InvalidParameterException": "InvalidRequest",
    "InvalidRequestException": "InvalidRequest",
    "AccessDeniedException": "AccessDenied",
    "ThrottlingException": "Throttling",
    "LimitExceededException": "ServiceLimitExceeded",
    "ServiceQuotaExceededException": "ServiceLimitExceeded",
    "ResourceInUseException": "ResourceConflict",
    "ResourceConflictException": "ResourceConflict",
    "IdempotencyException": "ResourceConflict",
    "DuplicateResourceException": "AlreadyExists",
    "InvalidContactFlowException": "InvalidRequest",
}


class _HandlerError(Exception):
    """A failure the provider raises itself rather than a Connect call's error."""

    handler_code: str


class _NotStabilized(_HandlerError):
    """The resource did not reach its stable status (CloudFormation's NotStabilized)."""

    handler_code = "NotStabilized"


class _InvalidRequest(_HandlerError):
    """The provider refuses the request (CloudFormation's CfnInvalidRequestException)."""

    handler_code = "InvalidRequest"

    def __init__(self, message: str) -> None:
        super().__init__(f"Invalid request provided: {message}")


class StackResourceFailed(ServiceException):
    """A resource the provider could not create or update; the stack fails with ``reason``.

    Where moto's CloudFormation has no failure path (executing a change set), it reaches the
    caller as CloudFormation's ``ValidationError`` with the reason, not as a server error.
    """

    code = "ValidationError"

    def __init__(self, logical_id: str, resource_type: str, reason: str) -> None:
        super().__init__(reason)
        self.logical_id = logical_id
        self.resource_type = resource_type
        self.reason = reason


def _failure(logical_id: str, resource_type: str, error: Exception) -> StackResourceFailed:
    """The stack failure for a Connect error, worded as CloudFormation reports handler errors."""
    if isinstance(error, ServiceException):
        code, message = error.code, error.message
    elif isinstance(error, JsonRESTError):
        code, message = error.error_type, error.message
    else:
        code, message = "", str(error)
    handler_code = _HANDLER_ERROR_CODES.get(code, "GeneralServiceException")
    if isinstance(error, _HandlerError):
        handler_code = error.handler_code
    detail = f"{code}: {message}" if code else message
    reason = f'Resource handler returned message: "{detail}" (HandlerErrorCode: {handler_code})'
    return StackResourceFailed(logical_id, resource_type, reason)


def _checked(operation: str, **params: Any) -> dict[str, Any]:
    """A Connect call's parameters (by model member name; None for absent) checked against the
    model as a request's are: by snake_case name, as backend methods take them."""
    model = operation_model(operation)
    members = model.input_shape.members if model.input_shape else {}
    body: dict[str, Any] = {}
    path: dict[str, str] = {}
    query: dict[str, list[str]] = {}
    for name, value in params.items():
        if value is None:
            continue
        member = members[name]
        location = member.serialization.get("location")
        wire = member.serialization.get("name", name)
        if location == "uri":
            path[wire] = value
        elif location == "querystring":
            query[wire] = [str(value)]
        else:
            body[wire] = value
    try:
        checked = parse_request(model, json.dumps(body), query, path)
    except ValidationFailure as failure:
        raise InvalidParameterException(str(failure)) from None
    return {camelcase_to_underscores(name): value for name, value in checked.items()}


def _call(account_id: str, region_name: str, operation: str, **params: Any) -> Any:
    """Call a Connect operation as the provider does: checked, then the backend's method."""
    method = getattr(connect_backend(account_id, region_name), camelcase_to_underscores(operation))
    return method(**_checked(operation, **params))


def _tags(properties: dict[str, Any]) -> dict[str, str] | None:
    """A template's ``Tags`` list as the API's tag map (None when the template has none)."""
    tags = properties.get("Tags")
    return {tag["Key"]: tag["Value"] for tag in tags} if tags else None


def _flag(value: Any) -> Any:
    """A boolean property as CloudFormation passes it on: ``"true"``/``"false"`` (from a parameter)
    become booleans; anything else is left for the model check to refuse."""
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def _unformatted_attribute() -> Exception:
    from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

    return UnformattedGetAttTemplateException()


class _ProviderResource:
    """What the resources share: where they live, the properties the stack last applied,
    and how they report a refused call, a tag change or a replacement."""

    #: Properties whose change replaces the resource (the schema's createOnlyProperties).
    REPLACED_BY: tuple[str, ...] = ()
    #: What ``Fn::GetAtt`` reads (the schema's readOnlyProperties).
    _ATTRIBUTES: tuple[str, ...] = ()
    #: Set by moto's CloudFormation on every resource it creates.
    logical_resource_id: str

    def __init__(
        self, account_id: str, region_name: str, arn: str, properties: dict[str, Any]
    ) -> None:
        self.account_id = account_id
        self.region_name = region_name
        self.arn = arn
        self.properties = properties

    @property
    def physical_resource_id(self) -> str:
        """What ``Ref`` returns: the primary identifier of each schema, an ARN."""
        return self.arn

    @staticmethod
    def cloudformation_name_type() -> str:
        """None of the schemas names its resource from the logical id."""
        return ""

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in cls._ATTRIBUTES

    def replaced_by(self, properties: dict[str, Any]) -> bool:
        return any(self.properties.get(name) != properties.get(name) for name in self.REPLACED_BY)

    def retag(self, properties: dict[str, Any]) -> None:
        """Apply a template's tag change in place, as the provider's Untag/TagResource calls."""
        old, new = _tags(self.properties) or {}, _tags(properties) or {}
        removed = [key for key in old if key not in new]
        added = {key: value for key, value in new.items() if old.get(key) != value}
        if removed:
            _call(
                self.account_id,
                self.region_name,
                "UntagResource",
                resourceArn=self.arn,
                tagKeys=removed,
            )
        if added:
            _call(
                self.account_id, self.region_name, "TagResource", resourceArn=self.arn, tags=added
            )

    @classmethod
    @contextmanager
    def _reporting(cls, logical_id: str) -> Iterator[None]:
        """Turn a refused Connect call into the stack failure CloudFormation reports."""
        try:
            yield
        except StackResourceFailed:
            raise
        except (ServiceException, JsonRESTError, _HandlerError) as error:
            resource_type: str = cls.cloudformation_type()  # type: ignore[attr-defined]
            raise _failure(logical_id, resource_type, error) from error

    @classmethod
    def _create(cls, properties: dict[str, Any], account_id: str, region_name: str) -> Self:
        raise NotImplementedError

    def _apply(self, properties: dict[str, Any]) -> None:
        """Change the resource in place to the template's properties (none of REPLACED_BY)."""
        raise NotImplementedError

    def _delete(self) -> None:
        raise NotImplementedError

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> Self:
        with cls._reporting(kwargs["LogicalId"]):
            return cls._create(cloudformation_json["Properties"], account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls,
        original_resource: Self,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> Self:
        """A change to a create-only property replaces the resource: the new one first, then the
        old one goes (for a number: released, with cooldown and churn) unless the template says
        ``UpdateReplacePolicy: Retain``. Anything else changes it in place."""
        properties = cloudformation_json["Properties"]
        with cls._reporting(original_resource.logical_resource_id):
            if original_resource.replaced_by(properties):
                replacement = cls._create(properties, account_id, region_name)
                replacement.logical_resource_id = original_resource.logical_resource_id
                if cloudformation_json.get("UpdateReplacePolicy") == "Retain":
                    return replacement
                try:
                    original_resource.delete(account_id, region_name)
                except (ServiceException, JsonRESTError):
                    replacement.delete(account_id, region_name)  # the update changes nothing
                    raise
                return replacement
            original_resource._apply(properties)
        original_resource.properties = properties
        return original_resource

    def delete(self, account_id: str, region_name: str) -> None:
        """Stack deletion (moto skips ``DeletionPolicy: Retain``). A resource already gone (an
        instance's numbers go with it) counts as deleted, as CloudFormation treats NotFound; one
        the rules keep (a group a number is claimed to, a flow a number points to) fails the
        deletion with the reason."""
        with self._reporting(self.logical_resource_id), suppress(ResourceNotFoundException):
            self._delete()


class CfnInstance(_ProviderResource, CloudFormationModel):
    """``AWS::Connect::Instance``: moto's own instance (CreateInstance, DeleteInstance), its
    ``Attributes`` through UpdateInstanceAttribute, as the schema's handlers list it."""

    REPLACED_BY = ("IdentityManagementType", "InstanceAlias", "DirectoryId")
    _ATTRIBUTES = ("Id", "Arn", "InstanceStatus", "CreatedTime", "ServiceRole")

    def __init__(
        self, account_id: str, region_name: str, instance: Instance, properties: dict[str, Any]
    ) -> None:
        super().__init__(account_id, region_name, instance.arn, properties)
        self.instance_id = instance.id

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Connect::Instance"

    def get_cfn_attribute(self, attribute_name: str) -> str:
        instance = connect_backend(self.account_id, self.region_name).instances[self.instance_id]
        values = {
            "Id": instance.id,
            "Arn": instance.arn,
            "InstanceStatus": instance.instance_status,
            "CreatedTime": instance.created_time.isoformat(),
            "ServiceRole": instance.service_role,
        }
        if attribute_name not in values:
            raise _unformatted_attribute()
        return values[attribute_name]

    @classmethod
    def _create(cls, properties: dict[str, Any], account_id: str, region_name: str) -> Self:
        attributes = properties.get("Attributes", {})
        params = _checked(
            "CreateInstance",
            IdentityManagementType=properties.get("IdentityManagementType"),
            InstanceAlias=properties.get("InstanceAlias"),
            DirectoryId=properties.get("DirectoryId"),
            InboundCallsEnabled=_flag(attributes.get("InboundCalls")),
            OutboundCallsEnabled=_flag(attributes.get("OutboundCalls")),
            Tags=_tags(properties),
        )
        params.pop("directory_id", None)  # moto keeps no directory
        backend = connect_backend(account_id, region_name)
        created = backend.create_instance(**params)
        resource = cls(account_id, region_name, backend.instances[created["Id"]], properties)
        try:
            resource._set_attributes(
                attributes,
                {name: attributes.get(name) for name in ("InboundCalls", "OutboundCalls")},
            )
        except (ServiceException, JsonRESTError):
            backend.delete_instance(created["Id"])  # a refused attribute leaves no instance
            raise
        return resource

    def _apply(self, properties: dict[str, Any]) -> None:
        attributes = properties.get("Attributes", {})
        _checked(
            "CreateInstance",  # the same members, with the same constraints
            IdentityManagementType=properties.get("IdentityManagementType"),
            InboundCallsEnabled=_flag(attributes.get("InboundCalls")),
            OutboundCallsEnabled=_flag(attributes.get("OutboundCalls")),
        )
        self._set_attributes(attributes, self.properties.get("Attributes", {}))
        self.retag(properties)

    def _set_attributes(self, attributes: dict[str, Any], before: dict[str, Any]) -> None:
        """UpdateInstanceAttribute for each attribute the template sets to another value than
        before (at creation: each one CreateInstance does not take). An attribute left out of the
        template keeps its value (decided)."""
        for name, attribute_type in _INSTANCE_ATTRIBUTES.items():
            value = _flag(attributes.get(name))
            if value is None or value == _flag(before.get(name)):
                continue
            _call(
                self.account_id,
                self.region_name,
                "UpdateInstanceAttribute",
                InstanceId=self.instance_id,
                AttributeType=attribute_type,
                Value=str(value).lower() if isinstance(value, bool) else str(value),
            )

    def _delete(self) -> None:
        _call(self.account_id, self.region_name, "DeleteInstance", InstanceId=self.instance_id)


class CfnPhoneNumber(_ProviderResource, CloudFormationModel):
    """``AWS::Connect::PhoneNumber``: search and claim one of the results, or import
    ``SourcePhoneNumberArn``; then wait for CLAIMED."""

    REPLACED_BY = ("CountryCode", "Type", "Prefix", "SourcePhoneNumberArn")
    _ATTRIBUTES = ("PhoneNumberArn", "Address")

    def __init__(
        self, account_id: str, region_name: str, number: PhoneNumber, properties: dict[str, Any]
    ) -> None:
        super().__init__(account_id, region_name, number.phone_number_arn, properties)
        self.address = number.phone_number

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Connect::PhoneNumber"

    def get_cfn_attribute(self, attribute_name: str) -> str:
        if attribute_name == "PhoneNumberArn":
            return self.arn
        if attribute_name == "Address":
            return self.address
        raise _unformatted_attribute()

    @classmethod
    def _create(cls, properties: dict[str, Any], account_id: str, region_name: str) -> Self:
        number = (
            cls._imported(properties, account_id, region_name)
            if properties.get("SourcePhoneNumberArn")
            else cls._claimed(properties, account_id, region_name)
        )
        resource = cls(account_id, region_name, number, properties)
        resource._stabilize()
        return resource

    @staticmethod
    def _imported(properties: dict[str, Any], account_id: str, region_name: str) -> PhoneNumber:
        """ImportPhoneNumber into the instance ``TargetArn`` names; the number's own country and
        type stand, whatever ``CountryCode``, ``Type`` and ``Prefix`` say (decided)."""
        number: PhoneNumber = _call(
            account_id,
            region_name,
            "ImportPhoneNumber",
            InstanceId=properties.get("TargetArn"),
            SourcePhoneNumberArn=properties["SourcePhoneNumberArn"],
            PhoneNumberDescription=properties.get("Description"),
            Tags=_tags(properties),
        )
        return number

    @staticmethod
    def _claimed(properties: dict[str, Any], account_id: str, region_name: str) -> PhoneNumber:
        """Search, and claim one of the results."""
        query = {
            "TargetArn": properties.get("TargetArn"),
            "PhoneNumberCountryCode": properties.get("CountryCode"),
            "PhoneNumberType": properties.get("Type"),
            "PhoneNumberPrefix": properties.get("Prefix"),
        }
        found: list[str] = []
        token = None
        for _ in range(_SEARCH_PAGES):
            page = _call(
                account_id,
                region_name,
                "SearchAvailablePhoneNumbers",
                MaxResults=_SEARCH_PAGE,
                NextToken=token,
                **query,
            )
            found += [offer.phone_number for offer in page["AvailableNumbersList"]]
            token = page["NextToken"]
            if token is None:
                break
        if not found:
            wanted = ", ".join(f"{name} {value}" for name, value in query.items() if value)
            raise ResourceNotFoundException(f"No phone numbers available for {wanted}.")
        number: PhoneNumber = _call(
            account_id,
            region_name,
            "ClaimPhoneNumber",
            TargetArn=query["TargetArn"],
            PhoneNumber=mock_random.choice(found),
            PhoneNumberDescription=properties.get("Description"),
            Tags=_tags(properties),
        )
        return number

    def _stabilize(self) -> None:
        """Wait for CLAIMED as the provider does; a FAILED claim (the target's quota) leaves
        nothing behind: the number goes back to the stock, as its expiry would."""
        number = self._describe()
        for _ in range(_STABILIZE_POLLS):
            if number.status != "IN_PROGRESS":
                break
            number = self._describe()
        if number.status == "FAILED":
            with STATE_LOCK:
                connect_backend(self.account_id, self.region_name).forget(number.phone_number_id)
            raise _NotStabilized(f"Phone number {self.arn} is FAILED: {number.failure}")

    def _describe(self) -> PhoneNumber:
        summary: dict[str, PhoneNumber] = _call(
            self.account_id, self.region_name, "DescribePhoneNumber", PhoneNumberId=self.arn
        )
        return summary["ClaimedPhoneNumberSummary"]

    def _apply(self, properties: dict[str, Any]) -> None:
        """The provider's order: move (UpdatePhoneNumber), the description (metadata), tags."""
        if properties.get("TargetArn") != self.properties.get("TargetArn"):
            _call(
                self.account_id,
                self.region_name,
                "UpdatePhoneNumber",
                PhoneNumberId=self.arn,
                TargetArn=properties.get("TargetArn"),
            )
            self._stabilize()
        if properties.get("Description") != self.properties.get("Description"):
            _call(
                self.account_id,
                self.region_name,
                "UpdatePhoneNumberMetadata",
                PhoneNumberId=self.arn,
                PhoneNumberDescription=properties.get("Description"),
            )
            self._stabilize()
        self.retag(properties)

    def _delete(self) -> None:
        _call(self.account_id, self.region_name, "ReleasePhoneNumber", PhoneNumberId=self.arn)


class CfnTrafficDistributionGroup(_ProviderResource, CloudFormationModel):
    """``AWS::Connect::TrafficDistributionGroup`` of an instance replicated outside the stack."""

    # The schema makes Name and Description create-only; the documentation adds InstanceArn.
    REPLACED_BY = ("Name", "Description", "InstanceArn")
    _ATTRIBUTES = ("TrafficDistributionGroupArn", "Status", "IsDefault")

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Connect::TrafficDistributionGroup"

    def get_cfn_attribute(self, attribute_name: str) -> str | bool:
        group = self._describe()
        if attribute_name == "TrafficDistributionGroupArn":
            return group.arn
        if attribute_name == "Status":
            return group.status
        if attribute_name == "IsDefault":
            return group.is_default
        raise _unformatted_attribute()

    @classmethod
    def _create(cls, properties: dict[str, Any], account_id: str, region_name: str) -> Self:
        group: TrafficDistributionGroup = _call(
            account_id,
            region_name,
            "CreateTrafficDistributionGroup",
            Name=properties.get("Name"),
            Description=properties.get("Description"),
            InstanceId=properties.get("InstanceArn"),
            Tags=_tags(properties),
        )
        resource = cls(account_id, region_name, group.arn, properties)
        status = resource._describe().status
        for _ in range(_STABILIZE_POLLS):
            if status != "CREATION_IN_PROGRESS":
                break
            status = resource._describe().status
        if status == "CREATION_FAILED":
            raise _NotStabilized(f"Traffic distribution group {group.arn} is CREATION_FAILED.")
        return resource

    def _describe(self) -> TrafficDistributionGroup:
        described: dict[str, TrafficDistributionGroup] = _call(
            self.account_id,
            self.region_name,
            "DescribeTrafficDistributionGroup",
            TrafficDistributionGroupId=self.arn,
        )
        return described["TrafficDistributionGroup"]

    def _apply(self, properties: dict[str, Any]) -> None:
        self.retag(properties)

    def _delete(self) -> None:
        self._describe()  # a group gone with its instance is not found: deleted already
        _call(
            self.account_id,
            self.region_name,
            "DeleteTrafficDistributionGroup",
            TrafficDistributionGroupId=self.arn,
        )


class CfnContactFlow(_ProviderResource, CloudFormationModel):
    """``AWS::Connect::ContactFlow``: the provider's calls, which publish the template's content."""

    REPLACED_BY = ("Type",)
    _ATTRIBUTES = ("ContactFlowArn",)

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Connect::ContactFlow"

    def get_cfn_attribute(self, attribute_name: str) -> str:
        if attribute_name == "ContactFlowArn":
            return self.arn
        raise _unformatted_attribute()

    @classmethod
    def _create(cls, properties: dict[str, Any], account_id: str, region_name: str) -> Self:
        """CreateContactFlow without ``State`` (the provider sends none: an ARCHIVED flow is
        archived by the next update) and without ``Status`` (so the content is published)."""
        created: CreatedFlow = _call(
            account_id,
            region_name,
            "CreateContactFlow",
            InstanceId=properties.get("InstanceArn"),
            Name=properties.get("Name"),
            Type=properties.get("Type"),
            Description=properties.get("Description"),
            Content=properties.get("Content"),
            Tags=_tags(properties),
        )
        return cls(account_id, region_name, created.contact_flow_arn, properties)

    def _apply(self, properties: dict[str, Any]) -> None:
        """The provider's update: it refuses another instance, then always sends the metadata
        (name, description, state) and the content, then the tag difference."""
        if properties.get("InstanceArn") != self.properties.get("InstanceArn"):
            raise _InvalidRequest("InstanceArn cannot be updated.")
        flow = {"InstanceId": properties.get("InstanceArn"), "ContactFlowId": self.arn}
        _call(
            self.account_id,
            self.region_name,
            "UpdateContactFlowMetadata",
            Name=properties.get("Name"),
            Description=properties.get("Description"),
            ContactFlowState=properties.get("State"),
            **flow,
        )
        _call(
            self.account_id,
            self.region_name,
            "UpdateContactFlowContent",
            Content=properties.get("Content"),
            **flow,
        )
        self.retag(properties)

    def _delete(self) -> None:
        _call(
            self.account_id,
            self.region_name,
            "DeleteContactFlow",
            InstanceId=self.properties.get("InstanceArn"),
            ContactFlowId=self.arn,
        )
