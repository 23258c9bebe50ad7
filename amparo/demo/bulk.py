"""Bulk inserts for the demo: parents before children, with the times the plans give."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection, models

from amparo.aftercare.models import Assessment, Service
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, CaseAssignment, CaseFlag, CaseNote, Incident, RescueOperation
from amparo.demo.plans import SurvivorPlan
from amparo.network.models import Notification, PartnerAgreement, Referral
from amparo.people.indexing import identity_terms, name_digests_for
from amparo.people.models import (
    ConsentGrant,
    FamilyMember,
    Survivor,
    SurvivorIdentity,
    SurvivorIndexTerm,
)

BATCH = 1000
# Models whose timestamps the plans set: bulk_create would otherwise stamp "now".
_PLANNED_TIMES = (
    Survivor,
    SurvivorIdentity,
    Case,
    Incident,
    CaseAssignment,
    CaseNote,
    CaseFlag,
    ConsentGrant,
    FamilyMember,
    RescueOperation,
    AuditEvent,
    PartnerAgreement,
    Referral,
    Service,
    Notification,
    Assessment,
)


@contextmanager
def planned_timestamps() -> Iterator[None]:
    """Let bulk_create keep the times the plans give instead of stamping "now"."""
    fields = [
        f
        for model in _PLANNED_TIMES
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def bulk(model: type[models.Model], objects: Iterable[models.Model]) -> None:
    model._default_manager.bulk_create(list(objects), batch_size=BATCH)


def insert_plans(plans: list[SurvivorPlan]) -> None:
    """Insert parents before children: bulk_create fills in the primary keys they point to."""
    for p in plans:
        p.survivor.name_digests = name_digests_for(p.identity_input)
    bulk(Survivor, (p.survivor for p in plans))
    bulk(SurvivorIdentity, (p.identity for p in plans))
    bulk(
        SurvivorIndexTerm,
        (
            SurvivorIndexTerm(
                survivor=p.survivor, organisation=p.team.organisation, kind=kind, digest=digest
            )
            for p in plans
            for kind, digest in identity_terms(p.identity_input)
        ),
    )
    bulk(Case, (p.case for p in plans))
    bulk(Incident, (i for p in plans for i in p.incidents))
    bulk(CaseAssignment, (a for p in plans for a in p.assignments))
    bulk(CaseNote, (n for p in plans for n in p.notes))
    bulk(CaseFlag, (f for p in plans for f in p.flags))
    bulk(ConsentGrant, (c for p in plans for c in p.consents))
    bulk(FamilyMember, (m for p in plans for m in p.family))


def bulk_rows(model: type[models.Model], fields: list[str], rows: Iterable[tuple]) -> None:
    """Insert plain rows of ``model`` (values for ``fields``, already in database form).

    For the tens of thousands of small rows of the demo (an assessment's answers)
    where building a model instance per row costs more than the insert itself.
    """
    meta = model._meta
    columns = ", ".join(connection.ops.quote_name(meta.get_field(f).column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(meta.db_table)
    # Table and columns come from the model, quoted; every value is a parameter.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        batch = list(rows)
        for start in range(0, len(batch), BATCH * 10):
            cursor.executemany(sql, batch[start : start + BATCH * 10])
