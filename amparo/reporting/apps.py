from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "amparo.reporting"
    label = "reporting"
    verbose_name = "Reporting"
