"""Pages of the exchange: take an export, upload a file for its dry run, read it, confirm.

Thin: each page declares its permission, reads through the selectors and
writes through the services.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.core.forms import add_service_errors
from amparo.exchange import selectors
from amparo.exchange.forms import ConfirmForm, ExportForm, ImportForm
from amparo.exchange.models import ImportJob, ImportRow
from amparo.exchange.services import import_confirm, import_start, standard_export

PAGE_SIZE = 50
IN_PROGRESS = (ImportJob.Status.CHECKING, ImportJob.Status.IMPORTING)


@never_cache
@require_http_methods(["GET", "POST"])
@perm_required_view(Perm.EXPORT_DEIDENTIFIED, Perm.EXPORT_RECORDS)
def exchange_export(request: HttpRequest) -> HttpResponse:
    """Choose a standard and a period, read its guarantee, download the file."""
    offered = selectors.export_formats_for_user(user=request.user)
    form = ExportForm(request.POST or None, formats=[(f.key, str(f.label)) for f in offered])
    if request.method == "POST" and form.is_valid():
        try:
            export = standard_export(
                actor=request.user,
                format_key=form.cleaned_data["format"],
                filters=form.filters(),
                file_type=form.cleaned_data["file_type"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            response = StreamingHttpResponse(export.chunks(), content_type=export.content_type)
            response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
            return response
    status = 422 if form.is_bound else 200
    return render(
        request, "exchange/export.html", {"form": form, "formats": offered}, status=status
    )


@never_cache
@require_http_methods(["GET", "POST"])
@perm_required_view(Perm.IMPORT_RECORDS)
def exchange_imports(request: HttpRequest) -> HttpResponse:
    """The organisation's imports, newest first, and the upload that starts a dry run."""
    offered = selectors.import_formats()
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        formats=[(f.key, str(f.label)) for f in offered],
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = import_start(
                actor=request.user,
                format_key=form.cleaned_data["format"],
                file_name=upload.name,
                data=upload.read(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("exchange_import", job_id=job.pk)
    page = Paginator(selectors.import_jobs_for_user(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    status = 422 if form.is_bound else 200
    context = {"form": form, "page": page, "jobs": page.object_list}
    return render(request, "exchange/imports.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@perm_required_view(Perm.IMPORT_RECORDS, record=True)
def exchange_import(request: HttpRequest, job_id: int) -> HttpResponse:
    """One import: its progress, the dry run's report row by row, the confirmation."""
    job = selectors.import_job_get_for_user(user=request.user, job_id=job_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            import_confirm(actor=request.user, job_id=job.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The import has started."))
            return redirect("exchange_import", job_id=job.pk)
    action = request.GET.get("action", "")
    if action not in ImportRow.Action.values:
        action = ""
    page = Paginator(selectors.import_rows_of(job=job, action=action), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "job": job,
        "form": form,
        "page": page,
        "rows": page.object_list,
        "action": action,
        "actions": ImportRow.Action.choices,
        "in_progress": job.status in IN_PROGRESS,
    }
    status = 422 if form.is_bound else 200
    return render(request, "exchange/import.html", context, status=status)
