"""REST API of cases: one view per operation, calling the same services and
selectors as the pages (see amparo/cases/api_urls.py for the routes)."""
