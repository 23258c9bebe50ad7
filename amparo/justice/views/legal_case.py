"""The legal case page: timeline, accused and charges, hearings, team; and the accused reveal."""

import datetime
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.core.views import REFUSED, run_service
from amparo.justice import selectors, services, vocab
from amparo.justice import selectors_choices as choices
from amparo.justice.forms.events import (
    AccusedForm,
    AccusedRevealForm,
    HearingForm,
    StageForm,
    hearing_kind_for,
)
from amparo.justice.forms.legal_case import AssignLawyerForm, LinkVictimForm
from amparo.justice.models import Accused, Hearing, LegalCase, StageEvent
from amparo.justice.views.common import get_legal_case, legal_form_page


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of the timeline; ``kind`` picks how the template draws it."""

    on: datetime.date
    order: int
    kind: str  # "stage", "hearing", "verdict" or "sentence"
    item: object
    accused: Accused | None = None


def timeline(
    *, events: list[StageEvent], hearings: list[Hearing], accused: list[Accused]
) -> list[TimelineEntry]:
    """Stages (with superseded corrections), hearings, verdicts and sentences by date."""
    entries = [TimelineEntry(e.occurred_on, 0, "stage", e) for e in events]
    entries += [
        TimelineEntry(timezone.localtime(h.scheduled_for).date(), 1, "hearing", h) for h in hearings
    ]
    for person in accused:
        for charge in person.charges.all():
            if charge.verdict_on:
                entries.append(TimelineEntry(charge.verdict_on, 2, "verdict", charge, person))
            if charge.sentenced_on:
                entries.append(TimelineEntry(charge.sentenced_on, 3, "sentence", charge, person))
    return sorted(entries, key=lambda e: (e.on, e.order))


def page_context(request: HttpRequest, legal_case: LegalCase) -> dict[str, object]:
    user = request.user
    events = selectors.legal_case_timeline(legal_case=legal_case)
    hearings = selectors.legal_case_hearings(legal_case=legal_case)
    accused = selectors.legal_case_accused(legal_case=legal_case)
    lawyers = selectors.legal_case_lawyers(legal_case=legal_case)
    victims = selectors.legal_case_victims(legal_case=legal_case)
    may_edit = selectors.legal_case_may_change(user=user, legal_case=legal_case)
    now = timezone.now()
    context: dict[str, object] = {
        "legal_case": legal_case,
        "timeline": timeline(events=events, hearings=hearings, accused=accused),
        "current_events": [e for e in events if e.superseded_at is None],
        "accused": accused,
        "hearings": hearings,
        "past_scheduled": {
            h.pk
            for h in hearings
            if h.outcome == vocab.HearingOutcome.SCHEDULED and h.scheduled_for <= now
        },
        "lawyers": lawyers,
        "victims": victims,
        "may_edit": may_edit,
        "may_verdict": choices.legal_case_may_record_verdict(legal_case=legal_case),
        "may_reveal": selectors.accused_identity_may_reveal(user=user),
        "is_open": legal_case.status == vocab.LegalCaseStatus.OPEN,
    }
    if may_edit:
        on_case = {v.case_id for v in victims}
        staffed = {a.user_id for a in lawyers}
        context.update(
            stage_form=StageForm(offer=choices.legal_case_stages_to_offer(legal_case=legal_case)),
            accused_form=AccusedForm(),
            hearing_form=HearingForm(
                courts=list(selectors.courts()),
                initial={
                    "kind": hearing_kind_for(legal_case.current_stage),
                    "court": legal_case.court_id,
                },
            ),
            link_victim_form=LinkVictimForm(
                cases=[
                    c for c in choices.victim_case_choices(user=user)[:200] if c.pk not in on_case
                ]
            ),
            assign_lawyer_form=AssignLawyerForm(
                members=[
                    m for m in choices.legal_lawyer_choices(user=user) if m.user_id not in staffed
                ]
            ),
        )
    return context


@never_cache
@perm_required_view(*selectors.CASELOAD_PERMS, record=True)
def legal_case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The legal case, never an accused's identity. Opening it is audited."""
    legal_case = selectors.legal_case_get_for_user(user=request.user, legal_case_id=pk)
    return render(request, "justice/legal_case.html", page_context(request, legal_case))


@never_cache
@perm_required_view(Perm.REVEAL_IDENTITY, record=True)
def accused_reveal(request: HttpRequest, pk: int, accused_pk: int) -> HttpResponse:
    """Ask why, record it, then show the accused's identity in this one response only."""
    legal_case = get_legal_case(request, pk)
    accused = selectors.accused_get(legal_case=legal_case, accused_id=accused_pk)
    form = AccusedRevealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        identity = run_service(
            form,
            lambda: services.accused_identity_reveal(
                actor=request.user, accused=accused, reason=form.cleaned_data["reason"]
            ),
        )
        if identity is not REFUSED:
            return render(
                request,
                "justice/accused_identity.html",
                {"legal_case": legal_case, "accused": accused, "identity": identity},
            )
    return legal_form_page(
        request,
        legal_case=legal_case,
        form=form,
        title=_("Show the identity of %(pseudonym)s") % {"pseudonym": accused.pseudonym},
        intro=_(
            "The accused's identity is encrypted. Seeing it is recorded with your name, "
            "the time and your reason."
        ),
        submit=_("Show identity"),
        danger=True,
    )
