"""Closing a case asks restoration: is the survivor restored (the instrument's closure rule)?"""

from amparo.aftercare.models import Assessment
from amparo.aftercare.selectors import active_instrument
from amparo.aftercare.services.assessments import rule_for_case
from amparo.cases.extensions import ClosureCheck
from amparo.cases.models import Case


def restoration_closure_check(case: Case) -> ClosureCheck:
    """Met when the organisation's active instrument says the survivor is restored.

    Registered in ``cases.extensions.closure_checks``: ``case_close`` calls it
    with the case locked, so the assessments it reads cannot change meanwhile.
    """
    instrument = active_instrument(organisation_id=case.organisation_id)
    assessments = list(
        # A partner's assessments under a referral are its own, not the owner's evidence.
        Assessment.objects.filter(
            case=case, instrument=instrument, partner_organisation__isnull=True
        ).order_by("assessed_on", "id")
    )
    rule = rule_for_case(case=case, instrument=instrument, assessments=assessments)
    return ClosureCheck(met=rule.met, reasons=rule.reasons, restored_on=rule.restored_on)
