"""The export of the plugin into moto: ``python -m moto_connect_ext.upstream DIR``.

It writes the change into the moto source tree at DIR (a git checkout or an unpacked sdist) and
the same change, one part per patch, as a ``git format-patch`` series beside it. The parts:

1. moto core: IAM emulation for rest-json services (:mod:`.core`);
2. one per connect resource family the plugin has (phone numbers, traffic distribution and
   replication, flows once they exist), each with its tests and regenerated coverage docs.

Nothing here is imported by the plugin itself.
"""

from __future__ import annotations

from pathlib import Path

from . import connect, core, series, tree


def _core(moto: Path) -> None:
    for edit in core.EDITS:
        edit.apply(moto)
    tree.copy_files(moto, core.TESTS)


CORE = series.Part(
    subject="Core: IAM emulation for rest-json services",
    body=(
        "A body-less GET or DELETE is signed over an empty payload; moto signed\n"
        "its query parameters as a form body, so every such request failed the\n"
        "signature check. Denials of rest-json services are JSON\n"
        "(AccessDeniedException, InvalidSignatureException,\n"
        "UnrecognizedClientException), which botocore can read; XML became code\n"
        "'403'."
    ),
    change=_core,
)


def parts() -> list[series.Part]:
    """The patch series, in the order moto applies it."""
    return [CORE, *connect.parts()]


def export(moto: Path, patches: Path, author: series.Author) -> list[Path]:
    """Write the change into the moto tree and its patch series into ``patches`` (a new or empty
    directory), committed as ``author``."""
    return series.write(moto, parts(), patches, author)
