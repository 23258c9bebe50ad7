"""Reads of programmes: each starts from what the user may see (``access``)."""
