from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amparo.accounts.models import Organisation
from amparo.aftercare.instruments import InstrumentFileError, load_instrument, read_instrument_file


class Command(BaseCommand):
    help = "Load a restoration assessment instrument from a JSON file for an organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument(
            "--organisation", help="organisation code; omit for a built-in instrument"
        )

    def handle(self, *args: object, path: str, organisation: str | None, **options: object) -> None:
        org = None
        if organisation:
            org = Organisation.objects.filter(code=organisation).first()
            if org is None:
                raise CommandError(f"No organisation with code {organisation}.")
        try:
            instrument = load_instrument(data=read_instrument_file(Path(path)), organisation=org)
        except InstrumentFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded instrument {instrument.code} ({instrument.domains.count()} domains)."
            )
        )
