"""Family assessment, reintegration (supervisor decides) and follow-up visits."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.forms.reintegration import (
    FamilyAssessmentForm,
    FollowUpForm,
    ReintegrationCompleteForm,
    ReintegrationDecideForm,
    ReintegrationProposeForm,
)
from amparo.aftercare.models import FollowUp, Reintegration
from amparo.aftercare.selectors import (
    family_assessment_get,
    follow_up_get,
    reintegration_get,
)
from amparo.aftercare.services.reintegration import (
    family_assessment_approve,
    family_assessment_record,
    follow_up_record,
    reintegration_complete,
    reintegration_decide,
    reintegration_propose,
)
from amparo.aftercare.views.common import button_action, case_for, form_page, restoration_url
from amparo.core.api import error_keys
from amparo.core.views import form_submit


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def family_assessment_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
    form = FamilyAssessmentForm(request.POST or None)
    return form_submit(
        request,
        form,
        lambda _data: family_assessment_record(actor=request.user, case=case, data=form.to_input()),
        then=restoration_url(case, "family"),
        done=_("The family assessment is recorded; a supervisor will approve it."),
    ) or form_page(request, case=case, form=form, title=_("Family assessment"), submit=_("Record"))


@never_cache
@require_POST
@perm_required_view(Perm.ASSIGN, record=True)
def family_assessment_accept(request: HttpRequest, pk: int, assessment_pk: int) -> HttpResponse:
    case = case_for(request, pk)
    assessment = family_assessment_get(case=case, assessment_id=assessment_pk)
    return button_action(
        request,
        lambda: family_assessment_approve(actor=request.user, assessment=assessment),
        done=_("The family assessment is approved."),
        then=restoration_url(case, "family"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def reintegration_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
    assessments = list(case.family_assessments.all())
    form = ReintegrationProposeForm(request.POST or None, assessments=assessments)
    approved = [a for a in assessments if a.approved_at]
    return form_submit(
        request,
        form,
        lambda data: reintegration_propose(
            actor=request.user,
            case=case,
            family_assessment_id=data["family_assessment"],
            destination=data["destination"],
            planned_on=data["planned_on"],
        ),
        then=restoration_url(case, "reintegration"),
        done=_("The reintegration is proposed to a supervisor."),
    ) or form_page(
        request,
        case=case,
        form=form,
        title=_("Propose reintegration"),
        submit=_("Propose"),
        intro=_("Reintegration needs a family assessment approved by a supervisor.")
        if approved
        else _(
            "There is no approved family assessment yet, so reintegration cannot be "
            "proposed. Record a family assessment and ask a supervisor to approve it."
        ),
    )


@never_cache
@perm_required_view(Perm.ASSIGN, record=True)
def reintegration_decision(request: HttpRequest, pk: int, reintegration_pk: int) -> HttpResponse:
    case = case_for(request, pk)
    reintegration = reintegration_get(case=case, reintegration_id=reintegration_pk)
    form = ReintegrationDecideForm(request.POST or None, initial={"version": reintegration.version})

    def decide(data: dict) -> Reintegration:
        with error_keys(decision_note="note"):
            return reintegration_decide(
                actor=request.user,
                reintegration=reintegration,
                expected_version=data["version"],
                approve=data["decision"] == "approve",
                note=data["note"],
            )

    return form_submit(
        request,
        form,
        decide,
        then=restoration_url(case, "reintegration"),
        done=_("The decision is recorded."),
    ) or form_page(
        request,
        case=case,
        form=form,
        title=_("Decide on the reintegration"),
        submit=_("Record decision"),
        intro=_("Destination: %(dest)s, planned for %(day)s.")
        % {"dest": reintegration.get_destination_display(), "day": reintegration.planned_on},
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def reintegration_done(request: HttpRequest, pk: int, reintegration_pk: int) -> HttpResponse:
    case = case_for(request, pk)
    reintegration = reintegration_get(case=case, reintegration_id=reintegration_pk)
    form = ReintegrationCompleteForm(
        request.POST or None, initial={"version": reintegration.version}
    )
    return form_submit(
        request,
        form,
        lambda data: reintegration_complete(
            actor=request.user,
            reintegration=reintegration,
            expected_version=data["version"],
            reintegrated_on=data["reintegrated_on"],
        ),
        then=restoration_url(case, "follow-ups"),
        done=_("The survivor is reintegrated; follow-up visits are scheduled."),
    ) or form_page(
        request,
        case=case,
        form=form,
        title=_("Reintegration done"),
        submit=_("Record reintegration"),
        intro=_(
            "This ends the current placement, moves the case to follow-up and "
            "schedules the follow-up visits."
        ),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def follow_up_visit(request: HttpRequest, pk: int, follow_up_pk: int) -> HttpResponse:
    case = case_for(request, pk)
    follow_up = follow_up_get(case=case, follow_up_id=follow_up_pk)
    form = FollowUpForm(request.POST or None)

    def record(_data: dict) -> FollowUp:
        visit = follow_up_record(actor=request.user, follow_up=follow_up, data=form.to_input())
        if visit.risks:
            # What a risk set in motion must not read as a plain success.
            messages.warning(
                request,
                _(
                    "The visit is recorded. The risks raised a flag on the case and "
                    "a task for the supervisor."
                ),
            )
        return visit

    return form_submit(
        request,
        form,
        record,
        then=restoration_url(case, "follow-ups"),
        done=lambda visit: "" if visit.risks else _("The visit is recorded."),
    ) or form_page(
        request,
        case=case,
        form=form,
        title=_("Follow-up visit due %(day)s") % {"day": follow_up.due_on},
        submit=_("Record visit"),
    )
