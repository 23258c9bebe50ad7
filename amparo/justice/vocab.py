"""Justice vocabularies: stages, verdicts, hearings, accused (HTCDS roles)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Stages of a criminal case, in procedural order."""

    COMPLAINT_FILED = "complaint", _("Complaint filed")
    INVESTIGATION = "investigation", _("Investigation")
    ARREST = "arrest", _("Arrest")
    CHARGES_FILED = "charges", _("Charges filed")
    TRIAL = "trial", _("Trial")
    VERDICT = "verdict", _("Verdict")
    SENTENCE = "sentence", _("Sentence")
    APPEAL = "appeal", _("Appeal")


STAGE_ORDER: tuple[str, ...] = tuple(Stage.values)

# A stage may only be recorded once the stage it depends on has been.
# Arrest and investigation can happen in either order after the complaint,
# so each depends on the complaint alone.
STAGE_REQUIRES: dict[str, str | None] = {
    Stage.COMPLAINT_FILED: None,
    Stage.INVESTIGATION: Stage.COMPLAINT_FILED,
    Stage.ARREST: Stage.COMPLAINT_FILED,
    Stage.CHARGES_FILED: Stage.COMPLAINT_FILED,
    Stage.TRIAL: Stage.CHARGES_FILED,
    Stage.VERDICT: Stage.TRIAL,
    Stage.SENTENCE: Stage.VERDICT,
    Stage.APPEAL: Stage.VERDICT,
}


class LegalCaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class LegalClosureReason(models.TextChoices):
    VERDICT_FINAL = "verdict_final", _("Verdict final")
    WITHDRAWN = "withdrawn", _("Complaint withdrawn")
    DISMISSED = "dismissed", _("Dismissed")
    TRANSFERRED = "transferred", _("Transferred")


class OffenceCategory(models.TextChoices):
    SEXUAL_VIOLENCE = "sexual_violence", _("Sexual violence")
    TRAFFICKING = "trafficking", _("Trafficking in persons")
    SEXUAL_EXPLOITATION = "sexual_exploitation", _("Sexual exploitation")
    OSEC = "osec", _("Online sexual exploitation of children")
    VIOLENCE_AGAINST_WOMEN = "vaw", _("Violence against women")
    OTHER = "other", _("Other")


class Verdict(models.TextChoices):
    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")
    DISMISSED = "dismissed", _("Dismissed")
    OTHER = "other", _("Other")


class AccusedRole(models.TextChoices):
    """HTCDS perpetrator role."""

    RECRUITER = "recruiter", _("Recruiter / intermediary")
    TRANSPORTER = "transporter", _("Transporter")
    EXPLOITER = "exploiter", _("Exploiter")
    SMUGGLER = "smuggler", _("Smuggler")
    KIDNAPPER = "kidnapper", _("Kidnapper")
    BUYER = "buyer", _("Buyer")


class CustodyStatus(models.TextChoices):
    AT_LARGE = "at_large", _("At large")
    DETAINED = "detained", _("In pre-trial detention")
    ALTERNATIVE = "alternative", _("Alternative measure (bail, house arrest)")
    SERVING_SENTENCE = "serving", _("Serving sentence")
    RELEASED = "released", _("Released")
    UNKNOWN = "unknown", _("Unknown")


class HearingType(models.TextChoices):
    FIRST_STATEMENT = "first_statement", _("First statement")
    PRE_TRIAL = "pre_trial", _("Intermediate / pre-trial")
    ADVANCE_EVIDENCE = "advance_evidence", _("Advance evidence (anticipated testimony)")
    TRIAL = "trial", _("Trial (debate)")
    SENTENCING = "sentencing", _("Sentencing / reparation")
    APPEAL = "appeal", _("Appeal")
    OTHER = "other", _("Other")


class HearingOutcome(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class PostponementReason(models.TextChoices):
    JUDGE_UNAVAILABLE = "judge", _("Judge unavailable")
    DEFENCE_ABSENT = "defence", _("Defence lawyer absent or changed")
    PROSECUTOR_ABSENT = "prosecutor", _("Prosecutor absent")
    ACCUSED_NOT_PRESENT = "accused", _("Accused not brought to court")
    WITNESS_ABSENT = "witness", _("Witness or expert absent")
    VICTIM_ABSENT = "victim", _("Victim unable to attend")
    COURT_SCHEDULE = "schedule", _("Court schedule / overbooking")
    INTERPRETER = "interpreter", _("No interpreter")
    PROCEDURAL = "procedural", _("Procedural motion")
    OTHER = "other", _("Other")


class TestimonySetting(models.TextChoices):
    """Where the survivor gave testimony; the first three are victim-friendly."""

    GESELL_CHAMBER = "gesell", _("Gesell chamber")
    VIDEO_LINK = "video", _("Closed-circuit video")
    SCREEN = "screen", _("Screen / separated from the accused")
    OPEN_COURT = "open_court", _("Open court")


VICTIM_FRIENDLY_SETTINGS = frozenset(
    {TestimonySetting.GESELL_CHAMBER, TestimonySetting.VIDEO_LINK, TestimonySetting.SCREEN}
)
