"""The number inventory: a search walks every number of the stock, not only those near
libphonenumber's example number (:mod:`..number_patterns`)."""

from __future__ import annotations

from collections.abc import Iterator

from .phone_numbers import PhoneNumbersMixin


class NumberInventoryMixin(PhoneNumbersMixin):
    """Searches offer every number libphonenumber's metadata makes valid for the country and type,
    each prefix steering the walk, and recognise a query another region's numbers take whole."""

    @staticmethod
    def _walk_stock(
        country: str, number_type: str, prefix: str | None, after: str | None
    ) -> Iterator[str]:
        from .. import number_patterns  # the stock has imported inventory: no phonenumbers, no walk

        return number_patterns.iter_stock(country, number_type, prefix, after)
