"""Closing a case: the restoration rule, or a supervisor's audited override."""

from amparo.aftercare.instruments import RuleResult
from amparo.aftercare.models import Assessment
from amparo.aftercare.selectors import active_instrument
from amparo.aftercare.services.assessments import rule_for_case
from amparo.cases.models import Case


def closure_rule_for(*, case: Case) -> RuleResult:
    instrument = active_instrument(organisation_id=case.organisation_id)
    assessments = list(
        Assessment.objects.filter(case=case, instrument=instrument).order_by("assessed_on", "id")
    )
    return rule_for_case(case=case, instrument=instrument, assessments=assessments)
