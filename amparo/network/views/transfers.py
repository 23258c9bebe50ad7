"""Placeholder: replaced by the pages work."""

from django.http import Http404


def transfer_request_view(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def transfer_detail(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def transfer_accept_view(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def transfer_decline_view(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def transfer_cancel_view(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
