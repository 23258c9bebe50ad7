"""Pagination that counts no further than it needs to.

An exact total of half a million cases means reading half a million rows on
every page. ``CappedPaginator`` counts at most ``COUNT_CAP`` rows (or as many
as the page asked for needs, when it lies deeper), so a page says "more than
10000" rather than a total nobody needs; Next, and any deeper page by number,
still work.
"""

import contextlib
import math
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """A ``Paginator`` whose ``count`` stops at ``COUNT_CAP`` rows or the page asked for.

    ``count_is_capped`` says that more rows exist than ``count``, which is then a
    lower bound; ``num_pages`` then reaches one page past the rows counted, so
    the page asked for and the one after it are known to exist. The count is a
    single ``COUNT(*)`` over a ``LIMIT``ed subquery of ids, unordered.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deepest = 1
        self._counted: tuple[int, int] | None = None  # (limit, rows found up to limit + 1)

    def validate_number(self, number: Any) -> int:
        with contextlib.suppress(TypeError, ValueError):  # the base class says what is wrong
            self._deepest = max(self._deepest, int(number))
        return super().validate_number(number)

    def _rows(self) -> tuple[int, int]:
        """The limit and how many rows there are, counting no further than one past it."""
        limit = max(COUNT_CAP, self._deepest * self.per_page)
        if self._counted is None or self._counted[0] != limit:
            objects = self.object_list
            if isinstance(objects, QuerySet):
                # Only the ids, unordered: no join that select_related asked for.
                found = objects.order_by().values("pk")[: limit + 1].count()
            else:
                found = len(objects)
            self._counted = (limit, found)
        return self._counted

    @property
    def count(self) -> int:  # a lower bound when capped
        limit, found = self._rows()
        return min(found, limit)

    @property
    def count_is_capped(self) -> bool:
        limit, found = self._rows()
        return found > limit

    @property
    def num_pages(self) -> int:  # see the class docstring
        limit, found = self._rows()
        if found == 0 and not self.allow_empty_first_page:
            return 0
        return math.ceil(max(1, min(found, limit + 1) - self.orphans) / self.per_page)
