"""Parts (b) on: the plugin's connect families merged into moto's connect package.

A family is a mixin of the plugin's composed ``ConnectBackend`` in its own module of
``connect/models/`` (phone numbers, traffic distribution; flows once they exist): each becomes one
part. moto's ``connect/models.py`` becomes ``connect/models/__init__.py``, whose ``ConnectBackend``
gains the mixins; the first part also brings what the families share (``models/base.py``,
``models/stock.py`` and the plain modules beside them). Each part adds its operations' routes (the
plugin's routes whose paths its operations use) and a handler per operation in the style of moto's
newer services: its parameters read with ``_get_param`` by their model names and passed to the
backend method of the same name as named arguments. Before them, one part turns moto's own
connect handlers to that style (``files/moto/connect/responses.py``), so the class has one.

Left in the plugin, as its layer on moto: ``validation.py`` (server-side validation moto core does
not do), ``faults.py`` (fault injection, throttling), the control state and clock offsets of
``config.py`` (the export reads moto's ``utcnow()`` and AWS's default settings), the plugin's own
``responses.py`` and ``urls.py`` and the errors only they raise.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import os
import re
import shutil
import subprocess
import sys
from functools import cache, partial
from pathlib import Path

from botocore import xform_name

from moto_connect_ext.connect import models as plugin_models
from moto_connect_ext.connect import urls as plugin_urls
from moto_connect_ext.connect.config import PHONE_NUMBER_MODEL, TDG_MODEL
from moto_connect_ext.connect.models.base import BackendFamily
from moto_connect_ext.connect.responses import operation_model, service_model

from . import coverage
from .series import CoverLetter, Part
from .tree import FILES, AnchorMissing, Edit, copy_files

#: The plugin's connect package, the source of the export.
SOURCE = Path(plugin_models.__file__).parent.parent
TARGET = Path("moto/connect")

#: What every family uses, exported with the first part (less what :data:`LATER` holds back).
SHARED = (
    "arns.py",
    "config.py",
    "exceptions.py",
    "inventory.py",
    "pagination.py",
    "models/base.py",
)

#: Top-level definitions of the plugin's modules that belong to its layer, not to moto.
PLUGIN_ONLY = {
    "config.py": (
        "BLOCKED_CLAIM_ERRORS", "MAX_DAYS", "CLOCK_RANGE", "Bounds", "_DAYS", "SETTING_RULES",
        "validated", "SettingsOverrides", "SETTING_TYPES", "SETTING_NAMES", "_check", "_accepts",
        "_describe", "ControlState", "control_states", "control_state", "Fault", "TokenBucket",
        "check_texts", "configure", "Settings.throttling", "Settings.throttle_rate",
        "Settings.throttle_burst", "Settings.search_offer_seconds", "Settings.blocked_claim_error",
    ),
    "exceptions.py": (
        "ConnectError", "error_for", "ErrorOutsideModel", "region_not_served", "not_implemented",
        "unknown_operation",
    ),
    "models/base.py": ("all_backends", "region_served", "backends_by_account"),
    "models/stock.py": ("CooldownRegistry.restore",),
}  # fmt: skip

#: The helpers of the exported tests.
HELPERS = "tests/test_connect/__init__.py"

#: Definitions of the shared modules (and of the tests' helpers) that join the series with the
#: family that first uses them rather than with the first part: definition -> that family. Each
#: part writes these files as the families up to it have them.
LATER = {
    "models/base.py": {
        "P": "phone_numbers",
        "R": "phone_numbers",
        "locked": "phone_numbers",
        "expire_due": "phone_numbers",
        "connect_backend": "phone_numbers",
        "is_region": "traffic_distribution",
        "_moto_backends": "phone_numbers",
        "BackendFamily._peer": "traffic_distribution",
        "BackendFamily._instance_deleted": "phone_numbers",
        "BackendFamily._check_tag_target": "phone_number_lists",
        "BackendFamily._number_leaves": "phone_numbers",
        "BackendFamily._record_dues": "release_rules",
        "BackendFamily._expire_records": "release_rules",
        "BackendFamily._schedule_expiry": "release_rules",
        "BackendFamily.expire": "release_rules",
    },
    "models/stock.py": {
        "CooldownRegistry": "release_rules",
        "cooldown_registries": "release_rules",
        "cooldowns": "release_rules",
    },
    "models/phone_numbers.py": {
        "PhoneNumber.restart_progress": "phone_number_updates",
        "PhoneNumber.served_instance_id": "flow_associations",
    },
    "rules.py": {
        "_TICKS_START": "release_rules",
        "_TICK": "release_rules",
        "ticks": "release_rules",
        "from_ticks": "release_rules",
        "Deadlines.next_due": "release_rules",
        "Deadlines.discard": "release_rules",
        "DueQueue": "release_rules",
    },
    "arns.py": {
        "UUID": "phone_numbers",
        "phone_number_arn": "phone_numbers",
        "_phone_number_arn_prefix": "phone_numbers",
    },
    "pagination.py": {"page": "phone_number_lists"},
    "exceptions.py": {
        "ResourceInUseException": "phone_numbers",
        "not_available": "phone_numbers",
        "DuplicateResourceException": "contact_flows",
        "ContactFlowNotPublishedException": "contact_flows",
        "LimitExceededException": "release_rules",
        "IdempotencyException": "idempotency",
        "ResourceConflictException": "traffic_distribution",
        "InvalidContactFlowException": "flow_content_checks",
    },
    "config.py": {
        "PHONE_NUMBER_MODEL": "phone_numbers",
        "TDG_MODEL": "traffic_distribution",
        "now": "phone_numbers",
        "Settings.phone_numbers_per_instance": "phone_numbers",
        "Settings.cooldown_days": "release_rules",
        "Settings.churn_window_days": "release_rules",
        "Settings.churn_limit_percent": "release_rules",
        "Settings.idempotency_window_days": "idempotency",
        "Settings.contact_flows_per_instance": "contact_flows",
    },
    HELPERS: {
        "error_response": "phone_numbers",
        "PARTNER_REGION": "phone_numbers",
        "PHONE_NUMBER_MODEL": "phone_numbers",
        "_claimed": "phone_numbers",
        "claimed": "phone_numbers",
        "settled": "phone_numbers",
        "first_status": "phone_numbers",
        "TDG_MODEL": "traffic_distribution",
        "replicate": "traffic_distribution",
        "active_tdg": "traffic_distribution",
        "settled_tdg": "traffic_distribution",
    },
}

#: The clock and the settings as moto has them: moto's ``utcnow()`` (freezegun and time-machine
#: move it) and AWS's defaults. The plugin's ``config.py`` layers its clock control and per-test
#: settings on these two.
CONFIG_DOC = '''"""The numbers behind the rules (AWS's defaults) and the clock they read (moto's ``utcnow()``,
which freezegun and time-machine move)."""
'''

CONFIG_IN_MOTO = {
    "now": '''

def now() -> datetime:
    """The one clock of every time-based rule: naive UTC, moto's ``utcnow()``."""
    return utcnow()
''',
    "settings_for": '''

def settings_for(account_id: str | None, region: str | None) -> Settings:
    """The numbers behind the rules for an account and Region: AWS's defaults."""
    return Settings()
''',
}

MODELS = "moto/connect/models.py"
MODELS_PACKAGE = "moto/connect/models/__init__.py"
RESPONSES = "moto/connect/responses.py"
URLS = "moto/connect/urls.py"


#: Families of the composed backend that stay in the plugin, and why.
PLUGIN_ONLY_FAMILIES = {
    "imported_numbers": "ImportPhoneNumber needs AWS End User Messaging SMS, a service moto lacks "
    "(the plugin's backend for it is not exported either)",
    "search_offers": "search offers are the plugin's opt-in (search_offer_seconds) for suites "
    "sharing a server; AWS has none, and moto's backend takes AWS's defaults",
    "blocked_claims": "the error a blocked claim meets is a plugin setting (blocked_claim_error); "
    "moto's backend answers LimitExceededException",
}


@dataclasses.dataclass(frozen=True)
class Family:
    """A mixin of the composed ConnectBackend: its module, class and the operations it serves."""

    module: str
    mixin: str
    operations: tuple[str, ...]

    @property
    def title(self) -> str:
        return self.module.replace("_", " ")


def families() -> list[Family]:
    """The plugin's families, in the composed backend's order, except that a family comes after
    the families it builds on (its mixin's bases): the order of the series. A family serves the
    operations it adds; one it overrides stays the earlier family's."""
    operations = {xform_name(name): name for name in service_model().operation_names}
    ordered: list[type] = []

    def visit(mixin: type) -> None:
        family = (
            issubclass(mixin, BackendFamily)
            and mixin is not BackendFamily
            and mixin.__module__.rsplit(".", 1)[1] not in PLUGIN_ONLY_FAMILIES
        )
        for base in mixin.__bases__:
            visit(base)
        if family and mixin not in ordered:
            ordered.append(mixin)

    for mixin in plugin_models.ConnectBackend.__bases__:
        visit(mixin)
    return [
        Family(
            mixin.__module__.rsplit(".", 1)[1],
            mixin.__name__,
            tuple(
                operations[name]
                for name in vars(mixin)
                if name in operations and not any(name in vars(base) for base in mixin.__mro__[1:])
            ),
        )
        for mixin in ordered
    ]


def _parsed_from_the_model(tree: Path) -> None:
    copy_files(tree, (RESPONSES,))
    _tidy(tree, [RESPONSES])


#: moto's connect handlers in the style of its newer services, before any operation joins them.
PARSING = Part(
    subject="Connect: read requests with moto's model-driven parser",
    body=CoverLetter(
        adds=(
            "ConnectResponse sets automated_parameter_parsing; each handler reads "
            "its parameters by their model names with _get_param, calls the "
            "backend with named arguments and returns an ActionResult or an "
            "EmptyResult, as moto's newer services do. The backend is unchanged. "
            "The operations of the PRs that follow get handlers of the same "
            "shape, so the class keeps one style.",
        ),
        follows=(),
        decided=(),
        tested=("tests/test_connect/test_connect.py passes unchanged.",),
        verify=("Nothing new: no behaviour changes.",),
    ).text(),
    change=_parsed_from_the_model,
)

API_REFERENCE = "https://docs.aws.amazon.com/connect/latest/APIReference/"

#: The PR description of each family's part.
LETTERS = {
    "number_search": CoverLetter(
        adds=(
            "SearchAvailablePhoneNumbers: the numbers a target (an instance, by "
            "TargetArn or InstanceId) may claim, per country and type, valid by "
            "libphonenumber's metadata (the phonenumbers package, a new 'connect' "
            "extra, imported with the first search; without it a search answers "
            "InternalServiceException naming the extra). It is about 48 MB "
            "installed: it is what makes a searched number one that AWS could "
            "offer, so code that formats or validates numbers sees real ones. "
            "This PR offers the numbers counted up from libphonenumber's example "
            "number of the type, at most 100 per query across its pages; the "
            "number inventory PR makes every number searchable. Nothing can be "
            "claimed yet (the next PR), so every number of the stock is available. "
            "models.py becomes the package models/, whose ConnectBackend gains a "
            "mixin per resource family, as moto/ec2/models/ composes EC2Backend.",
        ),
        follows=(
            API_REFERENCE + " API_SearchAvailablePhoneNumbers.html; the Admin "
            "Guide's phone number types (DID, TOLL_FREE; Canadian toll-free "
            "numbers are sold from the North American toll-free stock).",
        ),
        decided=(
            "- Every message here is our wording.",
            "- Pagination tokens carry the last number and a digest of the query, "
            "not moto.utilities.paginator's position: a page costs the same at "
            "any depth, and a token of another query is refused.",
            "- An enum, pattern or numeric bound the backend depends on (country, "
            "type, prefix, MaxResults) is refused in the backend with "
            "InvalidParameterException, in AWS's validation wording.",
        ),
        tested=(
            "tests/test_connect/test_number_search.py under mock_aws; each error's "
            "Code and Message asserted. The tests are not marked aws_verified: "
            "none has run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest "
            "tests/test_connect/test_number_search.py. Each test makes an "
            "instance in us-east-1 and deletes it; none claims a number. Expect "
            "messages to differ from AWS's where they are our own; the codes "
            "should not.",
        ),
    ),
    "phone_numbers": CoverLetter(
        adds=(
            "ClaimPhoneNumber, DescribePhoneNumber and ReleasePhoneNumber, with "
            "the rules AWS documents for them (the cooldown and churn rules of a "
            "release, the lists and the updates come in the PRs that follow):",
            "- one holder per number: a number claimed, by any account in any "
            "Region, is offered by no search and claimed by nobody else;",
            "- the quota of 5 claimed numbers per instance: a claim beyond it ends "
            "FAILED, and the number is held for its claimer for a day, then is back "
            "in stock, as AWS documents.",
            "connect::phone_number joins moto's state-manager models "
            "(IN_PROGRESS, then CLAIMED or FAILED).",
        ),
        follows=(
            API_REFERENCE + " API_ClaimPhoneNumber.html, "
            "API_ReleasePhoneNumber.html, API_DescribePhoneNumber.html; the "
            "Admin Guide's service quotas (5 phone numbers per instance).",
        ),
        decided=(
            "- Every message here is our wording.",
            "- One holder per number across accounts and Regions: a process-wide "
            "registry (a BackendDict under one pseudo-account) and one lock "
            "around each operation, because a claim checks other accounts' "
            "holds before it writes and moto's server is "
            "threaded.",
            "- What falls due (here, a failed claim's hold) is scheduled with that "
            "registry, a heap of calls, and happens at the start of the next "
            "operation, on moto's clock (freezegun and time-machine move it); the "
            "release rules and idempotency schedule their records the same way.",
        ),
        tested=(
            "tests/test_connect/test_phone_numbers.py under mock_aws; each test "
            "asserts the error Code and Message. The tests are not marked "
            "aws_verified: none has run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest "
            "tests/test_connect/test_phone_numbers.py. Each test makes an "
            "instance in us-east-1 and deletes it; claimed numbers are billed "
            "until released. The quota test assumes the default quota of 5. "
            "Together the tests release more numbers than an account with that "
            "quota may release in 180 days (10) before AWS blocks its claims "
            "(the next PR): select tests with -k and spread them over accounts. "
            "Expect "
            "messages to differ from AWS's where they are our own; the codes "
            "should not.",
        ),
    ),
    "release_rules": CoverLetter(
        adds=(
            "What ReleasePhoneNumber sets going, as AWS documents it: the number "
            "cools down (180 days), searchable and claimable by no account "
            "meanwhile, then is back in stock; and the churn rule: once an "
            "account has released 200% of its quota of numbers (10) in a Region "
            "within 180 days, its claims there are refused until the oldest "
            "counted release leaves the window. Cooldowns are process-wide, a "
            "registry beside the holders' (stock.py); each backend keeps a churn "
            "log. Both expire on moto's clock (freezegun and time-machine move "
            "them): each schedules the end of its next record with the holders' "
            "registry, which every operation asks first, and keeps its records "
            "in compact queues (rules.DueQueue). No new operation.",
        ),
        follows=(
            API_REFERENCE + " API_ReleasePhoneNumber.html: 'you can claim "
            "and release up to 200% of your maximum number of active phone "
            "numbers', claims blocked 'until 180 days past the oldest number "
            "released has expired', and a released number's cooldown of up to "
            "180 days.",
        ),
        decided=(
            "- A claim blocked by churn is LimitExceededException (HTTP 429), "
            "its message naming the limit and when the block lifts: AWS "
            "documents the block, not its answer.",
            "- Releases count toward churn, claims do not.",
        ),
        tested=(
            "tests/test_connect/test_release_rules.py under mock_aws (the "
            "cooldown's end with freezegun), each error's Code and Message "
            "asserted; not run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest "
            "tests/test_connect/test_release_rules.py -k churn, in an account "
            "that may lose its claims in us-east-1 for 180 days: it releases "
            "10 numbers. The cooldown test runs under mock_aws only.",
        ),
    ),
    "number_inventory": CoverLetter(
        adds=(
            "Every number of the stock is searchable: a search walks the numbers "
            "libphonenumber's metadata makes valid for the country and type, "
            "shorter national numbers first, instead of counting up from the "
            "example number. Each type's national-number pattern is compiled "
            "into a small position automaton that generates only the digit "
            "strings the pattern can complete, so a prefix steers the walk "
            "(+1833 costs no more than +1); every candidate is still confirmed "
            "by the phone-numbers PR's classify, the one definition of the "
            "stock. A region that shares its calling code with an earlier one "
            "that takes all its numbers (Puerto Rico's toll-free numbers are US "
            "ones) is recognised from the patterns, without a walk. No new "
            "operation.",
        ),
        follows=(
            API_REFERENCE + " API_SearchAvailablePhoneNumbers.html "
            "(PhoneNumberPrefix); libphonenumber's metadata "
            "(https://github.com/google/libphonenumber, resources/PhoneNumberMetadata.xml).",
        ),
        decided=(
            "- The order of the stock: ascending national number, shorter "
            "numbers first, so that a page token resumes after its last number.",
            "- A walk ends after 50,000 rejected candidates in a row, so every "
            "search ends in about a second.",
            "- Patterns with syntax outside the subset libphonenumber uses give "
            "that country and type no stock rather than a wrong one.",
        ),
        tested=(
            "tests/test_connect/test_number_inventory.py under mock_aws; not run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest "
            "tests/test_connect/test_number_inventory.py: searches only, nothing "
            "is claimed. AWS's stock is what AWS holds, so expect its numbers "
            "to differ; the prefixes and countries should hold.",
        ),
    ),
    "phone_number_lists": CoverLetter(
        adds=(
            "ListPhoneNumbersV2 and ListPhoneNumbers, the numbers claimed in the "
            "Region in order of number: V2 by target (an instance or, from the "
            "traffic distribution PR on, a group), country, type and prefix; "
            "the first version by instance, each number with the "
            "instance-scoped ARN (instance/<id>/phone-number/<id>), which "
            "TagResource refuses as AWS documents. Both page through one sorted "
            "index of the Region's numbers. TagResource, UntagResource and "
            "ListTagsForResource take a phone-number ARN only if it names a "
            "number the account holds in the Region (ResourceNotFoundException); "
            "moto's tag methods ask each family about the ARN first, under the "
            "state lock.",
        ),
        follows=(
            API_REFERENCE + " API_ListPhoneNumbersV2.html, "
            "API_ListPhoneNumbers.html ('The phone number Arn value that is "
            "returned from each of the items ... cannot be used to tag phone "
            "number resources. It will fail with a ResourceNotFoundException.').",
        ),
        decided=(
            "- Both lists page by number, with the search's tokens: a page costs "
            "the same at any depth, and a token stays valid when the number "
            "after it is released.",
            "- Messages are our wording; the codes are AWS's.",
        ),
        tested=(
            "tests/test_connect/test_phone_number_lists.py under mock_aws, each "
            "error's Code and Message asserted; not run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest "
            "tests/test_connect/test_phone_number_lists.py (it claims two "
            "numbers and releases them: they count toward the account's churn).",
        ),
    ),
    "phone_number_updates": CoverLetter(
        adds=(
            "UpdatePhoneNumber, which moves a CLAIMED number to another instance "
            "(or traffic distribution group) of its Region, and "
            "UpdatePhoneNumberMetadata, which sets its description. Each leaves "
            "the number IN_PROGRESS until it finishes, as a claim does; a move "
            "into a target that already holds its quota of numbers is refused "
            "and changes nothing.",
        ),
        follows=(
            API_REFERENCE + " API_UpdatePhoneNumber.html ('You can call "
            "DescribePhoneNumber API to verify the status of a previous "
            "UpdatePhoneNumber operation'), API_UpdatePhoneNumberMetadata.html.",
        ),
        decided=(
            "- A move into a full target is InvalidParameterException naming "
            "the limit (a claim into one ends FAILED instead, as AWS documents).",
        ),
        tested=(
            "tests/test_connect/test_phone_number_updates.py under mock_aws, "
            "each error's Code and Message asserted; not run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest "
            "tests/test_connect/test_phone_number_updates.py. The full-target "
            "test claims 6 numbers (the default quota of 5 plus one) and "
            "releases them: they count toward the account's churn.",
        ),
    ),
    "idempotency": CoverLetter(
        adds=(
            "Idempotent retries of ClaimPhoneNumber, ReleasePhoneNumber, "
            "UpdatePhoneNumber and UpdatePhoneNumberMetadata: a request made "
            "again with its ClientToken and the same parameters answers as the "
            "first time, with no second effect; the same token with other "
            "parameters is IdempotencyException. ClaimPhoneNumber's token must "
            "be a lower-case UUID, as AWS documents. The ledger (per account "
            "and Region) keeps each answer's ARN and a hash of the parameters "
            "for the window, not the resource; an idempotent decorator lets "
            "later operations join it. No new operation.",
        ),
        follows=(
            API_REFERENCE + " API_ClaimPhoneNumber.html (ClientToken: its "
            "pattern, and 'If not provided, the Amazon Web Services SDK "
            "populates this field'), API_ReleasePhoneNumber.html, "
            "API_UpdatePhoneNumber.html, API_UpdatePhoneNumberMetadata.html; "
            "the Amazon Builders' Library article the model links: 'Making "
            "retries safe with idempotent APIs'.",
        ),
        decided=(
            "- A token is remembered for 7 days (AWS documents no window).",
            "- Failed requests are not remembered, so a retry after an error runs again.",
            "- A malformed claim token is InvalidParameterException; messages are our wording.",
        ),
        tested=(
            "tests/test_connect/test_idempotency.py under mock_aws, each "
            "error's Code and Message asserted; not run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest "
            "tests/test_connect/test_idempotency.py (it claims and releases "
            "numbers: they count toward the account's churn).",
        ),
    ),
    "traffic_distribution": CoverLetter(
        adds=(
            "ReplicateInstance (SAML instances, to the paired Region) and "
            "Create/Describe/List/DeleteTrafficDistributionGroup; numbers "
            "claimed to a TDG (its ARN as the TargetArn) are listed in both "
            "Regions, described by ARN from either and released in the TDG's "
            "home Region. As documented, a replica's alias may not be in use in "
            "either Region. "
            "connect::traffic_distribution_group joins moto's "
            "state-manager models (CREATION_IN_PROGRESS, then ACTIVE; "
            "PENDING_DELETION, then DELETED).",
        ),
        follows=(
            API_REFERENCE + " API_ReplicateInstance.html, "
            "API_CreateTrafficDistributionGroup.html, "
            "API_DeleteTrafficDistributionGroup.html, API_ClaimPhoneNumber.html "
            "(TargetArn); the Admin Guide's "
            "'Set up Amazon Connect Global Resiliency'.",
        ),
        decided=(
            "- A token reused with other parameters just runs: these two "
            "operations do not model IdempotencyException.",
            "- Deleting a replicated instance at its source deletes the replica "
            "too; deleting the replica ends the replication and keeps the source.",
        ),
        tested=(
            "tests/test_connect/test_traffic_distribution.py under mock_aws, "
            "each error's Code and Message asserted; not run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest "
            "tests/test_connect/test_traffic_distribution.py, with an account "
            "allowed to use Global Resiliency (us-east-1 paired with us-west-2) "
            "and SAML instances.",
        ),
    ),
    "traffic_distribution_config": CoverLetter(
        adds=(
            "GetTrafficDistribution and UpdateTrafficDistribution: a new TDG "
            "sends all calls and agents to its home Region (and, for the default "
            "TDG, signs in in both); an update names both Regions in multiples of "
            "10 adding up to 100, SignInConfig only on the default TDG, and "
            "changes nothing unless all of it holds. Both need an ACTIVE TDG.",
        ),
        follows=(
            API_REFERENCE + " API_GetTrafficDistribution.html, API_UpdateTrafficDistribution.html.",
        ),
        decided=(
            "- A TDG not ACTIVE is ResourceNotFoundException to Get and "
            "ResourceConflictException to Update, the errors each operation "
            "models for a resource it cannot act on.",
        ),
        tested=(
            "tests/test_connect/test_traffic_distribution_config.py under "
            "mock_aws, each error's Code and Message asserted; not run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest "
            "tests/test_connect/test_traffic_distribution_config.py, with an "
            "account allowed to use Global Resiliency (us-east-1 paired with "
            "us-west-2) and SAML instances.",
        ),
    ),
    "instance_attributes": CoverLetter(
        adds=(
            "DescribeInstanceAttribute, UpdateInstanceAttribute and "
            "ListInstanceAttributes: every type of the model's "
            "InstanceAttributeType has a value on every instance; INBOUND_CALLS "
            "and OUTBOUND_CALLS are the instance's own InboundCallsEnabled and "
            "OutboundCallsEnabled.",
        ),
        follows=(
            API_REFERENCE + " API_DescribeInstanceAttribute.html, "
            "API_UpdateInstanceAttribute.html, API_ListInstanceAttributes.html; "
            "the defaults terraform-provider-aws records as verified "
            "(internal/service/connect/instance.go).",
        ),
        decided=(
            "- Types the provider does not record start false.",
            "- ListInstanceAttributes lists in the model's enum order, a page "
            "being the model's MaxResults maximum.",
        ),
        tested=(
            "tests/test_connect/test_instance_attributes.py under mock_aws; not run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest "
            "tests/test_connect/test_instance_attributes.py (the defaults of a "
            "new instance, and the order and page size of the list).",
        ),
    ),
    "tag_limits": CoverLetter(
        adds=(
            "The limit on tags per resource, the max of the model's TagMap (50), "
            "for every ARN TagResource serves: instances, numbers, traffic "
            "distribution groups and flows. A TagResource that would leave a "
            "resource with more is refused and changes nothing; tags it only "
            "overwrites do not count.",
        ),
        follows=(
            API_REFERENCE + " API_TagResource.html; the Admin Guide's service "
            "quotas (50 tags per resource).",
        ),
        decided=("- The message is our wording; the code is AWS's.",),
        tested=(
            "tests/test_connect/test_tag_limits.py under mock_aws, the error's "
            "Code and Message asserted; not run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest tests/test_connect/test_tag_limits.py "
            "(it tags a new instance, deleted afterwards).",
        ),
    ),
    "contact_flows": CoverLetter(
        adds=(
            "CreateContactFlow, DescribeContactFlow, ListContactFlows, "
            "UpdateContactFlowContent, UpdateContactFlowName, "
            "UpdateContactFlowMetadata and DeleteContactFlow. A new instance "
            "holds the default flows; content is published, or saved "
            "(':$SAVED') until it is, and is up to 256,000 characters; flow "
            "names are unique in an instance; 100 flows per instance. The "
            "flows of a replicated instance are the same in both Regions. The "
            "Flow language's checks of published content come in the next PR.",
        ),
        follows=(
            API_REFERENCE + " API_CreateContactFlow.html, "
            "API_DescribeContactFlow.html, API_UpdateContactFlowContent.html, "
            "API_UpdateContactFlowMetadata.html; the Admin Guide's list of "
            "default flows and its service quotas.",
        ),
        decided=(
            "- The default flows' content (AWS does not publish it): a small "
            "valid flow of each type.",
        ),
        tested=(
            "tests/test_connect/test_contact_flows.py under mock_aws, each "
            "error's Code and Message asserted; not run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest "
            "tests/test_connect/test_contact_flows.py (flows a test creates are "
            "deleted). The flow-quota test creates up to 100 flows.",
        ),
    ),
    "flow_content_checks": CoverLetter(
        adds=(
            "The Flow language's structural checks of published content "
            "(CreateContactFlow without Status or PUBLISHED, and "
            "UpdateContactFlowContent without ':$SAVED'): the version, the "
            "start action, unique identifiers and transitions to actions that "
            "exist. A flow that breaks them is InvalidContactFlowException "
            "with its Problems; saved content is not checked until it is "
            "published. No new operation.",
        ),
        follows=(
            "The Flow language reference (flow-language.html, "
            "flow-language-actions.html); " + API_REFERENCE + " "
            "API_InvalidContactFlowException.html.",
        ),
        decided=(
            "- Only the documented structural rules are checked, each broken "
            "rule one problem worded by us; action types are not checked "
            "against a list (AWS publishes no catalogue to keep current).",
        ),
        tested=(
            "tests/test_connect/test_flow_content_checks.py under mock_aws, "
            "each error's Code and Message asserted; not run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest "
            "tests/test_connect/test_flow_content_checks.py (the problems' "
            "wording will differ from AWS's, the code should not).",
        ),
    ),
    "flow_associations": CoverLetter(
        adds=(
            "AssociatePhoneNumberContactFlow, DisassociatePhoneNumberContactFlow, "
            "ListFlowAssociations and BatchGetFlowAssociation: a CLAIMED number "
            "of an instance points to one of its published, ACTIVE flows of "
            "type CONTACT_FLOW. A flow a number points to can be neither "
            "deleted nor archived; a number released or moved loses its "
            "association. A number claimed to a traffic distribution group has "
            "its association in both Regions.",
        ),
        follows=(
            API_REFERENCE + " API_AssociatePhoneNumberContactFlow.html, "
            "API_DisassociatePhoneNumberContactFlow.html, "
            "API_ListFlowAssociations.html, API_BatchGetFlowAssociation.html.",
        ),
        decided=(
            "- Every message is our wording; the codes are those AWS answers "
            "(a flow in use: InvalidRequestException).",
        ),
        tested=(
            "tests/test_connect/test_flow_associations.py under mock_aws, each "
            "error's Code and Message asserted; not run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest "
            "tests/test_connect/test_flow_associations.py (numbers a test "
            "claims are released, billed meanwhile; the TDG test needs Global "
            "Resiliency).",
        ),
    ),
    "contact_flow_search": CoverLetter(
        adds=(
            "SearchContactFlows: criteria on name and description (EXACT, "
            "STARTS_WITH, or CONTAINS of 2 to 25 characters; case ignored), "
            "type, state and status, with AndConditions and OrConditions; tag "
            "and type filters; flows answered with their latest content and "
            "an ApproximateTotalCount, in pages of up to 100.",
        ),
        follows=(API_REFERENCE + " API_SearchContactFlows.html, API_StringCondition.html.",),
        decided=("- Messages are our wording; the codes are AWS's.",),
        tested=(
            "tests/test_connect/test_contact_flow_search.py under mock_aws, "
            "each error's Code and Message asserted; not run against AWS.",
        ),
        verify=(
            "MOTO_TEST_ALLOW_AWS_REQUEST=true pytest "
            "tests/test_connect/test_contact_flow_search.py.",
        ),
    ),
}


def parts() -> list[Part]:
    """moto's handlers in the model-driven style, then one part per family (the first one also
    brings the shared modules)."""
    return [
        PARSING,
        *(_part(family, first=index == 0) for index, family in enumerate(families())),
    ]


def _part(family: Family, first: bool) -> Part:
    letter = LETTERS[family.module]  # every family's PR has a description
    return Part(
        subject=f"Connect: {family.title}",
        body=letter.text(),
        change=partial(_export, family=family, first=first),
    )


def _export(tree: Path, family: Family, first: bool) -> None:
    written = []
    if first:
        _models_become_a_package(tree)
        _connect_extra(tree / "setup.cfg")
    if family.module == LATER["models/base.py"]["locked"]:
        _lock_delete_instance(tree)
    if family.module == LATER["models/base.py"]["BackendFamily._check_tag_target"]:
        _check_moto_tag_methods(tree)
    written += [
        _copy(tree, name, family)
        for name in dict.fromkeys([*SHARED, *LATER])
        if name != HELPERS
        and ((first and name in SHARED) or family.module in LATER.get(name, {}).values())
    ]
    written.append(_copy(tree, f"models/{family.module}.py", family))
    written += [
        _copy(tree, name, family) for name in _modules_missing(tree, f"models/{family.module}.py")
    ]
    tests = [_tests_of(family)] if (FILES / _tests_of(family)).is_file() else []
    copy_files(tree, tuple(tests))
    if first or family.module in LATER[HELPERS].values():
        (tree / HELPERS).parent.mkdir(parents=True, exist_ok=True)
        (tree / HELPERS).write_text(
            _without_unused_imports(
                _without((FILES / HELPERS).read_text(), _later_than(HELPERS, family))
            )
        )
        tests.append(HELPERS)
    _join(tree, family)
    _append(tree / RESPONSES, "".join(_handler(name) for name in family.operations))
    routes = "".join(f'    "{path}": ConnectResponse.dispatch,\n' for path in _routes(tree, family))
    Edit(URLS, "ConnectResponse.dispatch,\n}\n", f"ConnectResponse.dispatch,\n{routes}}}\n").apply(
        tree
    )
    registered = _register_state_model(tree, family)
    _tidy(tree, [*written, *tests, *registered, MODELS_PACKAGE, RESPONSES, URLS])
    _mark_decorated(tree, written)
    coverage.regenerate(tree)


@dataclasses.dataclass(frozen=True)
class StateModel:
    """A model of moto's state manager a family's resources progress by, as moto lists it."""

    name: str
    states: str
    advanced_by: str


#: The state-manager models each family registers, with moto's other defaults
#: (``moto/moto_api/__init__.py``), and documents (the state-transition models page).
STATE_MODELS = {
    "phone_numbers": StateModel(
        PHONE_NUMBER_MODEL, '"IN_PROGRESS" --> "CLAIMED" (or "FAILED")', "describe_phone_number"
    ),
    "traffic_distribution": StateModel(
        TDG_MODEL,
        '"CREATION_IN_PROGRESS" --> "ACTIVE"  :raw-html:`<br />`\n'
        '    "PENDING_DELETION" --> "DELETED"',
        "describe_traffic_distribution_group",
    ),
}
MOTO_API = "moto/moto_api/__init__.py"
STATE_MODELS_PAGE = "docs/docs/configuration/state_transition/models.rst"


def _register_state_model(tree: Path, family: Family) -> list[str]:
    """The family's state-manager model joins moto's default transitions (immediate, as moto's
    other models that describe calls advance) and, in a checkout, moto's page of models."""
    model = STATE_MODELS.get(family.module)
    if model is None:
        return []
    anchor = 'state_manager.register_default_transition(\n    model_name="dax::cluster"'
    Edit(
        MOTO_API,
        anchor,
        "state_manager.register_default_transition(\n"
        f'    model_name="{model.name}", transition={{"progression": "immediate"}}\n'
        f")\n{anchor}",
    ).apply(tree)
    if not (tree / STATE_MODELS_PAGE).is_file():
        return [MOTO_API]
    page = tree / STATE_MODELS_PAGE
    heading = "Service: Connect\n------------------\n\n"
    entry = (
        f"**Model**: `{model.name}`  :raw-html:`<br />`\nAvailable States:  :raw-html:`<br />`\n\n"
        f"    {model.states}\n\nTransition type: `immediate`  :raw-html:`<br />`\n"
        f'Advancement:\n\n    Call `boto3.client("connect").{model.advanced_by}(..)`\n\n'
    )
    text = page.read_text()
    section = "" if heading in text else heading
    Edit(STATE_MODELS_PAGE, "Service: DAX\n", f"{section}{entry}Service: DAX\n").apply(tree)
    return [MOTO_API]


def _tests_of(family: Family) -> str:
    """Where the family's tests in moto's style are, below ``files/`` and in moto's tree."""
    return f"tests/test_connect/test_{family.module}.py"


def _models_become_a_package(tree: Path) -> None:
    """moto's models.py moves to models/__init__.py, where the families join ConnectBackend."""
    text = (tree / MODELS).read_text()
    (tree / MODELS).unlink()
    (tree / MODELS_PACKAGE).parent.mkdir()
    (tree / MODELS_PACKAGE).write_text(
        text.replace("\nfrom .exceptions import", "\nfrom ..exceptions import")
    )


def _lock_delete_instance(tree: Path) -> None:
    """Once families hold state: deleting an instance holds the state lock and lets each family
    drop what hung on it."""
    Edit(
        MODELS_PACKAGE,
        "\n    def delete_instance(",
        "\n    @locked\n    def delete_instance(",
    ).apply(tree)
    Edit(
        MODELS_PACKAGE,
        "\nfrom ..exceptions import",
        "\nfrom .base import locked\nfrom ..exceptions import",
    ).apply(tree)
    Edit(
        MODELS_PACKAGE,
        "        if instance_id in self.analytics_data_associations:\n"
        "            del self.analytics_data_associations[instance_id]\n",
        "        if instance_id in self.analytics_data_associations:\n"
        "            del self.analytics_data_associations[instance_id]\n"
        "        self._instance_deleted(instance_id)\n",
    ).apply(tree)


def _check_moto_tag_methods(tree: Path) -> None:
    """Once a family checks the ARNs it tags: moto's tag methods first ask the families about
    the ARN, under the state lock."""
    for signature, arguments in TAG_METHODS:
        Edit(
            MODELS_PACKAGE,
            f"\n    def {signature}:\n",
            f"\n    @locked\n    def {signature}:\n        self._check_tag_target({arguments})\n",
        ).apply(tree)


#: The modules of ``models/`` that hold a mixin of the composed backend (or the class itself).
_FAMILY_MODULES = {
    mixin.__module__.rpartition(".")[2] for mixin in plugin_models.ConnectBackend.__mro__
} | {"__init__"}


def _modules_missing(tree: Path, name: str) -> list[str]:
    """The plain modules of the connect package (beside ``models/``, or in it but no family's,
    such as the stock) that the module imports, directly or through each other, and the tree
    lacks: a family's own helpers go with its part."""
    found: list[str] = []
    pending = [name]
    while pending:
        current = pending.pop()
        package = Path(current).parent
        for node in ast.walk(ast.parse((SOURCE / current).read_text())):
            if not isinstance(node, ast.ImportFrom) or node.level == 0:
                continue
            base = package.joinpath(*[".."] * (node.level - 1))
            modules = [node.module] if node.module else [alias.name for alias in node.names]
            for module in modules:
                path = Path(os.path.normpath(base / f"{module.replace('.', '/')}.py"))
                plain = (SOURCE / path).is_file() and (
                    path.parent == Path(".")
                    or (path.parent == Path("models") and path.stem not in _FAMILY_MODULES)
                )
                if plain and str(path) not in found and not (tree / TARGET / path).exists():
                    found.append(str(path))
                    pending.append(str(path))
    return found


#: moto's tag methods, and what each passes to the families' check of the ARN and the tag limit
#: (``BackendFamily._check_tag_target``), which runs first and under the state lock.
TAG_METHODS = (
    ("tag_resource(self, resource_arn: str, tags: dict[str, str]) -> None", "resource_arn, tags"),
    ("untag_resource(self, resource_arn: str, tag_keys: list[str]) -> None", "resource_arn, None"),
    ("list_tags_for_resource(self, resource_arn: str) -> dict[str, str]", "resource_arn, None"),
)


def _join(tree: Path, family: Family) -> None:
    """The family's mixin joins moto's ConnectBackend where the plugin's class has it: before
    the first family already there that follows it (a family before those it builds on, whose
    hooks it overrides), else last before BaseBackend; however ruff has wrapped the class line."""
    models = tree / MODELS_PACKAGE
    text = models.read_text()
    line = re.search(r"class ConnectBackend\(([^)]*?)\bBaseBackend,", text)
    if line is None:
        raise AnchorMissing(f"{MODELS_PACKAGE}: no class ConnectBackend(... BaseBackend, ...)")
    order = [mixin.__name__ for mixin in plugin_models.ConnectBackend.__mro__]
    present = re.findall(r"\w+", line.group(1))
    later = [name for name in present if order.index(name) > order.index(family.mixin)]
    anchor = later[0] if later else "BaseBackend"
    start = line.start() + line.group(0).index(anchor)
    models.write_text(f"{text[:start]}{family.mixin}, {text[start:]}")
    Edit(
        MODELS_PACKAGE,
        "\nfrom ..exceptions import",
        f"\nfrom .{family.module} import {family.mixin}\nfrom ..exceptions import",
    ).apply(tree)


#: A function decorated with one of the plugin's backend decorators, up to the end of its ``def``
#: line. moto's mypy settings refuse a decorated function whose type holds ``Any``
#: (``disallow_any_decorated``); moto marks such a ``def`` line as below.
_DECORATED = re.compile(r"(?m)^( *@(?:locked|idempotent|wraps)\b.*\n(?: *@.*\n)*)( *def .*)$")


#: What the plugin's modules take from its moto seam (``compat.py``), as moto's own code imports it.
COMPAT_IN_MOTO = {
    "mock_random": "from moto.moto_api._internal import mock_random",
    "ManagedState": "from moto.moto_api._internal.managed_state_model import ManagedState",
}


def _exported(text: str) -> str:
    """The plugin's imports of moto's connect models become imports within the package, and its
    imports from the seam moto's own."""
    text = re.sub(
        r"(?m)^from \.+compat import (.+)$",
        lambda m: "\n".join(COMPAT_IN_MOTO[name.strip()] for name in m.group(1).split(",")),
        text,
    )
    return text.replace("from moto.connect.models import", "from . import")


def _mark_decorated(tree: Path, paths: list[str]) -> None:
    """Mark each ``def`` of a decorated backend method as moto does; after formatting, which
    would move the mark to the end of a signature it wraps, where mypy does not look."""
    for path in paths:
        text = (tree / path).read_text()
        (tree / path).write_text(_DECORATED.sub(r"\1\2  # type: ignore[misc]", text))


def _later_than(name: str, family: Family) -> tuple[str, ...]:
    """The definitions of ``name`` that families after ``family`` bring (:data:`LATER`)."""
    order = [each.module for each in families()]
    position = order.index(family.module)
    return tuple(
        definition
        for definition, owner in LATER.get(name, {}).items()
        if order.index(owner) > position
    )


def _copy(tree: Path, name: str, family: Family) -> str:
    """A plugin module as the series has it once ``family`` is in: without its plugin-only
    definitions and those of later families (config.py: with moto's clock)."""
    later = _later_than(name, family)
    in_moto = CONFIG_IN_MOTO if name == "config.py" else {}
    text = _without((SOURCE / name).read_text(), PLUGIN_ONLY.get(name, ()) + tuple(in_moto) + later)
    if in_moto:
        docstring = ast.get_docstring(ast.parse(text), clean=False)
        text = CONFIG_DOC + text.split(f'"""{docstring}"""\n', 1)[1]
        text += "".join(body for definition, body in in_moto.items() if definition not in later)
    target = TARGET / name
    (tree / target).parent.mkdir(parents=True, exist_ok=True)
    (tree / target).write_text(_exported(text))
    return str(target)


def _without(source: str, names: tuple[str, ...]) -> str:
    """The module's source without these definitions (each must exist): top-level ones, and
    ``Class.member`` for a member of a top-level class; the comment lines just above each go
    too, and so does an ``if TYPE_CHECKING:`` block whose imports nothing left uses."""
    lines = source.splitlines(keepends=True)
    drop: set[int] = set()
    missing = set(names)
    for node in ast.parse(source).body:
        members = node.body if isinstance(node, ast.ClassDef) else []
        for owner, statement in [("", node), *((f"{_defined(node)}.", m) for m in members)]:
            defined = f"{owner}{_defined(statement)}"
            if defined in names:
                missing.discard(defined)
                drop.update(_span(statement, lines))
    if missing:
        raise LookupError(f"no definition of {', '.join(sorted(missing))}")
    kept = "".join(line for index, line in enumerate(lines) if index not in drop)
    return _without_unused_type_checking_imports(kept)


def _span(node: ast.stmt, lines: list[str]) -> range:
    """The lines of a definition, its decorators and the comment lines right above it."""
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1
    while first > 0 and lines[first - 1].lstrip().startswith("#"):
        first -= 1
    return range(first, node.end_lineno or node.lineno)


def _without_unused_imports(source: str) -> str:
    """The module without the names it imports and no longer uses: what ruff does elsewhere,
    and will not do in an ``__init__.py`` (the tests' helpers), where imports may be re-exports."""
    tree = ast.parse(source)
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    lines = source.splitlines(keepends=True)
    for node in reversed(tree.body):
        if not isinstance(node, ast.Import | ast.ImportFrom) or (
            isinstance(node, ast.ImportFrom) and node.module == "__future__"
        ):
            continue
        kept = [a for a in node.names if (a.asname or a.name).split(".")[0] in used]
        if len(kept) < len(node.names):
            node.names = kept
            text = [ast.unparse(node) + "\n"] if kept else []
            lines[node.lineno - 1 : node.end_lineno] = text
    return "".join(lines)


def _without_unused_type_checking_imports(source: str) -> str:
    lines = source.splitlines(keepends=True)
    for node in ast.parse(source).body:
        guarded = isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        if not guarded:
            continue
        imported = {
            alias.asname or alias.name
            for statement in ast.walk(node)
            if isinstance(statement, ast.Import | ast.ImportFrom)
            for alias in statement.names
        }
        outside = "".join(lines[: node.lineno - 1] + lines[node.end_lineno or node.lineno :])
        if not any(re.search(rf"\b{re.escape(name)}\b", outside) for name in imported):
            span = range(node.lineno - 1, node.end_lineno or node.lineno)
            return _without_unused_type_checking_imports(
                "".join(line for index, line in enumerate(lines) if index not in span)
            )
    return source


def _defined(node: ast.stmt) -> str | None:
    if isinstance(node, ast.FunctionDef | ast.ClassDef):
        return node.name
    target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
    return target.id if isinstance(target, ast.Name) else None


def _connect_extra(setup_cfg: Path) -> None:
    """``phonenumbers`` as the ``connect`` extra (and in ``all`` and ``server``), in the file's
    own layout (a checkout's setup.cfg indents with spaces, an sdist's with tabs)."""
    text = setup_cfg.read_text()
    text, extra = re.subn(
        r"(?m)^config =[^\n]*\n", lambda m: m.group(0) + "connect = phonenumbers\n", text
    )
    text, bundles = re.subn(
        r"(?m)^((?:all|server) =[^\n]*\n)([ \t]+)", r"\1\2phonenumbers\n\2", text
    )
    if (extra, bundles) != (1, 2):
        raise LookupError(f"{setup_cfg}: no config, all and server extras to add phonenumbers to")
    setup_cfg.write_text(text)


def _handler(operation: str) -> str:
    """moto's handler of an operation: each of the backend method's parameters read by its
    model member's name, the result serialized from the model (none: an empty answer)."""
    name = xform_name(operation)
    signature = inspect.signature(getattr(plugin_models.ConnectBackend, name))
    shape = operation_model(operation).input_shape
    members = {xform_name(member): member for member in shape.members} if shape else {}
    parameters = [parameter for parameter in signature.parameters if parameter != "self"]
    unknown = [parameter for parameter in parameters if parameter not in members]
    if unknown:
        raise LookupError(f"{name}: no {operation} input member for {', '.join(unknown)}")
    arguments = "".join(f'{p}=self._get_param("{members[p]}"),' for p in parameters)
    call = f"self.connect_backend.{name}({arguments})"
    if signature.return_annotation in (None, "None"):
        body = f"{call}\n        return EmptyResult()"
    else:
        body = f"result = {call}\n        return ActionResult(result)"
    return f"\n    def {name}(self) -> ActionResult:\n        {body}\n"


@cache
def _request_path(operation: str) -> str:
    """The operation's path with each label filled in, as a route must match it."""
    path = operation_model(operation).http["requestUri"].split("?")[0]
    return re.sub(r"{\w+\+?}", "x", path)


def _routes(tree: Path, family: Family) -> list[str]:
    """The plugin's routes that this family's operations reach, and the tree's urls.py lacks."""
    moto_routes = set(re.findall(r'"(\{0\}[^"]*)"', (tree / URLS).read_text()))
    return [
        route
        for route in plugin_urls.url_paths
        if route not in moto_routes
        and route != plugin_urls.FALLBACK
        and any(re.fullmatch(route.format(""), _request_path(op)) for op in family.operations)
    ]


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


def _tidy(tree: Path, paths: list[str]) -> None:
    """Imports sorted and pruned, and the code formatted, by moto's ruff settings (the tree's
    configuration; no cache left in the tree): the ruff on PATH, else the interpreter's."""
    ruff = shutil.which("ruff") or shutil.which("ruff", path=str(Path(sys.executable).parent))
    if ruff is None:
        raise FileNotFoundError("ruff (moto's linter and formatter) is needed to export")
    subprocess.run(
        [ruff, "check", "--no-cache", "--fix", "--quiet", "--select", "I,F401", *paths],
        cwd=tree, check=False,
    )  # fmt: skip
    subprocess.run([ruff, "format", "--no-cache", "--quiet", *paths], cwd=tree, check=True)
