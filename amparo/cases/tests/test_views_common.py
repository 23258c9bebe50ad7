"""The case pages' helpers fill the case's context around the core page helpers."""

from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse

from amparo.cases.views.common import confirm_page, form_page
from amparo.core.views import is_confirmed


class _Form(forms.Form):
    note = forms.CharField()
    parts = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")])


def _request(user, data=None):
    request = RequestFactory().post("/", data) if data is not None else RequestFactory().get("/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_confirm_page_carries_what_was_filled_in_and_goes_back_to_the_file(cast):
    form = _Form({"note": "Kept", "parts": ["a", "b"]})
    assert form.is_valid()
    response = confirm_page(
        _request(cast.caseworker),
        case=cast.case,
        form=form,
        title="Sure?",
        question="Do it?",
        submit="Yes",
        summary=[("Shown", "value")],
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="note" value="Kept"' in body
    assert 'name="parts" value="a"' in body and 'name="parts" value="b"' in body
    assert 'name="confirmed" value="yes"' in body
    assert reverse("case_file", kwargs={"pk": cast.case.pk}) in body
    assert cast.case.code in body


def test_is_confirmed_only_for_the_confirmation_page_s_post(cast):
    assert is_confirmed(_request(cast.caseworker, {"confirmed": "yes"}))
    assert not is_confirmed(_request(cast.caseworker, {"note": "x"}))
    assert not is_confirmed(_request(cast.caseworker))


def test_form_page_answers_200_fresh_and_422_sent_back(cast):
    request = _request(cast.caseworker)
    fresh = form_page(request, case=cast.case, form=_Form(), title="T", submit="S")
    refused = form_page(request, case=cast.case, form=_Form({}), title="T", submit="S")
    assert (fresh.status_code, refused.status_code) == (200, 422)
