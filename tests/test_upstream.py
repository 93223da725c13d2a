"""The export into moto (``python -m moto_connect_ext.upstream``), run on moto's own sdist.

The sdist is the newest supported moto release: ``MOTO_SDIST`` names a downloaded one, else it is
downloaded once per run with pip (CI reaches PyPI). The exported tests run in a subprocess with
the patched tree first on the path and this plugin's pytest entry point disabled, so they see
moto as a maintainer would after applying the series.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest

from moto_connect_ext import upstream
from moto_connect_ext.upstream import connect, core, coverage, series
from moto_connect_ext.upstream.tree import AnchorMissing

pytestmark = pytest.mark.in_process_only

#: The moto release the export is checked against: the newest this package supports.
MOTO_RELEASE = "5.2.6"

#: Who the test series is committed as (CI has no git identity).
AUTHOR = "Test Author <test@example.com>"


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
        [sys.executable, "-m", "moto_connect_ext.upstream", str(tree), "--author", AUTHOR],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return tree, [Path(line) for line in done.stdout.split()]


def _subject(patch: Path) -> str:
    """A patch's subject line, ``[PATCH n/m]`` included."""
    return patch.read_text().split("Subject: ", 1)[1].split("\n")[0]


def test_the_series_is_one_patch_per_part_beside_the_tree(
    exported: tuple[Path, list[Path]],
) -> None:
    tree, patches = exported

    assert {patch.parent for patch in patches} == {tree.parent / "moto-connect-patches"}
    subjects = [_subject(patch) for patch in patches]
    assert subjects == [
        "[PATCH 01/17] Core: IAM emulation for rest-json services",
        "[PATCH 02/17] Connect: read requests with moto's model-driven parser",
        "[PATCH 03/17] Connect: number search",
        "[PATCH 04/17] Connect: phone numbers",
        "[PATCH 05/17] Connect: release rules",
        "[PATCH 06/17] Connect: number inventory",
        "[PATCH 07/17] Connect: phone number lists",
        "[PATCH 08/17] Connect: phone number updates",
        "[PATCH 09/17] Connect: idempotency",
        "[PATCH 10/17] Connect: traffic distribution",
        "[PATCH 11/17] Connect: traffic distribution config",
        "[PATCH 12/17] Connect: contact flows",
        "[PATCH 13/17] Connect: flow content checks",
        "[PATCH 14/17] Connect: contact flow search",
        "[PATCH 15/17] Connect: flow associations",
        "[PATCH 16/17] Connect: instance attributes",
        "[PATCH 17/17] Connect: tag limits",
    ]


def test_the_readme_table_gives_each_pr_its_subject_and_size(
    exported: tuple[Path, list[Path]],
) -> None:
    """README's "Contributing to moto" table: a row per patch, its added lines as
    .ci/upstream-series counts them (git's numstat)."""
    _, patches = exported
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    rows = re.findall(r"(?m)^\| (\d+)\. ([^|]+?) \| ([\d,]+) \|", readme)

    def added(patch: Path) -> int:
        numstat = subprocess.run(
            ["git", "apply", "--numstat", str(patch)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        return sum(int(line.split("\t")[0]) for line in numstat.splitlines())

    assert [(int(n), subject, int(size.replace(",", ""))) for n, subject, size in rows] == [
        (
            n,
            _subject(patch).split("] ", 1)[1],
            added(patch),
        )
        for n, patch in enumerate(patches, 1)
    ]


def test_the_commits_name_the_author_given_and_read_in_72_columns(
    exported: tuple[Path, list[Path]],
) -> None:
    _, patches = exported

    for patch in patches:
        text = patch.read_text()
        assert "\nFrom: Test Author <test@example.com>\n" in text
        message = text.split("\n\n", 1)[1].split("\n---\n", 1)[0]
        assert max(map(len, message.splitlines())) <= series.BODY_WIDTH, patch.name


def test_a_part_whose_message_would_not_read_in_72_columns_is_refused() -> None:
    with pytest.raises(ValueError, match="body lines over 72"):
        series.Part("Connect: x", "word " * 20, lambda tree: None)


def test_the_author_is_git_config_unless_given(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "--quiet"], cwd=tmp_path, check=True)
    subprocess.run(["git", "config", "user.name", "Ann Example"], cwd=tmp_path, check=True)
    subprocess.run(["git", "config", "user.email", "ann@example.com"], cwd=tmp_path, check=True)

    assert series.Author.from_git_config(tmp_path) == series.Author(
        "Ann Example", "ann@example.com"
    )
    with pytest.raises(ValueError, match="Name <email>"):
        series.Author.parse("nobody")


def test_patches_into_a_directory_that_holds_anything_are_refused_and_it_is_kept(
    sdist: Path, tmp_path: Path
) -> None:
    occupied = tmp_path / "patches"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine")

    run = subprocess.run(
        [sys.executable, "-m", "moto_connect_ext.upstream", str(sdist), "--patches", str(occupied),
         "--author", AUTHOR],
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert run.returncode == 2
    assert "exists and is not an empty directory" in run.stderr
    assert (occupied / "notes.txt").read_text() == "mine"
    assert [path.name for path in occupied.iterdir()] == ["notes.txt"]


def test_a_family_part_brings_the_plain_modules_its_mixin_needs(
    exported: tuple[Path, list[Path]],
) -> None:
    """The phone-number part adds the stock (a module of models/ that is no family's) and its
    rules, the release rules part the churn log, the number inventory its automaton, the
    idempotency part its ledger, the flows part the flow helpers its mixin imports, the checks
    and search parts theirs; modules an earlier part brought are not added again, and the
    plugin's own layer (faults.py) never goes."""
    _, patches = exported
    added = [
        sorted(
            re.findall(
                r"(?m)^diff --git a/moto/connect/((?:models/)?\w+\.py) b/\S+\nnew file mode",
                patch.read_text(),
            )
        )
        for patch in patches
    ]

    assert {"inventory.py", "bounds.py", "models/base.py", "models/number_search.py"} <= set(
        added[2]
    )
    assert not {"rules.py", "models/stock.py"} & set(added[2])
    assert {"rules.py", "models/stock.py"} <= set(added[3])
    assert "churn.py" in added[4]
    assert "number_patterns.py" in added[5]
    assert "ledger.py" in added[8]
    assert {"flow_content.py", "default_flows.py"} <= set(added[11])
    assert not {"flow_language.py", "flow_search.py"} & set(added[11])
    assert "flow_language.py" in added[12]
    assert "flow_search.py" in added[13]
    assert not {"pagination.py", "config.py", "exceptions.py"} & set(added[11])
    assert not any("faults.py" in files for files in added)


def test_a_shared_definition_only_a_later_family_uses_joins_with_that_family(
    exported: tuple[Path, list[Path]],
) -> None:
    """``LATER``: the first part's shared modules and test helpers lack what only later parts
    use; each comes with the part of the family that first uses it."""
    _, patches = exported
    texts = [patch.read_text() for patch in patches]
    joins = {
        "+def locked(": 3,
        "+def page(": 6,
        "+        self._check_tag_target(resource_arn, tags)": 6,
        "+class ResourceInUseException(": 3,
        "+claimed = contextmanager(_claimed)": 3,
        "+class LimitExceededException(": 4,
        "+    cooldown_days: float = 180": 4,
        "+class CooldownRegistry(": 4,
        "+class DueQueue(": 4,
        "+    def restart_progress(": 7,
        "+class IdempotencyException(": 8,
        "+def replicate(client": 9,
        "+class DuplicateResourceException(": 11,
        "+class InvalidContactFlowException(": 12,
    }

    assert {line: [i for i, text in enumerate(texts) if line in text] for line in joins} == {
        line: [part] for line, part in joins.items()
    }


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
        upstream.export(again, tmp_path / "patches", series.Author.parse(AUTHOR))


def _changed(patches: list[Path]) -> list[str]:
    """The Python files the series adds or changes."""
    found = re.findall(r"(?m)^\+\+\+ b/(.*\.py)$", "".join(p.read_text() for p in patches))
    return sorted(set(found))


def _in_tree(tree: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """A command in the tree, with its moto first on the path and without this plugin."""
    return subprocess.run(
        [sys.executable, *command], cwd=tree, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"},
    )  # fmt: skip


def test_moto_connect_and_auth_tests_and_the_exported_tests_pass_without_the_plugin(
    exported: tuple[Path, list[Path]],
) -> None:
    tree, patches = exported
    tests = [path for path in _changed(patches) if path.startswith("tests/")]

    run = _in_tree(
        tree, "-m", "pytest", "-q", "-p", "no:moto_connect_ext", "-p", "no:randomly",
        "-p", "no:cacheprovider", "tests/test_connect", "tests/test_core/test_auth.py", *tests,
    )  # fmt: skip

    assert run.returncode == 0, run.stdout[-3000:]


def test_moto_backend_has_every_operation_and_state_model_and_loads_phonenumbers_late(
    exported: tuple[Path, list[Path]],
) -> None:
    tree, _ = exported
    operations = sorted(op for family in connect.families() for op in family.operations)
    script = textwrap.dedent(
        f"""
        import sys
        import boto3
        from botocore import xform_name
        from moto import mock_aws
        from moto.backends import get_backend

        with mock_aws():
            boto3.client("connect", region_name="us-east-1").create_instance(
                IdentityManagementType="CONNECT_MANAGED",
                InboundCallsEnabled=True,
                OutboundCallsEnabled=True,
            )
        backend = get_backend("connect")["123456789012"]["us-east-1"]
        print([op for op in {operations!r} if not hasattr(backend, xform_name(op))])
        print("phonenumbers" in sys.modules, "moto_connect_ext" in sys.modules)
        from moto.moto_api import state_manager
        print(sorted(m for m in state_manager.get_registered_models() if m.startswith("connect")))
        """
    )

    run = _in_tree(tree, "-c", script)

    assert run.stdout.splitlines() == [
        "[]",
        "False False",
        "['connect::phone_number', 'connect::traffic_distribution_group']",
    ], run.stderr
    assert len(operations) >= 15


def test_without_phonenumbers_a_search_is_refused_with_an_error_that_names_it(
    exported: tuple[Path, list[Path]],
) -> None:
    tree, _ = exported
    script = textwrap.dedent(
        """
        import sys
        sys.modules["phonenumbers"] = None  # as if moto's connect extra were not installed
        import boto3
        from botocore.exceptions import ClientError
        from moto import mock_aws

        with mock_aws():
            connect = boto3.client("connect", region_name="us-east-1")
            instance = connect.create_instance(
                IdentityManagementType="CONNECT_MANAGED",
                InboundCallsEnabled=True,
                OutboundCallsEnabled=True,
            )
            try:
                connect.search_available_phone_numbers(
                    TargetArn=instance["Arn"], PhoneNumberCountryCode="US", PhoneNumberType="DID"
                )
            except ClientError as error:
                print(error.response["Error"]["Code"])
                print(error.response["Error"]["Message"])
        """
    )

    run = _in_tree(tree, "-c", script)

    assert run.stdout.splitlines() == [
        "InternalServiceException",
        "Searching and claiming phone numbers needs the phonenumbers package: "
        "pip install 'moto[connect]'",
    ], run.stderr[-2000:]


def test_every_exported_operation_has_a_route_in_moto(
    exported: tuple[Path, list[Path]],
) -> None:
    """The plugin's catch-all route stays in the plugin: without a route of its own in moto's
    urls.py, moto answers an operation with a bare 404."""
    tree, _ = exported
    routes = re.findall(r'"\{0\}([^"]*)"', (tree / connect.URLS).read_text())

    unrouted = [
        operation
        for family in connect.families()
        for operation in family.operations
        if not any(re.fullmatch(route, connect._request_path(operation)) for route in routes)
    ]

    assert unrouted == []


def test_the_changed_files_pass_mypy_with_moto_settings(
    exported: tuple[Path, list[Path]],
) -> None:
    tree, patches = exported
    mypy = _in_tree(tree, "-m", "mypy", "--cache-dir", os.devnull, *_changed(patches))
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
