from django_tasks import task

from assemblies import roster
from assemblies.models import RosterImport


@task()
def check_roster(roster_import_id):
    """The dry run of an uploaded roster, in the task worker."""
    roster.check(RosterImport.objects.select_related("assembly").get(pk=roster_import_id))


@task()
def import_roster(roster_import_id):
    """Import the good rows of a checked roster, in the task worker."""
    roster.confirm(RosterImport.objects.select_related("assembly", "created_by").get(pk=roster_import_id))
