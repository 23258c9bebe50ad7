"""The language a user chose, kept on the user so every device follows it."""

from django.conf import settings
from django.db import transaction

from amparo.accounts import events
from amparo.accounts.models import User


@transaction.atomic
def user_language_set(*, user: User, language: str) -> bool:
    """Keep ``language`` as the user's language; returns whether it changed.

    A code not in LANGUAGES is ignored (the language switch refuses it too),
    and the same language again writes nothing: choosing is not an event
    until it changes something.
    """
    if language not in dict(settings.LANGUAGES):
        return False
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.language == language:
        return False
    locked.language = language
    locked.save(update_fields=["language"])
    user.language = language
    events.user_language_set(user=user)
    return True
