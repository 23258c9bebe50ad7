"""What the restoration indicators measure: the declarations reporting computes from.

Restoration decides *what* counts; ``amparo.reporting.restoration`` decides
how it is counted, compared, estimated and protected. Nothing here queries:
these are the definitions (which cases, which outcome, which dimension), as
lookups and expressions a grouped query can use.

- A case is measured once it has a restoration assessment (a
  ``RestorationStatus`` row with at least one assessment); a case closed as a
  duplicate record is no case and is left out.
- **Restored**: the instrument's closure rule was met (``restored_on``, kept
  by the assessment service). A case closed as "restored" by an override,
  without the rule met, is not restored here.
- **Closed without restoration** (the competing outcome of time to
  restoration): closed, for any reason, with the rule not met. Such a case
  can no longer be restored, so it is not censored.
- **Still open**: neither; censored on the day the report is made.
- Time is counted from the day the case was opened.
"""

from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.expressions import Combinable
from django.utils.translation import gettext_lazy as _

from amparo.cases.models import Incident
from amparo.cases.vocab import ClosureReason, GbvType

# Left out of every count: a duplicate record is not a survivor.
EXCLUDED_CLOSURES = (ClosureReason.DUPLICATE,)
MEASURED = Q(restoration__assessments__gte=1)

# Paths from a case to the dates the outcomes are read from.
OPENED = "opened_on"
RESTORED = "restoration__restored_on"
CLOSED = "closed_on"

# The milestones of time to restoration, in days since the case was opened.
MILESTONES = (
    (183, "by_6_months", _("Share restored within 6 months (%)")),
    (365, "by_12_months", _("Share restored within 12 months (%)")),
)


def _first_incident(field: str) -> Subquery:
    # The case's first incident (the one its intake recorded) places and names it.
    return Subquery(
        Incident.objects.filter(case_id=OuterRef("pk"))
        .order_by("occurred_on", "pk")
        .values(field)[:1]
    )


def department() -> Combinable:
    """The department (admin1) of the case's first incident: a case has no place of its own."""
    return _first_incident("admin1")


def offence() -> Combinable:
    """The GBVIMS incident type of the case's first incident."""
    return _first_incident("gbv_type")


OFFENCE_LABELS = dict(GbvType.choices)

# The outcome labels every table uses.
LABELS = {
    "cases": _("Survivors assessed"),
    "restored": _("Restored (closure rule met)"),
    "closed": _("Closed without restoration"),
    "open": _("Still open"),
    "outcomes": _("Reached an outcome"),
    "rate_cases": _("Restored, share of survivors assessed"),
    "rate_outcomes": _("Restored, share of cases that reached an outcome"),
}

# Services count for a partner organisation when it delivered them.
PROVIDER = "services__provider"
PROVIDER_NAME = F("services__provider__name")
