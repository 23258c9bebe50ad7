from django.apps import AppConfig


class JusticeConfig(AppConfig):
    name = "amparo.justice"
    label = "justice"
