"""Case and incident vocabularies (GBVIMS, CTDC / HTCDS). One source of truth each."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")
    CLOSED_REFERRED = "closed_referred", _("Closed — referred")


OPEN_STATUSES = (CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP)


class CaseOrigin(models.TextChoices):
    RESCUE = "rescue", _("Rescue operation")
    REPORT = "report", _("Survivor came forward / report")
    REFERRAL = "referral", _("Referred by another agency")


class ClosureReason(models.TextChoices):
    RESTORED = "restored", _("Survivor restored")
    SURVIVOR_WITHDREW = "withdrew", _("Survivor chose to end services")
    REFERRED = "referred", _("Referred to another organisation")
    RELOCATED = "relocated", _("Survivor relocated / lost contact")
    DECEASED = "deceased", _("Survivor deceased")
    DUPLICATE = "duplicate", _("Duplicate record")
    OTHER = "other", _("Other")


# Closures that never wait for the survivor to be restored, so are never an
# override: the survivor's own choice to end services, their death, a record
# that duplicates another. Any worker who may close a case may close it so.
REASONS_WITHOUT_RESTORATION = frozenset(
    {ClosureReason.SURVIVOR_WITHDREW, ClosureReason.DECEASED, ClosureReason.DUPLICATE}
)


def closure_needs_restoration(reason: str) -> bool:
    """Whether closing for ``reason`` needs the closure checks met (or a supervisor's override)."""
    return reason not in REASONS_WITHOUT_RESTORATION


def closed_status(reason: str) -> "CaseStatus":
    """The status a case closes with: closed-referred when it went to another
    organisation (HTCDS), else closed."""
    return CaseStatus.CLOSED_REFERRED if reason == ClosureReason.REFERRED else CaseStatus.CLOSED


class ClosureRequestStatus(models.TextChoices):
    """A caseworker's request that a supervisor close a case before its rule is met."""

    PENDING = "pending", _("Waiting for a supervisor")
    APPROVED = "approved", _("Approved: the case is closed")
    DECLINED = "declined", _("Declined")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class FlagKind(models.TextChoices):
    SAFETY = "safety", _("Immediate safety risk")
    PERPETRATOR_CONTACT = "perpetrator", _("Contact with perpetrator")
    THREATS = "threats", _("Threats to survivor or family")
    MEDICAL = "medical", _("Urgent medical need")
    SELF_HARM = "self_harm", _("Risk of self-harm")
    RETRAFFICKING = "retrafficking", _("Sign of re-trafficking")
    OTHER = "other", _("Other")


class GbvType(models.TextChoices):
    """GBVIMS core incident types, in the order they are decided (first match wins)."""

    RAPE = "rape", _("Rape")
    SEXUAL_ASSAULT = "sexual_assault", _("Sexual assault")
    PHYSICAL_ASSAULT = "physical_assault", _("Physical assault")
    FORCED_MARRIAGE = "forced_marriage", _("Forced marriage")
    DENIAL = "denial", _("Denial of resources, opportunities or services")
    PSYCHOLOGICAL = "psychological", _("Psychological / emotional abuse")
    NON_GBV = "non_gbv", _("Non-GBV")


class CaseContext(models.TextChoices):
    IPV = "ipv", _("Intimate partner violence")
    CSA = "csa", _("Child sexual abuse")
    SEXUAL_EXPLOITATION = "sexual_exploitation", _("Sexual exploitation")
    POSSIBLE_SEXUAL_EXPLOITATION = "possible_sexual_exploitation", _("Possible sexual exploitation")
    TRAFFICKING = "trafficking", _("Trafficking")
    OSEC = "osec", _("Online sexual exploitation of children")
    EARLY_MARRIAGE = "early_marriage", _("Early marriage")
    HARMFUL_PRACTICE = "harmful_practice", _("Harmful traditional practice")
    POSSIBLE_SEXUAL_SLAVERY = "possible_sexual_slavery", _("Possible sexual slavery")


# Contexts Amparo derives from the type, the survivor's age at the incident, an
# exchange, an abduction and the perpetrator's relation; never typed in.
DERIVED_CONTEXTS = frozenset(
    {
        CaseContext.IPV,
        CaseContext.CSA,
        CaseContext.EARLY_MARRIAGE,
        CaseContext.POSSIBLE_SEXUAL_EXPLOITATION,
        CaseContext.POSSIBLE_SEXUAL_SLAVERY,
    }
)

# The contexts a person chooses: every other one is derived.
ChosenContext: type[models.TextChoices] = models.TextChoices(  # type: ignore[call-overload]  # the functional Enum API, which django-stubs does not describe
    "ChosenContext",
    [(c.name, (c.value, c.label)) for c in CaseContext if c not in DERIVED_CONTEXTS],
)


class AbductionStatus(models.TextChoices):
    """GBVIMS Incident Recorder: type of abduction at the time of the incident."""

    NONE = "none", _("None")
    FORCED_CONSCRIPTION = "forced_conscription", _("Forced conscription")
    TRAFFICKED = "trafficked", _("Trafficked")
    OTHER = "other_abduction", _("Other abduction / kidnapping")


class Exploitation(models.TextChoices):
    """HTCDS v2 type of exploitation (its codes in ``standards.htcds``)."""

    FORCED_LABOUR = "forced_labour", _("Forced labour")
    SEXUAL = "sexual", _("Sexual exploitation")
    CHILD_LABOUR = "child_labour", _("Child labour")
    FORCED_MARRIAGE = "forced_marriage", _("Forced marriage")
    # The code predates HTCDS v2, which names this practice servitude; kept stable.
    SLAVERY = "slavery", _("Servitude (slavery and similar practices)")
    FORCED_MILITARY = "forced_military", _("Forced military (by non-state actors)")
    ORGAN_REMOVAL = "organ_removal", _("Organ removal")
    FORCED_BEGGING = "forced_begging", _("Forced begging")
    FORCED_ADOPTION = "forced_adoption", _("Forced adoption")
    SURROGACY = "surrogacy", _("Surrogacy")
    OTHER = "other", _("Other")


class RecruitmentMethod(models.TextChoices):
    """HTCDS v2 method of recruitment (several may apply)."""

    PLACE_OF_BUSINESS = "place_of_business", _("At a place of business")
    EDUCATIONAL_INSTITUTION = "educational_institution", _("At an educational institution")
    WORK = "work", _("At work")
    SOCIAL_NETWORKS = "social_networks", _("Through online social networks")
    ONLINE_ADVERT = "online_advert", _("Through an online advertisement")
    TELEVISION_ADVERT = "television_advert", _("Through a television advert")
    NEWSPAPER_ADVERT = "newspaper_advert", _("Through a newspaper advert")
    FAMILY = "family", _("Through family or family events")
    FRIENDS = "friends", _("Through friends or social events")
    OTHER = "other", _("Other")


class TraffickingStatus(models.TextChoices):
    """HTCDS: whether the person was trafficked, as an organisation has decided."""

    POSSIBLE = "possible", _("Possible victim of trafficking")
    ACTUAL = "actual", _("Actual victim of trafficking")
    NOT_A_VICTIM = "not_a_victim", _("Not a victim of trafficking")


class DecidingOrganisation(models.TextChoices):
    """HTCDS: the kind of organisation that decided the trafficking status."""

    POLICE = "police", _("Police")
    NGO = "ngo", _("NGO")
    COURT = "court", _("Court or prosecution")
    GOVERNMENT = "government", _("Non-police governmental organisation")
    OTHER = "other", _("Other")


class MeansOfControl(models.TextChoices):
    DEBT_BONDAGE = "debt_bondage", _("Debt bondage")
    TAKES_EARNINGS = "takes_earnings", _("Takes earnings")
    RESTRICTS_FINANCES = "restricts_finances", _("Restricts financial access")
    THREATS = "threats", _("Threats")
    PSYCHOLOGICAL_ABUSE = "psychological_abuse", _("Psychological abuse")
    PHYSICAL_ABUSE = "physical_abuse", _("Physical abuse")
    SEXUAL_ABUSE = "sexual_abuse", _("Sexual abuse")
    FALSE_PROMISES = "false_promises", _("False promises")
    PSYCHOACTIVE_SUBSTANCES = "substances", _("Psychoactive substances")
    RESTRICTS_MOVEMENT = "restricts_movement", _("Restricts movement")
    RESTRICTS_MEDICAL = "restricts_medical", _("Restricts medical care")
    EXCESSIVE_HOURS = "excessive_hours", _("Excessive working hours")
    USES_CHILDREN = "uses_children", _("Uses children")
    THREAT_LAW_ENFORCEMENT = "threat_law", _("Threat of law enforcement")
    WITHHOLDS_NECESSITIES = "withholds_necessities", _("Withholds necessities")
    WITHHOLDS_DOCUMENTS = "withholds_documents", _("Withholds documents")
    OTHER = "other", _("Other")
    NOT_SPECIFIED = "not_specified", _("Not specified")


class LabourType(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agriculture")
    AQUAFARMING = "aquafarming", _("Aquafarming")
    BEGGING = "begging", _("Begging")
    CONSTRUCTION = "construction", _("Construction")
    DOMESTIC_WORK = "domestic_work", _("Domestic work")
    HOSPITALITY = "hospitality", _("Hospitality")
    ILLICIT = "illicit", _("Illicit activities")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    MINING = "mining", _("Mining or drilling")
    PEDDLING = "peddling", _("Peddling")
    TRANSPORTATION = "transportation", _("Transportation")
    OTHER = "other", _("Other")


class SexualExploitationType(models.TextChoices):
    PROSTITUTION = "prostitution", _("Prostitution")
    PORNOGRAPHY = "pornography", _("Pornography")
    REMOTE_INTERACTIVE = "remote_interactive", _("Remote interactive services (incl. OSEC)")
    PRIVATE_SEXUAL = "private_sexual", _("Private sexual services")


class RecruiterRelation(models.TextChoices):
    INTIMATE_PARTNER = "intimate_partner", _("Intimate partner")
    FRIEND = "friend", _("Friend")
    FAMILY = "family", _("Family")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class PerpetratorRole(models.TextChoices):
    """HTCDS: a perpetrator's role in the trafficking process; one may hold several."""

    TRAVELLING_PARTNER = "travelling_partner", _("Travelling partner")
    TRANSPORTER = "transporter", _("Transporter")
    RECRUITER = "recruiter", _("Recruiter or intermediary")
    BROKER = "broker", _("Broker or travel agent")
    TRANSFERRED = "transferred", _("Transferred the person")
    HARBOURED = "harboured", _("Harboured the person")
    SOLD = "sold", _("Sold the person")
    BOUGHT = "bought", _("Bought the person")
    RECEIVED = "received", _("Received the person")
    CONTROLLED = "controlled", _("Controlled the person")
    SMUGGLER = "smuggler", _("Smuggler")
    ABUSER = "abuser", _("Abuser")
    KIDNAPPER = "kidnapper", _("Kidnapper")
    EXPLOITER = "exploiter", _("Exploiter")
    OTHER = "other", _("Other")


class PerpetratorRelation(models.TextChoices):
    """GBVIMS: relationship of the primary alleged perpetrator to the survivor."""

    INTIMATE_PARTNER = "intimate_partner", _("Intimate partner / former partner")
    PRIMARY_CAREGIVER = "caregiver", _("Primary caregiver")
    FAMILY = "family", _("Family other than spouse or caregiver")
    EMPLOYER = "employer", _("Supervisor / employer")
    SCHOOLMATE = "schoolmate", _("Schoolmate")
    TEACHER = "teacher", _("Teacher / school official")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    NEIGHBOUR = "neighbour", _("Family friend / neighbour")
    COMMUNITY = "community", _("Other community member")
    RECRUITER = "recruiter", _("Recruiter / trafficker")
    OTHER = "other", _("Other")
    NO_RELATION = "none", _("No relation")
    UNKNOWN = "unknown", _("Unknown")


class PerpetratorSex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    BOTH = "both", _("Both male and female perpetrators")
    UNKNOWN = "unknown", _("Unknown")


class ReportDelay(models.TextChoices):
    """GBVIMS: time between incident and report."""

    D0_3 = "0-3d", _("0–3 days")
    D4_5 = "4-5d", _("4–5 days")
    D6_14 = "6-14d", _("6–14 days")
    W2_M1 = "2w-1m", _("2 weeks – 1 month")
    OVER_M1 = "1m+", _("Over 1 month")
    UNKNOWN = "unknown", _("Unknown")
