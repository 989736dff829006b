"""Retention of the council's personal data (KVKK, Law 6698 art. 7): registered in CouncilConfig.ready().

Following an opinion serves the weekly digest. Once the opinion's journey has ended (done, dropped, rejected or
noted), its follows are kept `RETENTION_ENDED_OPINION_FOLLOW_DAYS` from that last step, so the digest can still
tell the end, then deleted; a digest whose person then follows nothing goes with them. Follows of assemblies and
bodies last as long as the person keeps them (they unfollow, stop the digest or delete their account).

A bulletin's copies hold each recipient's address and the link to their membership, needed to send and to honour
an unsubscribe; `RETENTION_BULLETIN_RECIPIENT_DAYS` after the bulletin was sent both are removed, and the copy
stays as a figure (sent, bounced, failed, unsubscribed) on the bulletin. A withdrawn bulletin agreement is kept as
the proof that bulletins went only with agreement and stopped when it was withdrawn;
`RETENTION_WITHDRAWN_BULLETIN_CONSENT_DAYS` after the withdrawal it is deleted.

A seat's e-mail and phone (its holder's and substitute's) serve the invitations to the body's meetings. Once the
seat's term has ended they are kept `RETENTION_ENDED_SEAT_CONTACT_DAYS`, then removed; the names, roles,
organisations and terms stay, as the body's public history.
"""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts import personal_data
from council.models import BulletinConsent, BulletinRecipient, Follow, FollowDigest, Opinion, Seat

DEFAULT_ENDED_OPINION_FOLLOW_DAYS = 90
DEFAULT_BULLETIN_RECIPIENT_DAYS = 180
DEFAULT_WITHDRAWN_BULLETIN_CONSENT_DAYS = 730
ENDED = [Opinion.Status.DONE, Opinion.Status.DROPPED, Opinion.Status.REJECTED, Opinion.Status.NOTED]


def due_follows(cutoff):
    """Follows of opinions whose journey ended before `cutoff`."""
    return Follow.objects.filter(opinion__status__in=ENDED, opinion__status_on__lt=timezone.localdate(cutoff))


def emptied_digests(cutoff):
    """A dry run's count of the digests the rule deletes: those of people left following nothing."""
    remaining = Follow.objects.exclude(pk__in=due_follows(cutoff).values("pk"))
    emptied = FollowDigest.objects.exclude(Exists(remaining.filter(user=OuterRef("user"))))
    return {"digests": emptied.count()}


def delete_follows(cutoff, now, size):
    deleted = personal_data.delete_in_batches(due_follows(cutoff), size)
    emptied = FollowDigest.objects.exclude(Exists(Follow.objects.filter(user=OuterRef("user"))))
    digests = personal_data.delete_in_batches(emptied, size)
    return {"ended_opinion_follows": deleted, "digests": digests}


def due_recipients(cutoff):
    return BulletinRecipient.objects.filter(bulletin__sent_at__lt=cutoff).exclude(email="", membership__isnull=True)


def forget_recipients(cutoff, now, size):
    return {
        "bulletin_recipients": personal_data.update_in_batches(due_recipients(cutoff), size, email="", membership=None)
    }


def due_consents(cutoff):
    return BulletinConsent.objects.filter(withdrawn_at__lt=cutoff)


def delete_consents(cutoff, now, size):
    return {"withdrawn_bulletin_consents": personal_data.delete_in_batches(due_consents(cutoff), size)}


DEFAULT_ENDED_SEAT_CONTACT_DAYS = 365
SEAT_CONTACTS = {"holder_email": "", "holder_phone": "", "substitute_email": "", "substitute_phone": ""}


def due_seat_contacts(cutoff):
    """Seats whose term ended before `cutoff` and that still keep an e-mail or phone."""
    return Seat.objects.filter(ends_on__lt=timezone.localdate(cutoff)).exclude(**SEAT_CONTACTS)


def remove_seat_contacts(cutoff, now, size):
    return {"ended_seat_contacts": personal_data.update_in_batches(due_seat_contacts(cutoff), size, **SEAT_CONTACTS)}


RULES = [
    personal_data.RetentionRule(
        name="ended_opinion_follows",
        app="council",
        what="follows of opinions whose journey ended, from its last step: deleted (an emptied digest too)",
        setting="RETENTION_ENDED_OPINION_FOLLOW_DAYS",
        default_days=DEFAULT_ENDED_OPINION_FOLLOW_DAYS,
        due=due_follows,
        apply=delete_follows,
        details=emptied_digests,
        labels={"digests": "weekly digests left with nothing followed"},
    ),
    personal_data.RetentionRule(
        name="bulletin_recipients",
        app="council",
        what="bulletin copies (address, member), from the sending: address and member removed, status kept",
        setting="RETENTION_BULLETIN_RECIPIENT_DAYS",
        default_days=DEFAULT_BULLETIN_RECIPIENT_DAYS,
        due=due_recipients,
        apply=forget_recipients,
    ),
    personal_data.RetentionRule(
        name="withdrawn_bulletin_consents",
        app="council",
        what="bulletin agreements withdrawn, from the withdrawal: deleted",
        setting="RETENTION_WITHDRAWN_BULLETIN_CONSENT_DAYS",
        default_days=DEFAULT_WITHDRAWN_BULLETIN_CONSENT_DAYS,
        due=due_consents,
        apply=delete_consents,
    ),
    personal_data.RetentionRule(
        name="ended_seat_contacts",
        app="council",
        what="e-mails and phones of a council seat's holder and substitute, from the end of the term: removed",
        setting="RETENTION_ENDED_SEAT_CONTACT_DAYS",
        default_days=DEFAULT_ENDED_SEAT_CONTACT_DAYS,
        due=due_seat_contacts,
        apply=remove_seat_contacts,
    ),
]
