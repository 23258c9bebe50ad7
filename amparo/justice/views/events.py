"""Events of a legal case. Each posts to its own URL and returns to the legal case.

GET shows the form on a page of its own (useful on a phone); a valid POST
calls the service and redirects; a refused one shows the errors by the fields
and writes nothing (``amparo.core.views``). Where a form names a field apart
from the service (``court`` for ``court_id``), ``error_keys`` puts the
service's errors back on the form's field, as the API does for its own.
"""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.core.api import error_keys
from amparo.core.views import confirm_page, form_submit, is_confirmed
from amparo.justice import selectors, services
from amparo.justice import selectors_choices as choices
from amparo.justice.forms.events import (
    AccusedForm,
    ChargeForm,
    HearingForm,
    HearingOutcomeForm,
    HearingPostponeForm,
    SentenceForm,
    StageCorrectForm,
    StageForm,
    VerdictForm,
    hearing_kind_for,
)
from amparo.justice.forms.legal_case import AssignLawyerForm, LegalCaseCloseForm, LinkVictimForm
from amparo.justice.models import Charge, Hearing, LegalCase, LegalCaseLawyer
from amparo.justice.views.common import (
    get_legal_case,
    legal_case_form,
    legal_case_url,
    legal_form_page,
)


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def stage_record(request: HttpRequest, pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    return legal_case_form(
        request,
        legal_case=legal_case,
        # The GET lists the stages that can be recorded now; a POST of another one is
        # answered by the service, in its own words.
        form=StageForm(
            request.POST or None,
            offer=None
            if request.method == "POST"
            else choices.legal_case_stages_to_offer(legal_case=legal_case),
        ),
        run=lambda data: services.stage_record(actor=request.user, legal_case=legal_case, **data),
        done=_("The stage is recorded."),
        anchor="timeline",
        title=_("Record a stage"),
        intro=_("Verdicts and sentences are recorded per accused and charge."),
        submit=_("Record stage"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def stage_correct(request: HttpRequest, pk: int, event_pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    event = selectors.stage_event_get(legal_case=legal_case, event_id=event_pk)
    return legal_case_form(
        request,
        legal_case=legal_case,
        form=StageCorrectForm(request.POST or None, initial={"occurred_on": event.occurred_on}),
        run=lambda data: services.stage_correct(
            actor=request.user, event_id=event.pk, legal_case=legal_case, **data
        ),
        done=_("The date is corrected; the old one stays in the history."),
        anchor="timeline",
        title=_("Correct the date of “%(stage)s”") % {"stage": event.get_stage_display()},
        submit=_("Correct date"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def accused_add(request: HttpRequest, pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    form = AccusedForm(request.POST or None)
    return legal_case_form(
        request,
        legal_case=legal_case,
        form=form,
        run=lambda _data: services.accused_add(
            actor=request.user, legal_case=legal_case, data=form.to_input()
        ),
        done=_("The accused is added."),
        anchor="accused",
        title=_("Add an accused person"),
        submit=_("Add accused"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def charge_add(request: HttpRequest, pk: int, accused_pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    accused = selectors.accused_get(legal_case=legal_case, accused_id=accused_pk)
    offences = list(selectors.offences_for_user(user=request.user))

    def charge(data: dict) -> Charge:
        with error_keys(offence_id="offence"):
            return services.charge_add(
                actor=request.user, accused=accused, offence_id=data["offence"]
            )

    return legal_case_form(
        request,
        legal_case=legal_case,
        form=ChargeForm(request.POST or None, offences=offences),
        run=charge,
        done=_("The charge is added."),
        anchor="accused",
        title=_("Charge %(pseudonym)s") % {"pseudonym": accused.pseudonym},
        submit=_("Add charge"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def verdict_record(request: HttpRequest, pk: int, charge_pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    charge = selectors.charge_get(legal_case=legal_case, charge_id=charge_pk)
    return legal_case_form(
        request,
        legal_case=legal_case,
        form=VerdictForm(
            request.POST or None,
            initial={"verdict_on": choices.legal_case_last_held_day(legal_case=legal_case)},
        ),
        run=lambda data: services.verdict_record(actor=request.user, charge=charge, **data),
        done=_("The verdict is recorded."),
        anchor="accused",
        title=_("Verdict for %(pseudonym)s: %(offence)s")
        % {"pseudonym": charge.accused.pseudonym, "offence": charge.offence},
        submit=_("Record verdict"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def sentence_record(request: HttpRequest, pk: int, charge_pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    charge = selectors.charge_get(legal_case=legal_case, charge_id=charge_pk)
    form = SentenceForm(request.POST or None, initial={"sentenced_on": charge.verdict_on})
    return legal_case_form(
        request,
        legal_case=legal_case,
        form=form,
        run=lambda _data: services.sentence_record(
            actor=request.user, charge=charge, data=form.to_input()
        ),
        done=_("The sentence is recorded."),
        anchor="accused",
        title=_("Sentence for %(pseudonym)s: %(offence)s")
        % {"pseudonym": charge.accused.pseudonym, "offence": charge.offence},
        submit=_("Record sentence"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def hearing_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)

    def schedule(data: dict) -> Hearing:
        with error_keys(court_id="court"):
            return services.hearing_schedule(
                actor=request.user,
                legal_case=legal_case,
                scheduled_for=data["scheduled_for"],
                kind=data["kind"],
                court_id=data["court"],
            )

    return legal_case_form(
        request,
        legal_case=legal_case,
        form=HearingForm(
            request.POST or None,
            courts=list(selectors.courts()),
            initial={
                "kind": hearing_kind_for(legal_case.current_stage),
                "court": legal_case.court_id,
            },
        ),
        run=schedule,
        done=_("The hearing is scheduled."),
        anchor="hearings",
        title=_("Schedule a hearing"),
        submit=_("Schedule hearing"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def hearing_outcome(request: HttpRequest, pk: int, hearing_pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    hearing = selectors.hearing_get(legal_case=legal_case, hearing_id=hearing_pk)
    form = HearingOutcomeForm(request.POST or None, initial={"version": hearing.version})
    return legal_case_form(
        request,
        legal_case=legal_case,
        form=form,
        run=lambda data: services.hearing_record_outcome(
            actor=request.user,
            hearing=hearing,
            expected_version=data["version"],
            data=form.to_input(),
        ),
        done=_("The hearing's outcome is recorded."),
        anchor="timeline",
        title=_("What happened at the hearing of %(when)s?")
        % {"when": timezone.localtime(hearing.scheduled_for).strftime("%Y-%m-%d %H:%M")},
        submit=_("Record outcome"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def hearing_postpone(request: HttpRequest, pk: int, hearing_pk: int) -> HttpResponse:
    """Postponed, why, and the new date: the new hearing is scheduled in the same step."""
    legal_case = get_legal_case(request, pk)
    hearing = selectors.hearing_get(legal_case=legal_case, hearing_id=hearing_pk)
    form = HearingPostponeForm(request.POST or None, initial={"version": hearing.version})
    when = timezone.localtime(hearing.scheduled_for).strftime("%Y-%m-%d %H:%M")
    return legal_case_form(
        request,
        legal_case=legal_case,
        form=form,
        run=lambda data: services.hearing_postpone(
            actor=request.user,
            hearing=hearing,
            expected_version=data["version"],
            data=form.to_input(),
        ),
        done=_("The hearing is postponed and the new date is scheduled."),
        anchor="timeline",
        title=_("Postpone the hearing of %(when)s") % {"when": when},
        intro=_("%(kind)s · %(court)s")
        % {"kind": hearing.get_kind_display(), "court": hearing.court.name},
        submit=_("Record postponement"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def victim_link(request: HttpRequest, pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    cases = list(choices.victim_case_choices(user=request.user)[:200])

    def link(data: dict) -> LegalCase:
        with error_keys(case_id="case"):
            return services.legal_case_link_victim(
                actor=request.user, legal_case=legal_case, case_id=data["case"]
            )

    return legal_case_form(
        request,
        legal_case=legal_case,
        form=LinkVictimForm(request.POST or None, cases=cases),
        run=link,
        done=_("The survivor's case is linked."),
        anchor="team",
        title=_("Link another victim"),
        submit=_("Link"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def lawyer_assign(request: HttpRequest, pk: int) -> HttpResponse:
    legal_case = get_legal_case(request, pk)
    members = list(choices.legal_lawyer_choices(user=request.user))

    def assign(data: dict) -> LegalCaseLawyer:
        with error_keys(user_id="user"):
            return services.lawyer_assign(
                actor=request.user, legal_case=legal_case, user_id=data["user"]
            )

    return legal_case_form(
        request,
        legal_case=legal_case,
        form=AssignLawyerForm(request.POST or None, members=members),
        run=assign,
        done=_("The lawyer is assigned."),
        anchor="team",
        title=_("Assign a lawyer"),
        submit=_("Assign"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def legal_case_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose a reason and a day, confirm on a second page, then close."""
    legal_case = get_legal_case(request, pk)
    form = LegalCaseCloseForm(request.POST or None, initial={"version": legal_case.version})
    if request.method == "POST" and form.is_valid() and not is_confirmed(request):
        reason = dict(form.fields["reason"].choices)[form.cleaned_data["reason"]]
        return confirm_page(
            request,
            form=form,
            title=_("Close “%(title)s”") % {"title": legal_case.title},
            question=_(
                "Closing ends work on this legal case. It is kept, never deleted. Close it?"
            ),
            submit=_("Yes, close the legal case"),
            back=legal_case_url(legal_case),
            summary=[
                (str(form.fields["reason"].label), str(reason)),
                (str(form.fields["closed_on"].label), str(form.cleaned_data["closed_on"])),
            ],
            template="justice/confirm.html",
            legal_case=legal_case,
        )

    def close(data: dict) -> LegalCase:
        with error_keys(closure_reason="reason"):
            return services.legal_case_close(
                actor=request.user,
                legal_case=legal_case,
                expected_version=data["version"],
                reason=data["reason"],
                closed_on=data["closed_on"],
            )

    return form_submit(
        request, form, close, then=legal_case_url(legal_case), done=_("The legal case is closed.")
    ) or legal_form_page(
        request,
        legal_case=legal_case,
        form=form,
        title=_("Close the legal case"),
        submit=_("Continue"),
        danger=True,
    )
