"""An import opens a case by the intake's rules, its further incidents included."""

import dataclasses
import datetime

import pytest

from amparo.cases.services import intake_import
from amparo.core.exceptions import Denied
from amparo.testing.factories import MembershipFactory, intake_input

BORN = datetime.date(2008, 6, 2)


def _record_with_two_rapes():
    data = intake_input()
    data.survivor = dataclasses.replace(data.survivor, birth_year=2008)
    data.identity = dataclasses.replace(data.identity, date_of_birth=BORN)
    first = dataclasses.replace(
        data.incident, occurred_on=datetime.date(2026, 6, 3), reported_on=None, q_penetration=True
    )
    # The day before her 18th birthday: a child, known only from the exact date.
    second = dataclasses.replace(first, occurred_on=datetime.date(2026, 6, 1))
    data.incident = first
    return data, second


@pytest.mark.django_db
def test_an_admin_imports_a_record_with_a_further_incident_aged_from_the_exact_date():
    admin = MembershipFactory(role="admin").user
    data, second = _record_with_two_rapes()
    case = intake_import(actor=admin, data=data, more_incidents=[second])
    ages = {
        i.occurred_on: (i.survivor_age, i.survivor_age_exact, "csa" in i.contexts)
        for i in case.incidents.all()
    }
    assert ages == {
        datetime.date(2026, 6, 3): (18, True, False),
        datetime.date(2026, 6, 1): (17, True, True),
    }


@pytest.mark.django_db
def test_a_caseworker_may_not_import():
    worker = MembershipFactory(role="caseworker").user
    data, second = _record_with_two_rapes()
    with pytest.raises(Denied):
        intake_import(actor=worker, data=data, more_incidents=[second])
