"""The programmes' pages: one module per part (programmes, measurements, results, releases,
public pages, impact report)."""
