"""The client's address, as every part of Amparo that records or counts it reads it."""

import ipaddress
from collections.abc import Mapping
from typing import Any

from django.conf import settings


def client_address(meta: Mapping[str, Any]) -> str | None:
    """The connection's address, or the one the trusted proxies saw; None if unreadable.

    X-Forwarded-For is read only as far as ``AMPARO_TRUSTED_PROXIES`` says:
    entries further left were written by the client and could be anything, so
    neither the sign-in throttle nor the audit trail can be fed a made-up address.
    """
    value = meta.get("REMOTE_ADDR", "")
    hops = settings.AMPARO_TRUSTED_PROXIES
    if hops > 0:
        forwarded = [
            part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if forwarded:
            value = forwarded[-min(hops, len(forwarded))]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
