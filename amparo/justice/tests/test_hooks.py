"""What justice registers in cases: its case-file section and its hearings on "My work"."""

import datetime

from django.utils import timezone

from amparo.aftercare.selectors import my_work
from amparo.cases.extensions import case_file_sections, work_items
from amparo.justice.hooks import hearing_work_items
from amparo.justice.services import hearing_schedule
from amparo.justice.views.casefile_hook import legal_context_for_case


def test_justice_adds_the_legal_section_to_the_case_file():
    contexts = {section.template: section.context for section in case_file_sections}
    assert contexts["justice/_case_legal.html"] is legal_context_for_case


def test_a_lawyers_coming_hearing_is_on_their_work(cast, legal_case):
    assert list(work_items) == [hearing_work_items]
    hearing = hearing_schedule(
        actor=cast.lawyer,
        legal_case=legal_case,
        scheduled_for=timezone.now() + datetime.timedelta(days=3),
        kind="trial",
    )
    hearings = [item for item in my_work(user=cast.lawyer).items if item.kind == "hearing"]
    assert [(item.url_hint, item.case, item.overdue) for item in hearings] == [
        (str(legal_case.pk), None, False)
    ]
    assert hearings[0].due_on == timezone.localtime(hearing.scheduled_for).date()
    assert legal_case.title in hearings[0].label


def test_a_held_hearing_without_an_outcome_is_overdue_on_the_lawyers_work(cast, legal_case):
    from amparo.justice.models import Hearing

    hearing = hearing_schedule(
        actor=cast.lawyer,
        legal_case=legal_case,
        scheduled_for=timezone.now() + datetime.timedelta(days=3),
        kind="trial",
    )
    held = timezone.now() - datetime.timedelta(days=2)
    Hearing.objects.filter(pk=hearing.pk).update(scheduled_for=held)
    work = my_work(user=cast.lawyer)
    awaiting = [item for item in work.items if item.kind == "hearing_outcome"]
    assert [(item.url_hint, item.overdue) for item in awaiting] == [(str(legal_case.pk), True)]
    assert awaiting[0].label.startswith("Record the outcome")
    assert awaiting in [items for key, _label, items in work.groups if key == "overdue"]
    # Someone who is not a lawyer on the case is not asked to record it.
    assert not [i for i in my_work(user=cast.caseworker).items if i.kind == "hearing_outcome"]
    # Once the outcome is recorded, it leaves the list.
    Hearing.objects.filter(pk=hearing.pk).update(outcome="held")
    assert not [i for i in my_work(user=cast.lawyer).items if i.kind == "hearing_outcome"]
