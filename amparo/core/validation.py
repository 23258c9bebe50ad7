"""Collect field errors in a service, then refuse the whole write at once."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _


class Errors:
    """Gathers ``field -> [messages]`` so a caller sees every problem in one answer."""

    def __init__(self) -> None:
        self._errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self._errors.setdefault(field, []).append(message)

    def choice(
        self, field: str, value: str, vocab: type[models.TextChoices], *, blank: bool = False
    ) -> None:
        if value in ("", None) and blank:
            return
        if value not in vocab.values:
            self.add(field, _("“%(value)s” is not a known value.") % {"value": value})

    def choices(self, field: str, values: Iterable[str], vocab: type[models.TextChoices]) -> None:
        unknown = sorted({str(v) for v in values} - set(vocab.values))
        if unknown:
            self.add(field, _("Unknown values: %(values)s.") % {"values": ", ".join(unknown)})

    def not_future(self, field: str, day: datetime.date | None) -> None:
        if day is not None and day > timezone.localdate():
            self.add(field, _("This date is in the future."))

    def fields(self) -> list[str]:
        return list(self._errors)

    def raise_if_any(self) -> None:
        if self._errors:
            raise ValidationError(self._errors)
