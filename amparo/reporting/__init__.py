"""Reporting: every figure Amparo computes, from one set of modules, on the page, in CSV/XLSX and the API.

Domain apps declare *what* is measured (``amparo.justice.measures``,
``amparo.aftercare.measures``, ``amparo.network.measures``: the stages,
vocabularies, definitions, labels). Reporting does the rest, one module for
each thing:

- ``periods``: a ``Period``, the previous one, the same one a year before, its months;
- ``survival``: time to an event (Kaplan–Meier, or Aalen–Johansen with competing outcomes);
- ``tables``: ``Column``/``Row``/``Table``, ``count_table``, ``Link``, ``protect_tables``, ``Report``;
- ``suppression`` (and ``disclosure``): small cells hidden, with complementary
  suppression, as ``[c]`` (``HIDDEN``) everywhere and ``null`` in the API;
- ``charts``: SVG geometry from tables and curves (templates ``reporting/charts/``);
- ``exports``: the one export service (CSV, XLSX, API), audited once per export;
- the reports: ``justice`` (a package), ``restoration``, ``network``, ``cases``
  (the home counts), with their queries (``justice.counts``,
  ``restoration_queries``, ``network_counts``); ``views`` and ``api`` show them.

Adding an indicator (the justice package's docstring says what each step
means there):

1. Declare what is measured in the domain app's ``measures.py`` (a stage, a
   vocabulary value, a date path, a label), not in reporting.
2. Count it in the reporting query module that already reads those rows
   (``justice.counts``, ``restoration_queries``, ``network_counts``): a
   ``Count(..., filter=Q(...))`` or a column of a grouped query, never a new
   query per figure; the pages' query counts are tested as constant.
3. Put it in a ``count_table`` (a row or a column) and declare how its cells
   add up: ``total``, ``relations`` (an unpublished column for a complement
   nobody sees but that suppression must protect), and a ``Link`` when the
   same figure appears in another table. Rates are ``share`` columns, filled
   after suppression.
4. Add the table to the report (and its ``Link`` to the report's links), so
   ``protect_tables(tables, suppress=..., links=...)`` protects it with the rest.
5. Show it: the page renders the table with its report-table template and,
   if it needs a chart, includes one of ``reporting/charts/*.html`` with the
   geometry from ``charts`` (``bar_chart``, ``grouped_bar_chart``,
   ``trend_chart``, ``incidence_chart``, ``dumbbell_chart``). The CSV, XLSX
   and the API come for free: ``views.common.export_response`` and
   ``exports.report_api_export`` take the same ``Report``.
6. Test it: the figure against a number worked out by hand; the suppression
   attacked (``tests/attacker.py``, as ``test_justice_suppression.py`` and
   ``test_network_suppression.py`` do); the page in English and Spanish.
   Translate its labels in ``amparo/locale/es/LC_MESSAGES/django.po``.
"""
