"""factory_boy factories. Every person here is obviously fictional."""

import datetime
from functools import cache

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from amparo.accounts.models import Membership, Organisation, OrganisationKind, User
from amparo.cases.inputs import IncidentInput, IntakeInput
from amparo.people.inputs import ConsentInput, IdentityInput, SurvivorInput

TEST_PASSWORD = "correct-horse-battery-staple"


@cache
def _test_password_hash() -> str:
    """``TEST_PASSWORD`` hashed once (by the test settings' hasher), for every test user."""
    return make_password(TEST_PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Organisation {n}")
    code = factory.Sequence(lambda n: f"T{n:03d}"[:6])
    kind = OrganisationKind.LEGAL_AID
    country = "GT"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Sequence(lambda n: f"Test Worker {n}")
    # Hashed into the first INSERT, not set and saved again after it: one query less
    # for each of the standing cast's thirteen users, in thousands of tests.
    password = factory.LazyFunction(_test_password_hash)

    @factory.post_generation
    def with_totp(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            self.totp_secret = generate_totp_secret()
            TOTP.activate(self, self.totp_secret)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "caseworker"


def intake_input(**overrides: object) -> IntakeInput:
    """A valid intake about a clearly fictional survivor."""
    today = timezone.localdate()
    survivor = SurvivorInput(
        pseudonym="Mariposa Azul",
        sex="female",
        birth_year=today.year - 15,
        nationality="GT",
        languages=["es"],
    )
    identity = IdentityInput(
        given_names="Testa Ficticia",
        family_names="Ejemplo Prueba",
        date_of_birth=datetime.date(today.year - 15, 3, 14),
        phone="+502 5555 0100",
        national_id="TEST-0000-0001",
        address="Calle Ficticia 1, Zona 0",
        narrative="Fictional narrative for tests.",
    )
    incident = IncidentInput(
        occurred_on=today - datetime.timedelta(days=10),
        admin1="Escuintla",
        admin2="Puerto Ficticio",
        q_penetration=True,
        money_or_goods_exchanged=True,
        contexts=["trafficking"],
        exploitation_types=["sexual"],
        means_of_control=["threats", "withholds_documents"],
        sexual_exploitation_types=["prostitution"],
        recruiter_relation="friend",
        perpetrator_sex="male",
        perpetrator_age_band="26-40",
        perpetrator_relation="recruiter",
    )
    data = IntakeInput(
        origin="report",
        opened_on=today,
        survivor=survivor,
        identity=identity,
        incident=incident,
        consents=[ConsentInput(scope="services", given_by="caregiver", given_on=today)],
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data
