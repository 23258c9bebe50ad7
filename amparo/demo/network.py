"""The demo's partner network: agreements, referrals, partner services, notifications.

Planned with the rules the network services apply, then bulk inserted: every
referral rests on a current agreement and on the survivor's consent to share
with that partner, names only sections the consent covers, and is answered
after a plausible delay. Accepted referrals carry the services the partner
delivered on the case.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from amparo.accounts.models import Organisation, OrganisationKind, User
from amparo.accounts.roles import Role
from amparo.aftercare.models import Service
from amparo.aftercare.vocab import ServiceStatus
from amparo.audit.models import AuditEvent
from amparo.demo.audit import network_events
from amparo.demo.moments import aware
from amparo.demo.plans import SurvivorPlan
from amparo.demo.teams import Team
from amparo.network import vocab
from amparo.network.models import Notification, PartnerAgreement, Referral
from amparo.people.models import ConsentGrant
from amparo.people.vocab import ConsentScope, Section

Status = vocab.ReferralStatus
# What each kind of partner is asked for.
ASKED_OF = {
    OrganisationKind.AFTERCARE: ("shelter", "psychosocial", "vocational", "education", "crisis"),
    OrganisationKind.LEGAL_AID: ("legal", "documentation"),
    OrganisationKind.GOVERNMENT: ("documentation", "economic", "medical", "family"),
    OrganisationKind.SHELTER: ("shelter", "crisis"),
}
# What the referring organisation does on the case itself.
DONE_BY_OWNER = {
    OrganisationKind.AFTERCARE: ("psychosocial", "crisis"),
    OrganisationKind.LEGAL_AID: ("legal", "psychosocial"),
    OrganisationKind.GOVERNMENT: ("documentation", "medical", "crisis"),
    OrganisationKind.SHELTER: ("shelter",),
}
# Hours before the partner answers, by urgency: (low, high).
ANSWER_HOURS = {
    vocab.Urgency.EMERGENCY: (1, 10),
    vocab.Urgency.URGENT: (3, 60),
    vocab.Urgency.ROUTINE: (8, 150),
}
# Every status appears even in a small demo: the first open cases take these in turn.
FIRST_STATUSES = (
    Status.PENDING,
    Status.ACCEPTED,
    Status.DECLINED,
    Status.REVOKED,
    Status.COMPLETED,
)
MESSAGES = (
    "Fictional demo referral: the survivor asks for support near her family. / "
    "Referencia ficticia: la sobreviviente pide apoyo cerca de su familia.",
    "Fictional demo referral: needs a safe place this week. / "
    "Referencia ficticia: necesita un lugar seguro esta semana.",
    "Fictional demo referral: follow-up after the hearing. / "
    "Referencia ficticia: seguimiento después de la audiencia.",
    "Fictional demo referral: wants to go back to school. / "
    "Referencia ficticia: quiere volver a estudiar.",
)
DECLINE_NOTES = {
    vocab.DeclineReason.NO_CAPACITY: "No beds this month (demo). / Sin cupo este mes (demo).",
    vocab.DeclineReason.OUT_OF_AREA: "Outside our departments (demo). / Fuera de cobertura.",
    vocab.DeclineReason.SURVIVOR_DECLINED: "She chose another service (demo).",
}


@dataclass
class Network:
    agreements: list[PartnerAgreement] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    events: list[AuditEvent] = field(default_factory=list)
    missing: list[str] = field(default_factory=lambda: list(FIRST_STATUSES))


def seed_network(
    rng: random.Random, teams: list[Team], plans: list[SurvivorPlan], today: datetime.date
) -> Network:
    """Agreements between every pair of demo organisations, and the work that follows."""
    network = Network()
    agreements = _agreements(rng, teams, today, network)
    PartnerAgreement.objects.bulk_create(network.agreements)
    by_org = {team.organisation.pk: team for team in teams}
    now = _moment_of(today)
    for plan in plans:
        for grant in plan.consents:
            if grant.scope == ConsentScope.SHARE_WITH_ORG and grant.recipient is not None:
                receiver = by_org[grant.recipient.pk]
                agreement = agreements[(plan.team.organisation.pk, receiver.organisation.pk)]
                _refer(rng, plan, grant, receiver, agreement, network, now=now)
    Referral.objects.bulk_create(network.referrals, batch_size=1000)
    Service.objects.bulk_create(network.services, batch_size=1000)
    _notifications(rng, by_org, network)
    Notification.objects.bulk_create(network.notifications)
    network.events += network_events(network)
    return network


def _moment_of(today: datetime.date) -> datetime.datetime:
    """The seed's "now": the present moment on ``today``, or the end of an earlier ``today``,
    so that pending referrals are recent on the day seeded and nothing lies ahead of it."""
    end_of_day = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    ) - datetime.timedelta(minutes=1)
    return min(timezone.now(), end_of_day)


def _agreements(
    rng: random.Random, teams: list[Team], today: datetime.date, network: Network
) -> dict[tuple[int, int], PartnerAgreement]:
    """One current agreement each way between every two organisations, and an ended one."""
    current = {}
    for team in teams:
        admin = team.staff[Role.ORG_ADMIN][0]
        for other in teams:
            if other is team:
                continue
            start = today - datetime.timedelta(days=4 * 365 + rng.randint(30, 200))
            org, partner = team.organisation, other.organisation
            if (
                org.kind == OrganisationKind.GOVERNMENT
                and partner.kind == OrganisationKind.AFTERCARE
            ):
                # Renewed once: the first agreement ended when the new protocol was signed.
                ended = PartnerAgreement(
                    organisation=org,
                    partner=partner,
                    reference=f"ISA-{org.code}-{partner.code}-{start:%Y}",
                    approved_by="Directora Demofila Ejemplar (fictional)",
                    effective_from=start,
                    effective_until=start + datetime.timedelta(days=730),
                    recorded_by=admin,
                    ended_at=aware(start + datetime.timedelta(days=700), rng),
                    ended_by=admin,
                )
                ended.created_at = ended.updated_at = aware(start, rng)
                network.agreements.append(ended)
                start += datetime.timedelta(days=700)
            agreement = PartnerAgreement(
                organisation=org,
                partner=partner,
                reference=f"ISA-{org.code}-{partner.code}-{start:%Y}",
                approved_by="Director Simulado Modelino (fictional)",
                effective_from=start,
                recorded_by=admin,
            )
            agreement.created_at = agreement.updated_at = aware(start, rng)
            network.agreements.append(agreement)
            current[(org.pk, partner.pk)] = agreement
    return current


def _status(rng: random.Random, network: Network, *, open_now: bool) -> str:
    """A status for the next referral; every status turns up early, even in a small demo."""
    if open_now and network.missing:
        return network.missing[0]
    if open_now:
        return rng.choices(list(Status), [4, 30, 16, 8, 42])[0]
    return rng.choices([Status.DECLINED, Status.REVOKED, Status.COMPLETED], [20, 8, 72])[0]


def _refer(
    rng: random.Random,
    plan: SurvivorPlan,
    grant: ConsentGrant,
    receiver: Team,
    agreement: PartnerAgreement,
    network: Network,
    *,
    now: datetime.datetime,
) -> None:
    """One referral on the consent ``grant``, with its answer and the partner's services.

    A referral on a case still open, under a consent still current, may be in
    any status; otherwise it was answered and ended before the case closed or
    the consent ended (a withdrawal revokes it, as the services do).
    """
    case = plan.case
    ends = [now]
    if grant.withdrawn_at:
        ends.append(grant.withdrawn_at)
    if case.closed_on:
        ends.append(aware(case.closed_on, rng))
    if grant.valid_until:
        ends.append(aware(grant.valid_until, rng))
    last = min(ends)
    open_now = last == now
    status = _status(rng, network, open_now=open_now)
    if status == Status.PENDING:
        # Waiting for an answer: sent in the last days.
        sent_at = max(
            grant.created_at + datetime.timedelta(hours=1),
            now - datetime.timedelta(hours=rng.uniform(2, 240)),
        )
    else:
        sent_at = grant.created_at + datetime.timedelta(hours=rng.randint(1, 96))
    if sent_at >= last:
        return  # the case closed or the consent ended before anyone referred
    urgency = rng.choices(list(vocab.Urgency), [60, 30, 10])[0]
    low, high = ANSWER_HOURS[urgency]
    answered_at = sent_at + datetime.timedelta(hours=rng.uniform(low, high))
    end_reason = vocab.EndReason.REVOKED_BY_SENDER
    if status == Status.PENDING:
        answered_at = None
    elif answered_at >= last:
        if open_now:
            status, answered_at = Status.PENDING, None
        else:
            status, answered_at = Status.REVOKED, None
            if grant.withdrawn_at:
                end_reason = vocab.EndReason.CONSENT_WITHDRAWN
    elif status == Status.REVOKED and rng.random() < 0.4:
        answered_at = None  # taken back before the partner answered
    elif grant.withdrawn_at and status in (Status.ACCEPTED, Status.REVOKED, Status.COMPLETED):
        status, end_reason = Status.REVOKED, vocab.EndReason.CONSENT_WITHDRAWN
    kind = receiver.organisation.kind
    referral = Referral(
        case=case,
        from_org=plan.team.organisation,
        to_org=receiver.organisation,
        services=sorted(rng.sample(ASKED_OF[kind], rng.randint(1, 2))),
        sections=sorted(
            {Section.INCIDENTS, *(s for s in grant.sections if rng.random() < 0.7)}
            & set(grant.sections)
        ),
        urgency=urgency,
        message=rng.choice(MESSAGES),
        status=status,
        consent=grant,
        agreement=agreement,
        sent_by=plan.worker,
        sent_at=sent_at,
    )
    referral.created_at = referral.updated_at = sent_at
    if answered_at is not None:
        referral.responded_at = referral.updated_at = answered_at
        referral.responded_by = receiver.staff[Role.SUPERVISOR][0]
        referral.version += 1
    if status == Status.DECLINED:
        reason = rng.choices(list(DECLINE_NOTES), [50, 30, 20])[0]
        referral.decline_reason = reason
        referral.response_note = DECLINE_NOTES[reason]
    elif answered_at is not None:
        referral.assigned_to = rng.choice(receiver.staff[Role.CASEWORKER])
    if status in (Status.REVOKED, Status.COMPLETED):
        start = answered_at or sent_at
        if end_reason == vocab.EndReason.CONSENT_WITHDRAWN:
            ended_at = last
        else:
            ended_at = min(last, start + datetime.timedelta(days=rng.randint(20, 240)))
        referral.ended_at = referral.updated_at = max(start, ended_at)
        referral.version += 1
    if status == Status.REVOKED:
        referral.ended_by = plan.worker
        referral.end_reason = end_reason
        if end_reason == vocab.EndReason.REVOKED_BY_SENDER:
            referral.end_note = "The survivor moved to another department (demo)."
    network.referrals.append(referral)
    if status in network.missing:
        network.missing.remove(status)
    if referral.assigned_to is not None:
        _services(rng, plan, referral, network, now=now)


def _services(
    rng: random.Random,
    plan: SurvivorPlan,
    referral: Referral,
    network: Network,
    *,
    now: datetime.datetime,
) -> None:
    """What the partner delivered on the referral, and often some work by the case owner."""
    assert referral.responded_at is not None and referral.assigned_to is not None
    done = referral.ended_at is not None
    until = (referral.ended_at or now).date()
    for service_type in referral.services:
        started = referral.responded_at.date() + datetime.timedelta(days=rng.randint(0, 10))
        network.services.append(
            _service(
                rng,
                referral,
                referral.to_org,
                service_type,
                started_on=min(until, started),
                until=until,
                by=referral.assigned_to,
                done=done,
            )
        )
    if rng.random() < 0.45:
        owner = plan.team.organisation
        started = referral.sent_at.date() - datetime.timedelta(days=rng.randint(0, 5))
        network.services.append(
            _service(
                rng,
                referral,
                owner,
                rng.choice(DONE_BY_OWNER[owner.kind]),
                started_on=max(started, plan.case.opened_on),
                until=until,
                by=plan.worker,
                done=done,
            )
        )


def _service(
    rng: random.Random,
    referral: Referral,
    provider: Organisation,
    service_type: str,
    *,
    started_on: datetime.date,
    until: datetime.date,
    by: User,
    done: bool,
) -> Service:
    status = rng.choices([ServiceStatus.PROVIDED, ServiceStatus.REFERRED], [85, 15])[0]
    service = Service(
        case=referral.case,
        service_type=service_type,
        provider=provider,
        status=status,
        started_on=started_on,
        ended_on=until if done and status == ServiceStatus.PROVIDED else None,
        created_by=by,
    )
    service.created_at = service.updated_at = aware(started_on, rng)
    return service


def _notifications(rng: random.Random, by_org: dict[int, Team], network: Network) -> None:
    """Unread news of the pending referrals, and a few answers the senders have read."""
    pending = [r for r in network.referrals if r.status == Status.PENDING]
    for referral in pending:
        for supervisor in by_org[referral.to_org_id].staff[Role.SUPERVISOR]:
            note = Notification(
                user=supervisor, kind=vocab.NotificationKind.REFERRAL_RECEIVED, referral=referral
            )
            note.created_at = note.updated_at = referral.sent_at
            network.notifications.append(note)
    answered = sorted(
        (r for r in network.referrals if r.responded_at is not None),
        key=lambda r: r.responded_at,
    )
    kinds = {
        Status.DECLINED: vocab.NotificationKind.REFERRAL_DECLINED,
        Status.COMPLETED: vocab.NotificationKind.REFERRAL_COMPLETED,
    }
    for referral in answered[-6:]:
        note = Notification(
            user=referral.sent_by,
            kind=kinds.get(referral.status, vocab.NotificationKind.REFERRAL_ACCEPTED),
            referral=referral,
            read_at=referral.responded_at + datetime.timedelta(hours=rng.randint(1, 30))
            if rng.random() < 0.5
            else None,
        )
        note.created_at = note.updated_at = referral.responded_at
        network.notifications.append(note)
