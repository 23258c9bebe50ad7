"""Units glued to numbers take their plural forms: "1 día", never "1 días"; numbers in the
markup stay unlocalised while the labels follow the reader's language."""

import pytest
from django.urls import reverse
from django.utils import translation

from amparo.aftercare.instruments import schedule_text
from amparo.programmes import labels
from amparo.programmes.charts import value_text
from amparo.reporting import charts
from amparo.reporting.survival import time_to_event


@pytest.mark.parametrize(
    ("language", "day", "text"),
    [
        ("en", 1, "Median: 1 day"),
        ("en", 50, "Median: 50 days"),
        ("es", 1, "Mediana: 1 día"),
        ("es", 50, "Mediana: 50 días"),
    ],
)
def test_the_incidence_median_says_day_or_days(language, day, text):
    curve = time_to_event(events={day: 8, day + 30: 2}, censored={day + 60: 1}, competing={})
    with translation.override(language):
        chart = charts.incidence_chart(curve)
    assert chart is not None and curve.median == day
    (drawn,) = chart.curves
    assert drawn.median_text == text
    # The mark itself is drawn at a coordinate with a dot, whatever the language.
    assert drawn.median_x is not None and "," not in drawn.median_x


@pytest.mark.parametrize(
    ("value", "english", "spanish"),
    [(1, "1 day", "1 día"), (0.6, "1 day", "1 día"), (180.4, "180 days", "180 días")],
)
def test_a_programme_value_in_days_follows_the_number_shown(value, english, spanish):
    with translation.override("en"):
        assert value_text(value, "days") == english
        assert labels.value_label(value, "days") == english
    with translation.override("es"):
        assert value_text(value, "days") == spanish
        assert labels.value_label(value, "days") == spanish


def test_an_instruments_schedule_says_one_day_in_the_singular():
    with translation.override("es"):
        text = schedule_text({"first_days": 1, "second_months": 6, "then_every_months": 12})
    assert text.startswith("Calendario: al ingreso (+1 día), luego seis meses")
    with translation.override("en"):
        text = schedule_text({"first_days": 14, "second_months": 6, "then_every_months": 12})
    assert text.startswith("Schedule: at intake (+14 days), then six months")


def test_the_token_page_says_one_day_in_the_singular(cast, client, settings):
    settings.AMPARO_API_TOKEN_DAYS = 1
    client.force_login(cast.caseworker)
    page = client.get(reverse("token_list"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Deja de funcionar al cabo de 1 día," in page
    settings.AMPARO_API_TOKEN_DAYS = 90
    page = client.get(reverse("token_list"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Deja de funcionar a los 90 días," in page
