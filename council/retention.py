"""Retention of the council's personal data (KVKK, Law 6698 art. 7): registered in CouncilConfig.ready().

Following an opinion serves the weekly digest. Once the opinion's journey has ended (done, dropped, rejected or
noted), its follows are kept `RETENTION_ENDED_OPINION_FOLLOW_DAYS` from that last step, so the digest can still
tell the end, then deleted; a digest whose person then follows nothing goes with them. Follows of assemblies and
bodies last as long as the person keeps them (they unfollow, stop the digest or delete their account).
"""

from django.db.models import Exists, OuterRef

from accounts import personal_data
from council.models import Follow, FollowDigest, Opinion

DEFAULT_ENDED_OPINION_FOLLOW_DAYS = 90
ENDED = [Opinion.Status.DONE, Opinion.Status.DROPPED, Opinion.Status.REJECTED, Opinion.Status.NOTED]


def due_follows(cutoff):
    """Follows of opinions whose journey ended before `cutoff`."""
    return Follow.objects.filter(opinion__status__in=ENDED, opinion__status_on__lt=cutoff.date())


def delete_follows(cutoff, now, size):
    deleted = personal_data.delete_in_batches(due_follows(cutoff), size)
    emptied = FollowDigest.objects.exclude(Exists(Follow.objects.filter(user=OuterRef("user"))))
    digests = personal_data.delete_in_batches(emptied, size)
    return {"ended_opinion_follows": deleted, "digests": digests}


RULES = [
    personal_data.RetentionRule(
        name="ended_opinion_follows",
        app="council",
        what="follows of opinions whose journey ended, from its last step: deleted (an emptied digest too)",
        setting="RETENTION_ENDED_OPINION_FOLLOW_DAYS",
        default_days=DEFAULT_ENDED_OPINION_FOLLOW_DAYS,
        due=due_follows,
        apply=delete_follows,
        labels={"digests": "weekly digests left with nothing followed"},
    )
]
