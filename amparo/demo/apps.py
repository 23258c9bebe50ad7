from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The fictional demo dataset (``manage.py seed``); it has no models."""

    name = "amparo.demo"
    label = "demo"
