"""Writes of the exchange: imports (dry run, confirmation, run) and standard exports."""

from amparo.exchange.services.exports import ExportFile, standard_export
from amparo.exchange.services.imports import import_check, import_confirm, import_run, import_start

__all__ = [
    "ExportFile",
    "import_check",
    "import_confirm",
    "import_run",
    "import_start",
    "standard_export",
]
