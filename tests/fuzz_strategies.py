"""Hypothesis strategies for raw requests to the phone-number operations, from the botocore model.

Nothing here lists members or constraints by hand: each operation's input shape is walked to draw
valid values (enum members, patterns, lengths, ranges, list and map sizes), values at their
boundaries, and invalid ones (the wrong JSON type, too long, too short, off-pattern, off-enum, odd
unicode). Identifiers come from the test's state: :class:`Pools` maps a shape name (``InstanceId``,
``ARN``, ``PhoneNumberId``, ``PhoneNumber``, ...) to real values (held and released numbers,
instances, other accounts' and Regions' ARNs), mixed in with generated ones so that requests get past
"not found". A request is then built from the model the way any client builds it (method, request
URI with percent-encoded labels, query string, JSON body) and possibly broken at the request level:
a required member dropped, unknown members added, malformed JSON, a bad query string, a huge body.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import re
import string
from functools import cache
from typing import Any
from urllib.parse import quote

import botocore.session
from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape
from hypothesis import strategies as st

import support
from moto_connect_ext.connect import validation

SERVICE = botocore.session.get_session().get_service_model("connect")
OPERATIONS = support.PHONE_NUMBER_FAMILY
#: The contact-flow family, fuzzed in a run of its own (tests/test_fuzz.py, ``fuzzed_flows``).
FLOW_OPERATIONS = support.FLOW_FAMILY
REGIONS = ("us-east-1", "us-west-2")
#: Length drawn for strings the model does not bound (a sensible ceiling for generated text).
_FREE_TEXT = 40
#: Mutations of a whole request, with their weights.
KINDS = {
    "valid": 30,
    "boundary": 8,
    "invalid_member": 26,
    "missing_required": 6,
    "unknown_member": 8,
    "malformed_json": 7,
    "bad_query": 6,
    "odd_label": 5,
    "huge_body": 2,
    "other_region": 2,
}
ODD_TEXT = [
    "",
    " ",
    "\x00",
    "\u202e+18005551234",  # right-to-left override
    "\ufeff+18005551234",  # byte-order mark
    "\uff0b\uff11\uff18\uff10\uff10\uff15\uff15\uff15\uff11\uff12\uff13\uff14",  # full-width
    "+1800555\u0661\u0662\u0663\u0664",  # Arabic-Indic digits
    "+1 800 555 1234",
    "e\u0301\u0301\u0301",  # combining marks
    "\U0001f4de\U0001f600",  # emoji
    "\ud800",  # a lone surrogate (escaped in JSON)
    "null",
    "../../etc/passwd",
    "%2F%00%ZZ",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "arn:aws:connect:us-east-1:123456789012:phone-number/",
]


#: Shapes whose values are partly real identifiers from the test's state (see :class:`Pools`).
POOLED = frozenset(
    {
        "ARN",
        "InstanceId",
        "PhoneNumberId",
        "PhoneNumber",
        "ClientToken",
        "NextToken",
        "LargeNextToken",
        "ContactFlowId",
        "ContactFlowName",
        "ContactFlowContent",
    }
)


@dataclasses.dataclass(frozen=True)
class Ref:
    """A pick from a pool, resolved when the request is built.

    Drawing an index instead of a pool member keeps data generation independent of the state,
    which changes as requests succeed (hypothesis insists on that).
    """

    shape: str
    index: int
    odd: bool = False  # from the pool of foreign, released and malformed identifiers


@dataclasses.dataclass
class Pools:
    """Real values by the shape name they fill; the test refreshes them from its state."""

    #: Identifiers that name something of this account: instances, held numbers, stock.
    values: dict[str, list[Any]] = dataclasses.field(default_factory=dict)
    #: Identifiers that should not work: other accounts' and Regions', released numbers', ...
    odd: dict[str, list[Any]] = dataclasses.field(default_factory=dict)

    def get(self, shape_name: str, odd: bool = False) -> list[Any]:
        pool = self.odd.get(shape_name, []) if odd else []
        return pool or self.values.get(shape_name, [])

    def resolve(self, value: Any) -> Any:
        """``value`` with every :class:`Ref` replaced by its pool member."""
        if isinstance(value, Ref):
            pool = self.get(value.shape, value.odd)
            return pool[value.index % len(pool)] if pool else "none"
        if isinstance(value, dict):
            return {self.resolve(k): self.resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        return value


@dataclasses.dataclass(frozen=True)
class Request:
    """A raw HTTP request to one operation, and how it was made (for reports)."""

    operation: str
    kind: str
    method: str
    path: str
    body: bytes | None
    region: str
    note: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False)

    def describe(self) -> str:
        body = b"" if self.body is None else self.body
        shown = body[:300].decode("utf-8", "backslashreplace")
        more = f"... ({len(body)} bytes)" if len(body) > 300 else ""
        return (
            f"{self.operation} [{self.kind}: {self.note}] {self.region} {self.method} "
            f"{self.path[:300]} {shown}{more}"
        )


def operation(name: str) -> OperationModel:
    return SERVICE.operation_model(name)


# -- patterns --------------------------------------------------------------------------------


def intended_pattern(model_pattern: str) -> str:
    """The pattern as the service applies it: double escaping undone, matched in full."""
    return model_pattern.replace("\\\\", "\\")


def matches(shape: Shape, value: str) -> bool:
    """Whether the service's pattern takes value (``\\p{L}`` classes included, as validation reads them)."""
    pattern = shape.metadata.get("pattern")
    return pattern is None or validation._pattern(pattern).fullmatch(value) is not None


def _length_ok(shape: Shape, value: Any) -> bool:
    meta = shape.metadata
    return meta.get("min", 0) <= len(value) <= meta.get("max", len(value))


# -- valid values ----------------------------------------------------------------------------


@cache
def _generated_string(shape: Shape) -> st.SearchStrategy[str]:
    meta = shape.metadata
    low = meta.get("min", 0)
    high = meta.get("max", max(low, _FREE_TEXT))
    if "enum" in meta:
        return st.sampled_from(meta["enum"])
    pattern = meta.get("pattern")
    if pattern is not None:
        intended = intended_pattern(pattern)
        try:
            re.compile(intended)
        except re.error:
            # Unicode classes (\p{L}) that ``re`` and hypothesis lack: draw from letters, digits,
            # spaces and punctuation and keep what the real pattern accepts.
            alphabet = st.characters(categories=("L", "N", "Zs")) | st.sampled_from(
                string.punctuation
            )
            return st.text(alphabet, min_size=max(low, 1), max_size=min(high, _FREE_TEXT)).filter(
                lambda s: matches(shape, s)
            )
        ascii_text = st.characters(codec="ascii", exclude_categories=("Cc",))
        return st.from_regex(intended, fullmatch=True, alphabet=ascii_text).filter(
            lambda s: low <= len(s) <= high
        )
    return st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        min_size=low,
        max_size=min(high, _FREE_TEXT),
    )


def _string(shape: Shape, real: bool) -> st.SearchStrategy[Any]:
    generated = _generated_string(shape)
    if shape.name in POOLED:
        pick = st.integers(0, 2**16).map(lambda i: Ref(shape.name, i))
        odd = st.integers(0, 2**16).map(lambda i: Ref(shape.name, i, odd=True))
        return pick if real else st.one_of(pick, odd, generated)
    return generated


@cache
def valid(shape: Shape, real: bool = False) -> st.SearchStrategy[Any]:
    """Values the model accepts for ``shape``.

    Identifiers are partly real ones (as :class:`Ref`), or only real ones with ``real``.
    """
    meta = shape.metadata
    kind = shape.type_name
    if kind == "string":
        return _string(shape, real)
    if kind in ("integer", "long"):
        low, high = meta.get("min", -(2**31)), meta.get("max", 2**31 - 1)
        return st.one_of(st.sampled_from([low, high]), st.integers(low, high))
    if kind == "boolean":
        return st.booleans()
    if isinstance(shape, ListShape):
        low = meta.get("min", 0)
        high = meta.get("max", low + 3)
        return st.lists(valid(shape.member, real), min_size=low, max_size=min(high, low + 3))
    if isinstance(shape, MapShape):
        low = meta.get("min", 0)
        high = meta.get("max", low + 3)
        return st.dictionaries(
            valid(shape.key, real),
            valid(shape.value, real),
            min_size=low,
            max_size=min(high, low + 3),
        )
    if isinstance(shape, StructureShape):
        return structure(shape, real)
    return st.none()


#: Structures whose strategy is being built: a shape met again inside itself (SearchContactFlows'
#: criteria nest ``OrConditions`` of criteria) is drawn empty there, so nesting stops one level down.
_BUILDING: set[str] = set()


@cache
def structure(shape: StructureShape, real: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    """Required members always, each optional member or not, all valid."""
    if shape.name in _BUILDING:
        return st.just({})
    _BUILDING.add(shape.name)
    try:
        members = shape.members.items()
        required = {n: valid(m, real) for n, m in members if n in shape.required_members}
        optional = {n: valid(m, real) for n, m in members if n not in shape.required_members}
    finally:
        _BUILDING.discard(shape.name)
    return st.fixed_dictionaries(required, optional=optional)


def boundary(shape: Shape) -> st.SearchStrategy[Any]:
    """Valid values at the edges of the model's constraints."""
    meta = shape.metadata
    kind = shape.type_name
    if kind in ("integer", "long"):
        return st.sampled_from([meta.get("min", -(2**31)), meta.get("max", 2**31 - 1)])
    if kind == "string":
        if "enum" in meta:
            return st.sampled_from([meta["enum"][0], meta["enum"][-1]])
        edges = [n for n in (meta.get("min"), meta.get("max")) if n is not None]
        if "pattern" in meta or not edges:
            return _generated_string(shape)
        return st.tuples(st.sampled_from(edges), st.sampled_from("aZ9-é")).map(
            lambda edge: edge[1] * edge[0]
        )
    if isinstance(shape, ListShape):
        high = meta.get("max", 3)
        return st.lists(valid(shape.member), min_size=high, max_size=high)
    if isinstance(shape, MapShape):
        high = meta.get("max", 3)
        return st.dictionaries(
            _generated_string(shape.key),
            _generated_string(shape.value),
            min_size=high,
            max_size=high,
        )
    return valid(shape)


# -- invalid values --------------------------------------------------------------------------


def wrong_type(shape: Shape) -> st.SearchStrategy[Any]:
    """A JSON value of another type than the member's."""
    others: dict[str, list[Any]] = {
        "string": [0, 1.5, True, [], ["x"], {}, {"a": "b"}],
        "integer": ["5", "five", 1.5, True, [], {}, 2**70, -(2**70)],
        "long": ["5", 1.5, True, [], {}],
        "boolean": ["true", 1, [], {}],
        "list": ["x", 5, {}, {"a": "b"}, True],
        "map": ["x", 5, [], [["a", "b"]], True],
        "structure": ["x", 5, [], True],
    }
    return st.sampled_from(others.get(shape.type_name, ["x"]))


@cache
def invalid(shape: Shape) -> st.SearchStrategy[Any]:
    """Values the model rejects for ``shape`` (or, for unconstrained strings, odd ones)."""
    meta = shape.metadata
    kind = shape.type_name
    options: list[st.SearchStrategy[Any]] = [wrong_type(shape)]
    if kind == "string":
        options.append(st.sampled_from(ODD_TEXT))
        if "max" in meta:
            options.append(st.integers(meta["max"] + 1, meta["max"] + 3).map(lambda n: "7" * n))
        else:
            options.append(st.just("x" * 70_000))
        if meta.get("min", 0) > 0:
            options.append(st.just("x" * (meta["min"] - 1)))
        if "enum" in meta:
            options.append(st.sampled_from(meta["enum"]).map(str.lower))
            options.append(st.text(string.ascii_uppercase, min_size=1, max_size=4))
        if "pattern" in meta:
            options.append(st.text(min_size=1, max_size=20).filter(lambda s: not matches(shape, s)))
    elif kind in ("integer", "long"):
        if "min" in meta:
            options.append(st.sampled_from([meta["min"] - 1, -1, -(2**63)]))
        if "max" in meta:
            options.append(st.sampled_from([meta["max"] + 1, 2**31, 2**63]))
    elif isinstance(shape, ListShape):
        high = meta.get("max")
        if high is not None:
            options.append(st.lists(valid(shape.member), min_size=high + 1, max_size=high + 2))
        options.append(st.lists(invalid(shape.member), min_size=1, max_size=2))
    elif isinstance(shape, MapShape):
        if meta.get("min", 0) > 0:
            options.append(st.just({}))
        high = meta.get("max")
        if high is not None:
            options.append(st.just({f"k{i}": "v" for i in range(high + 1)}))
        options.append(
            st.dictionaries(
                invalid(shape.key).filter(lambda k: isinstance(k, str)),
                valid(shape.value),
                min_size=1,
                max_size=2,
            )
        )
        options.append(
            st.dictionaries(valid(shape.key), invalid(shape.value), min_size=1, max_size=2)
        )
    return st.one_of(options)


# -- requests --------------------------------------------------------------------------------


def _location(member: Shape) -> str | None:
    return member.serialization.get("location")


def _wire(name: str, member: Shape) -> str:
    return member.serialization.get("name", name)


def _q(text: str) -> str:
    """Percent-encode every reserved character; lone surrogates go out as their (invalid) bytes."""
    return quote(text, safe="", errors="surrogatepass")


def _query_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value)


def build(
    name: str,
    params: dict[str, Any],
    region: str = "us-east-1",
    kind: str = "valid",
    note: str = "",
    extra_query: str = "",
    raw_body: bytes | None = None,
    raw_labels: dict[str, str] | None = None,
) -> Request:
    """The HTTP request a client sends for ``params``, per the operation's model."""
    model = operation(name)
    shape = model.input_shape
    uri = model.http["requestUri"]
    path_part, _, fixed_query = uri.partition("?")
    query: list[tuple[str, str]] = []
    body: dict[str, Any] = {}
    labels: dict[str, str] = {}
    for member_name, value in params.items():
        member = shape.members.get(member_name)
        if member is None:  # an unknown member: a JSON body member
            body[member_name] = value
            continue
        location, wire = _location(member), _wire(member_name, member)
        if location == "uri":
            labels[wire] = _q(_query_text(value))
        elif location == "querystring":
            items = value if isinstance(value, list) else [value]
            query += [(wire, _query_text(item)) for item in items]
        else:
            body[wire] = value
    labels.update(raw_labels or {})
    for label in re.findall(r"{(.*?)}", path_part):
        labels.setdefault(label, "")
    path = path_part.format(**labels)
    text = "&".join(f"{_q(k)}={_q(v)}" for k, v in query)
    if fixed_query:
        text = "&".join(p for p in (fixed_query, text) if p)
    if extra_query:
        text = "&".join(p for p in (text, extra_query) if p)
    if text:
        path += "?" + text
    if raw_body is not None:
        data: bytes | None = raw_body
    elif body or model.http["method"] in ("POST", "PUT"):
        data = json.dumps(body).encode()
    else:
        data = None
    return Request(name, kind, model.http["method"], path, data, region, note, params)


def _malformed() -> st.SearchStrategy[Any]:
    """A body that is not JSON, or (an int) where to cut the valid body short."""
    return st.one_of(
        st.integers(0, 2**16),
        st.sampled_from(
            [
                b"{not json}",
                b"[]",
                b'"a string"',
                b"null",
                b"42",
                b"true",
                b"{",
                b"}",
                b'{"PhoneNumber": }',
                b"\xff\xfe\x00{",
                b'{"a": "\\ud800"}',
                b'{"a": NaN}',
                b'{"a": 1e999}',
                b"{}" * 3,
                b"\x00",
                b"   ",
                b'{"__proto__": {}}',
                b'{"a":' * 5000 + b"1" + b"}" * 5000,
            ]
        ),
        st.binary(min_size=1, max_size=64),
    )


BAD_QUERIES = [
    "maxResults=abc",
    "maxResults=",
    "maxResults=-1",
    "maxResults=99999999999999999999",
    "maxResults=1&maxResults=2",
    "nextToken=",
    "nextToken=%ZZ",
    "clientToken=%00",
    "clientToken=" + "a" * 600,
    "phoneNumberTypes=BOGUS",
    "phoneNumberTypes=",
    "phoneNumberCountryCodes=us",
    "%ZZ=%ZZ",
    "=&=&",
    "a=b&c",
    "%00",
    "&&&",
    "x=%C3%28",
    "phoneNumberTypes=" + "&phoneNumberTypes=".join(["DID"] * 7),
    "instanceId=abc",
    "maxResults=1.5",
    "maxResults=%EF%BC%95",
    "maxResults=1_0",
    "maxResults=%2B5",
    "maxResults=%205",
]


@st.composite
def request(draw: st.DrawFn, pools: Pools, name: str) -> Request:
    """One request to the operation: valid, at a boundary or broken somehow."""
    model = operation(name)
    shape = model.input_shape
    kind = draw(st.sampled_from([k for k, w in KINDS.items() for _ in range(w)]))
    params = dict(draw(structure(shape, real=kind == "valid")))
    region = draw(st.sampled_from([REGIONS[0]] * 4 + [REGIONS[1]]))
    note = ""
    extra_query = ""
    raw_body: bytes | None = None
    raw_labels: dict[str, str] | None = None
    members = list(shape.members)
    body_members = [m for m in members if _location(shape.members[m]) is None]
    if kind == "valid" and draw(st.booleans()):
        optional = sorted(set(params) - set(shape.required_members))
        keep = set(draw(st.lists(st.sampled_from(optional), max_size=2))) if optional else set()
        params = {k: v for k, v in params.items() if k in shape.required_members or k in keep}
        note = "few members, real identifiers"
    elif kind == "valid":
        note = "real identifiers"
    elif kind == "boundary":
        member = draw(st.sampled_from(members))
        params[member] = draw(boundary(shape.members[member]))
        note = f"{member} at a boundary"
    elif kind == "invalid_member":
        member = draw(st.sampled_from(members))
        params[member] = draw(invalid(shape.members[member]))
        note = f"{member} invalid"
    elif kind == "missing_required":
        droppable = [m for m in shape.required_members if _location(shape.members[m]) != "uri"]
        if droppable:
            member = draw(st.sampled_from(droppable))
            params.pop(member, None)
            note = f"{member} missing"
        else:
            kind, note = "valid", "nothing droppable"
    elif kind == "unknown_member":
        extra = draw(
            st.dictionaries(
                st.text(
                    st.characters(codec="utf-8", exclude_categories=("Cs",)),
                    min_size=1,
                    max_size=12,
                ).filter(lambda k: k not in shape.members),
                st.one_of(
                    st.none(),
                    st.integers(),
                    st.text(max_size=10),
                    st.lists(st.integers(), max_size=2),
                ),
                min_size=1,
                max_size=3,
            )
        )
        params.update(extra)
        note = f"unknown {sorted(extra)}"
    elif kind == "malformed_json":
        cut_or_body = draw(_malformed())
        plain = build(name, pools.resolve(params), region).body or b"{}"
        raw_body = (
            plain[: cut_or_body % len(plain)] if isinstance(cut_or_body, int) else cut_or_body
        )
        note = "malformed body"
    elif kind == "bad_query":
        extra_query = draw(st.sampled_from(BAD_QUERIES))
        note = f"query {extra_query[:40]}"
    elif kind == "odd_label":
        labels = re.findall(r"{(.*?)}", model.http["requestUri"])
        if labels:
            label = labels[0]
            raw = draw(
                st.one_of(
                    st.sampled_from(ODD_TEXT).map(_q),
                    st.sampled_from(
                        [
                            "%ZZ",
                            "%",
                            "%C3%28",
                            "a%00b",
                            "x" * 5000,
                            "claim",
                            "list",
                            "search-available",
                            "%2E%2E",
                        ]
                    ),
                )
            )
            raw_labels = {label: raw}
            note = f"label {raw[:40]!r}"
        else:
            kind, note = "valid", "no label"
    elif kind == "huge_body":
        target = draw(st.sampled_from(body_members)) if body_members else "Padding"
        size = draw(st.sampled_from([300_000, 1_100_000]))
        params[target] = "9" * size
        note = f"{target} of {size} characters"
    elif kind == "other_region":
        region = REGIONS[1]
    return build(name, pools.resolve(params), region, kind, note, extra_query, raw_body, raw_labels)


# -- pagination tokens -----------------------------------------------------------------------

#: Longest token drawn where the model sets no maximum (the token then travels in the query
#: string, and the server refuses request lines over 65,536 bytes): room for the issue's
#: ``"[" * 5000`` (6,668 characters once in base64) several times over.
UNBOUNDED_TOKEN = 40_000
#: Longest free text drawn for an unbounded token: percent-encoding a non-ASCII character takes
#: up to 12 bytes.
UNBOUNDED_TEXT = 4_000
#: What a token's JSON may nest: JSON values of every type, some deep.
OPENERS = ("[", '{"a":', '{"after":')


def _json_values() -> st.SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
        max_leaves=12,
    )


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode()


def _nested(opener: str, high: int) -> st.SearchStrategy[str]:
    """``opener`` repeated, in base64 of at most ``high`` characters: as deep as that allows, past
    the JSON parser's limit (about 1,000 levels), or anywhere below."""
    deepest = high * 3 // 4 // len(opener)
    depth = st.sampled_from([999, 1001, 5000, deepest]).map(lambda d: min(d, deepest))
    return (depth | st.integers(1, deepest)).map(lambda d: _b64(opener.encode() * d))


def next_tokens(operation_name: str, real: list[str]) -> st.SearchStrategy[str]:
    """NextTokens up to the model's maximum length for the operation: arbitrary text, base64 of
    arbitrary JSON (deeply nested too, and shaped like the project's tokens), real tokens and
    real tokens cut short."""
    shape = operation(operation_name).input_shape.members["NextToken"]
    low = shape.metadata.get("min", 0)
    high = shape.metadata.get("max", UNBOUNDED_TOKEN)
    text_high = shape.metadata.get("max", UNBOUNDED_TEXT)
    options = [
        st.text(min_size=low, max_size=text_high),
        st.integers(max(low, 1), high).map(lambda n: "A" * n),
        st.sampled_from(OPENERS).flatmap(lambda opener: _nested(opener, high)),
        _json_values().map(lambda v: _b64(json.dumps(v).encode())),
        st.fixed_dictionaries({"after": _json_values(), "query": _json_values()}).map(
            lambda v: _b64(json.dumps(v).encode())
        ),
    ]
    if real:
        options.append(st.sampled_from(real))
        options.append(
            st.tuples(st.sampled_from(real), st.integers(1, 40)).map(
                lambda t: t[0][: -t[1]] or t[0]
            )
        )
    return st.one_of(options)
