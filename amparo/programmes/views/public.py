"""Public pages of published releases: read without signing in, in the reader's language.

They read ``Release.content`` through ``amparo.programmes.public`` and nothing
else, and show no one's name: not who drafted a release, not who approved it.
A published release never changes, so its downloads are cacheable by anyone.
"""

import csv
import io
import json
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from amparo.programmes import labels, public
from amparo.programmes.content import Content

# A day: a published release never changes, but a correction should be found soon.
PUBLIC_MAX_AGE = 24 * 60 * 60


def cacheable(response: HttpResponse) -> HttpResponse:
    """Mark a response about a published release as cacheable by anyone, per language."""
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (row label, cell texts)


def _value_text(value: int | None) -> str:
    return labels.value_label(value)


def cell_tables(content: Content) -> list[Table]:
    """Measures × periods for the programme total; measures × departments per period when broken down."""
    values = {(c["measure"], c["period"], c["area"]): c["value"] for c in content["cells"]}
    measures = [labels.measure_label(code) for code in content["measures"]]
    periods = content["periods"]
    if not content["areas"]:
        return [
            Table(
                caption=_("Counts"),
                columns=tuple(labels.period_label(p) for p in periods),
                rows=tuple(
                    (
                        label,
                        tuple(_value_text(values.get((code, p["key"], ""))) for p in periods),
                    )
                    for code, label in zip(content["measures"], measures, strict=True)
                ),
            )
        ]
    # Measures down, departments across: a phone shows a few columns, not nine.
    areas = [*content["areas"], ""]
    tables = []
    for period in periods:
        tables.append(
            Table(
                caption=_("Counts by department, %(period)s")
                % {"period": labels.period_label(period)},
                columns=tuple(labels.area_label(area) for area in areas),
                rows=tuple(
                    (
                        label,
                        tuple(
                            _value_text(values.get((code, period["key"], area))) for area in areas
                        ),
                    )
                    for code, label in zip(content["measures"], measures, strict=True)
                ),
            )
        )
    return tables


def rate_table(content: Content) -> Table | None:
    if not content["rates"]:
        return None
    periods = content["periods"]
    found = {(r["indicator"], r["area"], r["period"]): r for r in content["rates"]}
    keys = list(dict.fromkeys((r["indicator"], r["area"]) for r in content["rates"]))

    def text(indicator: str, area: str, period: str) -> str:
        rate = found.get((indicator, area, period))
        if rate is None:
            return "—"
        if rate["hidden"]:
            return labels.HIDDEN
        return "—" if rate["value"] is None else labels.value_label(rate["value"], "percent")

    return Table(
        caption=_("Rates"),
        columns=tuple(labels.period_label(p) for p in periods),
        rows=tuple(
            (
                f"{labels.indicator_label(indicator)} · {labels.area_label(area)}",
                tuple(text(indicator, area, p["key"]) for p in periods),
            )
            for indicator, area in keys
        ),
    )


def goal_rows(content: Content) -> list[dict[str, str]]:
    return [
        {
            "title": goal["title"],
            "indicator": labels.indicator_label(goal["indicator"]),
            "area": labels.area_label(goal["area"]),
            "baseline": labels.value_label(goal["baseline"], goal["unit"]),
            "baseline_on": labels.date_label(goal["baseline_on"]),
            "current": labels.value_label(goal["current"], goal["unit"])
            if goal["current"] is not None
            else "—",
            "target": labels.value_label(goal["target"], goal["unit"]),
            "target_on": labels.date_label(goal["target_on"]),
            "status": goal["status"],
            "status_label": labels.goal_status_label(goal["status"]),
        }
        for goal in content["goals"]
    ]


def public_programme(request: HttpRequest, slug: str) -> HttpResponse:
    """A programme's public page: what it is, its published releases, its impact report."""
    programme = public.public_programme_get(slug=slug)
    rows = [
        {
            "version": release.version,
            "title": release.content["title"],
            "period": labels.period_label(release.content["period"]),
            "published_on": labels.date_label(release.content["published_on"]),
            "corrected_by": release.corrected_by,
            "supersedes": release.content["supersedes"],
        }
        for release in programme.releases
    ]
    context = {"programme": programme.info, "releases": rows, "latest": programme.latest}
    return render(request, "programmes/public/programme.html", context)


def public_release(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """One published release: its guarantee first, then its tables, goals and people protected."""
    release = public.public_release_get(slug=slug, version=version)
    content = release.content
    context = {
        "release": release,
        "content": content,
        "programme": content["programme"],
        "period": labels.period_label(content["period"]),
        "published_on": labels.date_label(content["published_on"]),
        "as_of": labels.date_label(content["as_of"]),
        "guarantee": labels.guarantee_sentences(content["guarantee"]),
        "hidden_note": labels.hidden_note(content["guarantee"]),
        "tables": cell_tables(content),
        "rates": rate_table(content),
        "goals": goal_rows(content),
        "protected": content["people_protected"],
        "method": labels.protection_method(content["people_protected"]),
        "breakdown": labels.breakdown_label(content["breakdown"]),
    }
    return render(request, "programmes/public/release.html", context)


def release_csv_text(content: Content) -> str:
    """The cells in long format: a row per measure, period and area, headers translated."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            _("Measure code"),
            _("Measure"),
            _("Period"),
            _("Area"),
            _("Value"),
            _("Hidden (1) or shown (0)"),
        ]
    )
    for cell in content["cells"]:
        hidden = cell["value"] is None
        writer.writerow(
            [
                cell["measure"],
                labels.measure_label(cell["measure"]),
                cell["period"],
                labels.area_label(cell["area"]),
                "" if hidden else cell["value"],
                1 if hidden else 0,
            ]
        )
    return out.getvalue()


def public_release_csv(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    release = public.public_release_get(slug=slug, version=version)
    response = HttpResponse(
        release_csv_text(release.content), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}-v{version}.csv"'
    return cacheable(response)


def release_json_data(content: Content) -> dict[str, object]:
    """The content exactly as published, with a ``labels`` object in the reader's language."""
    return {**content, "labels": labels.content_labels(content)}


def public_release_json(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    release = public.public_release_get(slug=slug, version=version)
    body = json.dumps(release_json_data(release.content), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}-v{version}.json"'
    return cacheable(response)
