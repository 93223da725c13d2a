"""Snapshot files: the format, and the registry of the sections that fill them.

A snapshot is versioned JSON, never pickle: Python's docs warn that unpickling untrusted data can
run arbitrary code, and loading a snapshot must run none. Each family of backends (Connect; any
other the package adds) contributes a :class:`Section` of its own under its name, so a new backend
plugs in by registering one. Files are written atomically, as git and SQLite write theirs: a
temporary file in the same directory, fsync, ``os.replace``, fsync of the directory; a reader sees
the old snapshot or the new one, never a torn one. The file is created readable by its owner only.

Reading refuses, with :class:`SnapshotError` naming the file and the problem, anything that is not
a whole snapshot this version can read: not JSON, truncated, another kind of JSON, a version this
package does not know, a section it has no backend for. LocalStack's persistence docs warn that
its snapshots may not load across versions; here a snapshot of another version is refused by name.

This module imports nothing of the package, so every family can build on it; callers hold
whatever lock keeps their sections consistent while they capture and restore them.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import IO, Any, Protocol

#: What the ``format`` member of every snapshot says, so another JSON file is told apart.
FORMAT = "moto-connect-ext snapshot"
#: The layout this version writes and reads. A change to it adds a migration from the previous
#: version here, so older snapshots still load; until then an older one is refused by name.
VERSION = 1


class SnapshotError(ValueError):
    """A snapshot that cannot be read or restored; the message names the file and the problem."""


class Aside(Protocol):
    """A family's state moved out of the way of a restore."""

    def put_back(self) -> None:
        """The restore failed: drop what it built, and serve the state set aside again."""

    def discard(self) -> None:
        """The restore succeeded: let go of the state set aside."""


@dataclass(frozen=True)
class Section:
    """One family's part of a snapshot.

    ``capture`` returns the family's state as JSON values (callers hold its lock);
    ``set_aside`` moves the family's state out, leaving it empty, so that a failed restore can
    be undone without a copy of a large world; ``restore`` builds a captured state on the empty
    family, raising ValueError (or any error of a bad value: KeyError, TypeError, IndexError,
    OverflowError) for data it refuses; ``summary`` counts what captured data holds, for the
    snapshot's metadata.
    """

    capture: Callable[[], Any]
    set_aside: Callable[[], Aside]
    restore: Callable[[Any], None]
    summary: Callable[[Any], dict[str, int]]


SECTIONS: dict[str, Section] = {}


def register(name: str, section: Section) -> None:
    SECTIONS[name] = section


#: Errors a restore of bad data may raise, besides ValueError.
_BAD_DATA = (ValueError, KeyError, TypeError, IndexError, OverflowError, AttributeError)


def capture() -> dict[str, Any]:
    """The whole document of a snapshot of every registered section (callers hold the lock)."""
    with _paused_gc():
        sections = {name: section.capture() for name, section in SECTIONS.items()}
    return {
        "format": FORMAT,
        "version": VERSION,
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "package_version": _package_version(),
        "summary": {name: SECTIONS[name].summary(data) for name, data in sections.items()},
        "sections": sections,
    }


def _package_version() -> str:
    try:
        return metadata.version("moto-connect-ext")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "unknown"


def restore(document: Any, source: str) -> None:
    """Replace every registered section's state with the document's, all or nothing.

    Callers hold the lock. The document is checked first (:func:`check`); if a section then
    refuses its data, every section goes back to the state it had, and SnapshotError names
    ``source`` and the problem.
    """
    sections = check(document, source)
    aside = {name: section.set_aside() for name, section in SECTIONS.items()}
    try:
        with _paused_gc():
            for name, section in SECTIONS.items():
                if name in sections:  # a family newer than the snapshot starts empty
                    section.restore(sections[name])
    except BaseException as problem:  # whatever went wrong, the old world is served again
        for old in aside.values():
            old.put_back()
        if not isinstance(problem, (*_BAD_DATA, RecursionError)):
            raise  # not the file's fault: a bug, or the process going down
        raise SnapshotError(
            f"{source}: refused, nothing was loaded: {_describe(problem)}"
        ) from None
    for old in aside.values():
        old.discard()


@contextlib.contextmanager
def _paused_gc() -> Iterator[None]:
    """The cyclic collector off while a snapshot's many small lists and objects are made: each
    collection would walk the whole heap, again and again, and find no cycle to free (it makes
    a large load several times slower)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _describe(problem: BaseException) -> str:
    if isinstance(problem, KeyError):
        return f"a required member is missing: {problem}"
    if isinstance(problem, RecursionError):
        return "nested too deeply"
    text = str(problem) or type(problem).__name__
    return text[:500]


def check(document: Any, source: str) -> dict[str, Any]:
    """The sections of a snapshot document, or SnapshotError naming ``source``: not a snapshot,
    a version this package cannot read, or a section with no backend to take it."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SnapshotError(f"{source}: not a moto-connect-ext snapshot (no format {FORMAT!r})")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise SnapshotError(f"{source}: the snapshot's version is {version!r}, not a version")
    if version > VERSION:
        raise SnapshotError(
            f"{source}: written by a newer moto-connect-ext (snapshot version {version}; this one "
            f"reads version {VERSION}); upgrade moto-connect-ext to load it"
        )
    if version < VERSION:
        raise SnapshotError(
            f"{source}: snapshot version {version} is older than this moto-connect-ext can "
            f"migrate (it reads version {VERSION})"
        )
    sections = document.get("sections")
    if not isinstance(sections, dict):
        raise SnapshotError(f"{source}: the snapshot has no sections object")
    unknown = sorted(set(sections) - set(SECTIONS))
    if unknown:
        raise SnapshotError(
            f"{source}: holds section(s) {', '.join(map(repr, unknown))} that this installation "
            f"has no backend for; loading it would lose them"
        )
    return sections


def metadata_of(document: dict[str, Any]) -> dict[str, Any]:
    """What a snapshot says about itself: everything but its sections."""
    return {key: value for key, value in document.items() if key != "sections"}


# -- files -----------------------------------------------------------------------------------


def read(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A snapshot file's document, checked (:func:`check`); SnapshotError names the file."""
    source = os.fspath(path)
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except OSError as problem:
        raise SnapshotError(f"{source}: cannot be read: {problem.strerror or problem}") from None
    return parse(raw, source)


def parse(raw: bytes, source: str) -> dict[str, Any]:
    """A snapshot's bytes as its checked document; SnapshotError names ``source``."""
    if not raw.strip():
        raise SnapshotError(f"{source}: empty, not a snapshot")
    try:
        with _paused_gc():
            document = json.loads(raw)
    except UnicodeDecodeError:
        raise SnapshotError(f"{source}: not UTF-8 text, so not a snapshot") from None
    except json.JSONDecodeError as problem:
        truncated = problem.pos >= len(raw.rstrip()) or problem.msg.startswith("Unterminated")
        what = "truncated" if truncated else "corrupt"
        raise SnapshotError(f"{source}: {what}, not valid JSON ({problem})") from None
    except (ValueError, RecursionError) as problem:  # huge integers, deep nesting
        raise SnapshotError(f"{source}: not a snapshot: {_describe(problem)}") from None
    check(document, source)
    return document  # type: ignore[no-any-return]


def write(path: str | os.PathLike[str], document: dict[str, Any]) -> int:
    """Write a snapshot atomically, readable by its owner only; the number of bytes written."""
    target = Path(path)
    directory = target.parent
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=directory
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            _dump(document, file)
            file.flush()
            os.fsync(file.fileno())
            size = file.tell()
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_directory(directory)
    return size


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable: without it a crash may bring back the old directory entry."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def move_aside(path: str | os.PathLike[str]) -> Path:
    """Rename a snapshot a server refused out of the way (``NAME.bad-<UTC time>``), keeping it
    for a person to look at; where it went."""
    target = Path(path)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    aside = target.with_name(f"{target.name}.bad-{stamp}")
    os.replace(target, aside)
    _fsync_directory(target.parent)
    return aside


def _dump(document: Any, file: IO[str]) -> None:
    """JSON that diffs well: objects indented, one table row (a list of plain values) a line."""
    file.write("".join(_chunks(document, 0)))
    file.write("\n")


#: Rows and plain values, compact: one encoder for all, since ``json.dumps`` with options makes
#: an encoder a call, which a table of 100,000 rows would feel.
_compact = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def _rows(rows: list[Any], inner: str) -> str:
    """A table, one row a line (without its closing bracket).

    Rows are encoded :data:`_ROWS_A_CALL` at a time and the line breaks put between them, which is
    several times faster than a call a row; that is safe only when every ``],[`` of the text is a
    boundary between rows, so a batch where one is not (a string or a nested list holds one) is
    encoded a row at a time. Batches, not the whole table in one call: the encoder holds the GIL
    for a whole call, and a server's other threads answer requests between batches.
    """
    batches = []
    for start in range(0, len(rows), _ROWS_A_CALL):
        batch = rows[start : start + _ROWS_A_CALL]
        text = _compact(batch)
        if text.count("],[") == len(batch) - 1:
            batches.append(text[1:-1].replace("],[", "]," + inner + "["))
        else:
            batches.append(("," + inner).join(map(_compact, batch)))
    return "[" + inner + ("," + inner).join(batches)


#: Rows a call of the encoder takes: about a millisecond of work.
_ROWS_A_CALL = 500


def _chunks(value: Any, depth: int) -> Iterator[str]:
    if isinstance(value, dict) and value:
        inner = "\n" + " " * (depth + 1)
        yield "{"
        for index, (key, item) in enumerate(value.items()):
            yield ("," if index else "") + inner + json.dumps(key) + ": "
            yield from _chunks(item, depth + 1)
        yield "\n" + " " * depth + "}"
    elif isinstance(value, list) and value and isinstance(value[0], list):
        yield _rows(value, "\n" + " " * (depth + 1)) + "\n" + " " * depth + "]"
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        inner = "\n" + " " * (depth + 1)
        yield "["
        for index, item in enumerate(value):
            yield ("," if index else "") + inner
            yield from _chunks(item, depth + 1)
        yield "\n" + " " * depth + "]"
    else:
        yield _compact(value)
