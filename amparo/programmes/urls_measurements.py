from django.urls import path  # noqa: F401 — the helper that owns this module adds its routes

urlpatterns: list = []

ROUTE_ACCESS: dict = {}
