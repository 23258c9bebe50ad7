"""A programme's measurements: the page listing them, entering and correcting each,
and importing a file of them with a dry run first."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.core.api import error_keys
from amparo.core.exceptions import Denied, NotFound
from amparo.core.forms import add_service_errors
from amparo.core.views import form_page, form_submit
from amparo.justice.selectors import courts
from amparo.programmes import imports
from amparo.programmes.forms.measurements import (
    ImportConfirmForm,
    ImportForm,
    StudyForm,
    SurveyForm,
    TrainingForm,
)
from amparo.programmes.models import ImportBatch, Programme
from amparo.programmes.selectors import measurements as selectors
from amparo.programmes.selectors.access import programme_get_for_change, programme_get_for_user
from amparo.programmes.services import imports as import_services
from amparo.programmes.services import measurements as services

READERS = (Perm.AGGREGATES, Perm.PROGRAMMES)
TRAININGS_PER_PAGE = 50
_RENAME = {"area_id": "area", "baseline_id": "baseline", "court_id": "court"}


def _may_change(request: HttpRequest, programme: Programme) -> bool:
    try:
        programme_get_for_change(user=request.user, programme_id=programme.pk)
    except (Denied, NotFound):
        return False
    return True


def measurements_url(programme_id: int, anchor: str = "") -> str:
    url = reverse("programme_measurements", kwargs={"programme_id": programme_id})
    return f"{url}#{anchor}" if anchor else url


@never_cache
@perm_required_view(*READERS, record=True)
def programme_measurements(request: HttpRequest, programme_id: int) -> HttpResponse:
    """Studies (each baseline beside its later waves), surveys, and trainings with totals."""
    programme = programme_get_for_user(user=request.user, programme_id=programme_id)
    trainings = Paginator(selectors.programme_trainings(programme=programme), TRAININGS_PER_PAGE)
    context = {
        "programme": programme,
        "series": selectors.study_series(programme=programme),
        "surveys": list(selectors.programme_surveys(programme=programme)),
        "trainings": trainings.get_page(request.GET.get("page")),
        "training_totals": selectors.training_totals(programme=programme),
        "may_change": _may_change(request, programme),
    }
    return render(request, "programmes/measurements/index.html", context)


def _measurement_page(
    request: HttpRequest,
    *,
    programme: Programme,
    form: forms.Form,
    run: Any,
    anchor: str,
    title: str,
    submit: str,
    done: str,
    intro: str = "",
) -> HttpResponse:
    def call(_data: dict) -> Any:
        with error_keys(**_RENAME):
            return run()

    return form_submit(
        request, form, call, then=measurements_url(programme.pk, anchor), done=done
    ) or form_page(
        request,
        template="programmes/measurements/form_page.html",
        programme=programme,
        title=title,
        submit=submit,
        intro=intro,
        form=form,
    )


def _initial(instance: Any, names: list[str]) -> dict[str, Any]:
    initial = {name: getattr(instance, name, None) for name in names}
    for name in ("area", "baseline", "court"):
        if name in names:
            initial[name] = getattr(instance, f"{name}_id")
    initial["version"] = instance.version
    return initial


def _study_form(request: HttpRequest, programme: Programme, **kwargs: Any) -> StudyForm:
    return StudyForm(
        request.POST or None,
        areas=list(selectors.programme_areas(programme=programme)),
        baselines=list(selectors.programme_baselines(programme=programme)),
        **kwargs,
    )


_STUDY_INTRO = gettext_lazy(
    "An aggregate estimate with its confidence interval, as the study report publishes it. "
    "A midline or endline names its baseline in the same department."
)


@never_cache
@perm_required_view(*READERS, record=True)
def study_new(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_get_for_change(user=request.user, programme_id=programme_id)
    form = _study_form(request, programme)
    return _measurement_page(
        request,
        programme=programme,
        form=form,
        run=lambda: services.study_record(
            actor=request.user, programme_id=programme.pk, **form.values()
        ),
        anchor="studies",
        title=_("Record a prevalence study wave"),
        submit=_("Record the study"),
        done=_("The study is recorded."),
        intro=str(_STUDY_INTRO),
    )


@never_cache
@perm_required_view(*READERS, record=True)
def study_edit(request: HttpRequest, programme_id: int, study_id: int) -> HttpResponse:
    study = selectors.study_get_for_user(user=request.user, study_id=study_id, for_change=True)
    if study.programme_id != programme_id:
        raise NotFound
    form = _study_form(
        request, study.programme, initial=_initial(study, list(StudyForm.base_fields))
    )
    form.fields["baseline"].choices = [
        c for c in form.fields["baseline"].choices if c[0] != study.pk
    ]
    form.fields["version"].required = True
    return _measurement_page(
        request,
        programme=study.programme,
        form=form,
        run=lambda: services.study_correct(
            actor=request.user,
            study_id=study.pk,
            expected_version=form.cleaned_data["version"],
            **form.values(),
        ),
        anchor="studies",
        title=_("Correct a prevalence study wave"),
        submit=_("Save the correction"),
        done=_("The study is corrected."),
    )


def _survey_form(request: HttpRequest, programme: Programme, **kwargs: Any) -> SurveyForm:
    areas = list(selectors.programme_areas(programme=programme))
    return SurveyForm(request.POST or None, areas=areas, **kwargs)


@never_cache
@perm_required_view(*READERS, record=True)
def survey_new(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_get_for_change(user=request.user, programme_id=programme_id)
    form = _survey_form(request, programme)
    return _measurement_page(
        request,
        programme=programme,
        form=form,
        run=lambda: services.survey_record(
            actor=request.user, programme_id=programme.pk, **form.values()
        ),
        anchor="surveys",
        title=_("Record a survey result"),
        submit=_("Record the result"),
        done=_("The survey result is recorded."),
    )


@never_cache
@perm_required_view(*READERS, record=True)
def survey_edit(request: HttpRequest, programme_id: int, survey_id: int) -> HttpResponse:
    survey = selectors.survey_get_for_user(user=request.user, survey_id=survey_id, for_change=True)
    if survey.programme_id != programme_id:
        raise NotFound
    form = _survey_form(
        request, survey.programme, initial=_initial(survey, list(SurveyForm.base_fields))
    )
    form.fields["version"].required = True
    return _measurement_page(
        request,
        programme=survey.programme,
        form=form,
        run=lambda: services.survey_correct(
            actor=request.user,
            survey_id=survey.pk,
            expected_version=form.cleaned_data["version"],
            **form.values(),
        ),
        anchor="surveys",
        title=_("Correct a survey result"),
        submit=_("Save the correction"),
        done=_("The survey result is corrected."),
    )


def _training_form(request: HttpRequest, programme: Programme, **kwargs: Any) -> TrainingForm:
    return TrainingForm(
        request.POST or None,
        areas=list(selectors.programme_areas(programme=programme)),
        courts=list(courts()),
        **kwargs,
    )


@never_cache
@perm_required_view(*READERS, record=True)
def training_new(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_get_for_change(user=request.user, programme_id=programme_id)
    form = _training_form(request, programme)
    return _measurement_page(
        request,
        programme=programme,
        form=form,
        run=lambda: services.training_record(
            actor=request.user, programme_id=programme.pk, **form.values()
        ),
        anchor="trainings",
        title=_("Record a training"),
        submit=_("Record the training"),
        done=_("The training is recorded."),
        intro=_("How many officials or partner staff were trained: a number, never names."),
    )


@never_cache
@perm_required_view(*READERS, record=True)
def training_edit(request: HttpRequest, programme_id: int, training_id: int) -> HttpResponse:
    training = selectors.training_get_for_user(
        user=request.user, training_id=training_id, for_change=True
    )
    if training.programme_id != programme_id:
        raise NotFound
    form = _training_form(
        request, training.programme, initial=_initial(training, list(TrainingForm.base_fields))
    )
    form.fields["version"].required = True
    return _measurement_page(
        request,
        programme=training.programme,
        form=form,
        run=lambda: services.training_correct(
            actor=request.user,
            training_id=training.pk,
            expected_version=form.cleaned_data["version"],
            **form.values(),
        ),
        anchor="trainings",
        title=_("Correct a training"),
        submit=_("Save the correction"),
        done=_("The training is corrected."),
    )


@never_cache
@perm_required_view(*READERS, record=True)
def measurements_import(request: HttpRequest, programme_id: int) -> HttpResponse:
    """Upload a file; the dry run checks it and shows its report, nothing imported yet."""
    programme = programme_get_for_change(user=request.user, programme_id=programme_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = import_services.measurements_check(
                actor=request.user,
                programme_id=programme.pk,
                kind=form.cleaned_data["kind"],
                file_name=upload.name,
                data=upload.read(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("measurements_review", programme_id=programme.pk, batch_id=batch.pk)
    return form_page(
        request,
        template="programmes/measurements/import.html",
        form=form,
        programme=programme,
        columns=[(kind, label, imports.COLUMNS[kind]) for kind, label in ImportBatch.Kind.choices],
        max_rows=imports.MAX_ROWS,
    )


@perm_required_view(*READERS, record=True)
def measurements_template(request: HttpRequest, programme_id: int, kind: str) -> HttpResponse:
    """A CSV with the columns of ``kind`` and one example row, to fill in."""
    programme_get_for_user(user=request.user, programme_id=programme_id)
    if kind not in imports.COLUMNS:
        raise NotFound
    response = HttpResponse(imports.template_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="amparo-{kind}.csv"'
    return response


@never_cache
@perm_required_view(*READERS, record=True)
def measurements_review(request: HttpRequest, programme_id: int, batch_id: int) -> HttpResponse:
    """The dry run's report; a confirmation imports the file when every row passes."""
    batch = selectors.import_batch_get_for_user(
        user=request.user, batch_id=batch_id, programme_id=programme_id
    )
    form = ImportConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            result = import_services.measurements_import(actor=request.user, batch_id=batch.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if result.already_imported:
                messages.info(request, _("This file was already imported: nothing was done."))
            else:
                messages.success(
                    request,
                    _("%(n)s measurements imported.") % {"n": result.batch.imported_count},
                )
            return redirect("measurements_review", programme_id=programme_id, batch_id=batch.pk)
    summary = selectors.batch_summary(batch=batch)
    context = {
        "programme": batch.programme,
        "batch": batch,
        "form": form,
        "problems": selectors.batch_problems(batch=batch),
        "rows": selectors.batch_rows(batch=batch),
        "columns": [c.name for c in imports.COLUMNS[batch.kind]],
        "summary": summary,
        "clean": summary["refused"] == 0,
    }
    status = 422 if form.is_bound else 200
    return render(request, "programmes/measurements/review.html", context, status=status)
