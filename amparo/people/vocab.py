from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Disability(models.TextChoices):
    NONE = "none", _("No disability")
    PHYSICAL = "physical", _("Physical")
    SENSORY = "sensory", _("Sensory")
    INTELLECTUAL = "intellectual", _("Intellectual")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial")
    MULTIPLE = "multiple", _("Multiple")
    UNKNOWN = "unknown", _("Unknown")


class Displacement(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    IDP = "idp", _("Internally displaced")
    REFUGEE = "refugee", _("Refugee")
    ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker")
    RETURNEE = "returnee", _("Returnee")
    MIGRANT = "migrant", _("Migrant")
    STATELESS = "stateless", _("Stateless")
    UNKNOWN = "unknown", _("Unknown")


class Language(models.TextChoices):
    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")
    KICHE = "quc", _("K'iche'")
    QEQCHI = "kek", _("Q'eqchi'")
    KAQCHIKEL = "cak", _("Kaqchikel")
    MAM = "mam", _("Mam")
    GARIFUNA = "cab", _("Garifuna")
    OTHER = "other", _("Other")


class Nationality(models.TextChoices):
    GUATEMALA = "GT", _("Guatemala")
    EL_SALVADOR = "SV", _("El Salvador")
    HONDURAS = "HN", _("Honduras")
    NICARAGUA = "NI", _("Nicaragua")
    MEXICO = "MX", _("Mexico")
    BELIZE = "BZ", _("Belize")
    COSTA_RICA = "CR", _("Costa Rica")
    COLOMBIA = "CO", _("Colombia")
    VENEZUELA = "VE", _("Venezuela")
    DOMINICAN_REPUBLIC = "DO", _("Dominican Republic")
    UNITED_STATES = "US", _("United States")
    OTHER = "ZZ", _("Other / unknown")


class FamilyRelation(models.TextChoices):
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    STEPPARENT = "stepparent", _("Step-parent")
    SIBLING = "sibling", _("Sibling")
    GRANDPARENT = "grandparent", _("Grandparent")
    AUNT_UNCLE = "aunt_uncle", _("Aunt or uncle")
    CHILD = "child", _("Child")
    PARTNER = "partner", _("Partner or spouse")
    OTHER_RELATIVE = "other_relative", _("Other relative")
    GUARDIAN = "guardian", _("Legal guardian")
    OTHER = "other", _("Other")


class FamilySafety(models.TextChoices):
    SAFE = "safe", _("Safe contact")
    UNSAFE = "unsafe", _("Unsafe — do not contact")
    UNKNOWN = "unknown", _("Not yet assessed")


class ConsentScope(models.TextChoices):
    SERVICES = "services", _("Receive services")
    SHARE_WITH_ORG = "share", _("Share information with a named organisation")
    REPORTING = "reporting", _("Non-identifiable reporting")
    TRACING = "tracing", _("Family tracing")


class ConsentGiver(models.TextChoices):
    SURVIVOR = "survivor", _("Survivor")
    CAREGIVER = "caregiver", _("Parent or caregiver")
    OTHER = "other", _("Other (e.g. guardian ad litem)")


class Section(models.TextChoices):
    """The parts of a case file a consent to share covers, and a referral shares, each separately.

    Everyone who receives an accepted referral also sees the survivor's
    non-identifying profile (pseudonym, sex, age band, nationality, languages)
    and the referral's own message: without them no service can be given.
    """

    IDENTITY = "identity", _("Identity (names, date of birth, contact, ID)")
    INCIDENTS = "incidents", _("Intake summary and incidents")
    LEGAL = "legal", _("Legal status")
    ASSESSMENTS = "assessments", _("Restoration assessments")
    CARE_PLAN = "care_plan", _("Care plan and services")
    NOTES = "notes", _("Case notes")
