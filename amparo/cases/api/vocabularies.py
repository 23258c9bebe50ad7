"""Every controlled vocabulary, so clients build forms from the one source of truth."""

import inspect
import re
from types import ModuleType

from django.db import models
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts import models as account_models
from amparo.accounts import roles
from amparo.cases import vocab as case_vocab
from amparo.core import age
from amparo.core.api_base import ApiView
from amparo.people import vocab as people_vocab

VOCABULARY_MODULES: tuple[ModuleType, ...] = (
    case_vocab,
    people_vocab,
    age,
    roles,
    account_models,
)
# ``Section`` moved into people's vocabulary with the consents (issue 12); the
# network's vocabularies, this one among them, were never listed here, and a
# refactor does not change the API.
NOT_LISTED: frozenset[type[models.TextChoices]] = frozenset({people_vocab.Section})


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def vocabularies() -> dict[str, type[models.TextChoices]]:
    """``{"case_status": CaseStatus, ...}``: every TextChoices of the modules above."""
    found: dict[str, type[models.TextChoices]] = {}
    for module in VOCABULARY_MODULES:
        for name, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, models.TextChoices)
                and value is not models.TextChoices
                and value.__module__ == module.__name__
                and value not in NOT_LISTED
            ):
                found[_snake(name)] = value
    return dict(sorted(found.items()))


class ChoiceSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class VocabularyListApi(ApiView):
    required_perms = ()

    @extend_schema(
        tags=["vocabularies"],
        summary="Every vocabulary: values and labels in the request's language",
        responses={
            200: inline_serializer(
                name="Vocabularies",
                fields={key: ChoiceSerializer(many=True) for key in vocabularies()},
            )
        },
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                key: [{"value": value, "label": str(label)} for value, label in choices.choices]
                for key, choices in vocabularies().items()
            }
        )
