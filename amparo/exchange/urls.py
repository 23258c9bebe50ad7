"""Pages of the exchange: exports in the standards' shapes, imports from other systems."""

urlpatterns: list = []

# What each page shows (amparo.core.routes).
ROUTE_ACCESS: dict = {}
