from django.apps import AppConfig


class AftercareConfig(AppConfig):
    name = "amparo.aftercare"
    label = "aftercare"
