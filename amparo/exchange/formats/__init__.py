"""The formats the exchange speaks, by key (see ``base`` for what each provides)."""

from amparo.exchange.formats.base import ExportFormat, ImportFormat

# Filled by each format's module; the services look formats up here only.
IMPORT_FORMATS: dict[str, ImportFormat] = {}
EXPORT_FORMATS: dict[str, ExportFormat] = {}
