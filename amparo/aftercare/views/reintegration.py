"""Family assessment, reintegration (supervisor decides) and follow-up visits."""

from django.contrib import messages
from django.core.exceptions import ValidationError
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
from amparo.aftercare.views.common import back, case_for, form_page, stale
from amparo.core.concurrency import StaleVersionError
from amparo.core.forms import add_service_errors


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def family_assessment_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
    form = FamilyAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            family_assessment_record(actor=request.user, case=case, data=form.to_input())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The family assessment is recorded; a supervisor will approve it.")
            )
            return back(case, "family")
    return form_page(
        request, case=case, form=form, title=_("Family assessment"), submit=_("Record")
    )


@never_cache
@require_POST
@perm_required_view(Perm.ASSIGN, record=True)
def family_assessment_accept(request: HttpRequest, pk: int, assessment_pk: int) -> HttpResponse:
    case = case_for(request, pk)
    assessment = family_assessment_get(case=case, assessment_id=assessment_pk)
    try:
        family_assessment_approve(actor=request.user, assessment=assessment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The family assessment is approved."))
    return back(case, "family")


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def reintegration_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
    assessments = list(case.family_assessments.all())
    form = ReintegrationProposeForm(request.POST or None, assessments=assessments)
    if request.method == "POST" and form.is_valid():
        try:
            reintegration_propose(
                actor=request.user,
                case=case,
                family_assessment_id=form.cleaned_data["family_assessment"],
                destination=form.cleaned_data["destination"],
                planned_on=form.cleaned_data["planned_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The reintegration is proposed to a supervisor."))
            return back(case, "reintegration")
    approved = [a for a in assessments if a.approved_at]
    return form_page(
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
    if request.method == "POST" and form.is_valid():
        try:
            reintegration_decide(
                actor=request.user,
                reintegration=reintegration,
                expected_version=form.cleaned_data["version"],
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        except StaleVersionError as exc:
            stale(form, exc)
        except ValidationError as exc:
            add_service_errors(form, exc, rename={"decision_note": "note"})
        else:
            messages.success(request, _("The decision is recorded."))
            return back(case, "reintegration")
    return form_page(
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
    if request.method == "POST" and form.is_valid():
        try:
            reintegration_complete(
                actor=request.user,
                reintegration=reintegration,
                expected_version=form.cleaned_data["version"],
                reintegrated_on=form.cleaned_data["reintegrated_on"],
            )
        except StaleVersionError as exc:
            stale(form, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The survivor is reintegrated; follow-up visits are scheduled.")
            )
            return back(case, "follow-ups")
    return form_page(
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
    if request.method == "POST" and form.is_valid():
        try:
            follow_up_record(actor=request.user, follow_up=follow_up, data=form.to_input())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if form.cleaned_data["risks"]:
                messages.warning(
                    request,
                    _(
                        "The visit is recorded. The risks raised a flag on the case and "
                        "a task for the supervisor."
                    ),
                )
            else:
                messages.success(request, _("The visit is recorded."))
            return back(case, "follow-ups")
    return form_page(
        request,
        case=case,
        form=form,
        title=_("Follow-up visit due %(day)s") % {"day": follow_up.due_on},
        submit=_("Record visit"),
    )
