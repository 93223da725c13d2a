"""``python -m moto_connect_ext.release_check [VERSION ...]``: try this package on moto releases.

What a maintainer runs the day moto releases. For each release (the newest on PyPI if none is
named; ``--admitted`` for every release the package's declared range admits) it makes a fresh
virtual environment with that moto and this package, then reports:

- the seam's hooks, one line each, present or missing (read without installing the plugin, so a
  missing hook is named rather than raised);
- the smoke story (:mod:`.smoke`): claim, release, cooldown, in-process and against a server;
- the README's first example, under pytest, when run from a checkout.

The exit status is 1 if anything failed on any release. ``--list`` prints the admitted releases
instead, one a line, oldest first (CI reads its test matrix from it). Environments are built with
``uv`` when it is on PATH (seconds a release), else with pip.
"""

from __future__ import annotations

import argparse
import email.parser
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

DISTRIBUTION = "moto-connect-ext"
PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE = PACKAGE_DIR.parent

#: Run in the release's environment: the seam loaded from its file alone, so that a moto without
#: a hook can still be asked about every hook (importing the package would stop at the first).
PROBE = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("seam", sys.argv[1])
seam = sys.modules["seam"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(seam)
missing = seam.problems()
print(json.dumps({"moto": seam.moto_version(), "hooks": [
    {"name": h.name, "ok": h.name not in missing, "uses": h.uses, "serves": h.serves}
    for h in seam.HOOKS.values()]}))
"""


def moto_requirement() -> Requirement:
    """The moto requirement this package declares (its tested range)."""
    for line in metadata.requires(DISTRIBUTION) or []:
        requirement = Requirement(line)
        if requirement.name == "moto" and requirement.marker is None:
            return requirement
    raise LookupError(f"{DISTRIBUTION} declares no moto requirement")


def published_releases() -> list[Version]:
    """moto's releases on the package index, as pip sees it (final releases only)."""
    answer = subprocess.run(
        [sys.executable, "-m", "pip", "index", "versions", "moto"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    listed = re.search(r"Available versions: (.*)", answer)
    if listed is None:
        raise LookupError(f"pip index versions moto answered:\n{answer}")
    versions = (Version(text.strip()) for text in listed.group(1).split(","))
    return sorted(version for version in versions if not version.is_prerelease)


def admitted_releases() -> list[Version]:
    specifier = moto_requirement().specifier
    return [version for version in published_releases() if version in specifier]


def _wheel(work: Path) -> Path:
    """This package built once as a wheel, for every release's environment."""
    if not (SOURCE / "setup.cfg").is_file():
        raise SystemExit(f"run from a checkout of {DISTRIBUTION}: no setup.cfg in {SOURCE}")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(work),
            str(SOURCE),
        ],
        check=True,
    )
    (wheel,) = work.glob("*.whl")
    return wheel


def _other_requirements(wheel: Path) -> list[str]:
    """The wheel's own requirements but moto (installed separately, at the release tried)."""
    with zipfile.ZipFile(wheel) as archive:
        (name,) = (n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(archive.read(name).decode())
    requirements = (Requirement(line) for line in meta.get_all("Requires-Dist") or [])
    return [str(r) for r in requirements if r.name != "moto" and r.marker is None]


def _install(python: Path, *arguments: str) -> None:
    uv = shutil.which("uv")
    command = (
        [uv, "pip", "install", "--quiet", "--python", str(python)]
        if uv
        else [str(python), "-m", "pip", "install", "--quiet"]
    )
    subprocess.run([*command, *arguments], check=True, capture_output=True, text=True)


def _readme_example(directory: Path) -> Path | None:
    readme = SOURCE / "README.md"
    if not readme.is_file():
        return None
    example = re.search(r"```python[^\n]*\n(.*?)```", readme.read_text(), re.S)
    if example is None:
        return None
    path = directory / "test_readme_example.py"
    path.write_text(example.group(1))
    return path


def check_release(version: Version, wheel: Path, work: Path) -> tuple[bool, str]:
    """Everything tried on one release: whether it all passed, and the report."""
    lines = [f"== moto {version}"]
    directory = work / str(version)
    directory.mkdir()
    venv = directory / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    try:
        _install(python, f"moto[server]=={version}", *_other_requirements(wheel), "pytest")
        _install(python, "--no-deps", str(wheel))
    except subprocess.CalledProcessError as error:
        return False, "\n".join([*lines, f"FAIL install\n{error.stderr}"])
    seam = subprocess.run(
        [str(python), "-c", "import moto_connect_ext.compat as c; print(c.__file__)"],
        capture_output=True,
        text=True,
        cwd=directory,
    )
    # Importing the package fails on a moto without a hook; its seam's file is still known.
    seam_file = str(
        Path(seam.stdout.strip())
        if seam.returncode == 0
        else next((venv / "lib").glob("python*/site-packages/moto_connect_ext/compat.py"))
    )
    probe = subprocess.run(
        [str(python), "-c", PROBE, seam_file], capture_output=True, text=True, cwd=directory
    )
    passed = probe.returncode == 0
    if passed:
        report = json.loads(probe.stdout)
        for hook in report["hooks"]:
            passed &= hook["ok"]
            if hook["ok"]:
                lines.append(f"ok   hook {hook['name']}")
            else:
                lines.append(
                    f"MISSING hook {hook['name']}: {hook['uses']} (serves {hook['serves']})"
                )
    else:
        lines.append(f"FAIL hook probe\n{probe.stderr}")
    smoke = subprocess.run(
        [str(python), "-m", "moto_connect_ext.smoke"], capture_output=True, text=True, cwd=directory
    )
    passed &= smoke.returncode == 0
    lines.append((smoke.stdout + smoke.stderr).rstrip())
    example = _readme_example(directory)
    if example is not None:
        run = subprocess.run(
            [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", example.name],
            capture_output=True,
            text=True,
            cwd=directory,
        )
        passed &= run.returncode == 0
        summary = run.stdout.strip().splitlines()[-1:] or [run.stderr.strip()]
        state = "ok  " if run.returncode == 0 else "FAIL"
        lines.append(f"{state} README example: {summary[0]}")
        if run.returncode != 0:
            lines.append(run.stdout)
    lines.append(f"== moto {version}: {'passed' if passed else 'FAILED'}")
    return passed, "\n".join(lines)


def check(versions: Iterable[Version], jobs: int) -> bool:
    with tempfile.TemporaryDirectory(prefix="moto-release-check-") as temporary:
        work = Path(temporary)
        wheel = _wheel(work / "wheel")
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            results = pool.map(lambda v: check_release(v, wheel, work), versions)
            outcomes = []
            for passed, report in results:
                print(report, flush=True)
                outcomes.append(passed)
    return all(outcomes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m moto_connect_ext.release_check")
    parser.add_argument("versions", nargs="*", type=Version, help="moto releases to try")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--admitted", action="store_true", help="every release the range admits")
    which.add_argument("--list", action="store_true", help="print the admitted releases")
    parser.add_argument("--jobs", type=int, default=1, help="releases tried at once")
    options = parser.parse_args(argv)
    if options.list:
        print("\n".join(str(version) for version in admitted_releases()))
        return 0
    if options.jobs < 1:
        parser.error("--jobs must be at least 1")
    versions = options.versions or (
        admitted_releases() if options.admitted else published_releases()[-1:]
    )
    return 0 if check(versions, options.jobs) else 1


if __name__ == "__main__":
    sys.exit(main())
