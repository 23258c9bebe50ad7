"""The impact report: a page and a PDF per published release, and its list for members.

The public report (``public_impact``, ``public_impact_pdf``) reads one
published release's content (``?version=N``, else the latest) and nothing
else; the signed-in page lists a programme's published versions with links
to both.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.programmes import labels, public
from amparo.programmes.impact import impact_report
from amparo.programmes.impact_pdf import impact_pdf
from amparo.programmes.selectors.access import programme_get_for_user
from amparo.programmes.views.public import cacheable


class BadVersion(ValueError):
    """``?version=`` is not a version number."""


def requested_release(*, slug: str, version: str | None) -> public.PublicRelease:
    """The release ``?version=`` names, or the latest; ``BadVersion`` when it is not a number."""
    if version in (None, ""):
        return public.public_release_latest(slug=slug)
    if not version.isdigit() or len(version) > 9:
        raise BadVersion
    return public.public_release_get(slug=slug, version=int(version))


def bad_version(request: HttpRequest, slug: str) -> HttpResponse:
    """A clear 400 page: what was wrong, and the way back to the programme."""
    context = {
        "message": _("The version must be a whole number, such as 1 or 2."),
        "slug": slug,
    }
    return render(request, "programmes/public/bad_request.html", context, status=400)


def public_impact(request: HttpRequest, slug: str) -> HttpResponse:
    """The impact report of one published release, for supporters: printable."""
    try:
        release = requested_release(slug=slug, version=request.GET.get("version"))
    except BadVersion:
        return bad_version(request, slug)
    report = impact_report(content=release.content)
    context = {
        "report": report,
        "release": release,
        "content": release.content,
        "programme": release.content["programme"],
        "period": labels.period_label(release.content["period"]),
        "published_on": labels.date_label(release.content["published_on"]),
        "method": labels.protection_method(release.content["people_protected"]),
        "versions": [r.version for r in public.public_programme_get(slug=slug).releases],
    }
    return render(request, "programmes/impact/report.html", context)


def public_impact_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The same report as a PDF (ReportLab), in the reader's language."""
    try:
        release = requested_release(slug=slug, version=request.GET.get("version"))
    except BadVersion:
        return bad_version(request, slug)
    report = impact_report(content=release.content)
    response = HttpResponse(impact_pdf(report), content_type="application/pdf")
    filename = f"{slug}-impact-v{report.version}-{get_language()}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return cacheable(response)


@perm_required_view(Perm.AGGREGATES, Perm.PROGRAMMES, record=True)
def programme_impact(request: HttpRequest, programme_id: int) -> HttpResponse:
    """A programme's published versions, each with its public impact report and PDF."""
    programme = programme_get_for_user(user=request.user, programme_id=programme_id)
    releases = [
        {
            "version": release.version,
            "title": release.content["title"],
            "period": labels.period_label(release.content["period"]),
            "published_on": labels.date_label(release.content["published_on"]),
            "corrected_by": release.corrected_by,
        }
        for release in public.published_versions(programme=programme)
    ]
    context = {"programme": programme, "releases": releases}
    return render(request, "programmes/impact/programme.html", context)
