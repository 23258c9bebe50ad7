"""One open referral per case and partner, one pending transfer per case, as
database constraints.

The services already check both under the case's lock; rows a race left
before that are resolved first, without deleting any: the oldest open
referral (the accepted one, if any) and the oldest pending transfer stand, the
copies are ended with a note.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Count
from django.utils import timezone

NOTE = (
    "Closed as a duplicate when one open referral or transfer per case became a rule. / "
    "Cerrado como duplicado al exigirse una sola derivación o traslado abierto por caso."
)


def resolve_duplicates(apps, schema_editor):  # type: ignore[no-untyped-def]
    Referral = apps.get_model("network", "Referral")
    Transfer = apps.get_model("network", "Transfer")
    now = timezone.now()
    open_referrals = Referral.objects.filter(status__in=["pending", "accepted"])
    pairs = (
        open_referrals.values("case_id", "to_org_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("case_id", "to_org_id")
    )
    for case_id, to_org_id in pairs:
        rows = list(open_referrals.filter(case_id=case_id, to_org_id=to_org_id).order_by("id"))
        kept = next((r for r in rows if r.status == "accepted"), rows[0])
        for row in rows:
            if row.pk != kept.pk:
                row.status, row.ended_at, row.end_reason, row.end_note = (
                    "revoked",
                    now,
                    "sender",
                    NOTE,
                )
                row.version += 1
                row.save(
                    update_fields=[
                        "status",
                        "ended_at",
                        "end_reason",
                        "end_note",
                        "version",
                        "updated_at",
                    ]
                )
    pending = Transfer.objects.filter(status="pending")
    cases = pending.values("case_id").annotate(n=Count("id")).filter(n__gt=1)
    for case_id in cases.values_list("case_id", flat=True):
        for row in pending.filter(case_id=case_id).order_by("id")[1:]:
            row.status, row.responded_at, row.response_note = "cancelled", now, NOTE
            row.version += 1
            row.save(
                update_fields=["status", "responded_at", "response_note", "version", "updated_at"]
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("cases", "0001_initial"),
        ("network", "0004_notification_emailed_at"),
        ("people", "0002_consentgrant_sections"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(resolve_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["pending", "accepted"])),
                fields=("case", "to_org"),
                name="uniq_open_referral",
            ),
        ),
        migrations.AddConstraint(
            model_name="transfer",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "pending")),
                fields=("case",),
                name="uniq_pending_transfer",
            ),
        ),
    ]
