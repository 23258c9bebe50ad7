"""Pages whose count stops at a cap: a lower bound said as such, and deep pages still there."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amparo.core import pagination
from amparo.core.pagination import CappedPaginator


@pytest.fixture
def types(db):
    rows = ContentType.objects.order_by("pk")
    assert rows.count() > 40  # every model of the project has one
    return rows


def test_under_the_cap_the_count_is_exact(types, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 1000)
    paginator = CappedPaginator(types, 10)
    assert paginator.count == types.count() and not paginator.count_is_capped
    assert paginator.num_pages == -(-types.count() // 10)


def test_over_the_cap_the_count_is_a_lower_bound_counted_with_a_limit(types, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 10)
    paginator = CappedPaginator(types, 5)
    with CaptureQueriesContext(connection) as ctx:
        page = paginator.get_page(1)
        assert paginator.count == 10 and paginator.count_is_capped
    (count,) = [q["sql"] for q in ctx.captured_queries]
    assert "LIMIT 11" in count and "ORDER BY" not in count
    assert paginator.num_pages == 3 and page.has_next()
    assert [t.pk for t in page.object_list] == list(types.values_list("pk", flat=True)[:5])


def test_a_deep_page_past_the_cap_is_reached_and_knows_its_next(types, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 10)
    paginator = CappedPaginator(types, 5)
    page = paginator.get_page("7")
    assert page.number == 7 and page.has_next() and page.has_previous()
    assert [t.pk for t in page.object_list] == list(types.values_list("pk", flat=True)[30:35])
    assert paginator.count == 35 and paginator.count_is_capped


def test_past_the_end_is_the_last_page_counted_exactly(types, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 10)
    paginator = CappedPaginator(types, 5)
    page = paginator.get_page(10_000)
    assert not paginator.count_is_capped and paginator.count == types.count()
    assert page.number == paginator.num_pages and not page.has_next()
    assert CappedPaginator(types, 5).get_page("not a number").number == 1
