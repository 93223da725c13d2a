"""The README, run as a newcomer runs it: every block, in order, in a fresh virtual environment.

The blocks' info strings say how each runs (GitHub shows only the language):

- ``sh``: in one bash session, in a copy of this checkout, so a variable one block sets is there
  for the next;
- ``sh server``: in the background, as the README's "second shell", until the story ends; the
  next block runs once the server listens;
- ``python file=NAME``: saved as NAME, for a later block to run;
- ``sh test-command``: the test command, which ``.ci/run`` runs itself (the test checks it does).

It installs the package from scratch, so it runs where ``MOTO_CONNECT_README_TEST=1`` (CI sets it)
and skips elsewhere, saying so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
ENABLED = "MOTO_CONNECT_README_TEST"
BLOCK = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```", re.S | re.M)
#: What the README's server block listens on.
SERVER_PORT = 5000


def blocks() -> list[tuple[str, str, str]]:
    """Each fenced block: language, info (the rest of the fence line) and body."""
    return [(lang, info.strip(), body) for lang, info, body in BLOCK.findall(README.read_text())]


def story() -> str:
    """The README's blocks as one bash script, in order."""
    lines = [
        "set -euo pipefail",
        "servers=()",
        'trap \'for p in "${servers[@]}"; do kill -- -"$p" 2>/dev/null || true; done\' EXIT',
    ]
    for number, (lang, info, body) in enumerate(blocks(), 1):
        lines.append(f"echo '### README block {number} ({lang} {info})'")
        if lang == "python":
            name = info.removeprefix("file=")
            assert info.startswith("file=") and name, f"python block {number} has no file= name"
            lines += [f"cat > {name} <<'README_EOF'", body.rstrip("\n"), "README_EOF"]
        elif lang == "sh" and info == "server":
            lines += [
                f"setsid bash -c {_quoted(body)} > server-{number}.log 2>&1 &",
                "servers+=($!)",
                f"for _ in $(seq 240); do (exec 3<>/dev/tcp/127.0.0.1/{SERVER_PORT}) 2>/dev/null"
                " && break; sleep 0.5; done",
            ]
        elif lang == "sh" and info == "test-command":
            continue
        else:
            assert (lang, info) == ("sh", ""), f"block {number}: no way to run {lang} {info}"
            lines.append(body)
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _checkout_copy(target: Path) -> Path:
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "*.egg-info", "build", "dist", "__pycache__", ".hypothesis"
    )
    return Path(shutil.copytree(ROOT, target / "checkout", ignore=ignore))


def test_every_block_is_one_the_story_knows_how_to_run() -> None:
    script = story()
    assert "pip install -e" in script and "moto-connect-server" in script


def test_the_readme_test_command_is_the_one_ci_runs() -> None:
    (command,) = [body.strip() for _, info, body in blocks() if info == "test-command"]
    install = next(body for lang, _, body in blocks() if "pip install -e" in body).strip()
    ci = (ROOT / ".ci" / "run").read_text()
    assert f'pip install -e ".[test]" && {command}' in ci
    assert 'pip install -e ".[test]"' in install


@pytest.mark.in_process_only
def test_the_readme_runs_in_order_in_a_fresh_virtual_environment(tmp_path: Path) -> None:
    if os.environ.get(ENABLED) != "1":
        pytest.skip(f"installs the package from scratch; {ENABLED}=1 runs it (CI sets it)")
    with_port_free()
    checkout = _checkout_copy(tmp_path)
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("AWS_", "TEST_SERVER_MODE", "MOTO_", "PYTEST", "VIRTUAL_ENV"))
        and name not in {"PYTHONPATH"}
    }
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    done = subprocess.run(
        ["bash", "-c", story()],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    logs = "".join(path.read_text() for path in checkout.glob("server-*.log"))
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}\nserver:\n{logs}"
    assert "1 passed" in done.stdout
    assert '"PhoneNumberArn"' in done.stdout


def with_port_free() -> None:
    import socket

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", SERVER_PORT)) == 0:
            pytest.fail(f"port {SERVER_PORT}, the README's server port, is in use")
