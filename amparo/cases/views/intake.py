"""The intake wizard: one form per step, its answers kept on the server in an encrypted
draft (``IntakeDraft``), so that an intake survives a session's end or a closed browser.

No case is written until the last step, where ``intake_draft_submit`` validates
the whole intake again and either opens the case or writes nothing. The session
holds only which draft is open, never an answer.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.cases.classification import QUESTION_FIELDS, classify
from amparo.cases.forms.incident import IncidentForm
from amparo.cases.forms.intake import CaseStepForm, ConsentForm, IdentityForm, SurvivorForm
from amparo.cases.inputs import IntakeInput
from amparo.cases.places import GT_DEPARTMENTS
from amparo.cases.selectors import (
    case_codes_for_survivors,
    rescue_operation_get_for_user,
    rescue_operations_for_user,
    sharing_organisations,
)
from amparo.cases.selectors_drafts import (
    draft_summaries,
    intake_draft_get_for_user,
    intake_drafts_for_user,
)
from amparo.cases.services.drafts import (
    draft_state,
    incident_prefill,
    intake_draft_discard,
    intake_draft_store,
    intake_draft_submit,
)
from amparo.cases.views.common import file_url, gbv_type_label
from amparo.cases.vocab import GbvType
from amparo.core.exceptions import NotFound
from amparo.core.forms import add_service_errors
from amparo.core.views import confirmed_action
from amparo.people.services import duplicate_check

SESSION_KEY = "amparo_intake"
STEPS = ("case", "survivor", "identity", "incident", "consent", "review")
STEP_TITLES = {
    "case": gettext_lazy("About the case"),
    "survivor": gettext_lazy("The survivor"),
    "identity": gettext_lazy("Identity"),
    "incident": gettext_lazy("The incident"),
    "consent": gettext_lazy("Consent"),
    "review": gettext_lazy("Review and submit"),
}


class Wizard:
    """The open draft of this browser's intake, and its answers per step."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        pointer = request.session.get(SESSION_KEY) or {}
        draft_id = pointer.get("draft") if isinstance(pointer, dict) else None
        self.draft = (
            intake_drafts_for_user(user=request.user).filter(pk=draft_id).first()
            if draft_id
            else None
        )
        self._rescue_operation = pointer.get("rescue_operation") if self.draft is None else None
        self.state = draft_state(self.draft)

    def point(self, *, draft: int | None = None, rescue_operation: int | None = None) -> None:
        self.request.session[SESSION_KEY] = {"draft": draft, "rescue_operation": rescue_operation}

    def clear(self) -> None:
        self.request.session.pop(SESSION_KEY, None)

    def store(self, step: str, data: MultiValueDict) -> None:
        raw = {k: data.getlist(k) for k in data if k not in ("csrfmiddlewaretoken",)}
        self.draft = intake_draft_store(
            actor=self.request.user,
            draft=self.draft,
            step=step,
            raw=raw,
            rescue_operation_id=self.rescue_operation,
        )
        self.state = draft_state(self.draft)
        self.point(draft=self.draft.pk)

    def data(self, step: str) -> MultiValueDict | None:
        raw = self.state["steps"].get(step)
        return None if raw is None else MultiValueDict(raw)

    def prefill(self, step: str) -> dict[str, object]:
        """Initial answers: a quick registration's, or the rescue's date and place."""
        found = dict(self.state["prefill"].get(step) or {})
        if step == "incident" and not found and self.rescue_operation:
            operation = rescue_operations_for_user(user=self.request.user).filter(
                pk=self.rescue_operation
            )
            if operation:
                found = incident_prefill(operation[0])
        return found

    def first_missing(self) -> str | None:
        for step in STEPS[:-1]:
            if step not in self.state["steps"]:
                return step
        return None

    @property
    def rescue_operation(self) -> int | None:
        if self.draft is not None:
            return self.draft.rescue_operation_id
        return self._rescue_operation


def _form(wizard: Wizard, step: str, data: MultiValueDict | None = None) -> forms.Form:
    user = wizard.request.user
    membership = user.active_membership
    if step == "case":
        initial = {}
        if wizard.rescue_operation:
            initial = {"origin": "rescue", "rescue_operation": wizard.rescue_operation}
        return CaseStepForm(
            data, initial=initial, operations=list(rescue_operations_for_user(user=user))
        )
    if step == "survivor":
        return SurvivorForm(data)
    if step == "identity":
        return IdentityForm(data, initial=wizard.prefill(step))
    if step == "incident":
        opened_on = None
        case_form = _bound(wizard, "case")
        if case_form is not None and case_form.is_valid():
            opened_on = case_form.cleaned_data["opened_on"]
        return IncidentForm(data, opened_on=opened_on, initial=wizard.prefill(step))
    if step == "consent":
        return ConsentForm(
            data,
            organisation=membership.organisation,
            recipients=list(sharing_organisations(user=user)),
        )
    raise NotFound


def _bound(wizard: Wizard, step: str) -> forms.Form | None:
    data = wizard.data(step)
    return None if data is None else _form(wizard, step, data)


def _render_step(
    request: HttpRequest, step: str, form: forms.Form, status: int = 200, **extra: object
) -> HttpResponse:
    index = STEPS.index(step)
    if step == "incident":
        extra.setdefault("gbv_type", gbv_type_label(form.data if form.is_bound else {}))
    return render(
        request,
        f"cases/intake/{step}.html",
        {
            "form": form,
            "step": step,
            "step_title": STEP_TITLES[step],
            "step_number": index + 1,
            "step_count": len(STEPS),
            "steps": [(s, STEP_TITLES[s]) for s in STEPS],
            "previous": STEPS[index - 1] if index else None,
            "departments": GT_DEPARTMENTS,
            **extra,
        },
        status=status,
    )


@never_cache
@perm_required_view(Perm.INTAKE)
def intake_start(request: HttpRequest) -> HttpResponse:
    """A new intake, unless some are in progress: then offer them first."""
    drafts = intake_drafts_for_user(user=request.user)
    if request.GET.get("new") != "1" and drafts.exists():
        return render(
            request,
            "cases/intake/drafts.html",
            {
                "drafts": draft_summaries(drafts[:50]),
                "step_titles": STEP_TITLES,
                "retention_days": settings.AMPARO_INTAKE_DRAFT_DAYS,
            },
        )
    Wizard(request).clear()
    return redirect("intake_step", step=STEPS[0])


@never_cache
@perm_required_view(Perm.INTAKE)
def intake_resume(request: HttpRequest, pk: int) -> HttpResponse:
    draft = intake_draft_get_for_user(user=request.user, draft_id=pk)
    wizard = Wizard(request)
    wizard.point(draft=draft.pk)
    wizard = Wizard(request)
    return redirect("intake_step", step=wizard.first_missing() or "review")


@never_cache
@perm_required_view(Perm.INTAKE, record=True)
def intake_from_rescue(request: HttpRequest, pk: int) -> HttpResponse:
    operation = rescue_operation_get_for_user(user=request.user, operation_id=pk)
    Wizard(request).point(rescue_operation=operation.pk)
    return redirect("intake_step", step=STEPS[0])


def _duplicate_warning(request: HttpRequest, form: IdentityForm) -> dict[str, object] | None:
    identity = form.to_input()
    if identity.is_empty():
        return None
    candidates = duplicate_check(actor=request.user, identity=identity)
    if not candidates:
        return None
    codes = case_codes_for_survivors(
        user=request.user, survivor_ids=[c.survivor_id for c in candidates]
    )
    return {"codes": codes}


@never_cache
@perm_required_view(Perm.INTAKE)
def intake_step(request: HttpRequest, step: str) -> HttpResponse:
    if step not in STEPS:
        raise NotFound
    wizard = Wizard(request)
    missing = wizard.first_missing()
    if missing and STEPS.index(missing) < STEPS.index(step):
        return redirect("intake_step", step=missing)
    if step == "review":
        return _review(request, wizard)

    if request.method != "POST":
        form = _bound(wizard, step) or _form(wizard, step)
        return _render_step(request, step, form)

    form = _form(wizard, step, request.POST)
    if not form.is_valid():
        return _render_step(request, step, form, status=422)
    if step == "identity" and not form.cleaned_data["acknowledge_duplicate"]:
        warning = _duplicate_warning(request, form)
        if warning:
            return _render_step(request, step, form, duplicate=warning)
    try:
        wizard.store(step, request.POST)
    except ValidationError as exc:
        # Submitted or set aside meanwhile (another tab): say so, keep nothing.
        messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
        wizard.clear()
        return redirect("intake_start")
    return redirect("intake_step", step=STEPS[STEPS.index(step) + 1])


def _service_error_step(exc: ValidationError) -> str:
    keys = exc.message_dict.keys()
    for step, prefix in (
        ("survivor", "survivor."),
        ("identity", "identity."),
        ("incident", "incident."),
        ("consent", "consents."),
    ):
        if any(k.startswith(prefix) for k in keys):
            return step
    return "case"


def _attach_errors(form: forms.Form, step: str, exc: ValidationError) -> None:
    if isinstance(form, ConsentForm):
        form.add_consent_errors(exc)
    elif step == "case":
        add_service_errors(
            form,
            ValidationError(
                {k: v for k, v in exc.message_dict.items() if "." not in k and k != "first_note"}
            ),
        )
    else:
        add_service_errors(form, exc, prefix=f"{step}.")


def summarise(form: forms.Form, *, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Label and readable value of each answered field of a valid form."""
    rows = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name in skip or value in (None, "", [], False):
            continue
        choices = {str(k): str(v) for k, v in getattr(field, "choices", [])}
        if isinstance(value, list):
            shown = ", ".join(choices.get(str(v), str(v)) for v in value)
        elif value is True:
            shown = _("Yes")
        else:
            shown = choices.get(str(value), str(value))
        rows.append((str(field.label), shown))
    return rows


def _review(request: HttpRequest, wizard: Wizard) -> HttpResponse:
    forms_by_step = {step: _bound(wizard, step) for step in STEPS[:-1]}
    for step, form in forms_by_step.items():
        if not form.is_valid():
            return _render_step(request, step, form, status=422)
    case_form = forms_by_step["case"]
    incident = forms_by_step["incident"].to_input()
    data = IntakeInput(
        origin=case_form.cleaned_data["origin"],
        opened_on=case_form.cleaned_data["opened_on"],
        risk_level=case_form.cleaned_data["risk_level"],
        case_code=case_form.cleaned_data["case_code"],
        rescue_operation_id=case_form.cleaned_data["rescue_operation"],
        survivor=forms_by_step["survivor"].to_input(),
        identity=forms_by_step["identity"].to_input(),
        incident=incident,
        consents=forms_by_step["consent"].to_inputs(),
    )
    if request.method != "POST":
        identity_form = forms_by_step["identity"]
        return _render_step(
            request,
            "review",
            forms_by_step["case"],
            summaries=[
                (STEP_TITLES["case"], summarise(forms_by_step["case"]), "case"),
                (STEP_TITLES["survivor"], summarise(forms_by_step["survivor"]), "survivor"),
                (STEP_TITLES["incident"], summarise(forms_by_step["incident"]), "incident"),
                (STEP_TITLES["consent"], forms_by_step["consent"].summary(), "consent"),
            ],
            gbv_type=GbvType(classify({q: getattr(incident, q) for q in QUESTION_FIELDS})).label,
            identity_given=[
                identity_form[name].label
                for name in data.identity.__dataclass_fields__
                if getattr(data.identity, name)
            ],
        )
    assert wizard.draft is not None  # every step is answered, so the draft exists
    try:
        case = intake_draft_submit(actor=request.user, draft=wizard.draft, data=data)
    except ValidationError as exc:
        step = _service_error_step(exc)
        form = forms_by_step[step]
        _attach_errors(form, step, exc)
        messages.error(request, _("Please correct the problems below; nothing was saved."))
        return _render_step(request, step, form, status=422)
    wizard.clear()
    messages.success(request, _("Case %(code)s opened.") % {"code": case.code})
    return redirect(file_url(case))


@require_GET
@perm_required_view(Perm.INTAKE, Perm.EDIT_CASE)
def classify_preview(request: HttpRequest) -> HttpResponse:
    """The GBVIMS type the answers so far lead to; the answers are yes/no, never PII."""
    return render(request, "cases/intake/_gbv_type.html", {"gbv_type": gbv_type_label(request.GET)})


class DiscardForm(forms.Form):
    """Nothing to fill in: the confirmation page is the safeguard."""


@never_cache
@perm_required_view(Perm.INTAKE)
def intake_discard(request: HttpRequest, pk: int) -> HttpResponse:
    draft = intake_draft_get_for_user(user=request.user, draft_id=pk, log_read=False)
    pseudonym = draft_summaries([draft])[0]
    back = reverse("intake_start")
    return confirmed_action(
        request,
        form=DiscardForm(request.POST or None),
        run=lambda _data: intake_draft_discard(actor=request.user, draft=draft),
        done=_("The intake in progress is set aside."),
        then=back,
        title=_("Set aside this intake"),
        question=_(
            "Set aside the intake of %(name)s? No case was opened from it; it will no longer "
            "be offered to continue."
        )
        % {"name": pseudonym.pseudonym or _("a person not yet named")},
        submit=_("Yes, set it aside"),
        back=back,
    )
