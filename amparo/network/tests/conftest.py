"""The network's records on top of the standing cast: an agreement from Lex to
Refugio and the survivor's consent to share some sections with Refugio.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from amparo.accounts.models import Organisation
from amparo.network.inputs import AgreementInput, ReferralInput, TransferInput
from amparo.network.models import PartnerAgreement, Referral, Transfer
from amparo.network.services.agreements import agreement_record
from amparo.network.services.referrals import referral_accept, referral_send
from amparo.network.services.transfers import transfer_request
from amparo.network.vocab import ALL_SECTIONS
from amparo.people.inputs import ConsentInput
from amparo.people.models import ConsentGrant
from amparo.people.services import consent_grant
from amparo.testing.cast import MEMBERS, Cast

TODAY = timezone.localdate().isoformat()
# Every member, in any organisation, whose role works referrals.
WORK_REFERRALS = MEMBERS - {"analyst", "admin"}
# What the survivor agreed to share with Refugio in the network tests.
CONSENTED = ["assessments", "care_plan", "incidents"]


@dataclass
class Net:
    cast: Cast
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
            triage_note=kwargs.pop("triage_note", ""),
        )
        return referral_send(actor=cast.caseworker, case=cast.case, data=data)

    def accepted(self, **kwargs: object) -> Referral:
        referral = self.send(**kwargs)
        return referral_accept(
            actor=self.cast.partner_caseworker, referral=referral, expected_version=referral.version
        )


def share_consent(cast: Cast, org: Organisation, sections: list[str]) -> ConsentGrant:
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
def net(cast: Cast) -> Net:
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
        agreement=agreement,
        consent=share_consent(cast, cast.refugio, CONSENTED),
    )


def consent_to_the_whole_file(net: Net) -> None:
    share_consent(net.cast, net.cast.refugio, sorted(ALL_SECTIONS - set(CONSENTED)))


def pending_transfer(net: Net) -> Transfer:
    """Lex's supervisor proposes the case to Refugio, the survivor agreeing to the whole file."""
    consent_to_the_whole_file(net)
    cast = net.cast
    return transfer_request(
        actor=cast.supervisor, case=cast.case, data=TransferInput(to_org_id=cast.refugio.pk)
    )
