"""Signals for apps that build on people without people importing them."""

from django.dispatch import Signal

# Sent inside the withdrawing transaction, with ``grant`` and ``actor``.
consent_withdrawn = Signal()
