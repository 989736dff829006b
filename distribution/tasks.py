from django_tasks import task

from distribution import imports
from distribution.models import RecipientImport


@task()
def check_recipients(import_id):
    """The dry run of an uploaded recipient book, in the task worker."""
    imports.check(RecipientImport.objects.get(pk=import_id))


@task()
def import_recipients(import_id):
    """Import the good rows of a checked recipient book, in the task worker."""
    imports.confirm(RecipientImport.objects.get(pk=import_id))
