from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amparo.justice.models import Court, Offence
from amparo.justice.reference import DATA_DIR, load_reference


class Command(BaseCommand):
    help = (
        "Load a country's courts and offence list from a JSON file (default: the built-in GT list)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", default=str(DATA_DIR / "gt.json"))

    def handle(self, *args: object, path: str, **options: object) -> None:
        file = Path(path)
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        courts, offences = load_reference(court_model=Court, offence_model=Offence, path=file)
        self.stdout.write(self.style.SUCCESS(f"Loaded {courts} courts and {offences} offences."))
