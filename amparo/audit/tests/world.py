"""One record of every kind on Lex's case, for the tests that walk every route.

A legal case about two survivors (so "each survivor" is tested), the
restoration records, a referral Refugio accepted, an open flag and a pending
transfer. Everything is fictional.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from amparo.aftercare.tests.records import Records, restoration_records
from amparo.cases.models import Case, CaseFlag, ClosureRequest
from amparo.cases.services import case_flag_raise, closure_request_create, intake_submit
from amparo.justice.inputs import LegalCaseInput
from amparo.justice.models import Court
from amparo.justice.services import legal_case_open
from amparo.justice.tests.world import LegalWorld, build_world, days_ago
from amparo.network.inputs import AgreementInput, ReferralInput, TransferInput
from amparo.network.models import Referral, Transfer
from amparo.network.services.agreements import agreement_record
from amparo.network.services.referrals import referral_accept, referral_send
from amparo.network.services.transfers import transfer_request
from amparo.network.tests.conftest import share_consent
from amparo.network.vocab import ALL_SECTIONS
from amparo.people.models import ConsentGrant
from amparo.testing.cast import Cast
from amparo.testing.factories import intake_input


@dataclass
class Everything:
    cast: Cast
    second_case: Case  # the other victim of the legal case
    legal: LegalWorld
    records: Records
    flag: CaseFlag
    referral: Referral  # accepted by Refugio's caseworker
    transfer: Transfer  # pending, Lex to Refugio
    closure_request: ClosureRequest  # pending, asked by Lex's caseworker

    def ids(self) -> dict[str, int]:
        """Every URL parameter a route may take, by name."""
        case = self.cast.case
        legal = self.legal.ids()
        return {
            "case": case.pk,
            "case_id": case.pk,
            "legal": legal["pk"],
            "legal_case_id": legal["pk"],
            "rescue": 0,
            "incident_id": case.incidents.order_by("pk").first().pk,
            "consent_pk": self.current_consent().pk,
            "consent_id": self.current_consent().pk,
            "assignment_pk": case.assignments.filter(ended_at__isnull=True).first().pk,
            "flag_pk": self.flag.pk,
            "placement_pk": self.records.placement,
            "placement_id": self.records.placement,
            "plan_pk": self.records.plan,
            "plan_id": self.records.plan,
            "assessment_pk": self.records.family,
            "assessment_id": self.records.family,
            "reintegration_pk": self.records.reintegration,
            "reintegration_id": self.records.reintegration,
            "follow_up_pk": self.records.follow_up,
            "follow_up_id": self.records.follow_up,
            "event_pk": legal["event_pk"],
            "event_id": legal["event_pk"],
            "accused_pk": legal["accused_pk"],
            "accused_id": legal["accused_pk"],
            "charge_pk": legal["charge_pk"],
            "charge_id": legal["charge_pk"],
            "convicted_pk": legal["convicted_pk"],
            "hearing_pk": legal["hearing_pk"],
            "hearing_id": legal["hearing_pk"],
            "referral_id": self.referral.pk,
            "transfer_id": self.transfer.pk,
            "request_pk": self.closure_request.pk,
            "request_id": self.closure_request.pk,
            "task_pk": self.records.task,
            "task_id": self.records.task,
        }

    def current_consent(self) -> ConsentGrant:
        return ConsentGrant.objects.filter(
            survivor_id=self.cast.case.survivor_id, withdrawn_at__isnull=True
        ).first()


def build_everything(cast: Cast) -> Everything:
    second = intake_submit(actor=cast.caseworker, data=intake_input())
    legal_case = legal_case_open(
        actor=cast.supervisor,
        data=LegalCaseInput(
            title="Fictional two-victim case",
            court_id=Court.objects.filter(admin1="Escuintla").first().pk,
            offence_category="trafficking",
            reference="EXP-TEST-0002",
            complaint_on=days_ago(400),
            victim_case_ids=[cast.case.pk, second.pk],
            lawyer_ids=[cast.lawyer.pk],
        ),
    )
    legal = build_world(cast, legal_case)
    records = restoration_records(cast)
    flag = case_flag_raise(actor=cast.caseworker, case=cast.case, kind="safety")
    agreement_record(
        actor=cast.admin,
        data=AgreementInput(
            partner_id=cast.refugio.pk,
            approved_by="Fictional Director",
            effective_from=timezone.localdate() - datetime.timedelta(days=30),
            reference="ISA-TEST-2",
        ),
    )
    share_consent(cast, cast.refugio, sorted(ALL_SECTIONS))
    referral = referral_send(
        actor=cast.caseworker,
        case=cast.case,
        data=ReferralInput(
            to_org_id=cast.refugio.pk,
            services=["psychosocial"],
            sections=sorted(ALL_SECTIONS),
            urgency="urgent",
            message="Fictional referral message.",
        ),
    )
    referral = referral_accept(
        actor=cast.partner_caseworker, referral=referral, expected_version=referral.version
    )
    transfer = transfer_request(
        actor=cast.supervisor, case=cast.case, data=TransferInput(to_org_id=cast.refugio.pk)
    )
    closure_request = closure_request_create(
        actor=cast.caseworker,
        case=cast.case,
        reason="relocated",
        justification="Fictional reason to close before the rule is met.",
    )
    cast.case.refresh_from_db()
    return Everything(
        cast=cast,
        second_case=second,
        legal=legal,
        records=records,
        flag=flag,
        referral=referral,
        transfer=transfer,
        closure_request=closure_request,
    )
