"""Keyset pagination tokens.

A token carries the sort key of the last item returned and a digest of the query it belongs to.
The next page starts strictly after that key, so a page costs the same at any depth and a token
stays valid while other numbers are claimed or released (moto's ``paginate`` restarts from the
first item and forgets the position when the item after the page boundary goes away).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")


def _digest(query: dict[str, Any]) -> str:
    canonical = json.dumps(query, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def encode(after: str, query: dict[str, Any]) -> str:
    payload = json.dumps({"after": after, "query": _digest(query)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode()


def decode(token: str | None, query: dict[str, Any], error: type[Exception]) -> str | None:
    """The key to resume after, or ``error`` if the token is not one this query handed out.

    A token is the caller's text: whatever it decodes to (nesting too deep for the JSON parser
    included) is either a token of this query or ``error``.
    """
    if token is None:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(token.encode()))
        after = payload["after"]
        matches = payload["query"] == _digest(query)
    except (ValueError, TypeError, KeyError, UnicodeError, RecursionError):
        raise error(f"Invalid NextToken: {token[:100]}") from None
    if not matches or not isinstance(after, str):
        raise error("The NextToken does not belong to this request's parameters.")
    return after


def page(
    items: Iterable[T], limit: int, key: Callable[[T], str], query: dict[str, Any]
) -> tuple[list[T], str | None]:
    """Up to ``limit`` of the items (in key order, from where the token left off), and the token
    for the rest: only when one more item follows."""
    found = list(islice(items, limit + 1))
    if len(found) <= limit:
        return found, None
    return found[:limit], encode(key(found[limit - 1]), query)
