"""The one date rule (``amparo.core.validation``): bounds, steps, datetimes, both languages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone, translation

from amparo.core.validation import Errors, birth_floor, years_ahead

TODAY = timezone.localdate()


def _messages(check) -> dict[str, list[str]]:
    errors = Errors()
    check(errors)
    try:
        errors.raise_if_any()
    except ValidationError as exc:
        return exc.message_dict
    return {}


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (datetime.date(1, 1, 1), "Give a date from 1900 onwards."),
        (datetime.date(1899, 12, 31), "Give a date from 1900 onwards."),
        (TODAY + datetime.timedelta(days=1), "This date is in the future."),
        (datetime.date(9999, 12, 31), "This date is in the future."),
    ],
)
def test_a_past_event_is_between_1900_and_today(day, message):
    assert _messages(lambda e: e.past_date("day", day)) == {"day": [message]}


def test_a_past_event_today_or_on_1900_01_01_or_not_given_passes():
    for day in (TODAY, datetime.date(1900, 1, 1), None):
        assert _messages(lambda e, day=day: e.past_date("day", day)) == {}


def test_a_past_event_is_not_before_birth_nor_before_the_latest_step_it_follows():
    born = birth_floor(birth_year=2010)
    assert born == datetime.date(2010, 1, 1)
    assert _messages(lambda e: e.past_date("day", datetime.date(2009, 12, 31), born=born)) == {
        "day": ["This date is before the survivor was born."]
    }
    steps = [
        (datetime.date(2020, 1, 1), "the case was opened"),
        (None, "a step not reached"),
        (datetime.date(2021, 5, 1), "the reintegration was approved"),
    ]
    assert _messages(lambda e: e.past_date("day", datetime.date(2020, 6, 1), after=steps)) == {
        "day": ["This date is before the reintegration was approved (2021-05-01)."]
    }
    assert _messages(lambda e: e.past_date("day", datetime.date(2021, 5, 1), after=steps)) == {}


def test_an_exact_birth_date_is_the_floor_when_known():
    exact = datetime.date(2010, 3, 14)
    assert birth_floor(birth_year=2010, date_of_birth=exact) == exact
    assert birth_floor(birth_year=None) is None


@pytest.mark.parametrize(
    "when",
    [
        datetime.datetime(1375, 8, 19, 9, 57, 56),
        datetime.datetime(1, 1, 1),
        # Aware, with an offset that overflows when made local or UTC.
        datetime.datetime(1, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=5))),
        datetime.datetime(1899, 12, 31, 23, 0, tzinfo=datetime.UTC),
    ],
)
def test_an_appointment_before_1900_is_refused_before_any_time_zone_conversion(when):
    assert _messages(lambda e: e.scheduled("when", when)) == {
        "when": ["Give a date from 1900 onwards."]
    }


def test_an_appointment_is_at_most_five_years_ahead_by_default():
    limit = years_ahead(5)
    too_far = f"Give a date no later than {limit.isoformat()}."
    for when in (
        datetime.datetime(9999, 12, 31, 23, 59, 59),
        datetime.datetime(
            9999, 12, 31, 23, 59, tzinfo=datetime.timezone(-datetime.timedelta(hours=6))
        ),
        limit + datetime.timedelta(days=1),
    ):
        assert _messages(lambda e, when=when: e.scheduled("when", when)) == {"when": [too_far]}
    assert _messages(lambda e: e.scheduled("when", limit)) == {}
    assert _messages(lambda e: e.scheduled("when", TODAY - datetime.timedelta(days=3))) == {}


@override_settings(AMPARO_SCHEDULE_MAX_YEARS=1, AMPARO_VALIDITY_MAX_YEARS=2)
def test_the_horizons_are_configurable():
    in_18_months = TODAY + datetime.timedelta(days=548)
    assert "when" in _messages(lambda e: e.scheduled("when", in_18_months))
    assert _messages(lambda e: e.scheduled("when", in_18_months, max_years_ahead=2)) == {}
    assert _messages(lambda e: e.valid_until("until", in_18_months)) == {}
    assert "until" in _messages(lambda e: e.valid_until("until", years_ahead(3)))


def test_a_datetime_is_judged_by_its_local_day():
    # 03:00 UTC tomorrow is still today in Guatemala (UTC-6).
    tomorrow = TODAY + datetime.timedelta(days=1)
    early_utc = datetime.datetime.combine(tomorrow, datetime.time(3), tzinfo=datetime.UTC)
    local = timezone.localtime(early_utc).date()
    step = [(local, "the step")]
    assert _messages(lambda e: e.scheduled("when", early_utc, after=step)) == {}
    later = [(local + datetime.timedelta(days=1), "the step")]
    assert "when" in _messages(lambda e: e.scheduled("when", early_utc, after=later))


def test_29_february_plus_years_is_28_february():
    assert years_ahead(5, today=datetime.date(2024, 2, 29)) == datetime.date(2029, 2, 28)


def test_the_messages_are_in_spanish_too():
    with translation.override("es"):
        messages = _messages(
            lambda e: (
                e.past_date("a", datetime.date(1, 1, 1)),
                e.past_date("b", TODAY + datetime.timedelta(days=1)),
                e.past_date("c", datetime.date(2009, 1, 1), born=datetime.date(2010, 1, 1)),
                e.scheduled("d", datetime.date(9999, 1, 1)),
            )
        )
    assert messages == {
        "a": ["Indique una fecha a partir de 1900."],
        "b": ["Esta fecha es futura."],
        "c": ["Esta fecha es anterior al nacimiento de la persona sobreviviente."],
        "d": [f"Indique una fecha no posterior al {years_ahead(5).isoformat()}."],
    }
