"""CTDC (Counter Trafficking Data Collaborative) codes for Amparo's vocabularies."""

from amparo.cases import vocab
from amparo.core.age import CtdcAgeBand

# CTDC writes its ranges with a double hyphen; "unknown" is left empty there.
AGE_BROAD: dict[str, str] = {
    CtdcAgeBand.A0_8: "0--8",
    CtdcAgeBand.A9_17: "9--17",
    CtdcAgeBand.A18_20: "18--20",
    CtdcAgeBand.A21_23: "21--23",
    CtdcAgeBand.A24_26: "24--26",
    CtdcAgeBand.A27_29: "27--29",
    CtdcAgeBand.A30_38: "30--38",
    CtdcAgeBand.A39_47: "39--47",
    CtdcAgeBand.A48: "48+",
}

# CTDC's global dataset keeps each multi-valued field as one 0/1 column per value.
MEANS_OF_CONTROL: dict[str, str] = {
    vocab.MeansOfControl.DEBT_BONDAGE: "meansOfControlDebtBondage",
    vocab.MeansOfControl.TAKES_EARNINGS: "meansOfControlTakesEarnings",
    vocab.MeansOfControl.RESTRICTS_FINANCES: "meansOfControlRestrictsFinancialAccess",
    vocab.MeansOfControl.THREATS: "meansOfControlThreats",
    vocab.MeansOfControl.PSYCHOLOGICAL_ABUSE: "meansOfControlPsychologicalAbuse",
    vocab.MeansOfControl.PHYSICAL_ABUSE: "meansOfControlPhysicalAbuse",
    vocab.MeansOfControl.SEXUAL_ABUSE: "meansOfControlSexualAbuse",
    vocab.MeansOfControl.FALSE_PROMISES: "meansOfControlFalsePromises",
    vocab.MeansOfControl.PSYCHOACTIVE_SUBSTANCES: "meansOfControlPsychoactiveSubstances",
    vocab.MeansOfControl.RESTRICTS_MOVEMENT: "meansOfControlRestrictsMovement",
    vocab.MeansOfControl.RESTRICTS_MEDICAL: "meansOfControlRestrictsMedicalCare",
    vocab.MeansOfControl.EXCESSIVE_HOURS: "meansOfControlExcessiveWorkingHours",
    vocab.MeansOfControl.USES_CHILDREN: "meansOfControlUsesChildren",
    vocab.MeansOfControl.THREAT_LAW_ENFORCEMENT: "meansOfControlThreatOfLawEnforcement",
    vocab.MeansOfControl.WITHHOLDS_NECESSITIES: "meansOfControlWithholdsNecessities",
    vocab.MeansOfControl.WITHHOLDS_DOCUMENTS: "meansOfControlWithholdsDocuments",
    vocab.MeansOfControl.OTHER: "meansOfControlOther",
    vocab.MeansOfControl.NOT_SPECIFIED: "meansOfControlNotSpecified",
}

LABOUR_TYPE: dict[str, str] = {
    vocab.LabourType.AGRICULTURE: "typeOfLabourAgriculture",
    vocab.LabourType.AQUAFARMING: "typeOfLabourAquafarming",
    vocab.LabourType.BEGGING: "typeOfLabourBegging",
    vocab.LabourType.CONSTRUCTION: "typeOfLabourConstruction",
    vocab.LabourType.DOMESTIC_WORK: "typeOfLabourDomesticWork",
    vocab.LabourType.HOSPITALITY: "typeOfLabourHospitality",
    vocab.LabourType.ILLICIT: "typeOfLabourIllicitActivities",
    vocab.LabourType.MANUFACTURING: "typeOfLabourManufacturing",
    vocab.LabourType.MINING: "typeOfLabourMiningOrDrilling",
    vocab.LabourType.PEDDLING: "typeOfLabourPeddling",
    vocab.LabourType.TRANSPORTATION: "typeOfLabourTransportation",
    vocab.LabourType.OTHER: "typeOfLabourOther",
}

SEXUAL_EXPLOITATION_TYPE: dict[str, str] = {
    vocab.SexualExploitationType.PROSTITUTION: "typeOfSexProstitution",
    vocab.SexualExploitationType.PORNOGRAPHY: "typeOfSexPornography",
    vocab.SexualExploitationType.REMOTE_INTERACTIVE: "typeOfSexRemoteInteractiveServices",
    vocab.SexualExploitationType.PRIVATE_SEXUAL: "typeOfSexPrivateSexualServices",
}

RECRUITER_RELATION: dict[str, str] = {
    vocab.RecruiterRelation.INTIMATE_PARTNER: "recruiterRelationIntimatePartner",
    vocab.RecruiterRelation.FRIEND: "recruiterRelationFriend",
    vocab.RecruiterRelation.FAMILY: "recruiterRelationFamily",
    vocab.RecruiterRelation.OTHER: "recruiterRelationOther",
    vocab.RecruiterRelation.UNKNOWN: "recruiterRelationUnknown",
}
