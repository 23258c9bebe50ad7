"""Placeholder: replaced by the pages work."""

from django.http import Http404


def inbox(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def referral_send_view(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def referral_detail(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def referral_accept_view(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def referral_decline_view(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def referral_revoke_view(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def referral_complete_view(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def partner_service_view(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
