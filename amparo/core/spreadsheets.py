"""What every reader of an uploaded CSV or XLSX file shares: a cell as text, a file refused.

The measurements import (``programmes``) and the exchange's formats read
files of their own shapes; these two pieces mean the same in both.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError


def refuse_file(message: str) -> ValidationError:
    """The whole file refused, on the upload's field."""
    return ValidationError({"file": [message]})


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a person typed: dates ISO, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
