"""Hearing reminders: an email to each lawyer on the case some days before."""

import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.justice import events, vocab
from amparo.justice.models import Hearing, LegalCase, LegalCaseLawyer
from amparo.justice.selectors import visible_legal_cases


def _lawyers_who_may_open(legal_case_ids: set[int]) -> dict[int, list[str]]:
    """Emails of the lawyers on each legal case who may open it now.

    A lawyer still on a legal case but no longer allowed to open it (left the
    organisation, changed role) is not reminded: reminders follow the same
    selector as the legal case's page. One query per lawyer, in a background job.
    """
    on_cases: dict[User, set[int]] = {}
    for lawyer in LegalCaseLawyer.objects.filter(
        legal_case_id__in=legal_case_ids, ended_at__isnull=True, user__is_active=True
    ).select_related("user"):
        on_cases.setdefault(lawyer.user, set()).add(lawyer.legal_case_id)
    lawyers: dict[int, list[str]] = {}
    for user, ids in sorted(on_cases.items(), key=lambda item: item[0].pk):
        for legal_case_id in (
            visible_legal_cases(user=user).filter(pk__in=ids).values_list("pk", flat=True)
        ):
            lawyers.setdefault(legal_case_id, []).append(user.email)
    return lawyers


@transaction.atomic
def hearing_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind lawyers who may open the legal case now of its hearings in the next
    ``AMPARO_HEARING_REMINDER_DAYS`` days.

    Idempotent: a hearing is reminded once (``reminder_sent_at``). The email
    names the legal case by its victims' case codes (of the organisation that
    holds it) and the court only: the title can name the accused, so it stays
    encrypted in Amparo and never goes out by email; nor does a survivor's name.
    """
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=settings.AMPARO_HEARING_REMINDER_DAYS)
    due = list(
        Hearing.objects.select_for_update()
        .filter(
            outcome=vocab.HearingOutcome.SCHEDULED,
            reminder_sent_at__isnull=True,
            scheduled_for__gte=now,
            scheduled_for__lte=horizon,
        )
        .select_related("legal_case", "court")
    )
    if not due:
        return 0
    lawyers = _lawyers_who_may_open({h.legal_case_id for h in due})
    codes: dict[int, list[str]] = {}
    for legal_case_id, code in (
        LegalCase.victims.through.objects.filter(
            legalcase_id__in={h.legal_case_id for h in due},
            case__organisation_id=F("legalcase__organisation_id"),
        )
        .order_by("case__code")
        .values_list("legalcase_id", "case__code")
    ):
        codes.setdefault(legal_case_id, []).append(code)
    messages = []
    for hearing in due:
        when = timezone.localtime(hearing.scheduled_for).strftime("%Y-%m-%d %H:%M")
        subject = _("Hearing on %(when)s at %(court)s") % {
            "when": when,
            "court": hearing.court.name,
        }
        body = _(
            "A %(kind)s hearing is scheduled at %(court)s on %(when)s, in the legal case "
            "of %(cases)s. Its title is not sent by email: you will find it in Amparo."
        ) % {
            "kind": hearing.get_kind_display(),
            "court": hearing.court.name,
            "when": when,
            "cases": ", ".join(codes.get(hearing.legal_case_id, [])) or "—",
        }
        if lawyers.get(hearing.legal_case_id):
            messages.append(
                (subject, body, settings.DEFAULT_FROM_EMAIL, lawyers[hearing.legal_case_id])
            )
        hearing.reminder_sent_at = now
        hearing.save(update_fields=["reminder_sent_at"])
        events.hearing_reminded(hearing=hearing)
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return len(due)
