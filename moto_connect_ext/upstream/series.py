"""The change as moto receives it: one commit per part, written as a ``git format-patch`` series.

The parts are applied to a scratch copy of the tree under git, each part committed on its own;
``git format-patch`` then writes the series, and the files the series changes are copied back
into the tree. The tree itself needs no git (an unpacked sdist has none), and a git checkout
gets working-tree changes, not commits.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Callable
from functools import partial
from pathlib import Path

#: What a scratch copy leaves out: version control, caches and build output.
_NOT_COPIED = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", ".mypy_cache", ".ruff_cache")

#: git's convention for a commit message: a subject that fits a one-line log with
#: ``[PATCH n/m]`` before it, and a body that reads in an 80-column terminal.
SUBJECT_WIDTH = 60
BODY_WIDTH = 72


@dataclasses.dataclass(frozen=True)
class Author:
    """Who the series' commits name as author and committer."""

    name: str
    email: str

    @classmethod
    def parse(cls, text: str) -> Author:
        """``Name <email>``, as ``git commit --author`` takes it."""
        match = re.fullmatch(r"\s*([^<>]*?)\s*<([^<>\s]+@[^<>\s]+)>\s*", text)
        if match is None or not match.group(1):
            raise ValueError(f"not an author of the form 'Name <email>': {text!r}")
        return cls(match.group(1), match.group(2))

    @classmethod
    def from_git_config(cls, cwd: Path) -> Author:
        """The identity git would commit with here (user.name and user.email)."""
        values = []
        for key in ("user.name", "user.email"):
            done = subprocess.run(
                ["git", "config", key], cwd=cwd, capture_output=True, text=True, check=False
            )
            if done.returncode != 0 or not done.stdout.strip():
                raise LookupError(f"git has no {key} configured: set it or pass --author")
            values.append(done.stdout.strip())
        return cls(*values)

    def environment(self) -> dict[str, str]:
        return {
            "GIT_AUTHOR_NAME": self.name,
            "GIT_AUTHOR_EMAIL": self.email,
            "GIT_COMMITTER_NAME": self.name,
            "GIT_COMMITTER_EMAIL": self.email,
        }


@dataclasses.dataclass(frozen=True)
class Part:
    """One patch of the series: its commit message and how it changes a tree.

    The body is the pull request's description (its cover letter); its lines are checked here,
    so a part that would make an unreadable commit fails when the series is built."""

    subject: str
    body: str
    change: Callable[[Path], None]

    def __post_init__(self) -> None:
        if len(self.subject) > SUBJECT_WIDTH:
            raise ValueError(f"subject over {SUBJECT_WIDTH} characters: {self.subject!r}")
        long = [line for line in self.body.splitlines() if len(line) > BODY_WIDTH]
        if long:
            raise ValueError(f"body lines over {BODY_WIDTH} characters: {long}")


@dataclasses.dataclass(frozen=True)
class CoverLetter:
    """What a reviewer of one PR needs, each section a list of paragraphs (a paragraph that
    starts with ``- `` is a bullet)."""

    adds: tuple[str, ...]
    follows: tuple[str, ...]
    decided: tuple[str, ...]
    tested: tuple[str, ...]
    verify: tuple[str, ...]

    def text(self) -> str:
        """The letter as a commit body: a heading per section, wrapped to BODY_WIDTH."""
        sections = (
            ("What it adds", self.adds),
            ("AWS documentation it follows", self.follows),
            ("Decided where AWS is silent", self.decided),
            ("How it was tested", self.tested),
            ("To verify against AWS (needs an account)", self.verify),
        )
        return "\n\n".join(
            f"{heading}:\n" + "\n".join(_wrapped(paragraph) for paragraph in paragraphs)
            for heading, paragraphs in sections
            if paragraphs
        )


def _wrapped(paragraph: str) -> str:
    bullet = paragraph.startswith("- ")
    return textwrap.fill(
        paragraph,
        width=BODY_WIDTH,
        subsequent_indent="  " if bullet else "",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _git(author: Author, repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=repo, check=True, capture_output=True, text=True,
        env={**os.environ, **author.environment()},
    )  # fmt: skip
    return done.stdout


def check_output_directory(patches: Path) -> None:
    """The series goes into a new or empty directory: one that holds anything is refused, so no
    earlier series (or anything else) is overwritten or mixed in."""
    if patches.exists() and (not patches.is_dir() or any(patches.iterdir())):
        raise FileExistsError(f"{patches} exists and is not an empty directory")


def write(tree: Path, parts: list[Part], patches: Path, author: Author) -> list[Path]:
    """Apply the parts to ``tree`` and write their patch series into ``patches`` (new or empty)."""
    check_output_directory(patches)
    git = partial(_git, author)
    with tempfile.TemporaryDirectory(prefix="moto-export-") as scratch:
        repo = Path(scratch) / "moto"
        shutil.copytree(tree, repo, ignore=_NOT_COPIED)
        git(repo, "init", "--quiet")
        git(repo, "add", "--all", "--force")
        git(repo, "commit", "--quiet", "--no-verify", "-m", "base")
        base = git(repo, "rev-parse", "HEAD").strip()
        for part in parts:
            part.change(repo)
            git(repo, "add", "--all", "--force")
            git(
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
        patches.mkdir(parents=True, exist_ok=True)
        names = git(
            repo, "format-patch", "--numbered", "--output-directory", str(patches), f"{base}..HEAD"
        )
        _copy_back(repo, base, tree, git)
    return [Path(name) for name in names.split()]


def _copy_back(repo: Path, base: str, tree: Path, git: Callable[..., str]) -> None:
    """Make ``tree`` what the scratch copy became: changed and added files copied, deleted removed."""
    for line in git(repo, "diff", "--name-status", "--no-renames", base, "HEAD").splitlines():
        status, path = line.split("\t", 1)
        if status == "D":
            (tree / path).unlink()
        else:
            (tree / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(repo / path, tree / path)
