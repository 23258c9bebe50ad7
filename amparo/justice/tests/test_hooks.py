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
