"""A programme of Lex with Refugio as partner, on top of the standing cast.

Every programmes test builds on this, so the access matrices ask the same
people about the same records: ``lex_programme`` is Lex's (Refugio a
partner: its members may read it, not change it); ``third_programme`` is
Tercera's, which Lex and Refugio may not see.
"""

import datetime
from dataclasses import dataclass

from amparo.programmes.models import Programme, ProgrammeArea
from amparo.testing.cast import Cast


@dataclass
class ProgrammeRecords:
    lex_programme: Programme
    third_programme: Programme
    guatemala: ProgrammeArea  # department "Guatemala"
    quetzaltenango: ProgrammeArea

    def ids(self) -> dict[str, int]:
        return {
            "programme": self.lex_programme.pk,
            "third": self.third_programme.pk,
            "area": self.guatemala.pk,
        }


def programme_records(cast: Cast) -> ProgrammeRecords:
    programme = Programme.objects.create(
        organisation=cast.lex,
        name="Justicia Segura",
        slug="justicia-segura",
        summary="A fictional programme of the test cast.",
        countries=["GT"],
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
        population_covered=4_500_000,
        created_by=cast.analyst,
    )
    programme.partners.add(cast.refugio)
    guatemala = ProgrammeArea.objects.create(
        programme=programme, country="GT", admin1="Guatemala", population=3_000_000
    )
    quetzaltenango = ProgrammeArea.objects.create(
        programme=programme, country="GT", admin1="Quetzaltenango", population=1_500_000
    )
    third = Programme.objects.create(
        organisation=cast.tercera,
        name="Programa Tercero",
        slug="programa-tercero",
        countries=["GT"],
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        created_by=cast.third_supervisor,
    )
    return ProgrammeRecords(programme, third, guatemala, quetzaltenango)
