"""Restoration pages, one module per subdomain. Thin: forms in, services and
selectors called, templates out. Every case record is reached through the case."""
