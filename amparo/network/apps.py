from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "amparo.network"
    label = "network"

    def ready(self) -> None:
        # Withdrawing a consent ends the referrals it covered, at once.
        from amparo.network import receivers  # noqa: F401
