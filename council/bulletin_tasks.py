"""The task worker's side of sending a bulletin: one batch at a time, the next booked after a pause.

Kept apart from the rules (council/bulletins.py) so that the worker imports only what it runs.
"""

from django.utils import timezone
from django_tasks import task


@task()
def send_batch(bulletin_id):
    """Send one batch of a bulletin's waiting copies, then book the next after `BATCH_PAUSE`."""
    from council import bulletins

    if not bulletins.send_batch(bulletin_id):
        return
    if send_batch.get_backend().supports_defer:
        send_batch.using(run_after=timezone.now() + bulletins.BATCH_PAUSE).enqueue(bulletin_id)
    else:  # a queue that runs tasks at once (development, tests): the next batch straight away
        send_batch.enqueue(bulletin_id)
