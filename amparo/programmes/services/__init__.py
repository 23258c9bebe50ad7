"""Writes of programmes, measurements and releases: each checks, locks, writes, audits."""
