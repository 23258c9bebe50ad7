"""One form per step of the intake wizard; each checks its part with the service rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import Organisation
from amparo.cases import vocab
from amparo.cases.models import RescueOperation
from amparo.core.forms import add_service_errors, checkboxes, date_field
from amparo.core.validation import Errors
from amparo.people import vocab as people_vocab
from amparo.people.inputs import ConsentInput, IdentityInput, SurvivorInput
from amparo.people.services import validate_consent, validate_identity, validate_survivor
from amparo.people.vocab import Section


class _ServiceCheckedForm(forms.Form):
    """Runs a service validator once the fields are clean, errors shown by field."""

    def service_validate(self, errors: Errors) -> None:
        raise NotImplementedError

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors:
            errors = Errors()
            self.service_validate(errors)
            try:
                errors.raise_if_any()
            except ValidationError as exc:
                add_service_errors(self, exc)
        return cleaned


class CaseStepForm(forms.Form):
    origin = forms.ChoiceField(
        label=_("How did the case begin?"),
        choices=vocab.CaseOrigin.choices,
        widget=forms.RadioSelect,
    )
    rescue_operation = forms.TypedChoiceField(
        label=_("Rescue operation"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Only when the survivor was removed from danger in a rescue operation."),
    )
    opened_on = date_field(_("Case opened on"))
    risk_level = forms.ChoiceField(
        label=_("Risk level"),
        choices=vocab.RiskLevel.choices,
        initial=vocab.RiskLevel.MEDIUM,
        widget=forms.RadioSelect(attrs={"class": "inline"}),
    )
    case_code = forms.CharField(
        label=_("Your own case code (optional)"),
        max_length=20,
        required=False,
        help_text=_("Leave empty and Amparo gives the case a code. Never use a name."),
    )

    def __init__(self, *args: object, operations: list[RescueOperation], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["rescue_operation"].choices = [
            ("", _("None")),
            *((op.pk, f"{op.name} · {op.happened_on:%Y-%m-%d}") for op in operations),
        ]
        self.fields["opened_on"].initial = timezone.localdate

    def clean(self) -> dict:
        cleaned = super().clean()
        if (
            cleaned.get("origin") == vocab.CaseOrigin.RESCUE
            and cleaned.get("rescue_operation") is None
        ):
            self.add_error(
                "rescue_operation", _("Choose the rescue operation this survivor was removed in.")
            )
        if cleaned.get("opened_on") and cleaned["opened_on"] > timezone.localdate():
            self.add_error("opened_on", _("This date is in the future."))
        return cleaned


class SurvivorForm(_ServiceCheckedForm):
    pseudonym = forms.CharField(
        label=_("Pseudonym"),
        max_length=80,
        help_text=_("The name everyone in Amparo will know this person by. Never a real name."),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=people_vocab.Sex.choices, widget=forms.RadioSelect
    )
    birth_year = forms.IntegerField(label=_("Birth year"), required=False, min_value=1900)
    nationality = forms.ChoiceField(
        label=_("Nationality"),
        choices=[("", _("Not known")), *people_vocab.Nationality.choices],
        required=False,
    )
    languages = checkboxes(_("Languages"), people_vocab.Language.choices)
    disability = forms.ChoiceField(
        label=_("Disability"), choices=people_vocab.Disability.choices, initial="unknown"
    )
    displacement = forms.ChoiceField(
        label=_("Displacement status"),
        choices=people_vocab.Displacement.choices,
        initial="unknown",
    )

    def to_input(self) -> SurvivorInput:
        data = self.cleaned_data
        return SurvivorInput(
            pseudonym=data["pseudonym"],
            sex=data["sex"],
            birth_year=data["birth_year"],
            nationality=data["nationality"],
            languages=list(data["languages"]),
            disability=data["disability"],
            displacement=data["displacement"],
        )

    def service_validate(self, errors: Errors) -> None:
        validate_survivor(errors, self.to_input())


class IdentityForm(_ServiceCheckedForm):
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_names = forms.CharField(label=_("Family names"), max_length=200, required=False)
    other_names = forms.CharField(label=_("Other names or aliases"), max_length=200, required=False)
    date_of_birth = date_field(_("Exact date of birth"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    national_id = forms.CharField(label=_("National ID number"), max_length=40, required=False)
    narrative = forms.CharField(
        label=_("Narrative"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    acknowledge_duplicate = forms.BooleanField(
        label=_("I have checked: this is a different person, or my supervisor knows."),
        required=False,
    )

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        # Phones are shared: the browser must not remember or suggest identities.
        for field in self.fields.values():
            field.widget.attrs["autocomplete"] = "off"

    def to_input(self) -> IdentityInput:
        data = self.cleaned_data
        return IdentityInput(
            **{name: data[name] for name in IdentityInput.__dataclass_fields__},
        )

    def service_validate(self, errors: Errors) -> None:
        validate_identity(errors, self.to_input())


_CONSENT_PARTS = ("given_by", "given_on", "valid_until")


class ConsentForm(forms.Form):
    """The four consents, each optional and separate; services never depend on sharing."""

    def __init__(
        self,
        *args: object,
        organisation: Organisation,
        recipients: list[Organisation],
        **kwargs: object,
    ):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        for scope in people_vocab.ConsentScope.values:
            self.fields[f"{scope}_given"] = forms.BooleanField(
                label=_("Consent given"), required=False
            )
            self.fields[f"{scope}_given_by"] = forms.ChoiceField(
                label=_("Given by"),
                choices=[("", "—"), *people_vocab.ConsentGiver.choices],
                required=False,
            )
            self.fields[f"{scope}_given_on"] = date_field(_("Given on"), required=False)
            self.fields[f"{scope}_valid_until"] = date_field(
                _("Valid until"), required=False, help_text=_("Empty: until withdrawn.")
            )
        self.fields["share_recipient"] = forms.TypedChoiceField(
            label=_("Organisation it may be shared with"),
            choices=[("", "—"), *((org.pk, org.name) for org in recipients)],
            coerce=int,
            empty_value=None,
            required=False,
        )
        self.fields["share_sections"] = checkboxes(
            _("Parts of the file it covers"), Section.choices
        )

    def scopes(self) -> list[dict[str, object]]:
        """The fields of each consent, grouped for the template."""
        groups = []
        for scope, label in people_vocab.ConsentScope.choices:
            names = [f"{scope}_{part}" for part in _CONSENT_PARTS]
            if scope == people_vocab.ConsentScope.SHARE_WITH_ORG:
                names += ["share_recipient", "share_sections"]
            groups.append(
                {
                    "scope": scope,
                    "label": label,
                    "given": self[f"{scope}_given"],
                    "fields": [self[n] for n in names],
                }
            )
        return groups

    def summary(self) -> list[tuple[str, str]]:
        """One readable line per consent given, for the review step."""
        names = dict(people_vocab.ConsentScope.choices)
        givers = dict(people_vocab.ConsentGiver.choices)
        recipients = dict(self.fields["share_recipient"].choices)
        rows = []
        for consent in self.to_inputs():
            line = _("given by %(by)s on %(on)s") % {
                "by": givers[consent.given_by],
                "on": consent.given_on.isoformat(),
            }
            if consent.valid_until:
                line += ", " + _("until %(day)s") % {"day": consent.valid_until.isoformat()}
            if consent.recipient_id:
                line += ", " + _("with %(org)s") % {"org": recipients[consent.recipient_id]}
            if consent.sections:
                sections = dict(Section.choices)
                line += ": " + ", ".join(str(sections[s]) for s in consent.sections)
            rows.append((str(names[consent.scope]), line))
        return rows

    def given_scopes(self) -> list[str]:
        return [
            scope
            for scope in people_vocab.ConsentScope.values
            if self.cleaned_data.get(f"{scope}_given")
        ]

    def to_inputs(self) -> list[ConsentInput]:
        data = self.cleaned_data
        return [
            ConsentInput(
                scope=scope,
                given_by=data[f"{scope}_given_by"],
                given_on=data[f"{scope}_given_on"],
                valid_until=data[f"{scope}_valid_until"],
                recipient_id=data["share_recipient"]
                if scope == people_vocab.ConsentScope.SHARE_WITH_ORG
                else None,
                sections=list(data["share_sections"])
                if scope == people_vocab.ConsentScope.SHARE_WITH_ORG
                else [],
            )
            for scope in self.given_scopes()
        ]

    def add_consent_errors(self, exc: ValidationError) -> None:
        """Map ``consents.<i>.<field>`` errors back onto the consent's own fields."""
        for index, scope in enumerate(self.given_scopes()):
            rename = {part: f"{scope}_{part}" for part in (*_CONSENT_PARTS, "scope")}
            rename["recipient"] = "share_recipient"
            rename["sections"] = "share_sections"
            add_service_errors(self, exc, prefix=f"consents.{index}.", rename=rename)

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        for scope in self.given_scopes():
            for part in ("given_by", "given_on"):
                if not cleaned.get(f"{scope}_{part}"):
                    self.add_error(f"{scope}_{part}", _("Say who gave this consent, and when."))
        if self.errors:
            return cleaned
        errors = Errors()
        for index, consent in enumerate(self.to_inputs()):
            validate_consent(
                errors, consent, organisation=self.organisation, prefix=f"consents.{index}."
            )
        try:
            errors.raise_if_any()
        except ValidationError as exc:
            self.add_consent_errors(exc)
        return cleaned
