"""connect's coverage docs, regenerated the way moto generates them: by moto's own script.

moto's ``scripts/implementation_coverage.py`` lists each service's operations as implemented when
its backend has a method of that name, and writes ``IMPLEMENTATION_COVERAGE.md`` and
``docs/docs/services/<service>.rst``. It walks every service; this runs its functions for connect
alone, in a subprocess that imports moto from the tree (and not this plugin), writes them into a
scratch folder and takes connect's page and connect's section of the coverage file from there.

A git checkout has the script; an unpacked sdist has neither it nor the docs, and is left as it is.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SCRIPT = "scripts/implementation_coverage.py"
COVERAGE = "IMPLEMENTATION_COVERAGE.md"
PAGE = "docs/docs/services/connect.rst"


def regenerate(tree: Path) -> bool:
    """Rewrite connect's coverage docs in the tree; False if the tree has no coverage script."""
    if not (tree / SCRIPT).is_file():
        return False
    subprocess.run(
        [sys.executable, __file__, str(tree)],
        env={**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"},
        check=True,
        stdout=subprocess.DEVNULL,  # the script says where it writes: the scratch folder
    )
    return True


class _OnlyConnect:
    """Stands in for botocore's Session in the script: the one service whose docs change."""

    def get_available_services(self) -> list[str]:
        return ["connect"]


def _script(tree: Path) -> Any:
    """moto's script as a module (untyped: its globals are patched)."""
    spec = importlib.util.spec_from_file_location("implementation_coverage", tree / SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _section(markdown: str, service: str) -> tuple[int, int]:
    """Where a service's section of the coverage file starts and ends (after its ``</details>``)."""
    start = markdown.index(f"\n## {service}\n")
    end = markdown.index("</details>\n", start) + len("</details>\n")
    return start, end


def _write(tree: Path) -> None:
    script = _script(tree)
    script.Session = _OnlyConnect
    with tempfile.TemporaryDirectory() as scratch:
        script.script_dir = str(Path(scratch) / "scripts")
        (Path(scratch) / "scripts").mkdir()
        (Path(scratch) / PAGE).parent.mkdir(parents=True)
        script.write_implementation_coverage_to_file(script.calculate_implementation_coverage())
        script.write_implementation_coverage_to_docs(
            script.calculate_extended_implementation_coverage()
        )
        shutil.copyfile(Path(scratch) / PAGE, tree / PAGE)
        fresh = (Path(scratch) / COVERAGE).read_text()
        start, end = _section(fresh, "connect")
        current = (tree / COVERAGE).read_text()
        old_start, old_end = _section(current, "connect")
        (tree / COVERAGE).write_text(current[:old_start] + fresh[start:end] + current[old_end:])


if __name__ == "__main__":
    _write(Path(sys.argv[1]))
