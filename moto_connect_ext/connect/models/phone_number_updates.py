"""UpdatePhoneNumber, which moves a number to another instance or traffic distribution group of
its Region, and UpdatePhoneNumberMetadata, which sets its description."""

from __future__ import annotations

from ..exceptions import InvalidParameterException
from .base import locked
from .phone_numbers import PhoneNumber, PhoneNumbersMixin


class PhoneNumberUpdatesMixin(PhoneNumbersMixin):
    """Updates of a CLAIMED number: each leaves it IN_PROGRESS until it finishes, as a claim does."""

    @locked
    def update_phone_number(
        self,
        phone_number_id: str,
        target_arn: str | None = None,
        instance_id: str | None = None,
        client_token: str | None = None,
    ) -> PhoneNumber:
        number = self._number(phone_number_id)
        target = self._target(target_arn, instance_id)
        self._ensure_settled(number)
        limit = self._settings.phone_numbers_per_instance
        if target.arn != number.target_arn and self._active_per_target[target.arn] >= limit:
            raise InvalidParameterException(
                f"The target {target.arn} has reached its limit of {limit} claimed phone numbers."
            )
        number.restart_progress()  # first: the only step that can fail leaves the rest untouched
        if target.arn != number.target_arn:  # a move does not migrate the flow configuration
            self._number_leaves(number)
        self._detach(number)
        number.retarget(target)
        self._add(number)
        return number

    @locked
    def update_phone_number_metadata(
        self,
        phone_number_id: str,
        phone_number_description: str | None = None,
        client_token: str | None = None,
    ) -> None:
        number = self._number(phone_number_id)
        self._ensure_settled(number)
        number.restart_progress()
        if phone_number_description is not None:
            number.phone_number_description = phone_number_description
