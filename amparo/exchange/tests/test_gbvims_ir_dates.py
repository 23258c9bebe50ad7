"""Dates as the Incident Recorder and Primero write them."""

import datetime

import pytest

from amparo.exchange.formats.dates import format_day_month_year, parse_date

MARCH_5 = datetime.date(2024, 3, 5)


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-05",
        "2024-03-05T10:00:00Z",
        "05-Mar-2024",
        "5-mar-2024",
        "05/03/2024",
        "05-March-2024",
    ],
)
def test_the_ways_the_systems_write_a_date_are_read(text):
    assert parse_date(text) == MARCH_5


@pytest.mark.parametrize("text", ["March 2024", "05-Foo-2024", "2024/03/05", "31-02-2024", ""])
def test_anything_else_is_not_a_date(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_a_date_is_written_as_the_recorder_writes_it_whatever_the_language():
    from django.utils import translation

    with translation.override("es"):
        assert format_day_month_year(MARCH_5) == "05-Mar-2024"
    assert format_day_month_year(None) == ""
