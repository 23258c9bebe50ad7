"""Restoration instruments as data: load, schedule, score and the closure rule.

An instrument (domains, items, scale, schedule, closure rule) is loaded from a
JSON file, so an organisation can use its own licensed instrument without a
code change. The built-in default has six domains in Amparo's own words.
"""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.humanize.templatetags.humanize import apnumber
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amparo.aftercare import models as app_models
from amparo.core.dates import add_months, months_apart

DEFAULT_INSTRUMENT = Path(__file__).parent / "data" / "default_instrument.json"
DEFAULT_SCHEDULE = {"first_days": 0, "second_months": 6, "then_every_months": 12}
DEFAULT_RULE = {"min_domain_score": 3, "consecutive": 2, "min_gap_months": 6}
# An older rule's gap in days becomes calendar months at the mean month's length.
DAYS_PER_MONTH = 365.25 / 12


class InstrumentFileError(ValueError):
    pass


def _validate(data: dict[str, Any]) -> None:
    try:
        low, high = int(data["scale"]["min"]), int(data["scale"]["max"])
        assert low < high
        assert data["domains"], "no domains"
        for domain in data["domains"]:
            assert domain["code"] and domain["name_en"] and domain["items"]
            for item in domain["items"]:
                assert item["code"] and item["en"]
        closure_rule_from(data.get("closure_rule", {}))
        schedule_from(data.get("schedule", {}))
    except (KeyError, TypeError, ValueError, AssertionError) as exc:
        raise InstrumentFileError(
            _("The instrument file is not valid: %(error)s") % {"error": exc}
        ) from exc


@transaction.atomic
def load_instrument(*, data: dict[str, Any], organisation: Any = None, models: Any = None) -> Any:
    """Create an instrument from parsed JSON; ``models`` lets a migration pass historical models."""
    models = models or app_models
    _validate(data)
    instrument = models.Instrument.objects.create(
        organisation=organisation,
        code=data["code"],
        name_en=data["name_en"],
        name_es=data.get("name_es", data["name_en"]),
        scale_min=data["scale"]["min"],
        scale_max=data["scale"]["max"],
        scale_labels=data["scale"].get("labels", {}),
        schedule=schedule_from(data.get("schedule", {})),
        closure_rule=closure_rule_from(data.get("closure_rule", {})),
    )
    for d_order, domain in enumerate(data["domains"]):
        row = models.InstrumentDomain.objects.create(
            instrument=instrument,
            code=domain["code"],
            name_en=domain["name_en"],
            name_es=domain.get("name_es", domain["name_en"]),
            order=d_order,
        )
        models.InstrumentItem.objects.bulk_create(
            models.InstrumentItem(
                domain=row,
                code=item["code"],
                text_en=item["en"],
                text_es=item.get("es", item["en"]),
                order=i,
            )
            for i, item in enumerate(domain["items"])
        )
    return instrument


def read_instrument_file(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InstrumentFileError(str(exc)) from exc


def schedule_from(schedule: dict[str, Any]) -> dict[str, int]:
    """A schedule in today's terms: defaults filled in, and the steps an older
    instrument gave in days converted to calendar months (182 → 6, 365 → 12)."""
    schedule = dict(schedule)
    for days_key, months_key in (
        ("second_days", "second_months"),
        ("then_every_days", "then_every_months"),
    ):
        days = schedule.pop(days_key, None)
        if days is not None and months_key not in schedule:
            schedule[months_key] = round(int(days) / DAYS_PER_MONTH)
    return {**DEFAULT_SCHEDULE, **{key: int(value) for key, value in schedule.items()}}


def schedule_text(schedule: dict[str, Any]) -> str:
    """The schedule in words, as the instrument page says it."""
    schedule = schedule_from(schedule)
    return _(
        "Schedule: at intake (+%(first)s), then %(second)s after the first "
        "assessment, then every %(every)s."
    ) % {
        "first": ngettext("%(n)s day", "%(n)s days", schedule["first_days"])
        % {"n": schedule["first_days"]},
        "second": gap_in_words(schedule["second_months"]),
        "every": gap_in_words(schedule["then_every_months"]),
    }


def due_dates(
    *, schedule: dict[str, Any], intake_on: datetime.date, until: datetime.date
) -> list[datetime.date]:
    """Every date an assessment is due from intake up to ``until``, in calendar months,
    so the second falls when it can meet the closure rule (six months after the first)."""
    schedule = schedule_from(schedule)
    first = intake_on + datetime.timedelta(days=schedule["first_days"])
    dates = [first]
    second = add_months(first, schedule["second_months"])
    n = 0
    while (day := add_months(second, n * schedule["then_every_months"])) <= until:
        dates.append(day)
        n += 1
    return dates


def next_due(
    *, schedule: dict[str, Any], intake_on: datetime.date, done: list[datetime.date]
) -> datetime.date:
    """The next due date, where n = assessments done: at intake, then ``second_months``
    calendar months after the first assessment, then every ``then_every_months``."""
    schedule = schedule_from(schedule)
    count = len(done)
    if count == 0:
        return intake_on + datetime.timedelta(days=schedule["first_days"])
    if count == 1:
        return add_months(max(done[0], intake_on), schedule["second_months"])
    return add_months(max(done), schedule["then_every_months"])


def domain_scores(answers: dict[str, list[int]]) -> dict[str, float]:
    """Domain score = mean of its item scores (rounded to two places)."""
    return {
        domain: round(sum(scores) / len(scores), 2) for domain, scores in answers.items() if scores
    }


@dataclass(frozen=True)
class RuleResult:
    met: bool
    restored_on: datetime.date | None
    reasons: list[str]


def closure_rule_from(rule: dict[str, Any]) -> dict[str, int]:
    """A closure rule in today's terms: defaults filled in, and a gap an older
    instrument gave in days converted to calendar months (182 days → 6 months)."""
    rule = dict(rule)
    days = rule.pop("min_gap_days", None)
    if days is not None and "min_gap_months" not in rule:
        rule["min_gap_months"] = round(int(days) / DAYS_PER_MONTH)
    return {**DEFAULT_RULE, **{key: int(value) for key, value in rule.items()}}


def gap_in_words(months: int) -> str:
    """The gap said in words: "six months", "one month" (in the user's language; 10 on in digits)."""
    return ngettext("%(n)s month", "%(n)s months", months) % {"n": apnumber(months)}


def closure_rule_text(rule: dict[str, Any]) -> str:
    """The closure rule in words, as the instrument page and the unmet reasons say it."""
    rule = closure_rule_from(rule)
    return _(
        "every domain ≥ %(t)s on %(needed)s assessments at least %(gap)s apart, "
        "with none below %(t)s in between"
    ) % {
        "t": rule["min_domain_score"],
        "needed": rule["consecutive"],
        "gap": gap_in_words(rule["min_gap_months"]),
    }


def closure_rule_check(
    *,
    rule: dict[str, Any],
    assessments: list[tuple[datetime.date, dict[str, float]]],
    domains: list[str],
) -> RuleResult:
    """Is the survivor restored? ``assessments`` are (date, domain scores), oldest first.

    Default: every domain ≥ 3 on two assessments at least six calendar months
    apart (15 January → 15 July), with no failing assessment in between. An
    assessment with any domain below the threshold fails and starts the count
    again; an interim check-in that passes (or scores only some domains, all
    passing) neither resets it nor, unless it passes in every domain, counts.
    Once met, the rule stays met: ``restored_on`` is the first assessment at
    which it was. The one rule for closing a case and for the restoration
    status (``RestorationStatus.restored_on``).
    """
    rule = closure_rule_from(rule)
    threshold, needed, months = (
        rule["min_domain_score"],
        rule["consecutive"],
        rule["min_gap_months"],
    )
    if len(assessments) < needed:
        return RuleResult(
            False,
            None,
            [
                _("%(n)s of %(needed)s assessments needed so far.")
                % {"n": len(assessments), "needed": needed}
            ],
        )
    # The passing assessments that count, each at least ``months`` after the one before.
    counted: list[datetime.date] = []
    for day, scores in assessments:
        scored = [scores[d] for d in domains if d in scores]
        if any(score < threshold for score in scored):
            counted = []
        elif len(scored) == len(domains) and (
            not counted or months_apart(counted[-1], day, months)
        ):
            counted.append(day)
            if len(counted) >= needed:
                return RuleResult(True, day, [])
    latest = assessments[-1][1]
    low = [d for d in domains if d in latest and latest[d] < threshold]
    if low:
        return RuleResult(
            False,
            None,
            [
                _("Latest assessment below %(t)s in: %(domains)s.")
                % {"t": threshold, "domains": ", ".join(low)}
            ],
        )
    reasons = [_("Needed: %(rule)s.") % {"rule": closure_rule_text(rule)}]
    if counted:
        reasons.append(
            _("An assessment from %(day)s on can count next.")
            % {"day": add_months(counted[-1], months).isoformat()}
        )
    return RuleResult(False, None, reasons)
