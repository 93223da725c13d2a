"""``python -m moto_connect_ext``: the same as ``moto-connect-server``."""

from .server import main

main()
