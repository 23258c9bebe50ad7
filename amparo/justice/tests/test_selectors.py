"""Justice selectors: child ids outside the opened legal case are not found, and the
yes/no questions the pages ask follow the services' rules."""

import pytest
from django.utils import timezone

from amparo.core.exceptions import NotFound
from amparo.justice import selectors
from amparo.justice.inputs import LegalCaseInput
from amparo.justice.models import Court
from amparo.justice.services import legal_case_close, legal_case_open


@pytest.fixture
def other_legal_case(cast):
    return legal_case_open(
        actor=cast.supervisor,
        data=LegalCaseInput(
            title="Another legal case",
            court_id=Court.objects.first().pk,
            offence_category="trafficking",
        ),
    )


def test_children_of_another_legal_case_are_not_found(world, other_legal_case):
    with pytest.raises(NotFound):
        selectors.accused_get(legal_case=other_legal_case, accused_id=world.accused.pk)
    with pytest.raises(NotFound):
        selectors.charge_get(legal_case=other_legal_case, charge_id=world.open_charge.pk)
    with pytest.raises(NotFound):
        selectors.hearing_get(legal_case=other_legal_case, hearing_id=world.past_hearing.pk)
    with pytest.raises(NotFound):
        selectors.stage_event_get(legal_case=other_legal_case, event_id=world.trial_event.pk)


def test_a_legal_case_of_no_concern_is_not_found(cast, legal_case):
    with pytest.raises(NotFound):
        selectors.legal_case_get_for_user(user=cast.partner_supervisor, legal_case_id=legal_case.pk)


def test_who_may_change_a_legal_case_and_until_when(cast, legal_case):
    assert selectors.legal_case_may_change(user=cast.lawyer, legal_case=legal_case)
    assert not selectors.legal_case_may_change(user=cast.admin, legal_case=legal_case)
    closed = legal_case_close(
        actor=cast.supervisor,
        legal_case=legal_case,
        expected_version=legal_case.version,
        reason="withdrawn",
        closed_on=timezone.localdate(),
    )
    assert not selectors.legal_case_may_change(user=cast.lawyer, legal_case=closed)


def test_who_may_reveal_and_who_sees_every_legal_case(cast):
    assert selectors.accused_identity_may_reveal(user=cast.lawyer)
    assert not selectors.accused_identity_may_reveal(user=cast.admin)
    assert selectors.sees_every_legal_case(user=cast.supervisor)
    assert not selectors.sees_every_legal_case(user=cast.lawyer)


def test_lawyers_of_an_organisation_are_its_lawyers_and_supervisors(cast):
    chosen = set(
        selectors.lawyers_of(organisation_id=cast.lex.pk).values_list("user_id", flat=True)
    )
    assert {cast.lawyer.pk, cast.supervisor.pk} <= chosen
    assert cast.caseworker.pk not in chosen and cast.partner_supervisor.pk not in chosen
