from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "amparo.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from amparo.core.middleware import stamp_session_refreshed

        # Session plumbing, not a domain side effect: a session saved at sign-in
        # starts its idle timeout then, so the next page read has nothing to write.
        user_logged_in.connect(stamp_session_refreshed, dispatch_uid="amparo.session_refreshed")
