from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "amparo.cases"
    label = "cases"

    def ready(self) -> None:
        # Fill the extension points of people (amparo.cases.hooks); imported here
        # because the hooks need the models, loaded only now.
        from amparo.cases import hooks

        hooks.register()
