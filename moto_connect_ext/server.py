"""``moto-connect-server``: moto's server with the plugin installed first.

It takes moto_server's flags unchanged (``-H``, ``-p``, ``--reload``, ...) and, like moto_server,
listens on 127.0.0.1:5000 unless told otherwise. :func:`running` starts one in a subprocess, for
test suites, tools and benchmarks that need a server of their own.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from moto import server as moto_server

from .wiring import install


def main(argv: list[str] | None = None) -> None:
    install()
    moto_server.main(argv)


class Running(NamedTuple):
    endpoint: str
    pid: int


@contextmanager
def running(log: Path | None = None, timeout: float = 30) -> Iterator[Running]:
    """A ``moto-connect-server`` subprocess on a free loopback port, stopped on exit.

    Its output goes to ``log`` (else nowhere). Raises RuntimeError, naming the log, if it exits
    or does not listen within ``timeout`` seconds.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    with open(log or "/dev/null", "wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto_connect_ext", "-H", "127.0.0.1", "-p", str(port)],
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
