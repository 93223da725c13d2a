"""What the content of every flow must be, published or saved: its length, and the Flow
language version the default flows are written in. The structural checks published content gets
are :mod:`.flow_language`'s."""

from __future__ import annotations

#: "Currently the only supported version is 2019-10-30" (Flow language reference).
VERSION = "2019-10-30"
#: The Content member's documented length (the model has the text, not a constraint).
MAX_CONTENT = 256_000


def content_length_problem(content: str) -> str | None:
    """Why content is outside the documented 1-256000 characters, or None."""
    if not 1 <= len(content) <= MAX_CONTENT:
        return f"Content must be 1-{MAX_CONTENT} characters long, not {len(content)}."
    return None
