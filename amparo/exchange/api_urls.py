"""Routes of the exchange API under /api/v1/exchange/."""

urlpatterns: list = []

# amparo.core.routes
ROUTE_ACCESS: dict = {}
