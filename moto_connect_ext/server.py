"""``moto-connect-server``: moto's server with the plugin installed first.

It takes moto_server's flags unchanged (``-H``, ``-p``, ``--reload``, ...) and, like moto_server,
listens on 127.0.0.1:5000 unless told otherwise. With ``--state-dir DIR`` (or
``MOTO_CONNECT_STATE_DIR``) it keeps the Connect world across restarts, as LocalStack's persistence
does: it loads ``DIR/connect-state.json`` at start, saves it every ``--save-interval`` seconds
(LocalStack's scheduled default, 15), on SIGTERM and SIGINT, and on request
(``POST /moto-api/connect/state/save``). A snapshot it cannot read stops it from starting, rather
than start empty and overwrite the file at the next save; ``--discard-bad-state`` moves the bad file
aside and starts empty.

:func:`running` starts one in a subprocess, for test suites, tools and benchmarks that need a
server of their own.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from moto import server as moto_server

from . import control, snapshots
from .wiring import install

#: The snapshot's name in the state directory.
STATE_FILE = "connect-state.json"
DEFAULT_SAVE_INTERVAL = 15.0


def _options(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """The plugin's own flags, and the rest for moto_server."""
    parser = argparse.ArgumentParser(prog="moto-connect-server", add_help=False)
    parser.add_argument("--state-dir", default=os.environ.get("MOTO_CONNECT_STATE_DIR"))
    parser.add_argument(
        "--save-interval",
        type=float,
        default=float(os.environ.get("MOTO_CONNECT_SAVE_INTERVAL", DEFAULT_SAVE_INTERVAL)),
        help="seconds between saves; 0 saves only on shutdown and on request",
    )
    parser.add_argument("--discard-bad-state", action="store_true")
    options, rest = parser.parse_known_args(argv)
    if options.state_dir and {"-r", "--reload"} & set(rest):
        parser.error("--state-dir cannot be combined with --reload (two processes would save)")
    if options.save_interval < 0:
        parser.error("--save-interval must be 0 or more seconds")
    return options, rest


def main(argv: list[str] | None = None) -> None:
    install()
    options, rest = _options(sys.argv[1:] if argv is None else argv)
    if not options.state_dir:
        _serve(rest)
        return
    state_file = _open_state(Path(options.state_dir), options.discard_bad_state)
    if options.save_interval:
        threading.Thread(
            target=_save_every, args=(options.save_interval,), name="state-saver", daemon=True
        ).start()
    try:
        _serve(rest)
    finally:
        _save_on_the_way_out()
        print(f"moto-connect-server: saved {state_file}", file=sys.stderr)


def _save_on_the_way_out() -> None:
    """moto's server exits on SIGTERM and SIGINT through SystemExit: save then, for good. A second
    signal before they are ignored (``running`` sends SIGTERM right after a test's own) starts the
    save again."""
    while True:
        try:
            for stop in (signal.SIGTERM, signal.SIGINT):
                signal.signal(stop, signal.SIG_IGN)
            control.save_to_state_file_for_good()
            return
        except SystemExit:
            continue


def _serve(moto_argv: list[str]) -> None:
    # moto_server.main reads sys.argv when handed an empty list.
    sys.argv[1:] = moto_argv
    moto_server.main(moto_argv)


def _open_state(directory: Path, discard_bad: bool) -> Path:
    """Load the state directory's snapshot, if there is one; exit if it is bad (unless
    ``discard_bad``). From then on the control endpoints save to and load from it."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    state_file = directory / STATE_FILE
    for leftover in directory.glob(f".{STATE_FILE}.*.tmp"):  # of a save a kill cut short
        leftover.unlink()
    control.use_state_file(str(state_file))
    if not state_file.exists():
        return state_file
    try:
        control.load_from_state_file()
    except snapshots.SnapshotError as problem:
        if not discard_bad:
            sys.exit(
                f"moto-connect-server: {problem}\nNot starting: a server that started empty would "
                "overwrite it. Fix or move the file, or start with --discard-bad-state to move it "
                "aside and start empty."
            )
        aside = snapshots.move_aside(state_file)
        print(f"moto-connect-server: {problem}; moved it to {aside}", file=sys.stderr)
    return state_file


def _save_every(interval: float) -> None:
    while True:
        time.sleep(interval)
        try:
            control.save_to_state_file()
        except OSError as problem:  # a full disk: keep serving, and say so
            print(f"moto-connect-server: saving failed: {problem}", file=sys.stderr)


class Running(NamedTuple):
    endpoint: str
    pid: int


@contextmanager
def running(
    log: Path | None = None, timeout: float = 30, options: Sequence[str] = ()
) -> Iterator[Running]:
    """A ``moto-connect-server`` subprocess on a free loopback port, stopped on exit (SIGTERM).

    Its output goes to ``log`` (else nowhere); ``options`` are more flags (``--state-dir DIR``).
    Raises RuntimeError, naming the log, if it exits or does not listen within ``timeout`` seconds.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    with open(log or "/dev/null", "wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "moto_connect_ext",
                "-H",
                "127.0.0.1",
                "-p",
                str(port),
                *options,
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            f"moto-connect-server did not listen on {port}; see {log}"
                        ) from None
                    time.sleep(0.1)
            yield Running(f"http://127.0.0.1:{port}", process.pid)
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
