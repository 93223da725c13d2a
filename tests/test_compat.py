"""The seam with moto (``moto_connect_ext.compat``): its hooks, the self-check at install, and a
scan that keeps every other module of the package off moto's private names.

When a moto release changes something the package relies on, the hook that names it fails here
and at import, instead of the suite failing everywhere at once.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto.connect import urls as moto_connect_urls
from moto.moto_api import state_manager

from moto_connect_ext import compat, control, wiring
from moto_connect_ext.connect.config import PHONE_NUMBER_MODEL, TDG_MODEL
from moto_connect_ext.connect.responses import ConnectResponse

PACKAGE = Path(compat.__file__).parent
ARN = "arn:aws:connect:us-east-1:123456789012:phone-number/56f8ac24-b987-499f-bdb1-4fe900fc4d41"

#: Every hook, by name: a new dependency on moto's insides is added here on purpose.
EXPECTED_HOOKS = {
    "operation_router",
    "uri_labels",
    "raw_body",
    "serialized_headers",
    "value_picker",
    "iam_request",
    "authorize",
    "backend_class",
    "backend_loaded",
    "moto_api_routes",
    "managed_state_clock",
    "mock_random",
    "cloudformation_stacks",
    "service_registry",
    "error_service",
    "json_target_action",
}


def test_the_seam_lists_its_hooks_each_with_the_releases_it_serves_and_how_it_detects_them() -> (
    None
):
    assert set(compat.HOOKS) == EXPECTED_HOOKS
    for hook in compat.HOOKS.values():
        assert hook.uses and hook.serves and hook.detects, hook.name
        assert "5." in hook.serves, hook.name


def test_every_hook_is_present_in_the_installed_moto() -> None:
    assert compat.problems() == []


def test_the_tested_range_is_the_range_setup_cfg_admits() -> None:
    setup_cfg = (PACKAGE.parent / "setup.cfg").read_text()
    assert f"moto[server]>={compat.TESTED[0]},<={compat.TESTED[1]}" in setup_cfg


# -- fail at import, not at the first request ---------------------------------------------------

#: A moto whose router hook is gone: the 5.2.6 rename, the other way round.
WITHOUT_ROUTER = """
from moto.core.responses import BaseResponse
for name in ("_get_action_from_request", "_get_action_from_method_and_request_uri"):
    if hasattr(BaseResponse, name):
        delattr(BaseResponse, name)
"""


def _run(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """A new interpreter with these arguments, moto's router hook removed first (a sitecustomize
    on the path does it before anything else is imported)."""
    path = [str(_site_dir()), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    return subprocess.run(
        [sys.executable, *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@cache
def _site_dir() -> Path:
    import tempfile

    directory = Path(tempfile.mkdtemp(prefix="moto-without-hook-"))
    (directory / "sitecustomize.py").write_text(textwrap.dedent(WITHOUT_ROUTER))
    return directory


def _assert_clear_error(stderr: str) -> None:
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("moto_connect_ext.compat.IncompatibleMoto: moto-connect-ext cannot run")
    assert f"on moto {compat.moto_version()}" in last
    assert "missing hook(s) operation_router" in last
    assert f"Tested with moto {compat.TESTED[0]} to {compat.TESTED[1]}" in last
    assert "AttributeError" not in stderr


def test_a_moto_without_a_hook_fails_the_import_with_one_clear_error() -> None:
    done = _run("-c", "import moto_connect_ext")
    assert done.returncode == 1
    _assert_clear_error(done.stderr)


def test_a_moto_without_a_hook_fails_the_server_start_with_the_same_error() -> None:
    done = _run("-m", "moto_connect_ext", "-H", "127.0.0.1", "-p", "0")
    assert done.returncode == 1
    _assert_clear_error(done.stderr)


def test_problems_names_each_missing_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = compat.Hook("broken", "nothing", "5.x", "never", lambda: False)
    raising = compat.Hook("raising", "nothing", "5.x", "raises", lambda: 1 / 0 > 0)
    monkeypatch.setitem(compat.HOOKS, "broken", broken)
    monkeypatch.setitem(compat.HOOKS, "raising", raising)
    assert compat.problems() == ["broken", "raising"]
    with pytest.raises(compat.IncompatibleMoto) as error:
        compat.check()
    assert error.value.missing == ["broken", "raising"]
    assert "broken (nothing); raising (nothing)" in str(error.value)


# -- no other module touches moto's private names -----------------------------------------------


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


@cache
def _moto_private_names() -> frozenset[str]:
    """The private names moto's modules that the package imports define: functions, classes,
    methods and the ``self.`` attributes their methods set."""
    import moto

    moto_root = Path(moto.__file__).parent
    names: set[str] = set()
    for module in _moto_modules_imported():
        parts = module.split(".")[1:]
        path = moto_root.joinpath(*parts)
        source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        if not source.is_file():
            continue
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
    # the classes the package subclasses or wraps also bring their bases' names
    from moto.core.authorization import ActionAuthenticatorMixin
    from moto.core.responses import BaseResponse

    for cls in (BaseResponse, ActionAuthenticatorMixin):
        names.update(vars(cls))
    return frozenset(name for name in names if _private(name))


def _package_modules() -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob("*.py")
        if "upstream/files" not in path.as_posix() and path.name != "compat.py"
    ]


@cache
def _moto_modules_imported() -> frozenset[str]:
    modules = set()
    for path in [*_package_modules(), PACKAGE / "compat.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module.split(".")[0] == "moto":
                    modules.add(node.module)
                    modules.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                modules.update(a.name for a in node.names if a.name.split(".")[0] == "moto")
    return frozenset(modules)


def _uses_of_private_moto_names(source: str) -> list[str]:
    found = []
    package_defines = set()
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] == "moto":
                if any(_private(part) for part in node.module.split(".")):
                    found.append(f"line {node.lineno}: imports from {node.module}")
                found += [
                    f"line {node.lineno}: imports {alias.name} from {node.module}"
                    for alias in node.names
                    if _private(alias.name)
                ]
        elif isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: imports {alias.name}"
                for alias in node.names
                if alias.name.startswith("moto.") and any(map(_private, alias.name.split(".")))
            ]
    private = _moto_private_names()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            package_defines.add(node.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in private:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif (
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name in private
            and node.name in package_defines
        ):
            found.append(f"line {node.lineno}: defines {node.name}, a name of moto's")
    return found


def test_no_module_but_the_seam_touches_a_private_moto_name() -> None:
    """Imports from moto's private modules or of its private names, attributes that are private
    names of the moto modules the package imports, and methods that override one: each belongs
    in compat.py, as a hook. (A name of the package's own that happens to equal one of moto's is
    renamed: the scan cannot tell them apart, and neither can a reader.)"""
    strays = {
        str(path.relative_to(PACKAGE)): uses
        for path in _package_modules()
        if (uses := _uses_of_private_moto_names(path.read_text()))
    }
    assert strays == {}


@pytest.mark.parametrize(
    "source",
    [
        "from moto.moto_api._internal import mock_random",
        "import moto.moto_api._internal.urls",
        "from moto.core.responses import _decode_dict",
        "def f(response):\n    return response._get_action()",
        "class R:\n    def _authenticate_and_authorize_normal_action(self):\n        pass",
    ],
)
def test_the_scan_finds_each_kind_of_stray(source: str) -> None:
    assert _uses_of_private_moto_names(source)


def test_the_scan_lets_public_names_and_the_package_s_own_private_names_pass() -> None:
    source = (
        "from moto.core.utils import utcnow\nclass A:\n    def _mine(self):\n        self._mine()"
    )
    assert _uses_of_private_moto_names(source) == []


# -- what the hooks do, in this moto -------------------------------------------------------------

pytestmark_in_process = pytest.mark.in_process_only


@pytestmark_in_process
def test_the_router_names_the_operation_and_the_decoded_uri_labels(
    connect_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, dict[str, str]]] = []
    read = ConnectResponse.path_parameters

    def spy(response: ConnectResponse) -> dict[str, str]:
        seen.append((response.operation(), read(response)))
        return read(response)

    monkeypatch.setattr(ConnectResponse, "path_parameters", spy)
    with pytest.raises(ClientError):
        connect_client.describe_phone_number(PhoneNumberId=ARN)
    assert seen[0] == ("DescribePhoneNumber", {"PhoneNumberId": ARN})


def test_every_connect_route_reaches_the_plugin_s_response_class() -> None:
    assert moto_connect_urls.url_paths
    for handler in moto_connect_urls.url_paths.values():
        assert handler.__func__ is ConnectResponse.dispatch.__func__  # type: ignore[attr-defined]


def test_the_control_endpoints_sit_beside_moto_s_own() -> None:
    routes = compat.control_routes()
    assert "{0}/moto-api/reset" in routes
    for action in control.ACTIONS:
        assert routes[f"{{0}}/moto-api/connect/{action}"] is wiring._control_endpoint


@pytest.mark.parametrize("model_name", [PHONE_NUMBER_MODEL, TDG_MODEL])
def test_the_state_manager_keeps_the_registered_default_transitions(model_name: str) -> None:
    assert state_manager.get_transition(model_name) == {"progression": "immediate"}


# -- release_check: the command a maintainer runs the day moto releases ---------------------------


def test_release_check_admits_the_published_releases_in_the_declared_range(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from packaging.version import Version

    from moto_connect_ext import release_check

    published = [Version(v) for v in ("5.1.20", compat.TESTED[0], "5.2.0", compat.TESTED[1], "9.0")]
    monkeypatch.setattr(release_check, "published_releases", lambda: published)
    assert release_check.admitted_releases() == [published[1], published[2], published[3]]


def test_release_check_reports_every_hook_of_a_moto_without_one() -> None:
    """The probe reads the seam alone, so a missing hook is named, not raised, and the others
    are still reported."""
    import json

    from moto_connect_ext import release_check

    done = _run("-c", release_check.PROBE, compat.__file__)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["moto"] == compat.moto_version()
    missing = [hook["name"] for hook in report["hooks"] if not hook["ok"]]
    assert missing == ["operation_router"]
    assert {hook["name"] for hook in report["hooks"]} == EXPECTED_HOOKS


def test_the_self_check_does_not_import_moto_s_cloudformation() -> None:
    """Its hook reads moto's source; importing moto's CloudFormation costs more than a second."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, moto_connect_ext; print('moto.cloudformation' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "False"), done.stderr
