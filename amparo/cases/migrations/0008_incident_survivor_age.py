"""Each incident keeps the survivor's age on its day; IPV is derived from the relation.

Existing incidents get ``survivor_age`` from the decrypted exact date of birth
when known (``survivor_age_exact``), else the year difference from the birth
year (an estimate, as before); their derived contexts are then worked out
again with it: someone who was 17 on the day is a child even if the year
difference says 18.

Intimate partner violence becomes derived (GBVIMS+: a GBV incident whose
primary perpetrator is a current or former intimate partner). Nothing a user
said is lost: where IPV was chosen and the perpetrator's relation left
"unknown", the choice said who the perpetrator was, so the relation becomes
"intimate partner" and IPV follows from it. Where IPV was chosen but another
relation recorded, the two contradict each other and the recorded relation
stands (it is what the standard derives from). The rules are frozen here as
they are at this migration (amparo.cases.classification).
"""

from django.db import migrations, models

BATCH = 1000
SEXUAL = ("rape", "sexual_assault")
DERIVED = {"ipv", "csa", "early_marriage", "possible_sexual_exploitation", "possible_sexual_slavery"}


def _age(birth_year, born, day):
    if born is not None:
        if day < born:
            return None, False
        # Born 29 February: a year older on 1 March in a year without one.
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day)), True
    if birth_year is None or day.year < birth_year:
        return None, False
    return day.year - birth_year, False


def _contexts(incident, age):
    contexts = {c for c in incident.contexts if c not in DERIVED}
    sexual = incident.gbv_type in SEXUAL
    minor = age is not None and age < 18
    if sexual and minor:
        contexts.add("csa")
    if incident.gbv_type == "forced_marriage" and minor:
        contexts.add("early_marriage")
    if sexual and incident.money_or_goods_exchanged:
        contexts.add("possible_sexual_exploitation")
    if sexual and incident.abduction_status not in ("", "none"):
        contexts.add("possible_sexual_slavery")
    if incident.gbv_type != "non_gbv" and incident.perpetrator_relation == "intimate_partner":
        contexts.add("ipv")
    return sorted(contexts)


def age_existing_incidents(apps, schema_editor):
    Incident = apps.get_model("cases", "Incident")
    SurvivorIdentity = apps.get_model("people", "SurvivorIdentity")
    fields = ["survivor_age", "survivor_age_exact", "contexts", "perpetrator_relation"]
    last = 0
    while True:
        batch = list(
            Incident.objects.filter(pk__gt=last)
            .select_related("case__survivor")
            .order_by("pk")[:BATCH]
        )
        if not batch:
            return
        survivor_ids = {i.case.survivor_id for i in batch}
        born = {
            i.survivor_id: i.date_of_birth
            for i in SurvivorIdentity.objects.filter(survivor_id__in=survivor_ids)
        }
        for incident in batch:
            survivor = incident.case.survivor
            if "ipv" in incident.contexts and incident.perpetrator_relation == "unknown":
                incident.perpetrator_relation = "intimate_partner"
            age, exact = _age(survivor.birth_year, born.get(survivor.pk), incident.occurred_on)
            incident.survivor_age = age
            incident.survivor_age_exact = exact
            incident.contexts = _contexts(incident, age)
        Incident.objects.bulk_update(batch, fields)
        last = batch[-1].pk


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0007_intake_draft_retention'),
        ('people', '0003_survivor_age_band'),
    ]

    operations = [
        migrations.AddField(
            model_name='incident',
            name='survivor_age',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="survivor's age at the incident"),
        ),
        migrations.AddField(
            model_name='incident',
            name='survivor_age_exact',
            field=models.BooleanField(default=False, verbose_name='age from the exact date of birth'),
        ),
        # Reversing drops the two columns; contexts and relations stay as re-derived
        # (the old code reads them as they are).
        migrations.RunPython(age_existing_incidents, migrations.RunPython.noop, elidable=False),
    ]
