from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "amparo.exchange"
    label = "exchange"
    verbose_name = "Exchange"

    def ready(self) -> None:
        from amparo.exchange.formats import load_formats

        load_formats()
