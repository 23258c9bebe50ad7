"""How the justice system performs for victims, computed from dated events.

Nothing here is typed in: every figure comes from the stage dates on
``LegalCase`` (kept in step with ``StageEvent`` by the services), charges and
hearings. What is measured is declared in ``amparo.justice.measures``;
``justice_report`` builds the one ``Report`` the page, the CSV/XLSX exports
and the API show.
"""

from amparo.reporting.justice.report import justice_report
from amparo.reporting.justice.selection import COHORT, PERIOD, VIEWS, JusticeFilters

__all__ = ["COHORT", "PERIOD", "VIEWS", "JusticeFilters", "justice_report"]
