from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """A record edited by people: every update bumps ``version``.

    Services refuse an update whose expected version is not the stored one
    (see ``amparo.core.concurrency``), so two people editing the same record
    never silently overwrite each other.
    """

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
