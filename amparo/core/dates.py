"""Calendar arithmetic shared by every app: whole months, as people count them.

"Six months after 15 January" is 15 July, whatever the number of days; a day
the target month lacks becomes its last day (31 August + 6 months is
28 February). Apps that count in months (restoration's closure rule,
reporting's periods) use these, so they agree.
"""

import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole calendar months; a day the month lacks becomes its last day.

    2026-01-31 + 1 month is 2026-02-28; 2024-02-29 − 12 months is 2023-02-28.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last = (following - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def months_apart(earlier: datetime.date, later: datetime.date, months: int) -> bool:
    """Whether ``later`` is at least ``months`` calendar months after ``earlier``.

    2026-01-15 and 2026-07-15 are six months apart, 2026-07-14 is not; from
    2026-08-31, 2027-02-28 is (the month has no 31st); from 2024-02-29, 2024-08-29 is.
    """
    return later >= add_months(earlier, months)
