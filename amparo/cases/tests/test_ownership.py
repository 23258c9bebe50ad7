"""A case changing owner: its own lock, checks, code and version."""

import pytest
from django.core.exceptions import ValidationError

from amparo.cases.models import Case
from amparo.cases.services import case_close, case_owner_change


def test_the_new_owner_gets_the_case_under_a_code_of_its_own(cast):
    case = cast.case
    moved = case_owner_change(case=case, organisation=cast.refugio)
    stored = Case.objects.get(pk=case.pk)
    assert stored.organisation == cast.refugio and stored.code == moved.code
    assert stored.code.startswith(cast.refugio.code + "-") and stored.code != case.code
    assert stored.version == case.version + 1


def test_the_old_owners_assignments_end(cast):
    case = cast.case
    assert case.assignments.filter(ended_at__isnull=True).exists()
    case_owner_change(case=case, organisation=cast.refugio)
    assert not case.assignments.filter(ended_at__isnull=True).exists()


def test_an_inactive_or_unchanged_owner_is_refused(cast):
    case = cast.case
    with pytest.raises(ValidationError) as exc:
        case_owner_change(case=case, organisation=cast.lex)
    assert "organisation" in exc.value.message_dict
    cast.refugio.is_active = False
    cast.refugio.save()
    with pytest.raises(ValidationError):
        case_owner_change(case=case, organisation=cast.refugio)
    stored = Case.objects.get(pk=case.pk)
    assert (stored.organisation, stored.version) == (cast.lex, case.version)
    assert stored.assignments.filter(ended_at__isnull=True).exists()


def test_a_closed_case_stays_where_it_is(cast):
    closed = case_close(
        actor=cast.supervisor,
        case=cast.case,
        expected_version=cast.case.version,
        reason="restored",
        closed_on=cast.case.opened_on,
        override_reason="Moved abroad with family",
    )
    with pytest.raises(ValidationError) as exc:
        case_owner_change(case=closed, organisation=cast.refugio)
    assert "case" in exc.value.message_dict
    assert Case.objects.get(pk=closed.pk).organisation == cast.lex
