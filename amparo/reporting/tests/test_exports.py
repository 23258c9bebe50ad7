"""The one export service: refuses who may not see aggregates, and audits each export once."""

import pytest

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.core.exceptions import Denied
from amparo.reporting.exports import indicators_csv, indicators_export


@pytest.mark.parametrize("name", ["outsider", "inactive", "caseworker"])
def test_an_export_is_refused_to_whoever_may_not_see_aggregates(cast, name):
    with pytest.raises(Denied):
        indicators_export(actor=cast.user(name), report="justice", channel="csv", filters="")
    assert not AuditEvent.objects.filter(code=Code.INDICATORS_EXPORTED).exists()


def test_a_csv_export_writes_its_table_and_one_event(cast):
    response = indicators_csv(
        actor=cast.analyst,
        report="justice",
        filters="2026",
        filename="justice.csv",
        header=["indicator", "value"],
        rows=[["cases", 12]],
    )
    assert response.content.decode().splitlines() == ["indicator,value", "cases,12"]
    events = AuditEvent.objects.filter(code=Code.INDICATORS_EXPORTED)
    assert events.count() == 1
    assert events.get().actor_id == cast.analyst.pk
