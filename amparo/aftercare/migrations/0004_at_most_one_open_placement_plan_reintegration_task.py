""""At most one" rules of restoration as database constraints.

Before each constraint, rows that a race may already have duplicated are
resolved without deleting anything: the services never allowed these states,
so only two requests sent at the same instant can have produced them.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Count
from django.utils import timezone

DUPLICATE_NOTE = (
    "Closed as a duplicate when one open reintegration per case became a rule. / "
    "Cerrada como duplicada al exigirse una sola reintegración abierta por caso."
)


def _duplicated(queryset, *fields):
    return (
        queryset.values(*fields).annotate(n=Count("id")).filter(n__gt=1).values_list(*fields)
    )


def resolve_duplicates(apps, schema_editor):
    Placement = apps.get_model("aftercare", "Placement")
    CarePlan = apps.get_model("aftercare", "CarePlan")
    Reintegration = apps.get_model("aftercare", "Reintegration")
    Task = apps.get_model("aftercare", "Task")
    now = timezone.now()

    # Two open placements: the survivor moved to the newer one, so the older ends there.
    for (case_id,) in _duplicated(Placement.objects.filter(ended_on__isnull=True), "case_id"):
        newest, *older = Placement.objects.filter(case_id=case_id, ended_on__isnull=True).order_by(
            "-started_on", "-id"
        )
        for placement in older:
            placement.ended_on = max(placement.started_on, newest.started_on)
            placement.end_reason = "transferred"
            placement.version += 1
            placement.save(update_fields=["ended_on", "end_reason", "version", "updated_at"])

    # Two approved plans: the later version supersedes the earlier, as approval does.
    for (case_id,) in _duplicated(CarePlan.objects.filter(status="approved"), "case_id"):
        latest = CarePlan.objects.filter(case_id=case_id, status="approved").order_by("-number")[0]
        CarePlan.objects.filter(case_id=case_id, status="approved").exclude(pk=latest.pk).update(
            status="superseded"
        )

    # Two open reintegrations: the first (or the approved one) stands, the rest are
    # marked not approved with a note; their approval tasks are closed.
    open_statuses = ["proposed", "approved"]
    for (case_id,) in _duplicated(
        Reintegration.objects.filter(status__in=open_statuses), "case_id"
    ):
        rows = list(
            Reintegration.objects.filter(case_id=case_id, status__in=open_statuses).order_by("id")
        )
        kept = next((r for r in rows if r.status == "approved"), rows[0])
        for row in rows:
            if row.pk == kept.pk:
                continue
            row.status, row.decided_at, row.decision_note = "rejected", now, DUPLICATE_NOTE
            row.version += 1
            row.save(update_fields=["status", "decided_at", "decision_note", "version", "updated_at"])
            Task.objects.filter(
                source_type="aftercare.reintegration", source_id=str(row.pk), done_at__isnull=True
            ).update(done_at=now)

    # The same open task twice for one person: the first stays open, the copies are done.
    keys = ("kind", "source_type", "source_id", "assigned_to_id")
    open_tasks = Task.objects.filter(done_at__isnull=True).exclude(source_id="")
    for kind, source_type, source_id, assigned_to_id in _duplicated(open_tasks, *keys):
        copies = open_tasks.filter(
            kind=kind, source_type=source_type, source_id=source_id, assigned_to_id=assigned_to_id
        ).order_by("id")
        open_tasks.filter(pk__in=[t.pk for t in copies[1:]]).update(done_at=now)


class Migration(migrations.Migration):
    dependencies = [
        ("aftercare", "0003_encrypt_free_text"),
        ("cases", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(resolve_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="careplan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "approved")),
                fields=("case",),
                name="uniq_approved_care_plan",
            ),
        ),
        migrations.AddConstraint(
            model_name="placement",
            constraint=models.UniqueConstraint(
                condition=models.Q(("ended_on__isnull", True)),
                fields=("case",),
                name="uniq_open_placement",
            ),
        ),
        migrations.AddConstraint(
            model_name="reintegration",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["proposed", "approved"])),
                fields=("case",),
                name="uniq_open_reintegration",
            ),
        ),
        migrations.AddConstraint(
            model_name="task",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("done_at__isnull", True), models.Q(("source_id", ""), _negated=True)
                ),
                fields=("kind", "source_type", "source_id", "assigned_to"),
                name="uniq_open_task",
            ),
        ),
    ]
