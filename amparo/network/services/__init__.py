"""Writes of the partner network. Each checks access, validates, audits and notifies."""
