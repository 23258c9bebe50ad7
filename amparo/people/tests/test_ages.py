"""Ages from the exact date of birth (leap days, month ends) and today's age band, kept in
clear and refreshed daily for those at a band's edge, without exposing the date."""

import dataclasses
import datetime

import pytest
import time_machine

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.services import intake_submit
from amparo.core.age import age_on, gbvims_band_by_year, gbvims_boundary_birth_years
from amparo.people.age import Birth, survivor_age_band
from amparo.people.models import Survivor
from amparo.people.services.ages import survivor_age_bands_refresh
from amparo.people.tasks import refresh_age_bands
from amparo.testing.factories import MembershipFactory, intake_input

D = datetime.date


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        # Born on 29 February: a year older on 1 March when the year has no 29th.
        (D(2008, 2, 29), D(2025, 2, 28), 16),
        (D(2008, 2, 29), D(2025, 3, 1), 17),
        (D(2008, 2, 29), D(2028, 2, 28), 19),
        (D(2008, 2, 29), D(2028, 2, 29), 20),
        # Born on 28 February or 1 March in a leap year: the same day every year.
        (D(2008, 2, 28), D(2026, 2, 28), 18),
        (D(2008, 3, 1), D(2026, 2, 28), 17),
        (D(2008, 3, 1), D(2026, 3, 1), 18),
        # Month and year ends.
        (D(2010, 1, 31), D(2026, 1, 30), 15),
        (D(2010, 1, 31), D(2026, 1, 31), 16),
        (D(2010, 4, 30), D(2026, 4, 29), 15),
        (D(2010, 4, 30), D(2026, 5, 1), 16),
        (D(2010, 12, 31), D(2026, 12, 30), 15),
        (D(2010, 12, 31), D(2026, 12, 31), 16),
        (D(2008, 6, 2), D(2026, 6, 1), 17),
        (D(2008, 6, 2), D(2026, 6, 2), 18),
        (D(2026, 3, 1), D(2026, 3, 1), 0),
    ],
)
def test_age_on_a_day(born, day, age):
    assert age_on(born, day) == age
    assert Birth(year=born.year, date=born).age_on(day) == (age, True)


def test_without_the_date_the_age_is_the_year_difference_and_an_estimate():
    assert Birth(year=2008).age_on(D(2026, 6, 1)) == (18, False)
    assert Birth(year=None).age_on(D(2026, 6, 1)) == (None, False)
    assert Birth(year=2027).age_on(D(2026, 6, 1)) == (None, False)
    assert Birth(year=2026, date=D(2026, 6, 2)).age_on(D(2026, 6, 1)) == (None, True)


def test_the_birth_year_alone_decides_the_band_except_at_a_bands_edge():
    today = D(2026, 1, 1)
    assert gbvims_band_by_year(2010, today) == "12-17"  # 15 or 16
    assert gbvims_band_by_year(2014, today) is None  # 11 or 12
    assert gbvims_band_by_year(2026, today) == "0-11"  # born this year
    assert gbvims_boundary_birth_years(today) == [1965, 1985, 2000, 2008, 2014]


def _survivor(*, birth_year, date_of_birth):
    data = intake_input()
    data.survivor = dataclasses.replace(data.survivor, birth_year=birth_year)
    data.identity = dataclasses.replace(data.identity, date_of_birth=date_of_birth)
    data.incident = dataclasses.replace(data.incident, occurred_on=D(2026, 11, 1), reported_on=None)
    data.opened_on = D(2026, 11, 2)
    return intake_submit(actor=MembershipFactory(role="caseworker").user, data=data).survivor


@pytest.mark.django_db
def test_someone_born_on_new_years_eve_is_still_a_child_of_11_on_new_years_day():
    """The issue's example: born 2014-12-31, shown 0–11 on 2026-01-01 (not 12–17)."""
    survivor = _survivor(birth_year=2014, date_of_birth=D(2014, 12, 31))
    survivor_age_bands_refresh(today=D(2026, 1, 1))
    survivor.refresh_from_db()
    assert survivor_age_band(survivor, today=D(2026, 1, 1)) == "0-11"
    survivor_age_bands_refresh(today=D(2026, 12, 31))
    survivor.refresh_from_db()
    assert survivor_age_band(survivor, today=D(2026, 12, 31)) == "12-17"
    assert survivor_age_band(survivor, today=D(2027, 6, 1)) == "12-17"


@pytest.mark.django_db
def test_without_a_date_of_birth_the_band_is_the_year_differences():
    survivor = _survivor(birth_year=2014, date_of_birth=None)
    survivor_age_bands_refresh(today=D(2026, 1, 1))
    survivor.refresh_from_db()
    assert survivor_age_band(survivor, today=D(2026, 1, 1)) == "12-17"
    survivor.birth_year = None
    assert survivor_age_band(survivor, today=D(2026, 1, 1)) == "unknown"


@pytest.mark.django_db
def test_the_band_is_written_with_the_survivor():
    survivor = _survivor(birth_year=2008, date_of_birth=D(2008, 12, 30))
    assert survivor.age_band_on is not None
    assert survivor.age_band == Birth(year=2008, date=D(2008, 12, 30)).band_on(survivor.age_band_on)


@pytest.mark.django_db
def test_the_daily_refresh_reads_only_survivors_at_a_bands_edge_once_a_day(
    django_assert_max_num_queries,
):
    edge = _survivor(birth_year=2008, date_of_birth=D(2008, 6, 2))
    settled = _survivor(birth_year=2010, date_of_birth=D(2010, 6, 2))
    written_on = Survivor.objects.get(pk=settled.pk).age_band_on
    before = AuditEvent.objects.count()

    assert survivor_age_bands_refresh(today=D(2026, 6, 1)) == int(edge.age_band != "12-17")
    assert Survivor.objects.get(pk=edge.pk).age_band == "12-17"
    assert survivor_age_bands_refresh(today=D(2026, 6, 2)) == 1
    edge.refresh_from_db()
    assert (edge.age_band, edge.age_band_on) == ("18-25", D(2026, 6, 2))
    # The survivor whose birth year decides the band is never read nor rewritten.
    assert Survivor.objects.get(pk=settled.pk).age_band_on == written_on
    # The band change is an event by no one, holding no date and no band.
    event = AuditEvent.objects.filter(code=Code.SURVIVOR_AGE_BAND_REFRESHED).latest("pk")
    assert (event.actor_id, event.survivor_id, event.changed_fields) == (
        None,
        edge.pk,
        ["age_band"],
    )
    assert "2008" not in str(event.reason)
    assert AuditEvent.objects.count() - before <= 2
    # A second run the same day reads nobody.
    with django_assert_max_num_queries(3):
        assert survivor_age_bands_refresh(today=D(2026, 6, 2)) == 0


@pytest.mark.django_db
def test_the_periodic_task_refreshes_todays_bands():
    survivor = _survivor(birth_year=2008, date_of_birth=D(2008, 6, 2))
    Survivor.objects.filter(pk=survivor.pk).update(age_band="0-11", age_band_on=None)
    with time_machine.travel(datetime.datetime(2026, 6, 2, 12, tzinfo=datetime.UTC), tick=False):
        refresh_age_bands.call_local()
    survivor.refresh_from_db()
    assert (survivor.age_band, survivor.age_band_on) == ("18-25", D(2026, 6, 2))
