"""Form helpers every app uses: widgets, and service errors put back onto fields."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    # A label is a string or a lazy translation; the alias exists for the type checker only.
    from django_stubs_ext import StrOrPromise

YES_NO = (("yes", _("Yes")), ("no", _("No")))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label: "StrOrPromise", *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


def checkboxes(
    label: "StrOrPromise", choices: Iterable[tuple[Any, Any]], **kwargs: Any
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


def yes_no(label: "StrOrPromise") -> forms.TypedChoiceField:
    """A yes/no question: unanswered counts as no."""
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        empty_value=False,  # type: ignore[arg-type]  # the stubs allow str only; Django takes any value
        required=False,
        initial="no",
        widget=forms.RadioSelect(attrs={"class": "inline"}),
    )


def add_service_errors(
    form: forms.Form,
    error: ValidationError,
    *,
    prefix: str = "",
    rename: dict[str, str] | None = None,
) -> None:
    """Put a service's ``{"field": [messages]}`` errors next to the matching fields.

    Keys outside ``prefix`` are skipped; a key that names no field of the form
    becomes a form-wide error so the message is never lost.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, messages in error.message_dict.items():
        if prefix and not key.startswith(prefix):
            continue
        name = key.removeprefix(prefix)
        name = (rename or {}).get(name, name)
        form.add_error(name if name in form.fields else None, messages)


class VersionedForm(forms.Form):
    """A form editing a record guarded by optimistic concurrency."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
