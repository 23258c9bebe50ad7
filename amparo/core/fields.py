"""Model fields whose values are encrypted at rest by the application."""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Lookup

from amparo.core import crypto


class EncryptedTextField(models.TextField):
    """Text encrypted with Fernet before it reaches the database.

    Ciphertext is not comparable, so lookups other than ``isnull`` are refused:
    search goes through blind indexes instead (see ``amparo.core.blind_index``).
    """

    encrypted = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def get_lookup(self, lookup_name: str) -> type[Lookup] | None:
        if lookup_name != "isnull":
            raise FieldError(f"Encrypted field {self.name} cannot be searched with {lookup_name}.")
        return super().get_lookup(lookup_name)

    def to_plain(self, value: Any) -> str:
        return "" if value in (None, "") else str(value)

    def from_plain(self, text: str) -> Any:
        return text

    def get_prep_value(self, value: Any) -> Any:
        text = self.to_plain(value)
        return crypto.encrypt(text) if text else ""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if not value:
            return self.from_plain("")
        return self.from_plain(crypto.decrypt(value))


class EncryptedDateField(EncryptedTextField):
    """An exact date (e.g. of birth) stored encrypted as ISO text."""

    def to_plain(self, value: Any) -> str:
        if value in (None, ""):
            return ""
        if isinstance(value, datetime.date):
            return value.isoformat()
        return datetime.date.fromisoformat(str(value)).isoformat()

    def from_plain(self, text: str) -> Any:
        return datetime.date.fromisoformat(text) if text else None

    def to_python(self, value: Any) -> Any:
        if value in (None, ""):
            return None
        if isinstance(value, datetime.date):
            return value
        return datetime.date.fromisoformat(str(value))

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> forms.Field:
        # Always a date input, whatever a model form asks for: the stored text is a date.
        return forms.DateField(required=not self.blank, **kwargs)


def encrypted_fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
