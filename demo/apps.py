from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data (`seed_demo`) and the benchmarks, kept apart from the product."""

    name = "demo"
