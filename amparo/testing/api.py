"""Helpers for API tests: signed-in clients and a valid intake body."""

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from drf_spectacular.drainage import GENERATOR_STATS
from rest_framework.test import APIClient

from amparo.accounts.models import User


def api_client(user: User | None = None) -> APIClient:
    """A client signed in as ``user`` (session, as the browser would), or anonymous."""
    # Throttle counters live in the cache, keyed by user id; ids repeat between tests.
    cache.clear()
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def intake_payload(**overrides: Any) -> dict[str, Any]:
    """The JSON body of a valid intake about a clearly fictional survivor."""
    today = timezone.localdate()
    payload: dict[str, Any] = {
        "origin": "report",
        "opened_on": today.isoformat(),
        "risk_level": "high",
        "survivor": {
            "pseudonym": "Golondrina",
            "sex": "female",
            "birth_year": today.year - 16,
            "nationality": "GT",
            "languages": ["es", "quc"],
        },
        "identity": {
            "given_names": "Ficticia Prueba",
            "family_names": "Ejemplar Inventada",
            "date_of_birth": f"{today.year - 16}-05-02",
            "phone": "+502 5555 0199",
            "national_id": "TEST-0000-0099",
        },
        "incident": {
            "occurred_on": (today - datetime.timedelta(days=3)).isoformat(),
            "admin1": "Quetzaltenango",
            "q_sexual_contact": True,
            "contexts": ["trafficking"],
            "exploitation_types": ["sexual"],
            "means_of_control": ["debt_bondage"],
            "perpetrator_relation": "recruiter",
            "description": "Fictional account for tests.",
        },
        "consents": [{"scope": "services", "given_by": "survivor", "given_on": today.isoformat()}],
        "first_note": "First contact at the office; fictional.",
    }
    payload.update(overrides)
    return payload


def validated_schema(path: Path, django_db_blocker: Any) -> dict[str, Any]:
    """What ``manage.py spectacular --validate --fail-on-warn`` writes to ``path``
    (it fails on a warning), read back."""
    GENERATOR_STATS.reset()
    with django_db_blocker.unblock():
        call_command(
            "spectacular", validate=True, fail_on_warn=True, format="openapi-json", file=str(path)
        )
    return json.loads(path.read_text())
