"""Care plans: draft a version with goals per domain, submit, approve, review."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.forms.careplans import CarePlanForm, CarePlanReviewForm
from amparo.aftercare.models import CarePlan
from amparo.aftercare.selectors import active_instrument, care_plan_get
from amparo.aftercare.services.careplans import (
    care_plan_approve,
    care_plan_draft,
    care_plan_review,
    care_plan_submit,
)
from amparo.aftercare.views.common import button_action, case_for, form_page, restoration_url
from amparo.core.views import form_submit


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def care_plan_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
    instrument = active_instrument(organisation_id=case.organisation_id)
    form = CarePlanForm(request.POST or None, instrument=instrument)

    def draft(data: dict) -> CarePlan:
        with form.goal_errors():
            return care_plan_draft(actor=request.user, case=case, goals=form.goal_inputs(), **data)

    return form_submit(
        request,
        form,
        draft,
        then=restoration_url(case, "care-plan"),
        done=_("The care plan draft is saved."),
    ) or form_page(
        request,
        case=case,
        form=form,
        goals=form.goals,
        template="aftercare/care_plan_form.html",
        title=_("New care plan version"),
        submit=_("Save draft"),
        intro=_("Write at least one goal. Blank goal rows are ignored."),
    )


@never_cache
@require_POST
@perm_required_view(Perm.EDIT_CASE, record=True)
def care_plan_send(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    case = case_for(request, pk)
    plan = care_plan_get(case=case, plan_id=plan_pk)
    return button_action(
        request,
        lambda: care_plan_submit(actor=request.user, plan=plan),
        done=_("The care plan is sent for approval."),
        then=restoration_url(case, "care-plan"),
    )


@never_cache
@require_POST
@perm_required_view(Perm.ASSIGN, record=True)
def care_plan_accept(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    case = case_for(request, pk)
    plan = care_plan_get(case=case, plan_id=plan_pk)
    return button_action(
        request,
        lambda: care_plan_approve(actor=request.user, plan=plan),
        done=_("The care plan is approved."),
        then=restoration_url(case, "care-plan"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def care_plan_review_page(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    case = case_for(request, pk)
    plan = care_plan_get(case=case, plan_id=plan_pk)
    form = CarePlanReviewForm(request.POST or None, plan=plan)
    return form_submit(
        request,
        form,
        lambda data: care_plan_review(
            actor=request.user,
            plan=plan,
            reviewed_on=data["reviewed_on"],
            next_review_on=data["next_review_on"],
            goal_statuses=form.goal_statuses(),
        ),
        then=restoration_url(case, "care-plan"),
        done=_("The review is recorded."),
    ) or form_page(
        request,
        case=case,
        form=form,
        title=_("Review care plan version %(n)s") % {"n": plan.number},
        submit=_("Record review"),
    )
