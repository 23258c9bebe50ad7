"""The HTCDS/CTDC file's columns: HTCDS v2 names where HTCDS has the field, CTDC's otherwise.

One row per victim (case). Multi-valued HTCDS fields hold their codes
separated by spaces, as an XLSForm "select multiple" does; CTDC's
multi-valued fields are one 0/1 column per value, as in its global dataset.
``recordId`` is not a standard field: the file's own row id (random per
export, so rows cannot be linked across files or back to cases).
"""

from amparo.cases.standards import ctdc

RECORD_ID = "recordId"
YEAR = "yearOfRegistration"  # CTDC
GENDER = "prs_Gender"  # HTCDS v2
AGE = "ageBroad"  # CTDC, at the (first) incident
CITIZENSHIP = "prs_Citizenship"  # HTCDS v2, ISO 3166 alpha-2
COUNTRY = "CountryOfExploitation"  # CTDC, ISO 3166 alpha-2
LOCATION = "vic_LocationOfExploitation"  # HTCDS v2 (text): the department
EXPLOITATION = "vic_TypeOfExploitation"
TRAFFICKING_STATUS = "vic_TraffickingStatus"
DECIDED_BY = "vic_TraffickingStatusDecisionMakingOrg"
RECRUITMENT = "vic_MethodOfRecruitment"
PERPETRATOR_ROLES = "per_RoleInProcess"
CASE_STATUS = "cas_Status"

# What a third party could know of a person from outside: k-anonymity holds on these.
QUASI_IDENTIFIERS = (YEAR, GENDER, AGE, CITIZENSHIP, COUNTRY, LOCATION)

EXPORTED: tuple[str, ...] = (
    RECORD_ID,
    YEAR,
    GENDER,
    AGE,
    CITIZENSHIP,
    COUNTRY,
    LOCATION,
    EXPLOITATION,
    TRAFFICKING_STATUS,
    DECIDED_BY,
    RECRUITMENT,
    *ctdc.MEANS_OF_CONTROL.values(),
    *ctdc.LABOUR_TYPE.values(),
    *ctdc.SEXUAL_EXPLOITATION_TYPE.values(),
    *ctdc.RECRUITER_RELATION.values(),
    PERPETRATOR_ROLES,
    CASE_STATUS,
)

# Read on import only (an HTCDS spreadsheet of another system); never exported.
# Both spellings HTCDS has used are read: the field reference's and the XLSForm's.
FIRST_NAME = ("prs_FirstName", "prs_First_Name")
SECOND_NAME = ("prs_SecondName", "prs_Second_Name")
MIDDLE_NAME = ("prs_MiddleName",)
BIRTHDATE = ("prs_Birthdate",)
PHONE = ("prs_MobilePhone", "prs_HomePhone")
STREET = ("prs_MailingStreet",)
NATIONALITY_V1 = "prs_Nationality"
REFERRAL_DATE = "cas_IncomingReferralDate"
REFERRING_ORGANISATION = "cas_ReferringOrganisation"
EVENT_DATE = "hte_Date"

IDENTITY_COLUMNS = {*FIRST_NAME, *SECOND_NAME, *MIDDLE_NAME, *BIRTHDATE, *PHONE, *STREET}
