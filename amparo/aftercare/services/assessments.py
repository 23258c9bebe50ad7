"""Restoration assessments: scores per item, domain means, schedule, closure rule."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.aftercare import events
from amparo.aftercare.instruments import domain_scores, next_due
from amparo.aftercare.models import Assessment, AssessmentAnswer, Instrument, RestorationStatus
from amparo.aftercare.selectors import active_instrument, rule_for_case
from amparo.aftercare.services.common import (
    lock_case,
    past_case_date,
)
from amparo.cases.models import Case
from amparo.core.validation import Errors, Step


def _refresh_status(case: Case, instrument: Instrument) -> RestorationStatus:
    # The case's own assessments only: a partner's follow its own instrument and
    # schedule, and whether the survivor is restored is the owner's call.
    assessments = list(
        case.assessments.filter(instrument=instrument, partner_organisation__isnull=True).order_by(
            "assessed_on", "id"
        )
    )
    rule = rule_for_case(case=case, instrument=instrument, assessments=assessments)
    status, _created = RestorationStatus.objects.update_or_create(
        case=case,
        defaults={
            "instrument": instrument,
            "assessments": len(assessments),
            "first_on": assessments[0].assessed_on,
            "last_on": assessments[-1].assessed_on,
            "first_scores": assessments[0].domain_scores,
            "latest_scores": assessments[-1].domain_scores,
            "next_due_on": next_due(
                schedule=instrument.schedule,
                intake_on=case.opened_on,
                done=[a.assessed_on for a in assessments],
            ),
            "restored_on": rule.restored_on,
        },
    )
    return status


@transaction.atomic
def assessment_record(
    *,
    actor: User,
    case: Case,
    assessed_on: datetime.date,
    scores: dict[str, int],
    notes: str = "",
    partner_organisation_id: int | None = None,
    since: Step | None = None,
) -> Assessment:
    """Record a restoration assessment with the organisation's active instrument.

    The organisation is the case's, unless ``partner_organisation_id`` names
    another: only the network's ``partner_assessment_record`` does, for a
    partner assessing a survivor it was referred, with its own instrument,
    once it has checked the referral; ``since`` is then the first day it may
    date the assessment (its dates never reveal the case's own).

    Needs EDIT_CASE (``Denied``). Under the case's lock; a closed case is
    refused. Every item must be scored within the instrument's scale, and no
    unknown item may be sent; the assessment cannot predate the case's
    opening. Domain scores are the means of their items; the case's
    restoration status (schedule, closure rule) is recomputed from the case's
    own assessments, never a partner's. Audited.
    """
    perm_required(actor, Perm.EDIT_CASE)
    lock_case(case)  # the case's restoration status is recomputed under the lock
    instrument = active_instrument(organisation_id=partner_organisation_id or case.organisation_id)
    errors = Errors()
    if since is None:
        past_case_date(errors, "assessed_on", assessed_on, case)
    else:
        errors.past_date("assessed_on", assessed_on, after=[since])
    by_domain: dict[str, list[int]] = {}
    answers = []
    for domain in instrument.domains.prefetch_related("items"):
        for item in domain.items.all():
            score = scores.get(item.code)
            if score is None:
                errors.add(f"scores.{item.code}", _("Score this item."))
            elif (
                not isinstance(score, int)
                or not instrument.scale_min <= score <= instrument.scale_max
            ):
                errors.add(
                    f"scores.{item.code}",
                    _("Give a score from %(low)s to %(high)s.")
                    % {"low": instrument.scale_min, "high": instrument.scale_max},
                )
            else:
                by_domain.setdefault(domain.code, []).append(score)
                answers.append((item, score))
    unknown = (
        set(scores)
        - {item.code for item, _score in answers}
        - {key.removeprefix("scores.") for key in errors.fields()}
    )
    if unknown:
        errors.add("scores", _("Unknown items: %(items)s.") % {"items": ", ".join(sorted(unknown))})
    errors.raise_if_any()
    assessment = Assessment.objects.create(
        case=case,
        instrument=instrument,
        assessed_on=assessed_on,
        assessed_by=actor,
        partner_organisation_id=partner_organisation_id,
        domain_scores=domain_scores(by_domain),
        notes=notes,
    )
    AssessmentAnswer.objects.bulk_create(
        AssessmentAnswer(assessment=assessment, item=item, score=score) for item, score in answers
    )
    if partner_organisation_id is None:
        _refresh_status(case, instrument)
    events.assessment_recorded(actor=actor, assessment=assessment)
    return assessment
