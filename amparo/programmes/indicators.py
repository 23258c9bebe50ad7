"""The indicators a goal can be set on: declared here, computed in ``results``.

A *live* indicator is computed from Amparo's case data (from the counts of
``measures``, or, for time to verdict, from the legal cases' dates through
``amparo.reporting.survival``), never typed in. An *external* one comes
from the programme's aggregate measurements (prevalence studies, surveys,
trainings). Values of ``percent`` indicators are percentages (0–100), as
goals, studies and surveys hold them.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from amparo.programmes.vocab import Direction, SurveyItem

LIVE = "live"
EXTERNAL = "external"


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise
    definition: str | Promise
    unit: str  # "percent", "count", "days" or "people"
    better: Direction
    source: str  # LIVE or EXTERNAL
    # For a ratio of two measures (``measures.MEASURES``): numerator, denominator.
    ratio: tuple[str, str] | None = None
    # For a count of one measure.
    measure: str | None = None


INDICATORS: dict[str, Indicator] = {
    i.code: i
    for i in (
        Indicator(
            "conviction_rate",
            _("Conviction rate"),
            _("Legal cases with a conviction among those that reached a verdict in the period."),
            "percent",
            Direction.HIGHER,
            LIVE,
            ratio=("convictions", "verdicts"),
        ),
        Indicator(
            "convictions_per_complaint",
            _("Convictions per complaint"),
            _(
                "Complaints filed in the period that had ended in a conviction by the date "
                "of the figures, among all complaints filed in the period."
            ),
            "percent",
            Direction.HIGHER,
            LIVE,
            ratio=("complaints_convicted", "complaints"),
        ),
        Indicator(
            "time_to_verdict",
            _("Median time from complaint to verdict"),
            _(
                "Median days from complaint to verdict of the complaints filed in the period; "
                "cases still pending are censored, cases closed without a verdict compete "
                "(cumulative incidence)."
            ),
            "days",
            Direction.LOWER,
            LIVE,
        ),
        Indicator(
            "victim_friendly_testimony",
            _("Victim-friendly testimony"),
            _("Survivor testimonies given in a victim-friendly setting, among all testimonies."),
            "percent",
            Direction.HIGHER,
            LIVE,
            ratio=("testimonies_victim_friendly", "testimonies"),
        ),
        Indicator(
            "survivors_restored",
            _("Survivors restored"),
            _("Survivors who met the restoration rule in the period."),
            "count",
            Direction.HIGHER,
            LIVE,
            measure="survivors_restored",
        ),
        Indicator(
            "partner_service_share",
            _("Share of services delivered by partners"),
            _("Aftercare services delivered by partner organisations, among all services."),
            "percent",
            Direction.HIGHER,
            LIVE,
            ratio=("services_by_partners", "services"),
        ),
        Indicator(
            "survivors_intake",
            _("Survivors received (rescue and intake)"),
            _("Cases opened in the period."),
            "count",
            Direction.HIGHER,
            LIVE,
            measure="survivors_intake",
        ),
        Indicator(
            "survivors_justice",
            _("Survivors accompanied in court (justice)"),
            _("Survivors who are victims in a legal case open at some time in the period."),
            "count",
            Direction.HIGHER,
            LIVE,
            measure="survivors_justice",
        ),
        Indicator(
            "survivors_restoration",
            _("Survivors in restoration"),
            _("Survivors who received an aftercare service at some time in the period."),
            "count",
            Direction.HIGHER,
            LIVE,
            measure="survivors_restoration",
        ),
        Indicator(
            "prevalence",
            _("Prevalence"),
            _(
                "The latest prevalence study's estimate for the area (or the population-weighted "
                "mean over the programme's areas), with its confidence interval."
            ),
            "percent",
            Direction.LOWER,
            EXTERNAL,
        ),
        *(
            Indicator(
                item.value,
                item.label,
                _("The latest survey's share for the item, with its confidence interval."),
                "percent",
                Direction.HIGHER,
                EXTERNAL,
            )
            for item in SurveyItem
        ),
        Indicator(
            "officials_trained",
            _("Officials and partners trained"),
            _("People trained by the programme up to the date (the sum of its trainings)."),
            "people",
            Direction.HIGHER,
            EXTERNAL,
        ),
    )
}


@dataclass(frozen=True)
class Estimate:
    """An indicator's value at a date, with its 95% interval when it has one.

    ``hidden`` when it rests on a count below the programme's k (results are
    seen by the partners of a programme too, so they are protected as the
    network page is); ``value`` None when not defined (no denominator, a
    median not reached, no study yet).
    """

    value: float | None
    lower: float | None = None
    upper: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    hidden: bool = False
