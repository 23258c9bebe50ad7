"""HTCDS (Human Trafficking Case Data Standard, IOM) codes for Amparo's vocabularies."""

from amparo.cases import vocab
from amparo.people import vocab as people_vocab

EXPLOITATION: dict[str, str] = {
    vocab.Exploitation.FORCED_LABOUR: "ForcedLabour",
    vocab.Exploitation.SEXUAL: "SexualExploitation",
    vocab.Exploitation.CHILD_LABOUR: "ChildLabour",
    vocab.Exploitation.FORCED_MARRIAGE: "ForcedMarriage",
    vocab.Exploitation.SLAVERY: "Servitude",
    vocab.Exploitation.FORCED_MILITARY: "ForcedMilitaryByNonStateActors",
    vocab.Exploitation.ORGAN_REMOVAL: "OrganRemoval",
    vocab.Exploitation.FORCED_BEGGING: "ForcedBegging",
    vocab.Exploitation.FORCED_ADOPTION: "ForcedAdoption",
    vocab.Exploitation.SURROGACY: "Surrogacy",
    vocab.Exploitation.OTHER: "Other",
}

RECRUITMENT_METHOD: dict[str, str] = {
    vocab.RecruitmentMethod.PLACE_OF_BUSINESS: "AtAPlaceOfBusiness",
    vocab.RecruitmentMethod.EDUCATIONAL_INSTITUTION: "AtAnEducationalInstitution",
    vocab.RecruitmentMethod.WORK: "AtWork",
    vocab.RecruitmentMethod.SOCIAL_NETWORKS: "ThroughOnlineSocialNetworks",
    vocab.RecruitmentMethod.ONLINE_ADVERT: "ThroughAnOnlineAdvertisement",
    vocab.RecruitmentMethod.TELEVISION_ADVERT: "ThroughATelevisionAdvert",
    vocab.RecruitmentMethod.NEWSPAPER_ADVERT: "ThroughANewspaperAdvert",
    vocab.RecruitmentMethod.FAMILY: "ThroughFamilyOrFamilyEvents",
    vocab.RecruitmentMethod.FRIENDS: "ThroughFriendsOrSocialEvents",
    vocab.RecruitmentMethod.OTHER: "Other",
}

TRAFFICKING_STATUS: dict[str, str] = {
    vocab.TraffickingStatus.POSSIBLE: "PossibleVictimOfTrafficking",
    vocab.TraffickingStatus.ACTUAL: "ActualVictimOfTrafficking",
    vocab.TraffickingStatus.NOT_A_VICTIM: "NotAVictimOfTrafficking",
}

DECIDING_ORGANISATION: dict[str, str] = {
    vocab.DecidingOrganisation.POLICE: "Police",
    vocab.DecidingOrganisation.NGO: "NGO",
    vocab.DecidingOrganisation.COURT: "CourtOrProsecution",
    vocab.DecidingOrganisation.GOVERNMENT: "NonPoliceGovernmentalOrganization",
    vocab.DecidingOrganisation.OTHER: "Other",
}

PERPETRATOR_ROLE: dict[str, str] = {
    vocab.PerpetratorRole.TRAVELLING_PARTNER: "TravellingPartner",
    vocab.PerpetratorRole.TRANSPORTER: "Transporter",
    vocab.PerpetratorRole.RECRUITER: "RecruiterOrIntermediary",
    vocab.PerpetratorRole.BROKER: "BrokerTravelAgent",
    vocab.PerpetratorRole.TRANSFERRED: "TransferredIndividual",
    vocab.PerpetratorRole.HARBOURED: "HarbouredIndividual",
    vocab.PerpetratorRole.SOLD: "SoldIndividual",
    vocab.PerpetratorRole.BOUGHT: "BoughtIndividual",
    vocab.PerpetratorRole.RECEIVED: "ReceivedIndividual",
    vocab.PerpetratorRole.CONTROLLED: "ControlledIndividual",
    vocab.PerpetratorRole.SMUGGLER: "Smuggler",
    vocab.PerpetratorRole.ABUSER: "Abuser",
    vocab.PerpetratorRole.KIDNAPPER: "Kidnapper",
    vocab.PerpetratorRole.EXPLOITER: "Exploiter",
    vocab.PerpetratorRole.OTHER: "Other",
}

# HTCDS v2 ``prs_Gender``. Amparo records sex; "other" is HTCDS's non-conforming.
GENDER: dict[str, str] = {
    people_vocab.Sex.FEMALE: "Feminine",
    people_vocab.Sex.MALE: "Masculine",
    people_vocab.Sex.OTHER: "NonConforming",
    people_vocab.Sex.UNKNOWN: "NonSpecifiedUnknown",
}

CASE_STATUS: dict[str, str] = {
    vocab.CaseStatus.ACTIVE: "Active",
    vocab.CaseStatus.FOLLOW_UP: "FollowUp",
    vocab.CaseStatus.CLOSED: "Closed",
    vocab.CaseStatus.CLOSED_REFERRED: "ClosedReferred",
}
