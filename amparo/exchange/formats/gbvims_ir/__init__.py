"""The GBVIMS Incident Recorder: its incident sheet, exported and imported.

The Incident Recorder is the GBVIMS' Excel workbook; Primero's GBV module
writes the same "Incident Data" sheet (``incident_recorder_xls``). Its cells
carry display texts ("Rape", "Age 18 - 25", "M"), which ``cases.standards.gbvims``
maps to Amparo's codes; ``columns`` names the sheet's columns in order.
"""

from amparo.exchange.formats import register_export, register_import
from amparo.exchange.formats.gbvims_ir.export import GbvimsIrExport
from amparo.exchange.formats.gbvims_ir.read import GbvimsIrImport

EXPORT = register_export(GbvimsIrExport())
IMPORT = register_import(GbvimsIrImport())

__all__ = ["EXPORT", "IMPORT", "GbvimsIrExport", "GbvimsIrImport"]
