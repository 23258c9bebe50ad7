"""What the public may read: published releases by programme address and version.

Only ``status="published"`` releases, never a draft or a discarded one, and
only their ``content`` (``amparo.programmes.content``): never ``ReleaseCell``,
never live data, never who drafted or approved. An unknown address or version
is ``NotFound``. A published release never changes, so what these return may
be cached.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from amparo.core.exceptions import NotFound
from amparo.programmes.content import Content, ProgrammeInfo
from amparo.programmes.models import Programme, Release
from amparo.programmes.vocab import ReleaseStatus


@dataclass(frozen=True)
class PublicRelease:
    """One published release as its programme's page lists it."""

    content: Content
    corrected_by: int | None  # the version that supersedes this one, if any

    @property
    def version(self) -> int:
        return int(self.content["version"] or 0)


@dataclass(frozen=True)
class PublicProgramme:
    info: ProgrammeInfo
    releases: tuple[PublicRelease, ...]  # newest version first

    @property
    def latest(self) -> PublicRelease | None:
        return self.releases[0] if self.releases else None


def _published(*, slug: str) -> QuerySet[Release]:
    return Release.objects.filter(
        programme__slug=slug, status=ReleaseStatus.PUBLISHED, version__isnull=False
    )


def _corrections(contents: list[Content]) -> dict[int, int]:
    """Version corrected → the latest version that says it supersedes it."""
    corrected: dict[int, int] = {}
    for content in sorted(contents, key=lambda c: c["version"] or 0):
        if content["supersedes"] is not None and content["version"] is not None:
            corrected[content["supersedes"]] = content["version"]
    return corrected


def public_programme_get(*, slug: str) -> PublicProgramme:
    """The programme at ``slug`` with its published releases, newest first (two queries).

    Its name, summary and countries are those of its latest release as published;
    a programme with no release yet shows its name and summary (written for
    publication) and no figures. ``NotFound`` for an unknown address.
    """
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise NotFound
    contents: list[Content] = list(
        _published(slug=slug).order_by("-version").values_list("content", flat=True)
    )
    corrections = _corrections(contents)
    releases = tuple(
        PublicRelease(content=content, corrected_by=corrections.get(content["version"] or 0))
        for content in contents
    )
    if releases:
        info = releases[0].content["programme"]
    else:
        info = {
            "name": programme.name,
            "slug": programme.slug,
            "countries": list(programme.countries),
            "summary": programme.summary,
        }
    return PublicProgramme(info=info, releases=releases)


def public_release_get(*, slug: str, version: int) -> PublicRelease:
    """Version ``version`` of the programme at ``slug``, published, or ``NotFound``."""
    content = _published(slug=slug).filter(version=version).values_list("content", flat=True)
    found = content.first()
    if found is None:
        raise NotFound
    later = _published(slug=slug).filter(version__gt=version).values_list("content", flat=True)
    corrections = _corrections([found, *later])
    return PublicRelease(content=found, corrected_by=corrections.get(version))


def public_release_latest(*, slug: str) -> PublicRelease:
    """The newest published version of the programme at ``slug``, or ``NotFound``."""
    version = _published(slug=slug).order_by("-version").values_list("version", flat=True).first()
    if version is None:
        raise NotFound
    return public_release_get(slug=slug, version=version)


def published_versions(*, programme: Programme) -> list[PublicRelease]:
    """The published releases of ``programme`` (already reached through the access idiom)."""
    return list(public_programme_get(slug=programme.slug).releases)
