"""The closure rule's gap counts calendar months, not days.

Every stored instrument's ``min_gap_days`` becomes ``min_gap_months`` (182 days
→ 6 months, at the mean month's length), and every case's restoration status
is recomputed with the rule as written now: six calendar months apart, an
interim check-in that passes does not start the count again.
"""

from django.db import migrations

from amparo.aftercare.instruments import closure_rule_check, closure_rule_from


def rule_in_months(apps, schema_editor):
    Instrument = apps.get_model("aftercare", "Instrument")
    for instrument in Instrument.objects.all():
        rule = closure_rule_from(instrument.closure_rule)
        if rule != instrument.closure_rule:
            instrument.closure_rule = rule
            instrument.save(update_fields=["closure_rule"])


def recompute_restored_on(apps, schema_editor):
    Instrument = apps.get_model("aftercare", "Instrument")
    Assessment = apps.get_model("aftercare", "Assessment")
    RestorationStatus = apps.get_model("aftercare", "RestorationStatus")
    instruments = {
        instrument.pk: (
            instrument.closure_rule,
            list(instrument.domains.order_by("order").values_list("code", flat=True)),
        )
        for instrument in Instrument.objects.all()
    }
    for status in RestorationStatus.objects.all().iterator():
        rule, domains = instruments[status.instrument_id]
        rows = list(
            Assessment.objects.filter(case_id=status.case_id, instrument_id=status.instrument_id)
            .order_by("assessed_on", "id")
            .values_list("assessed_on", "domain_scores")
        )
        restored_on = closure_rule_check(rule=rule, assessments=rows, domains=domains).restored_on
        if restored_on != status.restored_on:
            status.restored_on = restored_on
            status.save(update_fields=["restored_on"])


def rule_in_days(apps, schema_editor):
    """Back to days (6 months → 182 days), so an older release reads the rule it knows."""
    Instrument = apps.get_model("aftercare", "Instrument")
    for instrument in Instrument.objects.all():
        rule = dict(instrument.closure_rule)
        if "min_gap_months" in rule:
            rule["min_gap_days"] = int(rule.pop("min_gap_months") * 365.25 / 12)
            instrument.closure_rule = rule
            instrument.save(update_fields=["closure_rule"])


class Migration(migrations.Migration):
    dependencies = [("aftercare", "0004_at_most_one_open_placement_plan_reintegration_task")]
    operations = [
        migrations.RunPython(rule_in_months, rule_in_days),
        migrations.RunPython(recompute_restored_on, migrations.RunPython.noop),
    ]
