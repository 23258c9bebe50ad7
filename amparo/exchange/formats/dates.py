"""Dates as the Incident Recorder and Primero write them, read and written the same way."""

import datetime
import re

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DMY = re.compile(r"^(\d{1,2})[-/ .]([A-Za-z]{3,9}|\d{1,2})[-/ .](\d{4})$")


def parse_date(text: str) -> datetime.date:
    """A date written ISO (``2024-03-05``), ``05-Mar-2024`` or ``05/03/2024`` (day first).

    Raises ``ValueError`` for anything else.
    """
    text = text.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return datetime.date.fromisoformat(text[:10])
    match = _DMY.match(text)
    if not match:
        raise ValueError(text)
    day, month, year = match.groups()
    if month.isdigit():
        number = int(month)
    else:
        abbreviations = [m.lower() for m in MONTHS]
        if month[:3].lower() not in abbreviations:
            raise ValueError(text)
        number = abbreviations.index(month[:3].lower()) + 1
    return datetime.date(int(year), number, int(day))


def format_day_month_year(day: datetime.date | None) -> str:
    """``05-Mar-2024``: the date as the Incident Recorder writes it, in any language."""
    if day is None:
        return ""
    return f"{day.day:02d}-{MONTHS[day.month - 1]}-{day.year}"
