"""Releases as the release service leaves them: published (and draft, and discarded) rows
with a realistic ``content`` (schema 1 of ``amparo.programmes.content``).

Lex's programme of ``records.programme_records`` publishes version 1 (2024 and 2025 by
department, no noise) and version 2, a correction of version 1 with noise (ε = 0.5)
that says what changed. A draft and a discarded release sit beside them: neither may
ever be seen publicly. The public tests read only these rows' ``content``.
"""

import copy
import datetime
from dataclasses import dataclass

from django.utils import timezone

from amparo.programmes.content import SCHEMA, Content
from amparo.programmes.models import Programme, Release
from amparo.programmes.vocab import ReleaseStatus
from amparo.testing.cast import Cast

MEASURES = [
    "survivors_intake",
    "survivors_justice",
    "survivors_restoration",
    "survivors_restored",
    "complaints",
    "verdicts",
    "convictions",
    "services",
    "services_by_partners",
]
AREAS = ["Guatemala", "Quetzaltenango"]
PERIODS = [
    {"key": "2024", "start": "2024-01-01", "end": "2024-12-31"},
    {"key": "2025", "start": "2025-01-01", "end": "2025-12-31"},
]
# measure → period → (total, Guatemala, Quetzaltenango); None is hidden ([c]).
FIGURES: dict[str, dict[str, tuple[int | None, int | None, int | None]]] = {
    "survivors_intake": {"2024": (140, 95, 45), "2025": (185, 120, 65)},
    "survivors_justice": {"2024": (85, 60, 25), "2025": (110, 75, 35)},
    "survivors_restoration": {"2024": (70, 50, 20), "2025": (90, 65, 25)},
    # Quetzaltenango restored fewer than k in 2025: hidden, and Guatemala with it
    # (complementary suppression), so the total cannot give it away.
    "survivors_restored": {"2024": (30, 20, 15), "2025": (35, None, None)},
    "complaints": {"2024": (120, 80, 40), "2025": (150, 100, 50)},
    "verdicts": {"2024": (40, 25, 15), "2025": (55, 35, 20)},
    "convictions": {"2024": (25, 15, None), "2025": (35, 25, None)},
    "services": {"2024": (310, 210, 100), "2025": (365, 245, 120)},
    "services_by_partners": {"2024": (95, 60, 35), "2025": (130, 85, 45)},
}
STAFF_WORDS = ("Ana Analyst", "Sam Supervisor", "analyst@", "supervisor@")


def _cells(figures: dict) -> list[dict]:
    cells = []
    for measure in MEASURES:
        for period in PERIODS:
            total, *by_area = figures[measure][period["key"]]
            for area, value in zip(["", *AREAS], [total, *by_area], strict=True):
                cells.append(
                    {"measure": measure, "period": period["key"], "area": area, "value": value}
                )
    return cells


def _rate(numerator: int | None, denominator: int | None) -> tuple[float | None, bool]:
    if numerator is None or denominator is None:
        return None, True
    if denominator == 0:
        return None, False
    return round(100 * numerator / denominator, 1), False


def _rates(figures: dict) -> list[dict]:
    rates = []
    pairs = {
        "conviction_rate": ("convictions", "verdicts"),
        "partner_service_share": ("services_by_partners", "services"),
    }
    for indicator, (top, bottom) in pairs.items():
        for period in PERIODS:
            for index, area in enumerate(["", *AREAS]):
                value, hidden = _rate(
                    figures[top][period["key"]][index], figures[bottom][period["key"]][index]
                )
                rates.append(
                    {
                        "indicator": indicator,
                        "period": period["key"],
                        "area": area,
                        "value": value,
                        "hidden": hidden,
                    }
                )
    return rates


GOALS = [
    {
        "title": "Raise the conviction rate to 75%",
        "indicator": "conviction_rate",
        "area": "",
        "unit": "percent",
        "baseline": 40.0,
        "baseline_on": "2023-12-31",
        "target": 75.0,
        "target_on": "2030-12-31",
        "milestones": [["2027-12-31", 60.0]],
        "current": 63.6,
        "lower": None,
        "upper": None,
        "status": "on_track",
    },
    {
        "title": "Verdicts within a year of the complaint",
        "indicator": "time_to_verdict",
        "area": "",
        "unit": "days",
        "baseline": 720.0,
        "baseline_on": "2023-12-31",
        "target": 365.0,
        "target_on": "2030-12-31",
        "milestones": [],
        "current": 540.0,
        "lower": 480.0,
        "upper": 610.0,
        "status": "on_track",
    },
    {
        "title": "Prevalence down by half in Guatemala",
        "indicator": "prevalence",
        "area": "Guatemala",
        "unit": "percent",
        "baseline": 6.2,
        "baseline_on": "2024-06-30",
        "target": 3.1,
        "target_on": "2030-06-30",
        "milestones": [],
        "current": 5.9,
        "lower": 4.8,
        "upper": 7.0,
        "status": "off_track",
    },
    {
        "title": "Restore 50 survivors a year",
        "indicator": "survivors_restored",
        "area": "",
        "unit": "count",
        "baseline": 20.0,
        "baseline_on": "2023-12-31",
        "target": 50.0,
        "target_on": "2028-12-31",
        "milestones": [],
        "current": None,
        "lower": None,
        "upper": None,
        "status": "no_data",
    },
]


def release_content(
    programme: Programme,
    *,
    version: int | None,
    published_on: str | None,
    epsilon: float | None = None,
    supersedes: int | None = None,
    change_note: str = "",
    checked_against: list[int] | None = None,
    figures: dict | None = None,
    title: str = "Justice and restoration 2024–2025",
) -> Content:
    """The content of a release of ``programme``, as ``content.py`` describes it."""
    figures = figures or FIGURES
    return {
        "schema": SCHEMA,
        "programme": {
            "name": programme.name,
            "slug": programme.slug,
            "countries": list(programme.countries),
            "summary": programme.summary,
        },
        "version": version,
        "published_on": published_on,
        "title": title,
        "as_of": "2026-01-31",
        "period": {"key": "2024-01-01/2025-12-31", "start": "2024-01-01", "end": "2025-12-31"},
        "periods": copy.deepcopy(PERIODS),
        "breakdown": "department",
        "measures": list(MEASURES),
        "areas": list(AREAS),
        "cells": _cells(figures),
        "rates": _rates(figures),
        "goals": copy.deepcopy(GOALS),
        "people_protected": {
            "method_version": 1,
            "people": 3_000_000,
            "areas": [
                {
                    "country": "GT",
                    "admin1": "Guatemala",
                    "population": 3_000_000,
                    "protected": True,
                },
                {
                    "country": "GT",
                    "admin1": "Quetzaltenango",
                    "population": 1_500_000,
                    "protected": False,
                },
            ],
        },
        "guarantee": {
            "min_cell": programme.min_cell,
            "rounding_base": programme.rounding_base,
            "epsilon": epsilon,
            "mechanism": "discrete Laplace (OpenDP 0.16)" if epsilon else None,
            "sensitivity": 1 if epsilon else None,
            "checked_against": checked_against or [],
        },
        "supersedes": supersedes,
        "change_note": change_note,
    }


def _release(
    cast: Cast,
    programme: Programme,
    *,
    content: Content,
    status: str,
    version: int | None = None,
    supersedes: Release | None = None,
) -> Release:
    published = status == ReleaseStatus.PUBLISHED
    return Release.objects.create(
        programme=programme,
        version=version,
        title=content["title"],
        status=status,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        split="year",
        breakdown="department",
        measures=list(MEASURES),
        min_cell=programme.min_cell,
        rounding_base=programme.rounding_base,
        epsilon=content["guarantee"]["epsilon"],
        content=content,
        supersedes=supersedes,
        change_note=content["change_note"],
        drafted_by=cast.analyst,
        approved_by=cast.supervisor if published else None,
        published_at=(
            timezone.make_aware(datetime.datetime.fromisoformat(content["published_on"]))
            if published and content["published_on"]
            else None
        ),
        discarded_at=(
            timezone.make_aware(datetime.datetime(2026, 3, 1))
            if status == ReleaseStatus.DISCARDED
            else None
        ),
    )


@dataclass
class PublishedReleases:
    first: Release  # version 1
    correction: Release  # version 2, superseding version 1, with noise
    draft: Release
    discarded: Release


def published_releases(cast: Cast, programme: Programme) -> PublishedReleases:
    """Versions 1 and 2 of ``programme``, a draft and a discarded release."""
    first = _release(
        cast,
        programme,
        content=release_content(programme, version=1, published_on="2026-02-10"),
        status=ReleaseStatus.PUBLISHED,
        version=1,
    )
    corrected = copy.deepcopy(FIGURES)
    corrected["complaints"]["2025"] = (155, 105, 50)
    correction = _release(
        cast,
        programme,
        content=release_content(
            programme,
            version=2,
            published_on="2026-03-15",
            epsilon=0.5,
            supersedes=1,
            change_note="Five complaints of 2025 in Guatemala had been left out; now counted.",
            checked_against=[1],
            figures=corrected,
            title="Justice and restoration 2024–2025 (corrected)",
        ),
        status=ReleaseStatus.PUBLISHED,
        version=2,
        supersedes=first,
    )
    # Drafts have no version; these carry one anyway (3 and 4), so a test that asks for
    # them proves the public selectors filter on the status, not on the version alone.
    draft = _release(
        cast,
        programme,
        content=release_content(
            programme, version=3, published_on=None, title="Secret draft figures"
        ),
        status=ReleaseStatus.DRAFT,
        version=3,
    )
    discarded = _release(
        cast,
        programme,
        content=release_content(
            programme, version=4, published_on=None, title="Discarded draft figures"
        ),
        status=ReleaseStatus.DISCARDED,
        version=4,
    )
    return PublishedReleases(first, correction, draft, discarded)
