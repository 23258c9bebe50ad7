"""Every text column of an Amparo model is encrypted unless declared safe, with a reason."""

from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps

from amparo.core.fields import EncryptedTextField
from amparo.core.plaintext import PLAINTEXT_FIELDS, undeclared_plaintext


def _amparo_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("amparo.")]


def test_every_plaintext_text_column_is_declared_safe():
    undeclared = undeclared_plaintext(_amparo_models())
    assert undeclared == [], (
        "These text columns are stored in clear without a reason: make them "
        "EncryptedTextField, or declare why they are safe in amparo/core/plaintext.py: "
        + ", ".join(undeclared)
    )


def test_the_declaration_names_only_plaintext_fields_that_exist():
    stale = []
    for label in PLAINTEXT_FIELDS:
        app_label, model_name, field_name = label.split(".")
        model = apps.get_model(app_label, model_name)
        field = next((f for f in model._meta.get_fields() if f.name == field_name), None)
        if (
            field is None
            or isinstance(field, EncryptedTextField)
            or not isinstance(field, models.CharField | models.TextField)
            or field.choices
        ):
            stale.append(label)
    assert stale == [], "Declared plaintext but not a plain text column: " + ", ".join(stale)


def test_every_declaration_gives_a_real_reason():
    short = [label for label, reason in PLAINTEXT_FIELDS.items() if len(reason.split()) < 4]
    assert short == []


@isolate_apps("amparo.core")
def test_the_rule_catches_a_new_plaintext_field():
    class Scratch(models.Model):
        free_text = models.CharField(max_length=20)
        secret = EncryptedTextField()
        kind = models.CharField(max_length=5, choices=[("a", "A")])

        class Meta:
            app_label = "core"

    assert undeclared_plaintext([Scratch]) == ["core.Scratch.free_text"]
