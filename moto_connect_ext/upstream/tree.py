"""Changing a moto source tree: exact edits of moto's files and files copied from ``files/``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

#: The package's files that go into moto as they are, at the same path below this folder.
FILES = Path(__file__).parent / "files"


class AnchorMissing(Exception):
    """An edit's text is not (exactly once) in the file: this moto differs from the one it fits."""


@dataclasses.dataclass(frozen=True)
class Edit:
    """Replace ``old`` (which must occur exactly once) with ``new`` in moto's file at ``path``."""

    path: str
    old: str
    new: str

    def apply(self, tree: Path) -> None:
        target = tree / self.path
        text = target.read_text()
        if text.count(self.old) != 1:
            raise AnchorMissing(
                f"{self.path}: expected this text exactly once, found it "
                f"{text.count(self.old)} times:\n{self.old}"
            )
        target.write_text(text.replace(self.old, self.new))


def copy_files(tree: Path, paths: tuple[str, ...]) -> None:
    """Write each of ``files/<path>`` to ``<tree>/<path>``."""
    for path in paths:
        target = tree / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text((FILES / path).read_text())
