"""The number inventory: every number of the stock is searchable.

Not yet run against AWS. Each test can be (MOTO_TEST_ALLOW_AWS_REQUEST=true); none claims a number.
"""

import boto3
import phonenumbers

from . import REGION, search, with_connect_instance


@with_connect_instance()
def test_a_prefix_steers_the_search_to_numbers_of_that_prefix(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "What is in stock": any prefix of valid numbers of the country and type finds them."""
    client = boto3.client("connect", region_name=REGION)

    for country, number_type, prefix in (
        ("US", "TOLL_FREE", "+1833"),
        ("US", "DID", "+1212"),
        ("GB", "DID", "+44161"),
    ):
        found = search(
            client,
            instance_arn,
            number_type=number_type,
            PhoneNumberCountryCode=country,
            PhoneNumberPrefix=prefix,
        )

        assert len(found) == 10
        for number in found:
            assert number.startswith(prefix)
            parsed = phonenumbers.parse(number)
            assert phonenumbers.is_valid_number(parsed)
            assert phonenumbers.region_code_for_number(parsed) == country


@with_connect_instance()
def test_nanp_toll_free_numbers_belong_to_the_us(
    instance_id: str = "", instance_arn: str = ""
) -> None:
    """Settles "Shared calling codes": Puerto Rico has no toll-free numbers of its own."""
    client = boto3.client("connect", region_name=REGION)

    found = search(
        client, instance_arn, number_type="TOLL_FREE", PhoneNumberCountryCode="PR"
    )

    assert found == []
