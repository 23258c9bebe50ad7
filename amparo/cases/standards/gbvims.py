"""GBVIMS (Incident Recorder) codes for Amparo's vocabularies, where they differ."""

from amparo.cases import vocab
from amparo.core.age import GbvimsAgeBand
from amparo.people.vocab import Disability, Displacement, Nationality, Sex

ABDUCTION_STATUS: dict[str, str] = {
    vocab.AbductionStatus.NONE: "none",
    vocab.AbductionStatus.FORCED_CONSCRIPTION: "forced_conscription",
    vocab.AbductionStatus.TRAFFICKED: "trafficked",
    vocab.AbductionStatus.OTHER: "other_abduction_kidnapping",
}

# The Incident Recorder's cells carry Primero's English display texts, not its
# option ids (its exporter writes each option's label); these are those texts.
# Sources are named in ``fixtures/README.md``.

ABDUCTION_STATUS_LABEL: dict[str, str] = {
    vocab.AbductionStatus.NONE: "None",
    vocab.AbductionStatus.FORCED_CONSCRIPTION: "Forced Conscription",
    vocab.AbductionStatus.TRAFFICKED: "Trafficked",
    vocab.AbductionStatus.OTHER: "Other Abduction/Kidnapping",
}

GBV_TYPE: dict[str, str] = {
    vocab.GbvType.RAPE: "Rape",
    vocab.GbvType.SEXUAL_ASSAULT: "Sexual Assault",
    vocab.GbvType.PHYSICAL_ASSAULT: "Physical Assault",
    vocab.GbvType.FORCED_MARRIAGE: "Forced Marriage",
    vocab.GbvType.DENIAL: "Denial of Resources, Opportunities or Services",
    vocab.GbvType.PSYCHOLOGICAL: "Psychological / Emotional Abuse",
    vocab.GbvType.NON_GBV: "Non-GBV",
}

# The guided question whose "yes" gives each type (Non-GBV: none of them).
GBV_TYPE_QUESTION: dict[str, str] = {
    vocab.GbvType.RAPE: "q_penetration",
    vocab.GbvType.SEXUAL_ASSAULT: "q_sexual_contact",
    vocab.GbvType.PHYSICAL_ASSAULT: "q_physical",
    vocab.GbvType.FORCED_MARRIAGE: "q_forced_marriage",
    vocab.GbvType.DENIAL: "q_denial",
    vocab.GbvType.PSYCHOLOGICAL: "q_psychological",
}

# The survivor's sex: the Incident Recorder knows only M and F.
SEX: dict[str, str] = {Sex.FEMALE: "F", Sex.MALE: "M"}

PERPETRATOR_SEX: dict[str, str] = {
    vocab.PerpetratorSex.MALE: "M",
    vocab.PerpetratorSex.FEMALE: "F",
    vocab.PerpetratorSex.BOTH: "M and F",
}

AGE_GROUP: dict[str, str] = {
    GbvimsAgeBand.A0_11: "Age 0 - 11",
    GbvimsAgeBand.A12_17: "Age 12 - 17",
    GbvimsAgeBand.A18_25: "Age 18 - 25",
    GbvimsAgeBand.A26_40: "Age 26 - 40",
    GbvimsAgeBand.A41_60: "Age 41 - 60",
    GbvimsAgeBand.A61: "61 & Older",
    GbvimsAgeBand.UNKNOWN: "Unknown",
}

# Amparo's relation -> the GBVIMS relationship it is exported as. GBVIMS has no
# recruiter / trafficker: that relation leaves as "Other" (and comes back so).
PERPETRATOR_RELATION: dict[str, str] = {
    vocab.PerpetratorRelation.INTIMATE_PARTNER: "Intimate Partner / Former Partner",
    vocab.PerpetratorRelation.PRIMARY_CAREGIVER: "Primary Caregiver",
    vocab.PerpetratorRelation.FAMILY: "Family other than spouse or caregiver",
    vocab.PerpetratorRelation.EMPLOYER: "Supervisor / Employer",
    vocab.PerpetratorRelation.SCHOOLMATE: "Schoolmate",
    vocab.PerpetratorRelation.TEACHER: "Teacher / School Official",
    vocab.PerpetratorRelation.SERVICE_PROVIDER: "Service Provider",
    vocab.PerpetratorRelation.NEIGHBOUR: "Family Friend/Neighbor",
    vocab.PerpetratorRelation.COMMUNITY: "Other resident community member",
    vocab.PerpetratorRelation.RECRUITER: "Other",
    vocab.PerpetratorRelation.OTHER: "Other",
    vocab.PerpetratorRelation.NO_RELATION: "No relation",
    vocab.PerpetratorRelation.UNKNOWN: "Unknown",
}

# Each GBVIMS relationship -> the Amparo relation it is imported as: the
# exported ones back to themselves ("Other" to other), the two Amparo lacks to
# the nearest.
PERPETRATOR_RELATION_IMPORT: dict[str, str] = {
    **{
        label: code
        for code, label in PERPETRATOR_RELATION.items()
        if code != vocab.PerpetratorRelation.RECRUITER
    },
    "Cotenant / Housemate": vocab.PerpetratorRelation.COMMUNITY,
    "Other refugee / IDP / Returnee": vocab.PerpetratorRelation.COMMUNITY,
}

DISPLACEMENT: dict[str, str] = {
    Displacement.RESIDENT: "Resident",
    Displacement.IDP: "IDP",
    Displacement.REFUGEE: "Refugee",
    Displacement.STATELESS: "Stateless Person",
    Displacement.RETURNEE: "Returnee",
    Displacement.MIGRANT: "Foreign National",
    Displacement.ASYLUM_SEEKER: "Asylum Seeker",
}

# GBVIMS asks only whether the disability is mental, physical or both.
DISABILITY: dict[str, str] = {
    Disability.NONE: "No",
    Disability.PHYSICAL: "Physical Disability",
    Disability.SENSORY: "Physical Disability",
    Disability.INTELLECTUAL: "Mental Disability",
    Disability.PSYCHOSOCIAL: "Mental Disability",
    Disability.MULTIPLE: "Both",
}

DISABILITY_IMPORT: dict[str, str] = {
    "No": Disability.NONE,
    "Physical Disability": Disability.PHYSICAL,
    "Mental Disability": Disability.PSYCHOSOCIAL,
    "Both": Disability.MULTIPLE,
}

# Primero's country list (``lookup-country``) for the nationalities Amparo names.
COUNTRY: dict[str, str] = {
    Nationality.GUATEMALA: "Guatemala",
    Nationality.EL_SALVADOR: "El Salvador",
    Nationality.HONDURAS: "Honduras",
    Nationality.NICARAGUA: "Nicaragua",
    Nationality.MEXICO: "Mexico",
    Nationality.BELIZE: "Belize",
    Nationality.COSTA_RICA: "Costa Rica",
    Nationality.COLOMBIA: "Colombia",
    Nationality.VENEZUELA: "Venezuela",
    Nationality.DOMINICAN_REPUBLIC: "Dominican Republic",
    Nationality.UNITED_STATES: "USA (United States of America)",
}

YES, NO = "Yes", "No"
