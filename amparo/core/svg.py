"""Numbers as SVG and HTML attributes take them: always with a dot, never localised.

Django localises a float it prints in a template (``300,5`` in Spanish),
which an SVG attribute reads as two numbers or none: bars vanish, paths
break. Every coordinate therefore leaves Python as a string made here, and
chart templates also render inside ``{% localize off %}``. Labels (tick
labels, values shown as text) are localised where they are made, not here.
"""

import math


def svg_number(value: float) -> str:
    """``value`` with at most one decimal and a dot (``12``, ``12.5``, ``-3``); never ``-0``.

    A value that is not finite (an empty scale divided by zero) is ``0``, so
    the markup stays well formed.
    """
    number = float(value)
    if not math.isfinite(number):
        return "0"
    text = f"{round(number, 1):.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def svg_points(points: list[tuple[float, float]]) -> str:
    """``x,y x,y …`` for a ``polyline``'s ``points``, each number through ``svg_number``."""
    return " ".join(f"{svg_number(x)},{svg_number(y)}" for x, y in points)
