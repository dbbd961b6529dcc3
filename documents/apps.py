import logging

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        # WeasyPrint reports every layout step at INFO; a worker rendering all day needs only its warnings.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
