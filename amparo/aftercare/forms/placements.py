from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.aftercare import vocab
from amparo.aftercare.selectors import Occupancy
from amparo.core.forms import VersionedForm, date_field


class FacilityForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=vocab.FacilityKind.choices)
    admin1 = forms.CharField(label=_("Department / state"), max_length=80, required=False)
    capacity = forms.IntegerField(label=_("Beds"), min_value=1, max_value=1000)


class PlacementStartForm(forms.Form):
    facility = forms.TypedChoiceField(label=_("Facility"), coerce=int)
    started_on = date_field(_("Start"))
    reason = forms.ChoiceField(label=_("Reason"), choices=vocab.PlacementReason.choices)

    def __init__(self, *args: object, occupancy: list[Occupancy], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["started_on"].initial = timezone.localdate
        self.fields["facility"].choices = [
            ("", "—"),
            *(
                (
                    o.facility.pk,
                    _("%(name)s (%(free)s of %(beds)s beds free today)")
                    % {"name": o.facility.name, "free": o.free, "beds": o.facility.capacity},
                )
                for o in occupancy
            ),
        ]


class PlacementEndForm(VersionedForm):
    ended_on = date_field(_("End"))
    end_reason = forms.ChoiceField(
        label=_("Why it ended"), choices=vocab.PlacementEndReason.choices
    )

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].initial = timezone.localdate
