"""Restoration counts calendar months, not days.

Every stored instrument's closure rule ``min_gap_days`` becomes
``min_gap_months`` (182 days → 6 months, at the mean month's length), and its
schedule's ``second_days`` / ``then_every_days`` become ``second_months`` /
``then_every_months`` (182 → 6, 365 → 12). Every case's restoration status is
then recomputed with the rule as written now (six calendar months apart, an
interim check-in that passes does not start the count again) and the schedule
in months.
"""

from django.db import migrations

from amparo.aftercare.instruments import (
    DAYS_PER_MONTH,
    closure_rule_check,
    closure_rule_from,
    next_due,
    schedule_from,
)


def in_months(apps, schema_editor):
    Instrument = apps.get_model("aftercare", "Instrument")
    for instrument in Instrument.objects.all():
        rule = closure_rule_from(instrument.closure_rule)
        schedule = schedule_from(instrument.schedule)
        if (rule, schedule) != (instrument.closure_rule, instrument.schedule):
            instrument.closure_rule, instrument.schedule = rule, schedule
            instrument.save(update_fields=["closure_rule", "schedule"])


def recompute_statuses(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Instrument = apps.get_model("aftercare", "Instrument")
    Assessment = apps.get_model("aftercare", "Assessment")
    RestorationStatus = apps.get_model("aftercare", "RestorationStatus")
    instruments = {
        instrument.pk: (
            instrument.closure_rule,
            instrument.schedule,
            list(instrument.domains.order_by("order").values_list("code", flat=True)),
        )
        for instrument in Instrument.objects.all()
    }
    for status in RestorationStatus.objects.all().iterator():
        rule, schedule, domains = instruments[status.instrument_id]
        rows = list(
            Assessment.objects.filter(case_id=status.case_id, instrument_id=status.instrument_id)
            .order_by("assessed_on", "id")
            .values_list("assessed_on", "domain_scores")
        )
        restored_on = closure_rule_check(rule=rule, assessments=rows, domains=domains).restored_on
        opened_on = Case.objects.filter(pk=status.case_id).values_list("opened_on", flat=True).get()
        due_on = next_due(
            schedule=schedule, intake_on=opened_on, done=[day for day, _scores in rows]
        )
        if (restored_on, due_on) != (status.restored_on, status.next_due_on):
            status.restored_on, status.next_due_on = restored_on, due_on
            status.save(update_fields=["restored_on", "next_due_on"])


def _days(months):
    return int(months * DAYS_PER_MONTH)


def in_days(apps, schema_editor):
    """Back to days (6 months → 182, 12 → 365), so an older release reads what it knows."""
    Instrument = apps.get_model("aftercare", "Instrument")
    for instrument in Instrument.objects.all():
        rule, schedule = dict(instrument.closure_rule), dict(instrument.schedule)
        if "min_gap_months" in rule:
            rule["min_gap_days"] = _days(rule.pop("min_gap_months"))
        for days_key, months_key in (
            ("second_days", "second_months"),
            ("then_every_days", "then_every_months"),
        ):
            if months_key in schedule:
                schedule[days_key] = _days(schedule.pop(months_key))
        instrument.closure_rule, instrument.schedule = rule, schedule
        instrument.save(update_fields=["closure_rule", "schedule"])


class Migration(migrations.Migration):
    dependencies = [
        ("aftercare", "0004_at_most_one_open_placement_plan_reintegration_task"),
        ("cases", "0001_initial"),
    ]
    operations = [
        migrations.RunPython(in_months, in_days),
        migrations.RunPython(recompute_statuses, migrations.RunPython.noop),
    ]
