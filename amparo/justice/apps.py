from django.apps import AppConfig


class JusticeConfig(AppConfig):
    name = "amparo.justice"
    label = "justice"

    def ready(self) -> None:
        # Fill the extension points of the apps below (amparo.justice.hooks);
        # imported here because the hooks need the models, loaded only now.
        from amparo.justice import hooks

        hooks.register()
