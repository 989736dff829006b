from django_tasks import task

from operations import retention


@task()
def apply_retention():
    """Every night: run every app's retention rule (accounts/personal_data.py), then book the next night."""
    try:
        return retention.apply().as_dict()
    finally:
        # Booked even when this run fails: a broken night must not end the schedule for good.
        retention.schedule_daily()
