from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "amparo.exchange"
    label = "exchange"
    verbose_name = "Exchange"
