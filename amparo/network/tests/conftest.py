"""The network cast: the standing cast, a third organisation, an agreement from
Lex to Refugio and the survivor's consent to share some sections with Refugio.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from amparo.accounts.models import Organisation, OrganisationKind, User
from amparo.accounts.roles import Role
from amparo.network.inputs import AgreementInput, ReferralInput
from amparo.network.models import PartnerAgreement, Referral
from amparo.network.services.agreements import agreement_record
from amparo.network.services.referrals import referral_accept, referral_send
from amparo.people.inputs import ConsentInput
from amparo.people.models import ConsentGrant
from amparo.people.services import consent_grant
from amparo.testing.factories import MembershipFactory, OrganisationFactory

# What the survivor agreed to share with Refugio in the network cast.
CONSENTED = ["assessments", "care_plan", "incidents"]


@dataclass
class Net:
    cast: object
    tercera: Organisation  # a third organisation, with no agreement and no consent
    third_supervisor: User
    third_caseworker: User
    agreement: PartnerAgreement
    consent: ConsentGrant

    def send(self, sections: list[str] | None = None, **kwargs: object) -> Referral:
        cast = self.cast
        data = ReferralInput(
            to_org_id=cast.refugio.pk,
            services=kwargs.pop("services", ["psychosocial"]),
            sections=CONSENTED if sections is None else sections,
            urgency=kwargs.pop("urgency", "urgent"),
            message=kwargs.pop("message", "Fictional referral message."),
        )
        return referral_send(actor=cast.caseworker, case=cast.case, data=data)

    def people(self) -> dict[str, User]:
        """The standing cast of the access matrices, by the side each stands on."""
        c = self.cast
        return {
            "sender_caseworker": c.caseworker,
            "sender_supervisor": c.supervisor,
            "sender_analyst": c.analyst,
            "receiver_caseworker": c.partner_caseworker,
            "receiver_supervisor": c.partner_supervisor,
            "third": self.third_supervisor,
            "third_caseworker": self.third_caseworker,
            "outsider": c.outsider,
        }

    def accepted(self, **kwargs: object) -> Referral:
        referral = self.send(**kwargs)
        return referral_accept(
            actor=self.cast.partner_caseworker, referral=referral, expected_version=referral.version
        )


def share_consent(cast, org: Organisation, sections: list[str]) -> ConsentGrant:  # type: ignore[no-untyped-def]
    return consent_grant(
        actor=cast.caseworker,
        case=cast.case,
        data=ConsentInput(
            scope="share",
            given_by="survivor",
            given_on=timezone.localdate(),
            recipient_id=org.pk,
            sections=sections,
        ),
    )


@pytest.fixture
def net(cast) -> Net:  # type: ignore[no-untyped-def]
    tercera = OrganisationFactory(
        name="Tercera Test Institute", code="TER", kind=OrganisationKind.GOVERNMENT
    )
    agreement = agreement_record(
        actor=cast.admin,
        data=AgreementInput(
            partner_id=cast.refugio.pk,
            approved_by="Fictional Director",
            effective_from=timezone.localdate() - datetime.timedelta(days=30),
            reference="ISA-TEST-1",
        ),
    )
    return Net(
        cast=cast,
        tercera=tercera,
        third_supervisor=MembershipFactory(
            organisation=tercera, role=Role.SUPERVISOR, user__full_name="Tess Third"
        ).user,
        third_caseworker=MembershipFactory(
            organisation=tercera, role=Role.CASEWORKER, user__full_name="Theo Third"
        ).user,
        agreement=agreement,
        consent=share_consent(cast, cast.refugio, CONSENTED),
    )
