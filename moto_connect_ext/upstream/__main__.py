"""``python -m moto_connect_ext.upstream DIR [--patches PATCHES] [--author 'Name <email>']``."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import export
from .series import Author, check_output_directory


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m moto_connect_ext.upstream",
        description="Write the plugin's change into a moto source tree and a patch series beside it.",
    )
    parser.add_argument("tree", type=Path, help="a moto git checkout or unpacked sdist")
    parser.add_argument(
        "--patches",
        type=Path,
        help="where the patch series goes, a new or empty directory "
        "(default: moto-connect-patches beside the tree)",
    )
    parser.add_argument(
        "--author",
        help="'Name <email>' the commits are authored by (default: git's user.name and user.email)",
    )
    args = parser.parse_args(argv)
    tree: Path = args.tree.resolve()
    if not (tree / "moto" / "__init__.py").is_file():
        parser.error(f"{tree} is not a moto source tree (no moto/__init__.py)")
    patches: Path = args.patches or tree.parent / "moto-connect-patches"
    try:
        check_output_directory(patches)
        author = Author.parse(args.author) if args.author else Author.from_git_config(tree)
    except (FileExistsError, LookupError, ValueError) as error:
        parser.error(str(error))
    for patch in export(tree, patches, author):
        print(patch)


if __name__ == "__main__":
    main()
