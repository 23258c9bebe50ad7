"""Printing a report's cells on a page: the one place a table cell becomes text."""

from django import template

from amparo.reporting.suppression import HIDDEN, NOT_DEFINED, Cell, Figure
from amparo.reporting.tables import Column, Row

register = template.Library()


@register.simple_tag
def cell_text(row: Row, column: Column) -> str:
    """``row``'s value in ``column`` as the page prints it: shares as percentages, hidden as ``[c]``."""
    value = row.values[column.key]
    if isinstance(value, Cell):
        return str(value)
    if isinstance(value, Figure):
        if value.hidden:
            return HIDDEN
        if value.value is None:
            return NOT_DEFINED
        if column.kind == "share":
            return f"{value.value:.0%}"
        return f"{value.value:g}"
    return str(value)


@register.filter
def entry(mapping: dict, key: str) -> object:
    """``mapping[key]`` in a template (a report's table, a chart by its table's key); None if absent."""
    return mapping.get(key)
