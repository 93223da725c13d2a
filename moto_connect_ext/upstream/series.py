"""The change as moto receives it: one commit per part, written as a ``git format-patch`` series.

The parts are applied to a scratch copy of the tree under git, each part committed on its own;
``git format-patch`` then writes the series, and the files the series changes are copied back
into the tree. The tree itself needs no git (an unpacked sdist has none), and a git checkout
gets working-tree changes, not commits.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

#: What a scratch copy leaves out: version control, caches and build output.
_NOT_COPIED = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", ".mypy_cache", ".ruff_cache")

_AUTHOR = (
    "-c",
    "user.name=moto-connect-ext",
    "-c",
    "user.email=moto-connect-ext@users.noreply.github.com",
)


@dataclasses.dataclass(frozen=True)
class Part:
    """One patch of the series: its commit message and how it changes a tree."""

    subject: str
    body: str
    change: Callable[[Path], None]


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *_AUTHOR, *args], cwd=repo, check=True, capture_output=True, text=True
    )
    return done.stdout


def write(tree: Path, parts: list[Part], patches: Path) -> list[Path]:
    """Apply the parts to ``tree`` and write their patch series into ``patches``."""
    with tempfile.TemporaryDirectory(prefix="moto-export-") as scratch:
        repo = Path(scratch) / "moto"
        shutil.copytree(tree, repo, ignore=_NOT_COPIED)
        _git(repo, "init", "--quiet")
        _git(repo, "add", "--all", "--force")
        _git(repo, "commit", "--quiet", "--no-verify", "-m", "base")
        base = _git(repo, "rev-parse", "HEAD").strip()
        for part in parts:
            part.change(repo)
            _git(repo, "add", "--all", "--force")
            _git(
                repo,
                "commit",
                "--quiet",
                "--no-verify",
                "--allow-empty",
                "-m",
                part.subject,
                "-m",
                part.body,
            )
        if patches.exists():
            shutil.rmtree(patches)
        patches.mkdir(parents=True)
        names = _git(
            repo, "format-patch", "--numbered", "--output-directory", str(patches), f"{base}..HEAD"
        )
        _copy_back(repo, base, tree)
    return [Path(name) for name in names.split()]


def _copy_back(repo: Path, base: str, tree: Path) -> None:
    """Make ``tree`` what the scratch copy became: changed and added files copied, deleted removed."""
    for line in _git(repo, "diff", "--name-status", "--no-renames", base, "HEAD").splitlines():
        status, path = line.split("\t", 1)
        if status == "D":
            (tree / path).unlink()
        else:
            (tree / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(repo / path, tree / path)
