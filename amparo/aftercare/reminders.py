"""A daily email to each assigned worker listing what is overdue on their cases."""

import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.aftercare import events
from amparo.aftercare.extensions import work_overdue
from amparo.aftercare.models import Task
from amparo.aftercare.selectors import my_work
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import CaseAssignment
from amparo.cases.vocab import OPEN_STATUSES


def _workers() -> list[User]:
    assigned = CaseAssignment.objects.filter(
        ended_at__isnull=True, case__status__in=OPEN_STATUSES
    ).values("user_id")
    with_tasks = Task.objects.filter(done_at__isnull=True).values("assigned_to_id")
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=assigned) | Q(pk__in=with_tasks))
        .order_by("pk")
    )


def digest_text(user: User, today: datetime.date) -> tuple[str, str] | None:
    """Subject and body of the user's digest, or None when nothing is overdue.

    Items name the case by its code only — never a survivor.
    """
    overdue = my_work(user=user, today=today).overdue
    if not overdue:
        return None
    lines = [
        f"- {item.due_on:%Y-%m-%d} · {item.label} · {item.case.code if item.case else ''}"
        for item in overdue
    ]
    subject = _("Amparo: %(n)s overdue items") % {"n": len(overdue)}
    body = "\n".join(
        [
            _("These items on your cases are overdue:"),
            "",
            *lines,
            "",
            _("Open “My work” in Amparo."),
        ]
    )
    return subject, body


@transaction.atomic
def overdue_digests_send(*, today: datetime.date | None = None) -> int:
    """Email each worker with overdue items one digest a day; returns how many were sent.

    Idempotent: a digest is recorded in the audit trail, and a user who already
    has one for ``today`` is skipped, so a repeated run sends nothing twice.
    """
    today = today or timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    already = set(
        AuditEvent.objects.filter(
            code=Code.WORK_DIGEST_SENT,
            object_type="accounts.user",
            at__gte=start,
            at__lt=start + datetime.timedelta(days=1),
        ).values_list("object_id", flat=True)
    )
    messages = []
    for user in _workers():
        if str(user.pk) in already:
            continue
        overdue = len(my_work(user=user, today=today).overdue)
        if not overdue:
            continue
        # In-app too (network: a notification), idempotent per user and day by its own rule.
        for hook in work_overdue:
            hook(user, overdue, today)
        digest = digest_text(user, today) if user.email else None
        if digest is None:
            continue
        messages.append((*digest, settings.DEFAULT_FROM_EMAIL, [user.email]))
        events.work_digest_sent(user=user)
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return len(messages)
