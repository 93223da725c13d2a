"""The limit on tags per resource: the ``max`` of the model's ``TagMap`` (AWS: 50), for every ARN
TagResource serves (moto's instances and the families' resources alike)."""

from __future__ import annotations

from functools import cache

from moto.core.utils import get_service_model

from ..exceptions import InvalidParameterException
from .base import BackendFamily


@cache
def _max_tags() -> int:
    tag_resource = get_service_model("connect").operation_model("TagResource")
    limit: int = tag_resource.input_shape.members["tags"].metadata["max"]
    return limit


class TagLimitsMixin(BackendFamily):
    """TagResource refuses a request that would leave a resource with more tags than the limit,
    and changes nothing."""

    def _check_tag_target(self, resource_arn: str, adding: dict[str, str] | None) -> None:
        super()._check_tag_target(resource_arn, adding)
        if adding:
            held = self.tagger.get_tag_dict_for_resource(resource_arn)
            count = len(held.keys() | adding.keys())
            if count > _max_tags():
                raise InvalidParameterException(
                    f"A resource can have at most {_max_tags()} tags; {resource_arn} has "
                    f"{len(held)} and this request would give it {count}."
                )
