from django_tasks_db.management.commands import db_worker

from operations.workers import Heartbeat


class Command(db_worker.Command):
    help = (
        "Run a task worker on the database queue (django-tasks-db's db_worker) with a heartbeat, so the "
        "other workers run again any task this one was working on should it die."
    )

    def handle(self, *args, worker_id, **options):
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            heartbeat.stop()
