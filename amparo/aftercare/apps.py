from django.apps import AppConfig


class AftercareConfig(AppConfig):
    name = "amparo.aftercare"
    label = "aftercare"

    def ready(self) -> None:
        # Fill the extension points of the apps below (amparo.aftercare.hooks);
        # imported here because the hooks need the models, loaded only now.
        from amparo.aftercare import hooks

        hooks.register()
