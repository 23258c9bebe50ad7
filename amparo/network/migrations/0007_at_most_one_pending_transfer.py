"""One pending transfer per case, as a database constraint.

The service already checks it under the case's lock; copies a race left
before that are resolved first, without deleting any: the oldest pending
transfer stands, the others are cancelled with a note.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Count
from django.utils import timezone

NOTE = (
    "Cancelled as a duplicate when one pending transfer per case became a rule. / "
    "Cancelado como duplicado al exigirse un solo traslado pendiente por caso."
)


def resolve_duplicates(apps, schema_editor):  # type: ignore[no-untyped-def]  # RunPython hands in historical apps
    Transfer = apps.get_model("network", "Transfer")
    now = timezone.now()
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
        ("cases", "0001_initial"),
        ("network", "0006_transfer_previous_pseudonym"),
    ]

    operations = [
        migrations.RunPython(resolve_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="transfer",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "pending")),
                fields=("case",),
                name="uniq_pending_transfer",
            ),
        ),
    ]
