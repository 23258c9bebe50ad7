from django.conf import settings
from django.core.management.base import BaseCommand

from amparo.cases.services.draft_retention import intake_drafts_purge


class Command(BaseCommand):
    help = (
        "Erase the answers of intakes in progress unchanged for AMPARO_INTAKE_DRAFT_DAYS days "
        "(the daily job does the same; running it again erases nothing twice)."
    )

    def handle(self, *args: object, **options: object) -> None:
        purged = intake_drafts_purge()
        self.stdout.write(
            self.style.SUCCESS(
                f"Erased the answers of {purged} intake draft(s) unchanged for "
                f"{settings.AMPARO_INTAKE_DRAFT_DAYS} days."
            )
        )
