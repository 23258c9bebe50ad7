"""The receiver assesses a referred survivor's restoration and plans its care, under
the referral; both sides read what it recorded on the referral's page."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.forms.assessments import AssessmentForm
from amparo.aftercare.forms.careplans import CarePlanForm
from amparo.aftercare.models import Assessment, CarePlan, Instrument
from amparo.aftercare.selectors import active_instrument
from amparo.aftercare.views.common import button_action, form_page
from amparo.core.api import error_keys
from amparo.core.views import form_submit
from amparo.network import selectors, selectors_partner
from amparo.network.models import Referral
from amparo.network.services import referrals as services
from amparo.network.services.referrals.common import RESTORATION_SERVICES


def _received(request: HttpRequest, referral_id: int) -> Referral:
    # A form page's GET is a read; the POST's write logs itself.
    return selectors.received_referral_get_for_user(
        user=request.user, referral_id=referral_id, log_read=request.method != "POST"
    )


def _detail_url(referral: Referral) -> str:
    return reverse("referral_detail", args=[referral.pk])


def _domain_names(instrument: Instrument) -> dict[str, str]:
    return {d.code: str(d) for d in instrument.domains.all()}


def _assessment_rows(assessments: list[Assessment]) -> list[dict[str, object]]:
    # Scores named by the domains of the instrument each was made with (the partner's).
    rows = []
    for a in assessments:
        names = _domain_names(a.instrument)
        scores = [(names.get(code, code), score) for code, score in a.domain_scores.items()]
        rows.append({"assessment": a, "scores": scores})
    return rows


def partner_records_context(*, referral: Referral, receiver: bool) -> dict[str, object]:
    """What ``network/_partner_records.html`` shows of the receiver's assessments and care
    plans, for a referral the caller has opened: as its sender, or as its receiver while
    it is live (``receiver``, who may also add to them)."""
    assessments = list(selectors_partner.partner_assessments_for_referral(referral=referral))
    plans = list(selectors_partner.partner_care_plans_for_referral(referral=referral))
    goal_names = _domain_names(active_instrument(organisation_id=referral.to_org_id))
    return {
        "partner_assessments": _assessment_rows(assessments),
        "partner_plans": [
            {
                "plan": p,
                "goals": [(goal_names.get(g.domain, g.domain), g) for g in p.goals.all()],
            }
            for p in plans
        ],
        "may_assess": receiver and bool(RESTORATION_SERVICES & set(referral.services)),
    }


@never_cache
@perm_required_view(Perm.REFERRALS, record=True)
def referral_assessment_new(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Every item of the receiver's own active instrument, grouped by domain."""
    referral = _received(request, referral_id)
    instrument = active_instrument(organisation_id=referral.to_org_id)
    form = AssessmentForm(request.POST or None, instrument=instrument)

    def record(data: dict) -> Assessment:
        with error_keys(**form.service_keys()):
            return services.partner_assessment_record(
                actor=request.user,
                referral=referral,
                assessed_on=data["assessed_on"],
                scores=form.scores(),
                notes=data["notes"],
            )

    return form_submit(
        request,
        form,
        record,
        then=_detail_url(referral),
        done=_("The assessment is recorded. The referring organisation sees its scores."),
    ) or form_page(
        request,
        case=None,
        form=form,
        instrument=instrument,
        template="aftercare/assessment_form.html",
        title=_("Restoration assessment: %(ref)s") % {"ref": referral.reference},
        submit=_("Record assessment"),
        intro=_(
            "With your organisation's instrument. The case stays with the referring "
            "organisation, which sees the date and the domain scores."
        ),
    )


@never_cache
@perm_required_view(Perm.REFERRALS, record=True)
def referral_care_plan_new(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _received(request, referral_id)
    instrument = active_instrument(organisation_id=referral.to_org_id)
    form = CarePlanForm(request.POST or None, instrument=instrument)

    def draft(data: dict) -> CarePlan:
        with form.goal_errors():
            return services.partner_care_plan_draft(
                actor=request.user, referral=referral, goals=form.goal_inputs(), **data
            )

    return form_submit(
        request,
        form,
        draft,
        then=_detail_url(referral),
        done=_("The care plan draft is saved."),
    ) or form_page(
        request,
        case=None,
        form=form,
        goals=form.goals,
        template="aftercare/care_plan_form.html",
        title=_("Care plan of your services: %(ref)s") % {"ref": referral.reference},
        submit=_("Save draft"),
        intro=_(
            "Write at least one goal; blank goal rows are ignored. Your supervisor approves "
            "the plan; the referring organisation sees its status, goals and next review."
        ),
    )


@never_cache
@require_POST
@perm_required_view(Perm.REFERRALS, record=True)
def referral_care_plan_submit(request: HttpRequest, referral_id: int, pk: int) -> HttpResponse:
    referral = _received(request, referral_id)
    return button_action(
        request,
        lambda: services.partner_care_plan_submit(
            actor=request.user, referral=referral, plan_id=pk
        ),
        done=_("The care plan is sent for approval."),
        then=_detail_url(referral),
    )


@never_cache
@require_POST
@perm_required_view(Perm.ASSIGN, record=True)
def referral_care_plan_approve(request: HttpRequest, referral_id: int, pk: int) -> HttpResponse:
    referral = _received(request, referral_id)
    return button_action(
        request,
        lambda: services.partner_care_plan_approve(
            actor=request.user, referral=referral, plan_id=pk
        ),
        done=_("The care plan is approved. The referring organisation is told."),
        then=_detail_url(referral),
    )
