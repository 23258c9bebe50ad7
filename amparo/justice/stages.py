"""Rules for the order and dates of a legal case's stages."""

import datetime

from django.utils.translation import gettext as _

from amparo.core.validation import Errors
from amparo.justice.vocab import STAGE_ORDER, STAGE_REQUIRES, Stage


def dependants(stage: str) -> list[str]:
    return [s for s, required in STAGE_REQUIRES.items() if required == stage]


def check_stage(
    errors: Errors,
    *,
    stage: str,
    occurred_on: datetime.date,
    current: dict[str, datetime.date],
    convicted: bool,
    field: str = "occurred_on",
    born: datetime.date | None = None,
) -> None:
    """Validate recording ``stage`` on ``occurred_on`` given the current stage dates.

    The date is a past one (``Errors.past_date``), not before the victims were
    born (``born``). A stage needs the stage it depends on, and cannot be dated
    before it or after any stage that depends on it; a sentence needs a conviction.
    """
    errors.choice("stage", stage, Stage)
    if not errors.past_date(field, occurred_on, born=born) or stage not in STAGE_ORDER:
        return
    labels = dict(Stage.choices)
    required = STAGE_REQUIRES[stage]
    if required is not None:
        if required not in current:
            errors.add(
                "stage",
                _("%(stage)s needs %(required)s to be recorded first.")
                % {"stage": labels[stage], "required": labels[required]},
            )
        elif occurred_on < current[required]:
            errors.add(
                field,
                _("%(stage)s cannot be dated before %(required)s (%(date)s).")
                % {"stage": labels[stage], "required": labels[required], "date": current[required]},
            )
    for later in dependants(stage):
        if later in current and current[later] < occurred_on:
            errors.add(
                field,
                _("%(stage)s cannot be dated after %(later)s (%(date)s).")
                % {"stage": labels[stage], "later": labels[later], "date": current[later]},
            )
    if stage == Stage.SENTENCE and not convicted:
        errors.add("stage", _("A sentence needs a conviction on at least one charge."))
