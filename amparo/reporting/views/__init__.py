"""Indicator pages and CSV exports, one module per report; and the home page."""
