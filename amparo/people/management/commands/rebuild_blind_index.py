"""Recompute every survivor's blind index, e.g. after AMPARO_BLIND_INDEX_KEY changes.

Digests cannot be converted from one key to another, so they are rebuilt from
the decrypted identities, in batches, one transaction per batch.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from amparo.people.indexing import reindex_survivor
from amparo.people.inputs import IdentityInput
from amparo.people.models import SurvivorIdentity

BATCH = 500
_FIELDS = list(IdentityInput.__dataclass_fields__)


class Command(BaseCommand):
    help = "Rebuild the blind index of every survivor from their encrypted identity."

    def handle(self, *args: object, **options: object) -> None:
        identities = SurvivorIdentity.objects.select_related("survivor").order_by("pk")
        total = identities.count()
        done = 0
        last_pk = 0
        while True:
            batch = list(identities.filter(pk__gt=last_pk)[:BATCH])
            if not batch:
                break
            with transaction.atomic():
                for identity in batch:
                    data = IdentityInput(**{name: getattr(identity, name) for name in _FIELDS})
                    reindex_survivor(identity.survivor, data)
            last_pk = batch[-1].pk
            done += len(batch)
            self.stdout.write(f"{done}/{total} survivors reindexed")
        self.stdout.write(self.style.SUCCESS(f"Blind index rebuilt for {done} survivors."))
