"""Two Celery beat processes started by mistake: sweeps are triggered twice as often, and still
every reminder is sent once, because what is due and what was sent live in the database."""

import subprocess
import sys
import time
from collections import Counter

import pytest
from django.utils import timezone

from deadlines.models import Reminder
from tests.deadlines.test_worker import all_sent, dirs, due_reminders, redis, workers  # noqa: F401 - fixtures
from tests.workers import ROOT, Worker, sent_mail, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_two_beats_send_nothing_twice(seed, redis, dirs, workers):  # noqa: F811
    mail_dir, var_dir = dirs
    reminders = due_reminders(seed, 30)
    env = {"SWEEP_INTERVAL_SECONDS": "1"}
    workers.append(Worker(redis.url, mail_dir, var_dir, **env).start())
    workers.append(Worker(redis.url, mail_dir, var_dir, **env).start())
    beats = []
    for n in (1, 2):
        beat_env = dict(workers[0].env, **env)
        beats.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "beat",
                    "--loglevel=INFO",
                    "-s",
                    str(var_dir / f"beat{n}.schedule"),
                ],
                cwd=ROOT,
                env=beat_env,
                stdout=(var_dir / f"beat{n}.log").open("w"),
                stderr=subprocess.STDOUT,
            )
        )
    try:
        wait_for(lambda: all_sent(reminders), 90, "the first 30 reminders")
        # More become due while both beats keep firing.
        later = [
            Reminder.objects.create(
                deadline=r.deadline, lead_days=1, recipient=r.recipient, next_attempt_at=timezone.now()
            )
            for r in reminders[:10]
        ]
        wait_for(lambda: all_sent(later), 60, "the 10 reminders that became due later")
        time.sleep(3)  # a few more double-triggered sweeps over an empty outbox
    finally:
        for beat in beats:
            beat.terminate()
            beat.wait(20)
    sends = Counter((m["To"], m["Subject"]) for m in sent_mail(mail_dir))
    assert len(sends) == 40
    assert set(sends.values()) == {1}
    triggered = sum(
        (var_dir / f"beat{n}.log").read_text().count("Scheduler: Sending due task sweep") for n in (1, 2)
    )
    assert triggered >= 6, "both beats were firing"
