import logging

from django.apps import AppConfig

# WeasyPrint reports every layout step at INFO; a worker rendering all day needs only its warnings.
# Set when this module is imported, before any app's ready(): the admin's autodiscovery imports
# documents.admin, which imports WeasyPrint, and WeasyPrint reports as it parses its own stylesheets.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Documents"
