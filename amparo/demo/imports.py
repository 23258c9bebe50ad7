"""The institute's old records: a Primero case export imported, and a second one waiting.

Government institutes arrive with years of records in Primero. The demo's
institute has brought one export in through the exchange (dry run, then the
import: a row refused for a code Primero never had, one flagged as a
possible duplicate of a survivor already registered) and has checked a second
file it has not yet confirmed. Through the real services, with invented
people (``fiction``), dated back from the day of seeding.
"""

import datetime
import random

from amparo.accounts.roles import Role
from amparo.cases.services.lifecycle import case_assign
from amparo.demo import fiction
from amparo.demo.teams import Team
from amparo.exchange.models import ImportedRecord
from amparo.exchange.services import import_confirm, import_run, import_start
from amparo.people.models import SurvivorIdentity

ORGANISATION = "IDV"
HEADER = (
    "id,case_id,case_id_display,status,registration_date,name_first,name_last,sex,"
    "date_of_birth,age,nationality,gbv_displacement_status,telephone_current,national_id_no,"
    "risk_level"
)
IMPORTED_ROWS = 12
WAITING_ROWS = 4
# Phone numbers in the unused range, above the seed's own (one per survivor).
PHONE_BASE = 9_000_000


def seed_imports(*, rng: random.Random, teams: list[Team], today: datetime.date) -> int:
    """One Primero export imported and one checked and waiting at the institute; returns
    how many jobs were made (none where the institute is not seeded)."""
    team = next((t for t in teams if t.organisation.code == ORGANISATION), None)
    if team is None:
        return 0
    admin = team.staff[Role.ORG_ADMIN][0]
    # Encrypted, so not searchable: the first few identities, read, until one has an ID.
    identities = SurvivorIdentity.objects.filter(survivor__organisation=team.organisation)
    known = next((i for i in identities.order_by("pk")[:50] if i.national_id), None)
    imported = _primero_csv(rng, today, first=1, count=IMPORTED_ROWS, known=known)
    job = import_start(
        actor=admin, format_key="primero", file_name="primero-casos-2024.csv", data=imported
    )
    import_confirm(actor=admin, job_id=job.pk)
    # Now, not on the seed's commit, so the demo opens with it done (a second run is a no-op).
    import_run(job_id=job.pk)
    _give_out(rng, team, job_id=job.pk)
    waiting = _primero_csv(rng, today, first=IMPORTED_ROWS + 1, count=WAITING_ROWS, known=None)
    import_start(
        actor=admin, format_key="primero", file_name="primero-casos-2025.csv", data=waiting
    )
    return 2


def _give_out(rng: random.Random, team: Team, *, job_id: int) -> None:
    """The supervisor gives the imported cases to the institute's caseworkers, as after an import."""
    supervisor = team.staff[Role.SUPERVISOR][0]
    for record in ImportedRecord.objects.filter(job_id=job_id).select_related("case"):
        worker = rng.choice(team.staff[Role.CASEWORKER])
        case_assign(actor=supervisor, case=record.case, user_id=worker.pk)


def _primero_csv(
    rng: random.Random,
    today: datetime.date,
    *,
    first: int,
    count: int,
    known: SurvivorIdentity | None,
) -> bytes:
    lines = [HEADER]
    for n in range(first, first + count):
        given, family = fiction.person_name(rng, female=rng.random() < 0.85)
        registered = today - datetime.timedelta(days=rng.randint(400, 900))
        age = rng.randint(13, 35)
        sex = "female"
        national_id = fiction.fake_national_id(90_000 + n, rng)
        if n == first + 3:
            sex = "woman"  # not a Primero option id: the dry run refuses the row, and says why
        if known is not None and n == first + 5:
            national_id = known.national_id  # the same person, registered again: flagged
        lines.append(
            ",".join(
                [
                    f"p{n:04d}",
                    f"primero-{n:04d}",
                    f"c{n:04d}",
                    "open",
                    registered.isoformat(),
                    given,
                    family,
                    sex,
                    "",
                    str(age),
                    "guatemala",
                    rng.choice(["resident", "resident", "idp"]),
                    fiction.fake_phone(PHONE_BASE + n),
                    national_id,
                    rng.choice(["high", "medium", "low"]),
                ]
            )
        )
    return ("\n".join(lines) + "\n").encode()
