"""What restoration registers in cases: its case-file section and its closure check."""

from amparo.aftercare.services.closure import restoration_closure_check
from amparo.aftercare.views.casefile_hook import restoration_context_for_case
from amparo.cases.extensions import case_file_sections, closure_checks


def test_restoration_is_asked_before_a_case_closes():
    assert list(closure_checks) == [restoration_closure_check]


def test_restoration_adds_its_section_to_the_case_file():
    contexts = {section.template: section.context for section in case_file_sections}
    assert contexts["aftercare/_case_restoration.html"] is restoration_context_for_case


def test_a_fresh_case_is_not_yet_restored(cast):
    answer = restoration_closure_check(cast.case)
    assert not answer.met and answer.reasons and answer.restored_on is None
