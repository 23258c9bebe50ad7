from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "amparo.programmes"
    label = "programmes"
    verbose_name = "Programmes"
