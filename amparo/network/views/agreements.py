"""Placeholder: replaced by the pages work."""

from django.http import Http404


def agreement_list_view(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def agreement_new(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def agreement_end_view(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
