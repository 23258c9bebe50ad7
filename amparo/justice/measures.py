"""What the justice indicators measure: the declarations reporting computes from.

Nothing here computes. Reporting (``amparo.reporting.justice``) reads these
names to count, time and label; changing what a figure means happens here,
once, and every page, export and API follows.
"""

from django.utils.translation import gettext_lazy as _

from amparo.justice import vocab

# Every stage, in procedural order; each is a date column ``<stage>_on`` on LegalCase.
STAGES: tuple[str, ...] = vocab.STAGE_ORDER

# The stage a legal case must have reached for the next one to count in the attrition funnel.
# The funnel nests: a stage's cases are among its parent's (the services enforce STAGE_REQUIRES).
FUNNEL_PARENT: dict[str, str | None] = dict(vocab.STAGE_REQUIRES)

# The stages timed from the complaint (the complaint itself starts the clock).
TIMED_STAGES: tuple[str, ...] = tuple(s for s in STAGES if s != vocab.Stage.COMPLAINT_FILED)

# A closed legal case that never reached a stage can no longer reach it: a competing outcome
# (not censoring, which would pretend the stage could still come). The reasons a case ends
# without a verdict, named for the pages.
ENDS_WITHOUT_VERDICT: tuple[str, ...] = (
    vocab.LegalClosureReason.WITHDRAWN,
    vocab.LegalClosureReason.DISMISSED,
    vocab.LegalClosureReason.TRANSFERRED,
)

# What counts as a conviction: on a charge, this verdict; a legal case or an accused is
# convicted when at least one of its charges is. "With a verdict": any verdict recorded.
CONVICTION = vocab.Verdict.CONVICTED

# Testimony given where the survivor does not face the accused.
VICTIM_FRIENDLY_SETTINGS = vocab.VICTIM_FRIENDLY_SETTINGS

# Hearings that took a decision on whether to go ahead: held or postponed (not cancelled).
DECIDED_HEARINGS: tuple[str, ...] = (vocab.HearingOutcome.HELD, vocab.HearingOutcome.POSTPONED)

# Breakdown dimensions: (key, label, the LegalCase field grouped on).
DIMENSIONS = (
    ("department", _("Department"), "court__admin1"),
    ("court", _("Court"), "court_id"),
    ("offence", _("Offence category"), "offence_category"),
)

# Age of the pending caseload in whole calendar months since the complaint:
# (lower bound in months, label); each band runs to the next one's bound.
PENDING_BANDS = (
    (0, _("Under 6 months")),
    (6, _("6–12 months")),
    (12, _("1–2 years")),
    (24, _("2–3 years")),
    (36, _("3 years or more")),
)

# The shares of cases that reached a stage within these many days, shown beside the median.
REACHED_BY_DAYS = (
    (365, _("Within 1 year (%)")),
    (730, _("Within 2 years (%)")),
)

STAGE_LABELS = dict(vocab.Stage.choices)
