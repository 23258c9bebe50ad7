"""How the justice system performs for victims, computed from dated events.

Nothing here is typed in: every figure comes from the stage dates on
``LegalCase`` (kept in step with ``StageEvent`` by the services), charges and
hearings. What is measured is declared in ``amparo.justice.measures``;
``justice_report`` builds the one ``Report`` the page, the CSV/XLSX exports
and the API show.

The modules: ``selection`` (filters, periods, the organisation's cases),
``counts`` (the FILTERed aggregates and grouped queries), ``durations`` (days
to every stage in one query), ``tables``, ``timings``, ``hearings`` and
``breakdowns`` (the tables and the relations between their cells),
``figures`` (what is computed after suppression: changes, rates) and
``report`` (the assembly).

Adding an indicator follows the steps in ``amparo.reporting`` (its
docstring). Here they mean: declare it in ``amparo.justice.measures``; count
it in ``counts.case_counts`` (a ``Count(..., filter=Q(...))`` for a per-case
figure) or a column of the grouped query for hearings, charges or the
breakdowns, keeping the page's queries constant
(``test_the_page_takes_the_same_queries_for_5_and_50_legal_cases``); add its
table, relations and ``Link`` in ``tables`` (``tables.links``); a chart in
``views.justice.report_charts`` if it needs one; test it in
``tests/test_justice.py`` by hand and let ``tests/test_justice_suppression.py``
attack the new relations.
"""

from amparo.reporting.justice.report import justice_report
from amparo.reporting.justice.selection import COHORT, PERIOD, VIEWS, JusticeFilters

__all__ = ["COHORT", "PERIOD", "VIEWS", "JusticeFilters", "justice_report"]
