"""Hearing reminders: an email to each lawyer on the case some days before."""

import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.audit import events
from amparo.audit.events import Code
from amparo.justice.models import Hearing, LegalCaseLawyer


@transaction.atomic
def hearing_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind lawyers of hearings in the next ``AMPARO_HEARING_REMINDER_DAYS`` days.

    Idempotent: a hearing is reminded once (``reminder_sent_at``). The email
    names the legal case by its short title and court only — never a survivor.
    """
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=settings.AMPARO_HEARING_REMINDER_DAYS)
    due = list(
        Hearing.objects.select_for_update()
        .filter(
            outcome="scheduled",
            reminder_sent_at__isnull=True,
            scheduled_for__gte=now,
            scheduled_for__lte=horizon,
        )
        .select_related("legal_case", "court")
    )
    if not due:
        return 0
    lawyers: dict[int, list[str]] = {}
    for legal_case_id, email in LegalCaseLawyer.objects.filter(
        legal_case_id__in={h.legal_case_id for h in due},
        ended_at__isnull=True,
        user__is_active=True,
    ).values_list("legal_case_id", "user__email"):
        lawyers.setdefault(legal_case_id, []).append(email)
    messages = []
    for hearing in due:
        when = timezone.localtime(hearing.scheduled_for).strftime("%Y-%m-%d %H:%M")
        subject = _("Hearing on %(when)s: %(case)s") % {
            "when": when,
            "case": hearing.legal_case.title,
        }
        body = _("A %(kind)s hearing of “%(case)s” is scheduled at %(court)s on %(when)s.") % {
            "kind": hearing.get_kind_display(),
            "case": hearing.legal_case.title,
            "court": hearing.court.name,
            "when": when,
        }
        if lawyers.get(hearing.legal_case_id):
            messages.append(
                (subject, body, settings.DEFAULT_FROM_EMAIL, lawyers[hearing.legal_case_id])
            )
        hearing.reminder_sent_at = now
        hearing.save(update_fields=["reminder_sent_at"])
        events.record(code=Code.HEARING_REMINDED, actor=None, obj=hearing)
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return len(due)
