"""``moto-connect-server``: moto's server with the plugin installed first.

It takes moto_server's flags unchanged (``-H``, ``-p``, ``--reload``, ...) and, like moto_server,
listens on 127.0.0.1:5000 unless told otherwise.
"""

from __future__ import annotations

from moto import server as moto_server

from ._moto import install


def main(argv: list[str] | None = None) -> None:
    install()
    moto_server.main(argv)


if __name__ == "__main__":
    main()
