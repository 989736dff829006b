"""Staff's publishing check of a report: the text the public reads, hiding and showing it again.

Only the call centre checks (`may_moderate`); each step is written to the case's history like any other change.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import cases
from complaints.masking import mask_for_case
from complaints.models import Case, CaseEvent


def may_moderate(user):
    """The call centre (who sees every case and changes cases) and administrators."""
    return user.is_active and (
        user.is_superuser or (user.has_perm("complaints.view_all_cases") and user.has_perm("complaints.change_case"))
    )


def suggested_text(case):
    """What staff start from: the public text already checked, else the resident's own, masked."""
    if case.moderated_at:
        return case.public_description
    return mask_for_case(case.description, case)


def waiting():
    """Cases whose resident agreed to publishing and that staff have not checked yet."""
    return Case.objects.public().filter(moderated_at__isnull=True)


def _yes_no(value):
    return _("Yes") if value else _("No")


@transaction.atomic
def check(case, text, hidden, actor):
    """Save the checked public text and whether the report is hidden; the text shows from now on."""
    text = text.strip()
    changes = {}
    if text != case.public_description:
        changes["public_description"] = [case.public_description, text]
    if bool(hidden) != case.hidden_from_public:
        changes["hidden_from_public"] = [_yes_no(case.hidden_from_public), _yes_no(hidden)]
    first = case.moderated_at is None
    case.public_description = text
    case.hidden_from_public = bool(hidden)
    case.moderated_at = timezone.now()
    case.moderated_by = actor
    case.save(update_fields=["public_description", "hidden_from_public", "moderated_at", "moderated_by"])
    if changes or first:
        cases.record(case, CaseEvent.Action.CHANGED, actor, changes, message=_("Checked for publishing"))
    return case


@transaction.atomic
def set_hidden(case, hidden, actor):
    """Hide the report from everything public, or show it again."""
    if bool(hidden) == case.hidden_from_public:
        return case
    changes = {"hidden_from_public": [_yes_no(case.hidden_from_public), _yes_no(hidden)]}
    case.hidden_from_public = bool(hidden)
    case.save(update_fields=["hidden_from_public"])
    cases.record(case, CaseEvent.Action.CHANGED, actor, changes)
    return case
