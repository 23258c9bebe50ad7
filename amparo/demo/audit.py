"""Audit events for seeded writes: the code, actor and time the service would record."""

import datetime

from django.db import models

from amparo.accounts.models import Organisation, User
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.people.models import Survivor

SEED_AGENT = "manage.py seed (fictional demo data)"


def seeded_event(
    code: Code,
    actor: User | None,
    obj: models.Model,
    at: datetime.datetime,
    *,
    organisation: Organisation,
    case: Case | None = None,
    survivor: Survivor | None = None,
) -> AuditEvent:
    return AuditEvent(
        code=code,
        actor=actor,
        organisation=organisation,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        case=case,
        survivor=survivor or (case.survivor if case else None),
        user_agent=SEED_AGENT,
        at=at,
    )
