"""The export into moto (``python -m moto_connect_ext.upstream``), run on moto's own sdist.

The sdist is the newest supported moto release: ``MOTO_SDIST`` names a downloaded one, else it is
downloaded once per run with pip (CI reaches PyPI). The exported tests run in a subprocess with
the patched tree first on the path and this plugin's pytest entry point disabled, so they see
moto as a maintainer would after applying the series.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest

from moto_connect_ext import upstream
from moto_connect_ext.upstream import core, coverage
from moto_connect_ext.upstream.tree import AnchorMissing

pytestmark = pytest.mark.in_process_only

#: The moto release the export is checked against: the newest this package supports.
MOTO_RELEASE = "5.2.5"


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """moto's source distribution, unpacked (read-only: tests copy it)."""
    archive = os.environ.get("MOTO_SDIST")
    folder = tmp_path_factory.mktemp("sdist")
    if archive is None:
        download = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-binary", ":all:",
             "--no-deps", f"moto=={MOTO_RELEASE}", "--dest", str(folder)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if download.returncode != 0:
            pytest.skip(f"moto {MOTO_RELEASE}'s sdist could not be downloaded (set MOTO_SDIST)")
        archive = str(next(folder.glob("moto-*.tar.gz")))
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return next(path for path in folder.iterdir() if path.is_dir())


@pytest.fixture(scope="module")
def exported(sdist: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """A copy of the sdist with the export written into it, and the patch series."""
    tree = tmp_path_factory.mktemp("export") / "moto"
    shutil.copytree(sdist, tree)
    done = subprocess.run(
        [sys.executable, "-m", "moto_connect_ext.upstream", str(tree)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return tree, [Path(line) for line in done.stdout.split()]


def test_the_series_is_one_patch_per_part_beside_the_tree(
    exported: tuple[Path, list[Path]],
) -> None:
    tree, patches = exported

    assert [patch.parent for patch in patches] == [tree.parent / "moto-connect-patches"] * len(
        upstream.parts()
    )
    assert patches[0].name.startswith("0001-Core-IAM-emulation-for-rest-json-services")
    assert "Subject: [PATCH 1/" in patches[0].read_text()


def test_the_series_applied_to_a_pristine_tree_gives_the_exported_tree(
    sdist: Path, exported: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    tree, patches = exported
    pristine = tmp_path / "moto"
    shutil.copytree(sdist, pristine)

    subprocess.run(["git", "apply", "--unsafe-paths", *map(str, patches)], cwd=pristine, check=True)

    differ = subprocess.run(
        ["git", "diff", "--no-index", "--stat", str(pristine), str(tree)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert differ.stdout == ""


def test_exporting_twice_fails_on_the_first_edit_and_names_it(
    exported: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    tree, _ = exported
    again = tmp_path / "moto"
    shutil.copytree(tree, again)

    with pytest.raises(AnchorMissing, match=core.ACCESS_CONTROL):
        upstream.export(again, tmp_path / "patches")


def test_the_exported_tests_and_moto_auth_tests_pass_without_the_plugin(
    exported: tuple[Path, list[Path]],
) -> None:
    tree, _ = exported
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:moto_connect_ext", "-p", "no:randomly",
         "-p", "no:cacheprovider", *core.TESTS, "tests/test_core/test_auth.py"],
        cwd=tree, env={**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:]


def test_the_changed_files_pass_mypy_with_moto_settings(
    exported: tuple[Path, list[Path]],
) -> None:
    tree, _ = exported
    changed = [core.ACCESS_CONTROL, *core.TESTS]
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", os.devnull, *changed], cwd=tree,
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert mypy.returncode == 0, mypy.stdout


def test_connect_coverage_docs_are_regenerated_by_moto_script(sdist: Path, tmp_path: Path) -> None:
    """Needs moto's script and docs, which the sdist lacks: ``MOTO_SOURCE`` names a checkout."""
    source = os.environ.get("MOTO_SOURCE")
    if source is None:
        pytest.skip("MOTO_SOURCE (a moto git checkout, for its coverage script) is not set")
    tree = tmp_path / "moto"
    shutil.copytree(sdist, tree)
    for path in (coverage.SCRIPT, coverage.COVERAGE, coverage.PAGE):
        (tree / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(source) / path, tree / path)
    (tree / coverage.PAGE).write_text("stale")
    others = (tree / coverage.COVERAGE).read_text().split("\n## connect\n")[0]

    assert coverage.regenerate(tree)

    assert "- [X] create_instance" in (tree / coverage.PAGE).read_text()
    regenerated = (tree / coverage.COVERAGE).read_text()
    assert regenerated.startswith(others + "\n## connect\n<details>\n")
    assert not coverage.regenerate(sdist)


def test_phonenumbers_loads_with_the_first_phone_number_operation_only() -> None:
    """moto's pattern for an optional dependency (the ``connect`` extra): moto's own connect
    operations, and the backend itself, run without it."""
    script = textwrap.dedent(
        """
        import sys
        import boto3
        from moto import mock_aws
        from moto.backends import get_backend
        import moto_connect_ext

        with mock_aws():
            connect = boto3.client("connect", region_name="us-east-1")
            instance = connect.create_instance(
                IdentityManagementType="CONNECT_MANAGED",
                InboundCallsEnabled=True,
                OutboundCallsEnabled=True,
            )
            assert hasattr(get_backend("connect")["123456789012"]["us-east-1"], "claim_phone_number")
            before = "phonenumbers" in sys.modules
            connect.search_available_phone_numbers(
                TargetArn=instance["Arn"], PhoneNumberCountryCode="US", PhoneNumberType="DID"
            )
            print(before, "phonenumbers" in sys.modules)
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True,
        env={**os.environ, "TEST_SERVER_MODE": "false"},
    )  # fmt: skip
    assert run.stdout.split() == ["False", "True"]
