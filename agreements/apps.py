from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "Requests, agreements and filings"

    def ready(self) -> None:
        # The deadline engine cannot name requests, petitions or filings: when a commission's closure
        # days change it asks their owner, here, to recompute them.
        from agreements.services import recompute_state
        from deadlines.signals import closures_changed

        closures_changed.connect(recompute_state, dispatch_uid="agreements.recompute_state")
