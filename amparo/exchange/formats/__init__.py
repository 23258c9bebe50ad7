"""The formats the exchange speaks, by key (see ``base`` for what each provides).

A format module builds its format object and registers it at import time
(``register_import`` / ``register_export``); ``load_formats``, called once
by the app's ``ready()``, imports the modules listed in ``FORMAT_MODULES``.
The services look formats up here only (``import_format``, ``export_format``).
"""

import importlib
import importlib.util

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from amparo.exchange.formats.base import ExportFormat, ImportFormat

# The modules under amparo.exchange.formats that define formats. One that is not
# (yet) in the tree is skipped, so formats can arrive on their own branches.
FORMAT_MODULES = ("htcds", "gbvims_ir", "primero")

IMPORT_FORMATS: dict[str, ImportFormat] = {}
EXPORT_FORMATS: dict[str, ExportFormat] = {}


def register_import(fmt: ImportFormat) -> ImportFormat:
    if IMPORT_FORMATS.get(fmt.key, fmt) is not fmt:
        raise RuntimeError(f"Two import formats are called {fmt.key!r}.")
    IMPORT_FORMATS[fmt.key] = fmt
    return fmt


def register_export(fmt: ExportFormat) -> ExportFormat:
    if EXPORT_FORMATS.get(fmt.key, fmt) is not fmt:
        raise RuntimeError(f"Two export formats are called {fmt.key!r}.")
    EXPORT_FORMATS[fmt.key] = fmt
    return fmt


def load_formats() -> None:
    for name in FORMAT_MODULES:
        module = f"{__name__}.{name}"
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)


def import_format(key: str) -> ImportFormat:
    """The import format called ``key``; ``ValidationError`` on ``format`` otherwise."""
    try:
        return IMPORT_FORMATS[key]
    except KeyError:
        raise ValidationError({"format": [_("Choose one of the formats offered.")]}) from None


def export_format(key: str) -> ExportFormat:
    """The export format called ``key``; ``ValidationError`` on ``format`` otherwise."""
    try:
        return EXPORT_FORMATS[key]
    except KeyError:
        raise ValidationError({"format": [_("Choose one of the formats offered.")]}) from None
