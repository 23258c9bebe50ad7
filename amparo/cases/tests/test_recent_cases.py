"""Recently opened cases in the header menu: kept by id, shown by code and pseudonym,
and only while the user may still open them."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amparo.cases.kept import RECENT_KEY, RECENT_MAX
from amparo.cases.models import CaseAssignment
from amparo.cases.services import case_unassign
from amparo.cases.tests.test_page_caseload import open_cases

RECENT = re.compile(r'id="nav-recent">.*?<ul aria-labelledby="nav-recent">(.*?)</ul>', re.S)


def recent_in(body: str) -> list[str]:
    found = RECENT.search(body)
    return re.findall(r'<span class="code">([^<]+)</span>', found.group(1)) if found else []


def open_file(client, case) -> str:
    return client.get(reverse("case_file", kwargs={"pk": case.pk})).content.decode()


def test_the_files_opened_last_come_first_by_code_and_pseudonym(cast, client):
    cases = [cast.case, *open_cases(cast.caseworker, RECENT_MAX)]
    client.force_login(cast.caseworker)
    assert recent_in(client.get(reverse("my_work")).content.decode()) == []
    for case in cases:
        open_file(client, case)
    open_file(client, cases[2])
    body = client.get(reverse("my_work")).content.decode()
    expected = [cases[2], cases[5], cases[4], cases[3], cases[1]]
    assert recent_in(body) == [case.code for case in expected]
    assert "Estrella 004" in body  # the pseudonym, beside its code
    assert client.session[RECENT_KEY] == [case.pk for case in expected]  # ids only


def test_a_case_the_user_can_no_longer_open_disappears(cast, client):
    client.force_login(cast.caseworker)
    open_file(client, cast.case)
    assert recent_in(client.get(reverse("my_work")).content.decode()) == [cast.case.code]
    assignment = CaseAssignment.objects.get(case=cast.case, user=cast.caseworker)
    case_unassign(actor=cast.supervisor, case=cast.case, assignment_id=assignment.pk)
    body = client.get(reverse("my_work")).content.decode()
    assert recent_in(body) == [] and cast.case.code not in body


def test_a_file_refused_is_not_remembered(cast, client):
    client.force_login(cast.other_caseworker)
    assert client.get(reverse("case_file", kwargs={"pk": cast.case.pk})).status_code == 404
    assert RECENT_KEY not in client.session


def test_one_query_however_many_cases_are_recent(cast, client):
    cases = open_cases(cast.caseworker, RECENT_MAX)
    client.force_login(cast.caseworker)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("notification_list"))
        return len(ctx.captured_queries)

    none = queries()
    open_file(client, cases[0])
    one = queries()
    for case in cases[1:]:
        open_file(client, case)
    assert queries() == one == none + 1
