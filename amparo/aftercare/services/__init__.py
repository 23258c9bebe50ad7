"""Writes for restoration (aftercare). One module per subdomain; each service
validates everything first, runs in one transaction and writes its audit event.
"""
