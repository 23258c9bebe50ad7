"""Noise, sensitivity and rounding of a release's shown counts.

Pure computation: the release service gives the members of each cell and the
shown true counts; this answers the sensitivity, the frozen noisy counts and
the rounded counts. Suppression decisions are taken on the true counts
before any of this (so noise never reveals which cell was small).
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TypeVar

K = TypeVar("K")

MECHANISM = "discrete Laplace (OpenDP 0.16)"


def sensitivity(cells_members: Iterable[Iterable[str]]) -> int:
    """The L1 sensitivity of the release's counts to one record.

    The largest number of cells any one member is counted in: adding or
    removing that record changes the sum of absolute differences of all counts
    by at most this. 1 when no member is counted anywhere (an empty release).
    """
    seen: Counter[str] = Counter()
    for members in cells_members:
        seen.update(set(members))
    return max(seen.values(), default=1)


def round_count(value: int, base: int) -> int:
    """``value`` rounded to the nearest multiple of ``base``, half up.

    0 stays 0; a positive count is never rounded to 0 (it becomes ``base``).
    """
    if base < 1:
        raise ValueError("the rounding base is at least 1")
    if value <= 0:
        return 0
    rounded = ((2 * value + base) // (2 * base)) * base
    return max(rounded, base)


def add_noise(values: Mapping[K, int], *, epsilon: Decimal, sensitivity: int) -> dict[K, int]:
    """Each count with discrete Laplace noise of scale sensitivity / ε, clipped at 0.

    Drawn once; the caller stores the result (the noise is frozen).
    """
    if epsilon <= 0:
        raise ValueError("ε is positive")
    import opendp.prelude as dp

    dp.enable_features("contrib")
    scale = float(sensitivity) / float(epsilon)
    mechanism = dp.m.make_laplace(dp.atom_domain(T=int), dp.absolute_distance(T=int), scale=scale)
    return {key: max(0, int(mechanism(int(value)))) for key, value in values.items()}
