"""The Connect world as plain JSON values, and back: the Connect section of a snapshot.

:func:`capture` takes everything the Connect family owns, per account and Region (instances,
numbers with an imported one's source ARN, their tags, replications and traffic distribution
groups, flows and associations, churn and idempotency records) and process-wide (cooldowns, the
clock's offset, the settings); :func:`restore` rebuilds it on an empty world (:class:`Aside` holds
the one it replaces, and the whole stock with it). Callers hold STATE_LOCK. Ids and ARNs come back
as they were, so a client that kept one (or a pagination token, which is a key and a digest of
its query) goes on using it. What is derived (indexes, who holds which number, expiry queues) is
rebuilt, not stored. Search offers (opt-in, ``search_offer_seconds``) are not kept: they are
short-lived, and a restored server offers afresh.

Every value read is checked, and a bad one raises ValueError (or a KeyError, TypeError, ... of the
value) naming what it is: the snapshot module then undoes the whole restore.

Tables of many records (numbers, cooldowns, idempotency records) are lists of rows in the order of
their ``*_FIELDS``, which keeps a world of 100,000 numbers under 300 bytes a number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from moto.moto_api import state_manager
from moto.utilities.tagging_service import TaggingService
from moto.utilities.utils import get_partition

from ...compat import ManagedState
from .. import arns, churn, rules
from ..config import PHONE_NUMBER_MODEL, SETTING_NAMES, Settings, control_state, validated
from ..ledger import LedgerEntry
from .base import (
    all_backends,
    backends_by_account,
    connect_backend,
    is_region,
)
from .contact_flows import ContactFlow, InstanceFlows
from .flow_associations import NumberFlows
from .idempotency import IDEMPOTENT_OPERATIONS
from .number_search import Target
from .phone_numbers import PhoneNumber
from .search_offers import search_offers_by_partition
from .stock import cooldown_registries, cooldowns, registries, registry
from .traffic_distribution import (
    REPLICA_REGIONS,
    Distribution,
    DistributionConfig,
    Replication,
    SignInDistribution,
    TrafficDistributionGroup,
)

if TYPE_CHECKING:
    from . import ConnectBackend

NUMBER_FIELDS = (
    "id",
    "phone_number",
    "country_code",
    "type",
    "description",
    "target_arn",
    "status",
    "failure",
    "held_until",
    "source_phone_number_arn",
)
FLOW_FIELDS = (
    "id",
    "name",
    "type",
    "description",
    "state",
    "published",
    "saved",
    "last_modified_time",
    "last_modified_region",
)
IDEMPOTENCY_FIELDS = ("operation", "client_token", "fingerprint", "expires", "answer")

_ACCOUNT = re.compile(r"^\d{12}$")
_E164 = re.compile(r"^\+[1-9]\d{1,14}$")
_INSTANCE_FIELDS = (
    "id",
    "arn",
    "identity_management_type",
    "instance_alias",
    "created_time",
    "service_role",
    "instance_status",
    "inbound_calls_enabled",
    "outbound_calls_enabled",
    "instance_access_url",
    "tags",
)


# -- capture -----------------------------------------------------------------------------------


def capture() -> dict[str, Any]:
    state = control_state()
    return {
        "clock": {
            "offset_microseconds": state.offset // timedelta(microseconds=1),
            "frozen_at": _time(state.frozen_at) if state.frozen_at is not None else None,
        },
        "settings": [
            [account, region, dict(values)]
            for (account, region), values in state.overrides.items()
            if values
        ],
        "cooldowns": [
            [e164, _time(rules.from_ticks(until))]
            for e164, until in cooldowns().cooling_until.items()
        ],
        "backends": [_backend(b) for b in all_backends() if _holds_anything(b)],
    }


def _holds_anything(backend: ConnectBackend) -> bool:
    return bool(
        backend.instances
        or backend.numbers
        or backend.tagger.tags
        or backend.churn.release_ticks()
        or next(backend.ledger.entries(), None)
    )


def _time(at: datetime) -> str:
    return at.isoformat()


def _backend(backend: ConnectBackend) -> dict[str, Any]:
    region = backend.region_name
    return {
        "account": backend.account_id,
        "region": region,
        "instances": [_instance(instance) for instance in backend.instances.values()],
        "replications": [
            [r.instance_id, r.replica_region, r.replica_alias]
            for r in backend.replications.values()
            if r.source_region == region
        ],
        "groups": [_group(group) for group in backend.groups.values()],
        "number_fields": list(NUMBER_FIELDS),
        "numbers": _numbers(backend),
        "tags": {arn: dict(tags) for arn, tags in backend.tagger.tags.items() if tags},
        "flows": {
            instance_id: {
                "fields": list(FLOW_FIELDS),
                "flows": [_flow(flow) for flow in flows.flows.values()],
                "associations": [
                    [arn, flow]
                    for arn, flow in _associations(backend, instance_id).associations.items()
                ],
            }
            for instance_id, flows in backend.contact_flows.items()
        },
        "churn": [_time(rules.from_ticks(at)) for at in backend.churn.release_ticks()],
        "idempotency_fields": list(IDEMPOTENCY_FIELDS),
        "idempotency": [
            [e.operation, e.token, e.fingerprint, _time(rules.from_ticks(e.expires)), e.answer]
            for e in backend.ledger.entries()
        ],
    }


def _instance(instance: Any) -> dict[str, Any]:
    values = {name: getattr(instance, name) for name in _INSTANCE_FIELDS}
    values["created_time"] = instance.created_time.isoformat()
    values["tags"] = dict(instance.tags)  # a copy: the caller serializes it after the lock
    return values


def _group(group: TrafficDistributionGroup) -> dict[str, Any]:
    return {
        "id": group.id,
        "instance_id": group.instance_id,
        "instance_arn": group.instance_arn,
        "name": group.name,
        "description": group.description,
        "is_default": group.is_default,
        "status": group.status,
        "telephony": _distributions(group.telephony_config),
        "agent": _distributions(group.agent_config),
        "sign_in": _distributions(group.sign_in_config) if group.sign_in_config else None,
    }


def _distributions(config: DistributionConfig) -> list[list[Any]]:
    return [
        [d.region, d.percentage if isinstance(d, Distribution) else d.enabled]
        for d in config.distributions
    ]


def _numbers(backend: ConnectBackend) -> list[list[Any]]:
    """The numbers' rows: the part of a capture that grows with the world, and runs under the
    state lock, so it reads each number's status only when the state manager's progression for
    numbers is not "immediate" (under which every number that did not fail reads CLAIMED)."""
    immediate = state_manager.get_transition(PHONE_NUMBER_MODEL)["progression"] == "immediate"
    return [
        [
            number.phone_number_id,
            number.phone_number,
            number.phone_number_country_code,
            number.phone_number_type,
            number.phone_number_description,
            number.target_arn,
            "FAILED" if number.failure else "CLAIMED" if immediate else number.status,
            number.failure,
            _time(number.held_until) if number.held_until is not None else None,
            number.source_phone_number_arn,
        ]
        for number in backend.numbers.values()
    ]


def _associations(backend: ConnectBackend, instance_id: str) -> NumberFlows:
    """The instance's associations, none when it never had one."""
    return backend.flow_associations.get(instance_id) or NumberFlows()


def _flow(flow: ContactFlow) -> list[Any]:
    return [
        flow.id,
        flow.name,
        flow.type,
        flow.description,
        flow.state,
        flow.published,
        flow.saved,
        _time(flow.last_modified_time),
        flow.last_modified_region,
    ]


def summary(data: dict[str, Any]) -> dict[str, int]:
    backends = data["backends"]
    return {
        "instances": sum(len(b["instances"]) for b in backends),
        "phone_numbers": sum(len(b["numbers"]) for b in backends),
        "cooldowns": len(data["cooldowns"]),
        "churn_records": sum(len(b["churn"]) for b in backends),
        "idempotency_records": sum(len(b["idempotency"]) for b in backends),
        "traffic_distribution_groups": sum(len(b["groups"]) for b in backends),
        "contact_flows": sum(len(f["flows"]) for b in backends for f in b["flows"].values()),
    }


# -- setting aside and restoring -----------------------------------------------------------------


class Aside:
    """The world as it was before a restore, moved out whole (backends, stock, clock, settings)
    so the restore builds on an empty one: :meth:`put_back` if the restore fails, else
    :meth:`discard`. Moving costs one step an account, not one a number. Injected faults stay
    where they are (they belong to the test, not to the world)."""

    def __init__(self) -> None:
        self.backends = {account: dict(regions) for account, regions in _accounts().items()}
        self.stock = [dict(partition) for partition in _stock_partitions()]
        state = control_state()
        self.clock = (dict(state.overrides), state.offset, state.frozen_at)
        for regions in (*_accounts().values(), *_stock_partitions()):
            regions.clear()
        state.overrides.clear()
        state.offset, state.frozen_at = timedelta(0), None

    def put_back(self) -> None:
        _leave_model_registry(all_backends())
        for account, regions in _accounts().items():
            regions.clear()
            regions.update(self.backends.get(account, {}))
        for partition, saved in zip(_stock_partitions(), self.stock, strict=True):
            partition.clear()
            partition.update(saved)
        state = control_state()
        overrides, state.offset, state.frozen_at = self.clock
        state.overrides.clear()
        state.overrides.update(overrides)

    def discard(self) -> None:
        _leave_model_registry(b for regions in self.backends.values() for b in regions.values())


def _accounts() -> dict[str, Any]:
    accounts: dict[str, Any] = backends_by_account()
    return accounts


def _stock_partitions() -> list[Any]:
    """The process-wide stock's BackendDict entries (holders, cooldowns, search offers)."""
    return [
        registries["000000000000"],
        cooldown_registries["000000000000"],
        search_offers_by_partition["000000000000"],
    ]


def _leave_model_registry(backends: Iterable[ConnectBackend]) -> None:
    """Numbers of a world no longer served leave moto's model registry (``/moto-api/data.json``)."""
    for backend in backends:
        for number in backend.numbers.values():
            number.untrack()


def restore(data: Any) -> None:
    """Rebuild the world :func:`capture` took, on an empty one (see :class:`Aside`)."""
    data = _object(data, "the connect section")
    clock = _object(data["clock"], "clock")
    offset = _int(clock["offset_microseconds"], "clock offset")
    frozen_at = _optional_time(clock["frozen_at"], "frozen clock")
    state = control_state()
    state.offset = timedelta(microseconds=offset)
    state.frozen_at = frozen_at
    for row in _list(data["settings"], "settings"):
        account, region, values = _row(row, 3, "settings")
        key = (
            _optional_text(account, "settings account"),
            _optional_text(region, "settings region"),
        )
        values = _object(values, "settings")
        unknown = set(values) - SETTING_NAMES
        if unknown:
            raise ValueError(f"unknown setting(s) {', '.join(sorted(unknown))}")
        validated(Settings(**values))
        if key in state.overrides:
            raise ValueError(f"settings for {key} appear twice")
        state.overrides[key] = values
    entries = [_object(entry, "backend") for entry in _list(data["backends"], "backends")]
    placed = [(_place(entry), entry) for entry in entries]
    if len({(b.account_id, b.region_name) for b, _ in placed}) < len(placed):
        raise ValueError("an account and Region appears twice")
    for backend, entry in placed:
        _restore_instances(backend, entry)
    for backend, entry in placed:
        _restore_replications(backend, entry)
    for backend, entry in placed:
        _restore_groups(backend, entry)
    for backend, entry in placed:
        _restore_tags(backend, entry)
        _restore_numbers(backend, entry)
    for backend, entry in placed:
        _restore_flows(backend, entry)
        _restore_records(backend, entry)
    stock = registry()
    ends: dict[str, int] = {}
    for row in _list(data["cooldowns"], "cooldowns"):
        e164, until = _row(row, 2, "cooldown")
        e164 = _e164(e164)
        if e164 in stock.holders:
            raise ValueError(f"{e164} is both claimed and cooling down")
        if e164 in ends:
            raise ValueError(f"{e164} cools down twice")
        ends[e164] = rules.ticks(_datetime(until, f"cooldown of {e164}"))
    cooldowns().restore(ends)
    for backend, _ in placed:
        backend._schedule_expiry()


def _place(entry: dict[str, Any]) -> ConnectBackend:
    account = _text(entry["account"], "account")
    region = _text(entry["region"], "region")
    if not _ACCOUNT.match(account):
        raise ValueError(f"{account!r} is not an account id")
    if not is_region(account, region):
        raise ValueError(f"{region!r} is not a Region of Amazon Connect")
    return connect_backend(account, region)


def _restore_instances(backend: ConnectBackend, entry: dict[str, Any]) -> None:
    from moto.connect.models import Instance

    for values in _list(entry["instances"], "instances"):
        values = _object(values, "instance")
        instance = Instance(
            identity_management_type=_text(values["identity_management_type"], "instance type"),
            inbound_calls_enabled=_bool(values["inbound_calls_enabled"], "inbound calls"),
            outbound_calls_enabled=_bool(values["outbound_calls_enabled"], "outbound calls"),
            account_id=backend.account_id,
            region=backend.region_name,
            instance_alias=_optional_text(values["instance_alias"], "instance alias"),
            tags=_tags(values["tags"], "instance tags"),
        )
        instance.id = _text(values["id"], "instance id")
        instance.arn = _text(values["arn"], "instance ARN")
        created = datetime.fromisoformat(_text(values["created_time"], "instance created time"))
        instance.created_time = created if created.tzinfo else created.replace(tzinfo=timezone.utc)
        instance.service_role = _text(values["service_role"], "service role")
        instance.instance_status = _text(values["instance_status"], "instance status")
        instance.instance_access_url = _text(values["instance_access_url"], "access URL")
        if instance.id in backend.instances:
            raise ValueError(f"instance {instance.id} appears twice")
        backend.instances[instance.id] = instance


def _restore_replications(backend: ConnectBackend, entry: dict[str, Any]) -> None:
    for row in _list(entry["replications"], "replications"):
        instance_id, replica_region, alias = _row(row, 3, "replication")
        instance_id = _text(instance_id, "replicated instance")
        if REPLICA_REGIONS.get(backend.region_name) != replica_region:
            raise ValueError(f"{backend.region_name} does not replicate to {replica_region!r}")
        replica = connect_backend(backend.account_id, replica_region)
        for side in (backend, replica):
            if instance_id not in side.instances:
                raise ValueError(
                    f"replicated instance {instance_id} is missing in {side.region_name}"
                )
            if instance_id in side.replications:
                raise ValueError(f"instance {instance_id} is replicated twice")
        replication = Replication(
            instance_id, backend.region_name, replica_region, _text(alias, "replica alias")
        )
        backend.replications[instance_id] = replica.replications[instance_id] = replication


def _restore_groups(backend: ConnectBackend, entry: dict[str, Any]) -> None:
    for values in _list(entry["groups"], "traffic distribution groups"):
        values = _object(values, "traffic distribution group")
        instance_id = _text(values["instance_id"], "group instance")
        replication = backend.replications.get(instance_id)
        if replication is None or replication.source_region != backend.region_name:
            raise ValueError(
                f"a traffic distribution group's instance {instance_id} is not replicated from here"
            )
        group = TrafficDistributionGroup(
            backend.account_id,
            replication,
            _text(values["instance_arn"], "group instance ARN"),
            _text(values["name"], "group name"),
            _optional_text(values["description"], "group description"),
            _bool(values["is_default"], "default group"),
            group_id=_text(values["id"], "group id"),
        )
        group.resume_progress(_text(values["status"], "group status"))
        group.telephony_config = _percentages(values["telephony"], "telephony")
        group.agent_config = _percentages(values["agent"], "agent")
        sign_in = values["sign_in"]
        group.sign_in_config = (
            None
            if sign_in is None
            else DistributionConfig(
                [
                    SignInDistribution(_text(r, "sign-in Region"), _bool(on, "sign-in"))
                    for r, on in (_row(item, 2, "sign-in") for item in _list(sign_in, "sign-in"))
                ]
            )
        )
        if group.id in backend.groups:
            raise ValueError(f"traffic distribution group {group.id} appears twice")
        backend.groups[group.id] = group


def _percentages(value: Any, what: str) -> DistributionConfig:
    return DistributionConfig(
        [
            Distribution(_text(region, what), _int(percentage, what))
            for region, percentage in (_row(item, 2, what) for item in _list(value, what))
        ]
    )


def _restore_tags(backend: ConnectBackend, entry: dict[str, Any]) -> None:
    for arn, tags in _object(entry["tags"], "tags").items():
        backend.tagger.tag_resource(
            arn, TaggingService.convert_dict_to_tags_input(_tags(tags, f"tags of {arn}"))
        )


def _restore_numbers(backend: ConnectBackend, entry: dict[str, Any]) -> None:
    """The account and Region's numbers; the hot loop of a large restore, so each row is checked
    with a few type tests and the targets are looked up once each."""
    from .. import inventory  # phonenumbers loads with the first phone-number operation

    if _list(entry["number_fields"], "number fields") != list(NUMBER_FIELDS):
        raise ValueError(f"numbers' fields are not {', '.join(NUMBER_FIELDS)}")
    stock = registry()
    targets: dict[str, Target] = {}
    progress = {status: _progress_at(status) for status in ("IN_PROGRESS", "CLAIMED")}
    account, region = backend.account_id, backend.region_name
    # Whether the source exists, and names this number, is the End User Messaging section's check.
    sms_prefix = f"arn:{get_partition(region)}:sms-voice:{region}:{account}:phone-number/"
    numbers: dict[str, PhoneNumber] = {}
    holders, width = stock.holders, len(NUMBER_FIELDS)
    is_uuid, is_e164 = arns.UUID.fullmatch, _E164.match
    for row in _list(entry["numbers"], "numbers"):
        if type(row) is not list or len(row) != width:
            _row(row, width, "number")  # raises, saying what is wrong
        (number_id, e164, country, kind, description, target_arn, status, failure, held, source) = (
            row
        )
        if type(number_id) is not str or not is_uuid(number_id):
            raise ValueError(f"number id {number_id!r:.100} is not a UUID")
        if number_id in numbers or number_id in backend.numbers:
            raise ValueError(f"number id {number_id} appears twice")
        if type(e164) is not str or not is_e164(e164):
            raise ValueError(f"{e164!r:.100} is not an E.164 phone number")
        if e164 in holders:
            raise ValueError(f"{e164} is held twice")
        if type(country) is not str or type(kind) is not str:
            raise ValueError(f"{e164}'s country and type must be strings")
        if description is not None and type(description) is not str:
            raise ValueError(f"{e164}'s description must be a string or null")
        if source is not None and (type(source) is not str or not source.startswith(sms_prefix)):
            raise ValueError(
                f"{e164}'s source {source!r:.100} is not an End User Messaging number of its "
                f"account and Region"
            )
        target = targets.get(target_arn) if type(target_arn) is str else None
        if target is None:
            target = targets[target_arn] = _number_target(backend, _text(target_arn, "target"))
        if status == "CLAIMED" or status == "FAILED":
            made = progress["CLAIMED"]
        elif status == "IN_PROGRESS":
            made = progress["IN_PROGRESS"]
        else:
            raise ValueError(
                f"a number's status is IN_PROGRESS, CLAIMED or FAILED, not {status!r:.100}"
            )
        number = PhoneNumber(
            account,
            region,
            inventory.NumberInfo(e164, country, kind),
            target,
            description,
            source,
            phone_number_id=number_id,
            progress=made(),
        )
        numbers[number_id] = number
        if status == "FAILED":
            number.failure = _text(failure, "claim failure")
            number.held_until = _datetime(held, "failed claim's hold")
            backend._hold(number)  # with its hold's end
        else:
            holders[e164] = number
    _index(backend, list(numbers.values()))


def _progress_at(status: str) -> Callable[[], ManagedState]:
    """Status objects standing at ``status`` (IN_PROGRESS or CLAIMED), as a snapshot recorded
    it: copies of one made once, since a new one reads the clock."""
    template = ManagedState(PHONE_NUMBER_MODEL, [("IN_PROGRESS", "CLAIMED")])
    template.status = status
    attributes = vars(template)

    def progress() -> ManagedState:
        made = ManagedState.__new__(ManagedState)
        vars(made).update(attributes)
        return made

    return progress


def _index(backend: ConnectBackend, numbers: list[PhoneNumber]) -> None:
    """What the backend's ``_add`` does for each number, for a snapshot's numbers of its account
    and Region at once: each sorted index is built once rather than one insertion a number."""
    touched = {id(backend): backend}
    by_e164 = backend._by_e164
    for number in numbers:
        backend.numbers[number.phone_number_id] = number
        by_e164[number.phone_number] = number
        if number.group is not None:  # a TDG number: its partner Region lists it too
            partner = backend._partner_of(number)
            assert partner is not None
            partner._by_e164[number.phone_number] = number
            touched[id(partner)] = partner
    backend._active_per_target.update(n.target_arn for n in numbers if not n.failure)
    for each in touched.values():
        each._sorted_e164 = sorted(each._by_e164)


def _number_target(backend: ConnectBackend, target_arn: str) -> Target:
    arn = arns.parse(target_arn)
    if arn is None or (arn.account, arn.region) != (backend.account_id, backend.region_name):
        raise ValueError(f"a number's target {target_arn} is not of its account and Region")
    if arn.resource_type == "instance" and arn.resource_id in backend.instances:
        return Target(target_arn, arn.resource_id)
    group = backend.groups.get(arn.resource_id)
    if arn.resource_type == "traffic-distribution-group" and group is not None:
        return Target(target_arn, None, group)
    raise ValueError(f"a number's target {target_arn} is not in the snapshot")


def _restore_flows(backend: ConnectBackend, entry: dict[str, Any]) -> None:
    for instance_id, values in _object(entry["flows"], "flows").items():
        if instance_id not in backend.instances:
            raise ValueError(f"flows of instance {instance_id}, which is not in the snapshot")
        values = _object(values, "flows")
        if _list(values["fields"], "flow fields") != list(FLOW_FIELDS):
            raise ValueError(f"flows' fields are not {', '.join(FLOW_FIELDS)}")
        flows = backend.contact_flows[instance_id] = InstanceFlows()
        for row in _list(values["flows"], "flows"):
            (flow_id, name, kind, description, state, published, saved, modified, region) = _row(
                row, len(FLOW_FIELDS), "flow"
            )
            flow = ContactFlow(
                backend.account_id,
                backend.region_name,
                instance_id,
                _text(flow_id, "flow id"),
                _text(name, "flow name"),
                _text(kind, "flow type"),
                _optional_text(description, "flow description"),
            )
            flow.state = _text(state, "flow state")
            flow.published = _optional_text(published, "published content")
            flow.saved = _optional_text(saved, "saved content")
            if flow.published is None and flow.saved is None:
                raise ValueError(f"flow {flow.id} has no content")
            flow.last_modified_time = _datetime(modified, "flow modified time")
            flow.last_modified_region = _text(region, "flow modified Region")
            if flow.id in flows.flows or flow.name in flows.names:
                raise ValueError(f"flow {flow.id} ({flow.name}) appears twice")
            flows.add(flow)
        made = backend.flow_associations[instance_id] = NumberFlows()
        for row in _list(values["associations"], "associations"):
            number_arn, flow_id = _row(row, 2, "association")
            if _text(flow_id, "associated flow") not in flows.flows:
                raise ValueError(f"a number is associated with flow {flow_id}, not in the snapshot")
            made.associate(_text(number_arn, "associated number"), flow_id)


def _restore_records(backend: ConnectBackend, entry: dict[str, Any]) -> None:
    backend.churn = churn.ChurnLog.of_releases(
        [
            rules.ticks(_datetime(at, "churn record"))
            for at in _list(entry["churn"], "churn records")
        ]
    )
    if _list(entry["idempotency_fields"], "idempotency fields") != list(IDEMPOTENCY_FIELDS):
        raise ValueError(f"idempotency records' fields are not {', '.join(IDEMPOTENCY_FIELDS)}")
    for row in _list(entry["idempotency"], "idempotency records"):
        operation, token, fingerprint, expires, answer = _row(row, 5, "idempotency record")
        if operation not in IDEMPOTENT_OPERATIONS:
            raise ValueError(f"{operation!r} keeps no idempotency records")
        backend.ledger.restore(
            LedgerEntry(
                operation,
                _text(token, "client token"),
                _int(fingerprint, "fingerprint"),
                rules.ticks(_datetime(expires, "idempotency record's expiry")),
                _optional_text(answer, "idempotency answer"),
            )
        )


# -- checked reads -------------------------------------------------------------------------------


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{what} must be an object, not {type(value).__name__}")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"{what} must be a list, not {type(value).__name__}")
    return value


def _row(value: Any, size: int, what: str) -> list[Any]:
    row = _list(value, what)
    if len(row) != size:
        raise ValueError(f"a {what} row has {len(row)} values, not {size}")
    return row


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be a string, not {value!r:.100}")
    return value


def _optional_text(value: Any, what: str) -> str | None:
    return None if value is None else _text(value, what)


def _int(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{what} must be a whole number, not {value!r:.100}")
    return value


def _bool(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{what} must be true or false, not {value!r:.100}")
    return value


def _datetime(value: Any, what: str) -> datetime:
    at = datetime.fromisoformat(value if type(value) is str else _text(value, what))
    if at.tzinfo is not None:
        raise ValueError(f"{what} must be naive UTC, like the plugin clock: {value!r}")
    return at


def _optional_time(value: Any, what: str) -> datetime | None:
    return None if value is None else _datetime(value, what)


def _e164(value: Any) -> str:
    e164 = _text(value, "phone number")
    if not _E164.match(e164):
        raise ValueError(f"{e164!r:.100} is not an E.164 phone number")
    return e164


def _tags(value: Any, what: str) -> dict[str, str]:
    tags = _object(value, what)
    for key, tag in tags.items():
        _text(tag, f"{what}: {key}")
    return tags
