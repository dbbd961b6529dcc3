"""The Celery application: workers and beat load it with ``-A config``."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

BROKER_FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")


@app.on_after_configure.connect
def make_folders(sender: Celery, **kwargs) -> None:
    """Make the folders the embedded broker and beat write into, once Celery has read the settings.

    Importing the settings creates nothing; this runs in every process that sends or runs a task
    (the web process, the worker, beat), the first time it uses Celery.

    1. The filesystem broker (the default without CELERY_BROKER_URL) needs its queue, processed and
       control folders: kombu writes a message into a folder that must already exist.
    2. Beat keeps its schedule in a file whose folder must exist.
    """
    conf = sender.conf
    if str(conf.broker_url or "").startswith("filesystem://"):
        options = conf.broker_transport_options or {}
        for key in BROKER_FOLDERS:
            if options.get(key):
                Path(options[key]).mkdir(parents=True, exist_ok=True)
    if conf.beat_schedule_filename:
        Path(conf.beat_schedule_filename).parent.mkdir(parents=True, exist_ok=True)
