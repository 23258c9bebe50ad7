"""Audit events for seeded writes: the code, actor and time the service would record."""

import datetime
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db import models

from amparo.accounts.models import Organisation, User
from amparo.accounts.roles import Role
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, RescueOperation
from amparo.justice.models import LegalCase
from amparo.network import vocab as network_vocab
from amparo.people.models import Survivor

if TYPE_CHECKING:
    from amparo.demo.network import Network
    from amparo.demo.plans import SurvivorPlan
    from amparo.demo.teams import Team

SEED_AGENT = "manage.py seed (fictional demo data)"


def seeded_event(
    code: Code,
    actor: User | None,
    obj: models.Model,
    at: datetime.datetime,
    *,
    organisation: Organisation,
    case: Case | None = None,
    survivor: Survivor | None = None,
) -> AuditEvent:
    return AuditEvent(
        code=code,
        actor=actor,
        organisation=organisation,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        case=case,
        survivor=survivor or (case.survivor if case else None),
        user_agent=SEED_AGENT,
        at=at,
    )


def file_events(
    operations: list[RescueOperation], plans: "list[SurvivorPlan]"
) -> Iterator[AuditEvent]:
    """One event per seeded write, with the code, actor and time the service would record."""
    for operation in operations:
        yield seeded_event(
            Code.RESCUE_RECORDED,
            operation.created_by,
            operation,
            operation.created_at,
            organisation=operation.organisation,
        )
    for plan in plans:
        org, case, worker = plan.team.organisation, plan.case, plan.worker
        yield seeded_event(
            Code.SURVIVOR_REGISTERED,
            worker,
            plan.survivor,
            plan.survivor.created_at,
            organisation=org,
            survivor=plan.survivor,
        )
        yield seeded_event(
            Code.CASE_OPENED, worker, case, case.created_at, organisation=org, case=case
        )
        for assignment in plan.assignments:
            yield seeded_event(
                Code.CASE_ASSIGNED,
                assignment.assigned_by,
                assignment,
                assignment.assigned_at,
                organisation=org,
                case=case,
            )
        for incident in plan.incidents:
            yield seeded_event(
                Code.INCIDENT_RECORDED,
                worker,
                incident,
                incident.created_at,
                organisation=org,
                case=case,
            )
        for grant in plan.consents:
            yield seeded_event(
                Code.CONSENT_GRANTED, worker, grant, grant.created_at, organisation=org, case=case
            )
            if grant.withdrawn_at:
                yield seeded_event(
                    Code.CONSENT_WITHDRAWN,
                    worker,
                    grant,
                    grant.withdrawn_at,
                    organisation=org,
                    case=case,
                )
        for note in plan.notes:
            yield seeded_event(
                Code.NOTE_ADDED, note.author, note, note.created_at, organisation=org, case=case
            )
        for member in plan.family:
            yield seeded_event(
                Code.FAMILY_MEMBER_ADDED,
                worker,
                member,
                member.created_at,
                organisation=org,
                case=case,
            )
        for flag in plan.flags:
            yield seeded_event(
                Code.CASE_FLAG_RAISED, worker, flag, flag.raised_at, organisation=org, case=case
            )
            if flag.resolved_at:
                yield seeded_event(
                    Code.CASE_FLAG_RESOLVED,
                    flag.resolved_by,
                    flag,
                    flag.resolved_at,
                    organisation=org,
                    case=case,
                )
        if case.closed_on:
            yield seeded_event(
                Code.CASE_CLOSED, worker, case, case.updated_at, organisation=org, case=case
            )


def legal_case_events(teams: "list[Team]") -> list[AuditEvent]:
    return [
        seeded_event(
            Code.LEGAL_CASE_OPENED,
            team.staff[Role.SUPERVISOR][0],
            legal_case,
            legal_case.created_at,
            organisation=team.organisation,
        )
        for team in teams
        for legal_case in LegalCase.objects.filter(organisation=team.organisation).only(
            "pk", "created_at"
        )
    ]


def network_events(network: "Network") -> list[AuditEvent]:
    """One event per seeded write, as the network services would record it."""
    events = [
        seeded_event(
            Code.AGREEMENT_RECORDED, a.recorded_by, a, a.created_at, organisation=a.organisation
        )
        for a in network.agreements
    ]
    events += [
        seeded_event(Code.AGREEMENT_ENDED, a.ended_by, a, a.ended_at, organisation=a.organisation)
        for a in network.agreements
        if a.ended_at
    ]
    for r in network.referrals:
        case = r.case
        events.append(
            seeded_event(
                Code.REFERRAL_SENT, r.sent_by, r, r.sent_at, organisation=r.from_org, case=case
            )
        )
        if r.responded_at is not None:
            code = (
                Code.REFERRAL_DECLINED
                if r.status == network_vocab.ReferralStatus.DECLINED
                else Code.REFERRAL_ACCEPTED
            )
            events.append(
                seeded_event(
                    code, r.responded_by, r, r.responded_at, organisation=r.to_org, case=case
                )
            )
        if r.status == network_vocab.ReferralStatus.REVOKED:
            code = (
                Code.REFERRAL_REVOKED
                if r.end_reason == network_vocab.EndReason.REVOKED_BY_SENDER
                else Code.REFERRAL_ENDED
            )
            events.append(
                seeded_event(code, r.ended_by, r, r.ended_at, organisation=r.from_org, case=case)
            )
        elif r.status == network_vocab.ReferralStatus.COMPLETED:
            events.append(
                seeded_event(
                    Code.REFERRAL_COMPLETED,
                    r.assigned_to or r.responded_by,
                    r,
                    r.ended_at,
                    organisation=r.to_org,
                    case=case,
                )
            )
    events += [
        seeded_event(
            Code.SERVICE_RECORDED,
            s.created_by,
            s,
            s.created_at,
            organisation=s.provider,
            case=s.case,
        )
        for s in network.services
    ]
    return events
