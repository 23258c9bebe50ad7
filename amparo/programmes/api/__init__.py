"""The programmes' API: one module per part, as the pages."""
