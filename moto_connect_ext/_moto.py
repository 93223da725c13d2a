"""The one place that knows how the plugin hooks into moto's internals.

moto has no plugin mechanism, so installing means: route every connect path to the plugin's response
class (a subclass of moto's, so moto's own operations keep working), serve the control endpoints
under ``/moto-api/connect/`` and register the state-manager models. Everything else in the package uses moto only through its public helpers.
"""

from __future__ import annotations

import threading

from moto.connect import urls as moto_connect_urls
from moto.moto_api import state_manager
from moto.moto_api._internal import urls as moto_api_urls

from . import control
from .connect import urls as plugin_urls
from .connect.models import PHONE_NUMBER_MODEL
from .connect.responses import ConnectResponse

_install_lock = threading.Lock()
_installed = False


def install() -> None:
    """Make moto serve the plugin's operations; safe to call any number of times."""
    global _installed
    with _install_lock:
        if _installed:
            return
        routes = moto_connect_urls.url_paths
        for path in routes:
            routes[path] = ConnectResponse.dispatch
        routes.update(plugin_urls.url_paths)
        for action in control.ACTIONS:
            moto_api_urls.url_paths[f"{{0}}/moto-api/connect/{action}"] = control.handle
        state_manager.register_default_transition(
            PHONE_NUMBER_MODEL, transition={"progression": "immediate"}
        )
        _installed = True
