from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The browser's front door: every page, form, URL module, template tag and calendar feed."""

    name = "workspace"
