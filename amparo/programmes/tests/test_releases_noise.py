"""Rounding, sensitivity and noise of releases, checked against values worked out by hand."""

from decimal import Decimal

import pytest

from amparo.programmes.releases import noise


@pytest.mark.parametrize(
    ("value", "base", "expected"),
    [(0, 5, 0), (1, 5, 5), (2, 5, 5), (7, 5, 5), (8, 5, 10), (12, 5, 10), (13, 5, 15), (11, 1, 11)],
)
def test_counts_round_half_up_never_zero_to_positive_nor_positive_to_zero(value, base, expected):
    assert noise.round_count(value, base) == expected


def test_sensitivity_is_the_most_cells_one_record_is_in():
    # total and department count each legal case; verdicts and convictions overlap.
    cells = [
        {"legal_case:1", "legal_case:2"},  # verdicts, total
        {"legal_case:1"},  # verdicts, Guatemala
        {"legal_case:1"},  # convictions, total
        {"legal_case:2"},  # verdicts, Quetzaltenango
    ]
    assert noise.sensitivity(cells) == 3
    assert noise.sensitivity([]) == 1


def test_noise_is_centred_on_the_count_and_clipped_at_zero():
    values = {i: 100 for i in range(400)}
    noisy = noise.add_noise(values, epsilon=Decimal("1"), sensitivity=1)
    mean = sum(noisy.values()) / len(noisy)
    assert 99 < mean < 101  # scale 1: the standard deviation is about 1.4
    assert len(set(noisy.values())) > 1
    zeros = noise.add_noise({i: 0 for i in range(50)}, epsilon=Decimal("0.1"), sensitivity=2)
    assert min(zeros.values()) == 0
