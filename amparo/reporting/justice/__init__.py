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

Adding an indicator:

1. Declare what is measured in ``amparo.justice.measures`` (a stage, a
   vocabulary value, a label), not here.
2. Count it in the query that already reads those rows: a
   ``Count(..., filter=Q(...))`` in ``counts.case_counts`` for a per-case
   figure, a column of the grouped query for hearings, charges or the
   breakdowns. Never a new query per figure: the page's queries are constant
   (``test_the_page_takes_the_same_queries_for_5_and_50_legal_cases``).
3. Put it in a ``count_table`` (a row or a column) and declare how its cells
   add up: ``total``, ``relations`` (with an unpublished column for a
   complement nobody sees but that suppression must protect), and a ``Link``
   in ``tables.links`` when the same figure appears in another table.
   Rates are ``share`` columns, filled after suppression.
4. Show it: the page renders every table of the report with its "As a
   table"; add a chart in ``views.justice.report_charts`` if it needs one.
   The CSV, XLSX and API follow by themselves.
5. Test it against a number worked out by hand (``tests/test_justice.py``),
   and let ``tests/test_justice_suppression.py`` attack the new relations.
6. Translate its labels (``amparo/locale/es/LC_MESSAGES/django.po``).
"""

from amparo.reporting.justice.report import justice_report
from amparo.reporting.justice.selection import COHORT, PERIOD, VIEWS, JusticeFilters

__all__ = ["COHORT", "PERIOD", "VIEWS", "JusticeFilters", "justice_report"]
