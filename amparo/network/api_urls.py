"""Routes of the network API under /api/v1/."""

urlpatterns: list = []
