import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_INSTRUMENT_BYTES = 512 * 1024


class InstrumentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Instrument file (JSON)"),
        help_text=_("Same format as the built-in instrument. It becomes your active instrument."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_INSTRUMENT_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 512 KB)."))
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise forms.ValidationError(
                _("The file is not valid JSON: %(error)s") % {"error": exc}
            ) from exc
