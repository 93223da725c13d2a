"""Handles incoming connect requests, invokes methods, returns responses."""

from moto.core.responses import ActionResult, BaseResponse, EmptyResult

from .models import ConnectBackend, connect_backends


class ConnectResponse(BaseResponse):
    """Handler for Connect requests and responses."""

    def __init__(self) -> None:
        super().__init__(service_name="connect")
        self.automated_parameter_parsing = True

    @property
    def connect_backend(self) -> ConnectBackend:
        """Return backend instance specific for this region."""
        return connect_backends[self.current_account][self.region]

    def associate_analytics_data_set(self) -> ActionResult:
        result = self.connect_backend.associate_analytics_data_set(
            instance_id=self._get_param("InstanceId"),
            data_set_id=self._get_param("DataSetId"),
            target_account_id=self._get_param("TargetAccountId"),
        )
        return ActionResult(result)

    def disassociate_analytics_data_set(self) -> ActionResult:
        self.connect_backend.disassociate_analytics_data_set(
            instance_id=self._get_param("InstanceId"),
            data_set_id=self._get_param("DataSetId"),
        )
        return EmptyResult()

    def list_analytics_data_associations(self) -> ActionResult:
        results, token = self.connect_backend.list_analytics_data_associations(
            instance_id=self._get_param("InstanceId"),
            data_set_id=self._get_param("DataSetId"),
            max_results=self._get_param("MaxResults"),
            next_token=self._get_param("NextToken"),
        )
        return ActionResult({"Results": results, "NextToken": token})

    def create_instance(self) -> ActionResult:
        result = self.connect_backend.create_instance(
            identity_management_type=self._get_param("IdentityManagementType"),
            instance_alias=self._get_param("InstanceAlias"),
            inbound_calls_enabled=self._get_param("InboundCallsEnabled", False),
            outbound_calls_enabled=self._get_param("OutboundCallsEnabled", False),
            tags=self._get_param("Tags"),
        )
        return ActionResult(result)

    def describe_instance(self) -> ActionResult:
        instance = self.connect_backend.describe_instance(
            instance_id=self._get_param("InstanceId")
        )
        return ActionResult({"Instance": instance})

    def list_instances(self) -> ActionResult:
        results, token = self.connect_backend.list_instances(
            max_results=self._get_param("MaxResults"),
            next_token=self._get_param("NextToken"),
        )
        return ActionResult({"InstanceSummaryList": results, "NextToken": token})

    def delete_instance(self) -> ActionResult:
        self.connect_backend.delete_instance(instance_id=self._get_param("InstanceId"))
        return EmptyResult()

    def tag_resource(self) -> ActionResult:
        self.connect_backend.tag_resource(
            resource_arn=self._get_param("resourceArn"),
            tags=self._get_param("tags", {}),
        )
        return EmptyResult()

    def untag_resource(self) -> ActionResult:
        self.connect_backend.untag_resource(
            resource_arn=self._get_param("resourceArn"),
            tag_keys=self._get_param("tagKeys", []),
        )
        return EmptyResult()

    def list_tags_for_resource(self) -> ActionResult:
        tags = self.connect_backend.list_tags_for_resource(
            resource_arn=self._get_param("resourceArn")
        )
        return ActionResult({"tags": tags})
