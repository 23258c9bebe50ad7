"""Care plans: draft a version with goals per domain, submit, approve, review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.forms.careplans import (
    CarePlanForm,
    CarePlanReviewForm,
    filled_goals,
    goal_formset,
)
from amparo.aftercare.selectors import active_instrument, care_plan_get
from amparo.aftercare.services.careplans import (
    care_plan_approve,
    care_plan_draft,
    care_plan_review,
    care_plan_submit,
)
from amparo.aftercare.views.common import back, case_for, form_page
from amparo.core.forms import add_service_errors


def _goal_errors(formset, exc: ValidationError) -> None:  # type: ignore[no-untyped-def]
    """Service keys ``goals.<n>.<field>`` → the n-th filled-in goal form."""
    filled = [f for f in formset.forms if f.has_changed()]
    for key, messages_ in exc.message_dict.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(filled):
            form = filled[int(parts[1])]
            form.add_error(parts[2] if parts[2] in form.fields else None, messages_)


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def care_plan_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
    instrument = active_instrument(organisation_id=case.organisation_id)
    form = CarePlanForm(request.POST or None)
    goals = goal_formset(request.POST or None, instrument)
    if request.method == "POST" and form.is_valid() & goals.is_valid():
        try:
            care_plan_draft(
                actor=request.user, case=case, goals=filled_goals(goals), **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            _goal_errors(goals, exc)
        else:
            messages.success(request, _("The care plan draft is saved."))
            return back(case, "care-plan")
    return form_page(
        request,
        case=case,
        form=form,
        goals=goals,
        template="aftercare/care_plan_form.html",
        title=_("New care plan version"),
        submit=_("Save draft"),
        intro=_("Write at least one goal. Blank goal rows are ignored."),
    )


def _plan_action(request: HttpRequest, pk: int, plan_pk: int, action, done: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    case = case_for(request, pk)
    plan = care_plan_get(case=case, plan_id=plan_pk)
    try:
        action(actor=request.user, plan=plan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return back(case, "care-plan")


@never_cache
@require_POST
@perm_required_view(Perm.EDIT_CASE, record=True)
def care_plan_send(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    return _plan_action(
        request, pk, plan_pk, care_plan_submit, _("The care plan is sent for approval.")
    )


@never_cache
@require_POST
@perm_required_view(Perm.ASSIGN, record=True)
def care_plan_accept(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    return _plan_action(request, pk, plan_pk, care_plan_approve, _("The care plan is approved."))


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def care_plan_review_page(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    case = case_for(request, pk)
    plan = care_plan_get(case=case, plan_id=plan_pk)
    form = CarePlanReviewForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            care_plan_review(
                actor=request.user,
                plan=plan,
                reviewed_on=form.cleaned_data["reviewed_on"],
                next_review_on=form.cleaned_data["next_review_on"],
                goal_statuses=form.goal_statuses(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The review is recorded."))
            return back(case, "care-plan")
    return form_page(
        request,
        case=case,
        form=form,
        title=_("Review care plan version %(n)s") % {"n": plan.number},
        submit=_("Record review"),
    )
