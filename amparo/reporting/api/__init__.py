"""Indicators as JSON. The API can carry figures out of the organisation, so it
always suppresses small cells, and every call is audited as an export."""
