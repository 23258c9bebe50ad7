"""Placeholder: replaced by the pages work."""

from django.http import Http404


def notification_list(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def notifications_mark_read(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
