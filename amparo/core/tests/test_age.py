import pytest

from amparo.core.age import age_in_year, ctdc_band, gbvims_band


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "0-11"),
        (11, "0-11"),
        (12, "12-17"),
        (17, "12-17"),
        (18, "18-25"),
        (25, "18-25"),
        (26, "26-40"),
        (40, "26-40"),
        (41, "41-60"),
        (60, "41-60"),
        (61, "61+"),
        (99, "61+"),
        (None, "unknown"),
        (-1, "unknown"),
    ],
)
def test_gbvims_bands(age, band):
    assert gbvims_band(age) == band


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "0-8"),
        (8, "0-8"),
        (9, "9-17"),
        (17, "9-17"),
        (18, "18-20"),
        (20, "18-20"),
        (21, "21-23"),
        (23, "21-23"),
        (24, "24-26"),
        (26, "24-26"),
        (27, "27-29"),
        (29, "27-29"),
        (30, "30-38"),
        (38, "30-38"),
        (39, "39-47"),
        (47, "39-47"),
        (48, "48+"),
        (90, "48+"),
        (-1, "unknown"),
        (None, "unknown"),
    ],
)
def test_ctdc_bands(age, band):
    assert ctdc_band(age) == band


def test_age_in_year():
    assert age_in_year(2008, 2025) == 17
    assert age_in_year(None, 2025) is None
