"""k-anonymity: no quasi-identifier combination rarer than k leaves; generalisation comes first."""

import random

import pytest

from amparo.reporting.kanon import Generalisation, KAnonymity, class_sizes, k_anonymise

QI = ("sex", "age", "place")


def _decade(value: str) -> str:
    return value[:-1] + "0s" if value.isdigit() else value


SPEC = KAnonymity(
    quasi_identifiers=QI,
    steps=(
        Generalisation("place", "place left out", lambda _v: ""),
        Generalisation("age", "ages in decades", _decade),
    ),
)


def _rows(seed: int, n: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    return [
        {
            "sex": rng.choice(["f", "m", "x"]),
            "age": str(rng.randint(10, 60)),
            "place": rng.choice(["A", "B", "C", "D"]),
            "other": str(n),
        }
        for n in range(n)
    ]


@pytest.mark.parametrize("seed", range(25))
@pytest.mark.parametrize("k", [2, 5, 11])
def test_no_combination_rarer_than_k_ever_leaves(seed, k):
    rows = _rows(seed, random.Random(seed).randint(0, 400))
    result = k_anonymise(rows, spec=SPEC, k=k)
    sizes = class_sizes(result.rows, QI)
    assert all(n >= k for n in sizes.values())
    assert len(result.rows) + result.suppressed == len(rows)


def test_generalisation_comes_before_suppression():
    # 40 people in four places: no place alone reaches k = 11, the country does.
    rows = [{"sex": "f", "age": "30", "place": p} for p in "ABCD" for _ in range(10)]
    result = k_anonymise(rows, spec=SPEC, k=11)
    assert [s.label for s in result.applied] == ["place left out"]
    assert result.suppressed == 0 and len(result.rows) == 40


def test_a_dataset_already_k_anonymous_is_left_as_it_is():
    rows = [{"sex": "f", "age": "30", "place": "A"} for _ in range(11)]
    result = k_anonymise(rows, spec=SPEC, k=11)
    assert result.applied == [] and result.rows == rows


def test_what_no_step_can_hide_is_suppressed():
    rows = [{"sex": "f", "age": "30", "place": "A"} for _ in range(20)] + [
        {"sex": "x", "age": "30", "place": "A"}
    ]
    result = k_anonymise(rows, spec=SPEC, k=11)
    assert result.suppressed == 1
    assert {r["sex"] for r in result.rows} == {"f"}
