"""Installing the plugin into moto: the top floor, which wires the package's parts together.

moto has no plugin mechanism, so installing means: make the plugin's ConnectBackend (moto's,
extended with the plugin's resource families) the class of moto's ``connect_backends``, whose
module's routes send every connect path to the plugin's response class; route End User Messaging
SMS (``pinpoint-sms-voice-v2``, which moto lacks) to the plugin's own backend; serve the control
endpoints under ``/moto-api/connect/``; give snapshots the Connect section; register the
state-manager models, whose time progressions follow the plugin clock; and give moto's
CloudFormation the plugin's resource types and a failure path for them. Every touch of moto's insides goes through :mod:`.compat`, whose
self-check runs first: on a moto release without a hook the package needs, installing fails at
once with one clear error.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from moto.moto_api import state_manager

from . import compat, control, inspection, snapshots
from .connect.config import PHONE_NUMBER_MODEL, STATE_LOCK, TDG_MODEL, now
from .connect.models import ConnectBackend, expire_due
from .connect.models import snapshot as connect_snapshot
from .connect.models.cloudformation import StackResourceFailed
from .pinpointsmsvoicev2 import SERVICE as SMS_VOICE
from .pinpointsmsvoicev2 import urls as sms_voice_urls
from .pinpointsmsvoicev2.models import SMS_PHONE_NUMBER_MODEL, sms_voice_backends

_install_lock = threading.RLock()
_installed = False
_cloudformation_ready = False


def _control_endpoint(request: Any, full_url: str, headers: Any) -> Any:
    """moto-api callback for /moto-api/connect/...: the raw body, whatever the Content-Type."""
    return control.handle(request.method, full_url, compat.raw_body(request))


def _with_connect_state(handler: compat.ControlHandler) -> compat.ControlHandler:
    """moto's ``/moto-api/data.json`` (which its dashboard shows) lists every tracked model: expire
    what is due first and hold the state lock while it reads, so it sees numbers as the operations
    do; then add the rows of what moto cannot track (flows, cooldowns, churn records)."""

    def serve(request: Any, full_url: str, headers: Any) -> Any:
        with STATE_LOCK:
            expire_due()
            status, reply_headers, body = handler(request, full_url, headers)
            data = json.loads(body)
            data.setdefault("connect", {}).update(inspection.dashboard_rows())
        return status, reply_headers, json.dumps(data)

    return serve


def _cloudformation_knows_connect() -> None:
    """Once moto's CloudFormation is loaded: its type map includes the plugin's resources (moto
    caches the map on first use, perhaps before the plugin was installed) and its stacks fail on a
    refused Connect resource."""
    global _cloudformation_ready
    with _install_lock:
        if _cloudformation_ready:
            return
        compat.refresh_cloudformation_types()
        compat.stacks_fail_and_roll_back(StackResourceFailed)
        _cloudformation_ready = True


def install() -> None:
    """Make moto serve the plugin's operations; safe to call any number of times.

    Raises :class:`compat.IncompatibleMoto` if the installed moto lacks a hook the plugin needs.
    """
    global _installed
    with _install_lock:
        if _installed:
            return
        compat.check()
        compat.extend_connect_backends(ConnectBackend, ConnectBackend.extending)
        for action in control.ACTIONS:
            compat.add_control_route(f"connect/{action}", _control_endpoint)
        compat.add_control_route("connect/", _control_endpoint)
        snapshots.register(
            "connect",
            snapshots.Section(
                capture=connect_snapshot.capture,
                set_aside=connect_snapshot.Aside,
                restore=connect_snapshot.restore,
                summary=connect_snapshot.summary,
            ),
        )
        compat.wrap_control_route("data.json", _with_connect_state)
        compat.register_service(SMS_VOICE, sms_voice_urls.url_bases[0], lambda: sms_voice_backends)
        models = (PHONE_NUMBER_MODEL, TDG_MODEL, SMS_PHONE_NUMBER_MODEL)
        for model_name in models:
            state_manager.register_default_transition(
                model_name, transition={"progression": "immediate"}
            )
        compat.time_progressions_follow(models, now)
        # moto's CloudFormation is prepared when it is loaded, not before: importing it costs more
        # than the whole plugin. (The resource classes exist already: this module imports them.)
        compat.when_backend_loaded("cloudformation", _cloudformation_knows_connect)
        _installed = True
