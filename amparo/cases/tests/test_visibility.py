"""Who sees which cases, decided in one place (cases.selectors.visible_cases)."""

import pytest
from django.http import Http404

from amparo.audit.models import AuditEvent
from amparo.cases.selectors import case_get_for_user, caseload_list, visible_cases
from amparo.cases.services import case_assign
from amparo.testing.cast import MAY_OPEN_CASE


def test_each_cast_member_sees_exactly_what_their_role_allows(cast):
    for name, user in cast.everyone().items():
        visible = list(visible_cases(user=user))
        assert (visible == [cast.case]) is (name in MAY_OPEN_CASE), name


def test_case_get_raises_404_for_everyone_else_and_logs_reads(cast):
    for name, user in cast.everyone().items():
        if name in MAY_OPEN_CASE:
            case_get_for_user(user=user, case_id=cast.case.pk)
            assert AuditEvent.objects.filter(
                actor=user, code="case.viewed", case=cast.case
            ).exists()
        else:
            with pytest.raises(Http404):
                case_get_for_user(user=user, case_id=cast.case.pk)
            assert not AuditEvent.objects.filter(actor=user, code="case.viewed").exists()


def test_assignment_opens_the_case_to_a_lawyer(cast):
    assert not visible_cases(user=cast.lawyer).exists()
    case_assign(actor=cast.supervisor, case=cast.case, user_id=cast.lawyer.pk)
    assert list(visible_cases(user=cast.lawyer)) == [cast.case]


def test_cannot_assign_someone_from_another_organisation(cast):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        case_assign(actor=cast.supervisor, case=cast.case, user_id=cast.partner_caseworker.pk)
    assert not visible_cases(user=cast.partner_caseworker).exists()


def test_name_search_uses_blind_index_and_is_audited(cast):
    found = caseload_list(user=cast.supervisor, query="testa ficticia", by_name=True)
    assert list(found) == [cast.case]
    # By sound: accents, case and a misspelling that sounds the same.
    assert list(caseload_list(user=cast.supervisor, query="TÉSTA FIKTICIA", by_name=True)) == [
        cast.case
    ]
    assert not caseload_list(user=cast.supervisor, query="Otra Persona", by_name=True).exists()
    assert (
        AuditEvent.objects.filter(actor=cast.supervisor, code="caseload.name_search").count() == 3
    )


def test_code_and_pseudonym_search(cast):
    assert list(caseload_list(user=cast.caseworker, query=cast.case.code[:6])) == [cast.case]
    assert list(caseload_list(user=cast.caseworker, query="mariposa")) == [cast.case]
    # A plaintext name never matches outside the blind index.
    assert not caseload_list(user=cast.caseworker, query="Testa").exists()
