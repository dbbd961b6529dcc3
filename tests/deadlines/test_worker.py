"""The scheduler with real parts: Celery workers against a real Redis (and the embedded broker),
PostgreSQL shared with the test, mail written to files. Each reminder arrives exactly once."""

from collections import Counter
from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from celery import Celery
from django.utils import timezone

from deadlines.models import Deadline, Reminder
from tests import factories
from tests.workers import PrivateRedis, Worker, sent_mail, wait_for

# serialized_rollback: the flush after each test would otherwise wipe the data migrations (states, roles).
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def redis():
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def dirs(tmp_path):
    mail_dir, var_dir = tmp_path / "mail", tmp_path / "var"
    mail_dir.mkdir()
    var_dir.mkdir()
    return mail_dir, var_dir


@pytest.fixture
def workers():
    started: list[Worker] = []
    yield started
    for worker in started:
        worker.stop()


def due_reminders(seed, n: int) -> list[Reminder]:
    # A live deadline a month ahead (the seed's own are long past, and reminders of past ones are cancelled).
    deadline = Deadline.objects.filter(request=seed["request"], kind="window_closes").get()
    ahead = timezone.localdate() + timedelta(days=30)
    Deadline.objects.filter(pk=deadline.pk).update(
        due_on=ahead, act_on=ahead, opens_on=ahead, status="upcoming"
    )
    now = timezone.now()
    reminders = []
    for i in range(n):
        user = factories.UserFactory(username=f"person{i}")
        reminders.append(
            Reminder.objects.create(
                deadline=deadline, lead_days=0, recipient=user, next_attempt_at=now - timedelta(minutes=1)
            )
        )
    return reminders


def trigger_sweep(broker_url: str, **options) -> None:
    # An explicit connection: Celery would otherwise prefer a CELERY_BROKER_URL in the environment (CI sets one).
    producer = Celery(broker=broker_url, **options)
    with producer.connection_for_write(broker_url) as connection:
        producer.send_task("deadlines.sweep", connection=connection)
    producer.close()


def all_sent(reminders) -> bool:
    return Reminder.objects.filter(pk__in=[r.pk for r in reminders], status="sent").count() == len(reminders)


def test_a_due_reminder_is_delivered_once_by_a_real_worker(seed, redis, dirs, workers):
    mail_dir, var_dir = dirs
    [reminder] = due_reminders(seed, 1)
    workers.append(Worker(redis.url, mail_dir, var_dir).start())
    trigger_sweep(redis.url)
    trigger_sweep(redis.url)
    wait_for(lambda: all_sent([reminder]), 60, "the reminder to be sent")
    wait_for(
        lambda: (
            "deadlines.sweep" in workers[0].log.read_text()
            and workers[0].log.read_text().count("succeeded") >= 2
        ),
        60,
        "both sweeps to finish",
    )
    messages = sent_mail(mail_dir)
    assert [m["To"] for m in messages] == ["person0@example.com"]
    subject = str(make_header(decode_header(messages[0]["Subject"])))
    assert subject.startswith("TODAY: Arbitration window closes (day 160) — MO — KMC Telecom")


def test_two_workers_racing_send_nothing_twice(seed, redis, dirs, workers):
    mail_dir, var_dir = dirs
    reminders = due_reminders(seed, 60)
    workers.append(Worker(redis.url, mail_dir, var_dir, REMINDER_BATCH_SIZE="7").start())
    workers.append(Worker(redis.url, mail_dir, var_dir, REMINDER_BATCH_SIZE="7").start())
    for _ in range(6):
        trigger_sweep(redis.url)
    wait_for(lambda: all_sent(reminders), 90, "all 60 reminders to be sent")
    recipients = Counter(m["To"] for m in sent_mail(mail_dir))
    assert len(recipients) == 60
    assert set(recipients.values()) == {1}
    assert sum("deadlines.sweep" in w.log.read_text() for w in workers) == 2, "both workers took sweeps"


def test_a_worker_killed_after_claiming_the_reminder_is_delivered_once_after_the_lease(
    seed, redis, dirs, workers
):
    mail_dir, var_dir = dirs
    [reminder] = due_reminders(seed, 1)
    doomed = Worker(
        redis.url, mail_dir, var_dir, TRACKER_FAULT="after_claim:120", REMINDER_LEASE_SECONDS="3"
    ).start()
    workers.append(doomed)
    trigger_sweep(redis.url)
    wait_for(lambda: Reminder.objects.get(pk=reminder.pk).status == "claimed", 60, "the claim")
    doomed.kill()
    workers.append(Worker(redis.url, mail_dir, var_dir, REMINDER_LEASE_SECONDS="3").start())
    wait_for(
        lambda: Reminder.objects.get(pk=reminder.pk).next_attempt_at <= timezone.now(), 10, "the lease to end"
    )
    trigger_sweep(redis.url)
    wait_for(lambda: all_sent([reminder]), 60, "the reminder to be sent after the lease")
    assert [m["To"] for m in sent_mail(mail_dir)] == ["person0@example.com"]
    assert Reminder.objects.get(pk=reminder.pk).attempts == 2


def test_redis_down_during_a_sweep_loses_nothing_and_sends_nothing_twice(seed, redis, dirs, workers):
    mail_dir, var_dir = dirs
    [first] = due_reminders(seed, 1)
    workers.append(Worker(redis.url, mail_dir, var_dir, TRACKER_FAULT="after_claim:3").start())
    trigger_sweep(redis.url)
    wait_for(lambda: Reminder.objects.get(pk=first.pk).status == "claimed", 60, "the claim")
    redis.stop()  # the broker dies while the sweep is sending
    wait_for(lambda: all_sent([first]), 60, "the sweep to finish without the broker")
    redis.start()
    second = Reminder.objects.create(
        deadline=first.deadline,
        lead_days=1,
        recipient=first.recipient,
        next_attempt_at=timezone.now() - timedelta(seconds=1),
    )

    def sweep_goes_through() -> bool:
        trigger_sweep(redis.url)
        return Reminder.objects.get(pk=second.pk).status == "sent"

    wait_for(
        lambda: all_sent([second]) or sweep_goes_through(), 90, "the worker to sweep again once Redis is back"
    )
    wait_for(lambda: all_sent([second]), 30, "the second reminder")
    assert [m["To"] for m in sent_mail(mail_dir)] == ["person0@example.com", "person0@example.com"]
    assert Reminder.objects.filter(status="sent").count() == 2


def test_the_embedded_filesystem_broker_runs_the_same_sweep(seed, dirs, workers):
    mail_dir, var_dir = dirs
    [reminder] = due_reminders(seed, 1)
    workers.append(Worker("filesystem://", mail_dir, var_dir).start())
    queue = var_dir / "celery" / "queue"
    trigger_sweep(
        "filesystem://",
        broker_transport_options={
            "data_folder_in": str(queue),
            "data_folder_out": str(queue),
            "control_folder": str(var_dir / "celery" / "control"),
        },
    )
    wait_for(lambda: all_sent([reminder]), 60, "the reminder via the filesystem broker")
    assert [m["To"] for m in sent_mail(mail_dir)] == ["person0@example.com"]
