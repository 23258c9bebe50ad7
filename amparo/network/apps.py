from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "amparo.network"
    label = "network"

    def ready(self) -> None:
        # Fill the extension points of the apps below (amparo.network.hooks);
        # imported here because the hooks need the models, loaded only now.
        from amparo.network import hooks

        hooks.register()
