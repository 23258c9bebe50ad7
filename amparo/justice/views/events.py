"""Events of a legal case. Each posts to its own URL and returns to the legal case.

GET shows the form on a page of its own (useful on a phone); a valid POST
calls the service and redirects; a refused one shows the errors by the fields
and writes nothing.
"""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.core.concurrency import StaleVersionError
from amparo.core.forms import add_service_errors
from amparo.justice import selectors, services
from amparo.justice.forms.events import (
    AccusedForm,
    ChargeForm,
    HearingForm,
    HearingOutcomeForm,
    SentenceForm,
    StageCorrectForm,
    StageForm,
    VerdictForm,
)
from amparo.justice.forms.legal_case import AssignLawyerForm, LegalCaseCloseForm, LinkVictimForm
from amparo.justice.models import LegalCase
from amparo.justice.views.common import back, form_page, get_legal_case


def run(
    request: HttpRequest,
    *,
    legal_case: LegalCase,
    form: forms.Form,
    write: Callable[[dict], object],
    title: str,
    submit: str,
    success: str,
    anchor: str = "",
    intro: str = "",
    rename: dict[str, str] | None = None,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            write(form.cleaned_data)
        except StaleVersionError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc, rename=rename)
        else:
            messages.success(request, success)
            return back(legal_case, anchor)
    return form_page(
        request, legal_case=legal_case, form=form, title=title, submit=submit, intro=intro
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def stage_record(request: HttpRequest, pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    return run(
        request,
        legal_case=legal_case,
        form=StageForm(request.POST or None),
        write=lambda d: services.stage_record(actor=request.user, legal_case=legal_case, **d),
        title=_("Record a stage"),
        intro=_("Verdicts and sentences are recorded per accused and charge."),
        submit=_("Record stage"),
        success=_("The stage is recorded."),
        anchor="timeline",
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def stage_correct(request: HttpRequest, pk: int, event_pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    event = selectors.stage_event_get(legal_case=legal_case, event_id=event_pk)
    return run(
        request,
        legal_case=legal_case,
        form=StageCorrectForm(request.POST or None, initial={"occurred_on": event.occurred_on}),
        write=lambda d: services.stage_correct(
            actor=request.user, event_id=event.pk, legal_case=legal_case, **d
        ),
        title=_("Correct the date of “%(stage)s”") % {"stage": event.get_stage_display()},
        submit=_("Correct date"),
        success=_("The date is corrected; the old one stays in the history."),
        anchor="timeline",
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def accused_add(request: HttpRequest, pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    form = AccusedForm(request.POST or None)
    return run(
        request,
        legal_case=legal_case,
        form=form,
        write=lambda d: services.accused_add(
            actor=request.user, legal_case=legal_case, data=form.to_input()
        ),
        title=_("Add an accused person"),
        submit=_("Add accused"),
        success=_("The accused is added."),
        anchor="accused",
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def charge_add(request: HttpRequest, pk: int, accused_pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    accused = selectors.accused_get(legal_case=legal_case, accused_id=accused_pk)
    offences = list(selectors.offences_for_user(user=request.user))
    return run(
        request,
        legal_case=legal_case,
        form=ChargeForm(request.POST or None, offences=offences),
        write=lambda d: services.charge_add(
            actor=request.user, accused=accused, offence_id=d["offence"]
        ),
        title=_("Charge %(pseudonym)s") % {"pseudonym": accused.pseudonym},
        submit=_("Add charge"),
        success=_("The charge is added."),
        anchor="accused",
        rename={"offence_id": "offence"},
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def verdict_record(request: HttpRequest, pk: int, charge_pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    charge = selectors.charge_get(legal_case=legal_case, charge_id=charge_pk)
    return run(
        request,
        legal_case=legal_case,
        form=VerdictForm(request.POST or None),
        write=lambda d: services.verdict_record(actor=request.user, charge=charge, **d),
        title=_("Verdict for %(pseudonym)s: %(offence)s")
        % {"pseudonym": charge.accused.pseudonym, "offence": charge.offence},
        submit=_("Record verdict"),
        success=_("The verdict is recorded."),
        anchor="accused",
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def sentence_record(request: HttpRequest, pk: int, charge_pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    charge = selectors.charge_get(legal_case=legal_case, charge_id=charge_pk)
    form = SentenceForm(request.POST or None)
    return run(
        request,
        legal_case=legal_case,
        form=form,
        write=lambda d: services.sentence_record(
            actor=request.user, charge=charge, data=form.to_input()
        ),
        title=_("Sentence for %(pseudonym)s: %(offence)s")
        % {"pseudonym": charge.accused.pseudonym, "offence": charge.offence},
        submit=_("Record sentence"),
        success=_("The sentence is recorded."),
        anchor="accused",
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def hearing_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    return run(
        request,
        legal_case=legal_case,
        form=HearingForm(request.POST or None, courts=list(selectors.courts())),
        write=lambda d: services.hearing_schedule(
            actor=request.user,
            legal_case=legal_case,
            scheduled_for=d["scheduled_for"],
            kind=d["kind"],
            court_id=d["court"],
        ),
        title=_("Schedule a hearing"),
        submit=_("Schedule hearing"),
        success=_("The hearing is scheduled."),
        anchor="hearings",
        rename={"court_id": "court"},
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def hearing_outcome(request: HttpRequest, pk: int, hearing_pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    hearing = selectors.hearing_get(legal_case=legal_case, hearing_id=hearing_pk)
    form = HearingOutcomeForm(request.POST or None, initial={"version": hearing.version})
    return run(
        request,
        legal_case=legal_case,
        form=form,
        write=lambda d: services.hearing_record_outcome(
            actor=request.user,
            hearing=hearing,
            expected_version=d["version"],
            data=form.to_input(),
        ),
        title=_("What happened at the hearing of %(when)s?")
        % {"when": timezone.localtime(hearing.scheduled_for).strftime("%Y-%m-%d %H:%M")},
        submit=_("Record outcome"),
        success=_("The hearing's outcome is recorded."),
        anchor="timeline",
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def victim_link(request: HttpRequest, pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    cases = list(selectors.victim_case_choices(user=request.user)[:200])
    return run(
        request,
        legal_case=legal_case,
        form=LinkVictimForm(request.POST or None, cases=cases),
        write=lambda d: services.legal_case_link_victim(
            actor=request.user, legal_case=legal_case, case_id=d["case"]
        ),
        title=_("Link another victim"),
        submit=_("Link"),
        success=_("The survivor's case is linked."),
        anchor="team",
        rename={"case_id": "case"},
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def lawyer_assign(request: HttpRequest, pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    members = list(selectors.legal_lawyer_choices(user=request.user))
    return run(
        request,
        legal_case=legal_case,
        form=AssignLawyerForm(request.POST or None, members=members),
        write=lambda d: services.lawyer_assign(
            actor=request.user, legal_case=legal_case, user_id=d["user"]
        ),
        title=_("Assign a lawyer"),
        submit=_("Assign"),
        success=_("The lawyer is assigned."),
        anchor="team",
        rename={"user_id": "user"},
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def legal_case_close(request: HttpRequest, pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    form = LegalCaseCloseForm(request.POST or None, initial={"version": legal_case.version})
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirmed") != "yes":
            reason = dict(form.fields["reason"].choices)[form.cleaned_data["reason"]]
            return render(
                request,
                "justice/confirm.html",
                {
                    "legal_case": legal_case,
                    "form": form,
                    "title": _("Close “%(title)s”") % {"title": legal_case.title},
                    "question": _(
                        "Closing ends work on this legal case. It is kept, never deleted. Close it?"
                    ),
                    "submit": _("Yes, close the legal case"),
                    "summary": [
                        (str(form.fields["reason"].label), str(reason)),
                        (str(form.fields["closed_on"].label), str(form.cleaned_data["closed_on"])),
                    ],
                },
            )
        try:
            services.legal_case_close(
                actor=request.user,
                legal_case=legal_case,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
                closed_on=form.cleaned_data["closed_on"],
            )
        except StaleVersionError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc, rename={"closure_reason": "reason"})
        else:
            messages.success(request, _("The legal case is closed."))
            return back(legal_case)
    return form_page(
        request,
        legal_case=legal_case,
        form=form,
        title=_("Close the legal case"),
        submit=_("Continue"),
        danger=True,
    )
