"""Placeholder: replaced by the pages work."""

from django.http import Http404


def network_dashboard(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def csv(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def network_csv(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
