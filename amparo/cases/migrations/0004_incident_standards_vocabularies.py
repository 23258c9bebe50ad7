"""Incidents speak HTCDS v2 and GBVIMS: perpetrator roles, recruitment, trafficking
status, abduction status, and the date each incident was first reported.

Existing rows lose nothing: each incident's report date becomes its case's
opening date (what its report delay was measured to until now), and a primary
perpetrator recorded as "recruiter / trafficker" also holds the HTCDS role
"recruiter or intermediary". Exploitation codes are unchanged (HTCDS's
"servitude" is the existing "slavery"), so no incident's list is rewritten.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def map_existing_incidents(apps, schema_editor):
    Incident = apps.get_model("cases", "Incident")
    Case = apps.get_model("cases", "Case")
    Incident.objects.filter(reported_on__isnull=True).update(
        reported_on=Subquery(Case.objects.filter(pk=OuterRef("case_id")).values("opened_on")[:1])
    )
    for incident in Incident.objects.filter(perpetrator_relation="recruiter").only(
        "pk", "perpetrator_roles"
    ):
        if "recruiter" not in incident.perpetrator_roles:
            incident.perpetrator_roles = sorted([*incident.perpetrator_roles, "recruiter"])
            incident.save(update_fields=["perpetrator_roles"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_intake_drafts"),
    ]

    operations = [
        migrations.AddField(
            model_name="incident",
            name="abduction_status",
            field=models.CharField(
                choices=[
                    ("none", "None"),
                    ("forced_conscription", "Forced conscription"),
                    ("trafficked", "Trafficked"),
                    ("other_abduction", "Other abduction / kidnapping"),
                ],
                default="none",
                max_length=20,
                verbose_name="type of abduction at the time of the incident",
            ),
        ),
        migrations.AddField(
            model_name="incident",
            name="recruitment_methods",
            field=models.JSONField(
                blank=True, default=list, verbose_name="method of recruitment"
            ),
        ),
        migrations.AddField(
            model_name="incident",
            name="trafficking_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("possible", "Possible victim of trafficking"),
                    ("actual", "Actual victim of trafficking"),
                    ("not_a_victim", "Not a victim of trafficking"),
                ],
                max_length=12,
                verbose_name="trafficking status",
            ),
        ),
        migrations.AddField(
            model_name="incident",
            name="trafficking_status_decided_by",
            field=models.CharField(
                blank=True,
                choices=[
                    ("police", "Police"),
                    ("ngo", "NGO"),
                    ("court", "Court or prosecution"),
                    ("government", "Non-police governmental organisation"),
                    ("other", "Other"),
                ],
                max_length=12,
                verbose_name="organisation that decided the trafficking status",
            ),
        ),
        migrations.AddField(
            model_name="incident",
            name="perpetrator_roles",
            field=models.JSONField(
                blank=True, default=list, verbose_name="perpetrator roles (HTCDS)"
            ),
        ),
        migrations.AddField(
            model_name="incident",
            name="reported_on",
            field=models.DateField(null=True, verbose_name="date first reported"),
        ),
        migrations.RunPython(map_existing_incidents, migrations.RunPython.noop),
    ]
