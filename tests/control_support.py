"""Helpers for the control-API tests: the endpoints' URL and what a refused call must not change."""

from __future__ import annotations

from datetime import datetime

from moto import settings as moto_settings

from moto_connect_ext import control
from moto_connect_ext.connect.config import Settings
from support import SERVER_MODE

#: Tests freeze the clock here, so "the clock did not change" is an equality.
FROZEN_AT = datetime(2032, 5, 17, 8, 30, 15)


def control_url(action: str) -> str:
    """``/moto-api/connect/<action>`` on the live server, or moto's in-process interception."""
    base = (
        moto_settings.test_server_mode_endpoint() if SERVER_MODE else "http://motoapi.amazonaws.com"
    )
    return f"{base}/moto-api/connect/{action}"


def control_state() -> tuple[Settings, Settings, datetime]:
    """What a refused control call must leave as it was (with the clock frozen)."""
    return (
        control.effective_settings(),
        control.effective_settings("123456789012", "us-east-1"),
        control.now(),
    )
