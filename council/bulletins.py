"""Bulletins to an assembly's members: who agreed to them, who a bulletin goes to, and how it is sent.

Only approved members who agreed to receive an assembly's bulletins (a `BulletinConsent` not withdrawn)
and who have an e-mail address get one. The agreement is kept like the KVKK consents: the wording agreed to,
when, and how (on the portal, or a signed paper form a coordinator recorded); a withdrawal is dated.

Sending: `start_sending` freezes the recipients (one `BulletinRecipient` each, with its unsubscribe token)
and queues `council.bulletin_tasks.send_batch`, which the task worker runs in batches of `BATCH_SIZE`
with a pause of `BATCH_PAUSE` between them. Every message carries a one-click unsubscribe (RFC 8058).
"""

import datetime
import smtplib

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from assemblies.coordinators import coordinated_assemblies
from assemblies.models import AGE_GROUPS, AssemblyPage, Membership
from council.access import is_secretariat
from council.models import Bulletin, BulletinConsent, BulletinRecipient

BATCH_SIZE = 50
BATCH_PAUSE = datetime.timedelta(seconds=60)


class BulletinError(Exception):
    """A bulletin that cannot be sent as asked (already sent, no recipients)."""


# Who may write -------------------------------------------------------------------------------------------


def writable_assemblies(user):
    """The assemblies `user` may write bulletins for: every assembly for the secretariat, else their own."""
    if is_secretariat(user):
        return AssemblyPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("path")
    return coordinated_assemblies(user)


def visible_bulletins(user):
    """The bulletins `user` sees in the admin: all for the secretariat, else their assemblies'."""
    if not user.is_authenticated or not user.is_active:
        return Bulletin.objects.none()
    if is_secretariat(user):
        return Bulletin.objects.all()
    if not user.has_perm("council.view_bulletin") and not user.has_perm("council.change_bulletin"):
        return Bulletin.objects.none()
    return Bulletin.objects.filter(assembly__in=coordinated_assemblies(user))


def may_write(user, bulletin):
    return visible_bulletins(user).filter(pk=bulletin.pk).exists()


# The agreement ---------------------------------------------------------------------------------------------


def consent_wording(assembly, language=None):
    """The sentence a member agrees to, in `language` (the active one by default)."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        return str(
            _(
                "I agree to receive the bulletins of %(assembly)s of the Ümraniye City Council by e-mail at the "
                "address I gave. I can withdraw this at any time on my bulletin preferences page or with the "
                "unsubscribe link in every bulletin."
            )
            % {"assembly": assembly.title}
        )


def paper_wording(assembly):
    return str(_("%(wording)s (Signed on a paper form.)") % {"wording": consent_wording(assembly)})


@transaction.atomic
def agree(membership, via=BulletinConsent.Via.PORTAL, recorded_by=None, wording=None, now=None):
    """Record the member's agreement to the assembly's bulletins (again, after a withdrawal)."""
    if membership.state != Membership.State.APPROVED:
        raise PermissionDenied
    now = now or timezone.now()
    if wording is None:
        wording = paper_wording(membership.assembly) if via == BulletinConsent.Via.PAPER else None
        wording = wording or consent_wording(membership.assembly)
    consent, _created = BulletinConsent.objects.update_or_create(
        membership=membership,
        defaults={"wording": wording, "given_at": now, "withdrawn_at": None, "via": via, "recorded_by": recorded_by},
    )
    return consent


def withdraw(membership, now=None):
    """Withdraw the member's agreement (dated, the record kept); whether there was one standing."""
    return bool(
        BulletinConsent.objects.filter(membership=membership, withdrawn_at__isnull=True).update(
            withdrawn_at=now or timezone.now()
        )
    )


def consenting_members(assembly):
    """Approved members of `assembly` with an address who agreed to its bulletins and have not withdrawn."""
    return (
        Membership.objects.approved()
        .filter(assembly=assembly, bulletin_consent__isnull=False, bulletin_consent__withdrawn_at__isnull=True)
        .exclude(email="")
    )


# Recipients ----------------------------------------------------------------------------------------------


def recipients(bulletin, day=None):
    """The memberships a bulletin goes to: those who agreed, in its segment; one per address."""
    members = consenting_members(bulletin.assembly)
    segment = bulletin.segment
    if segment == Bulletin.Segment.NEIGHBOURHOOD:
        members = members.filter(neighbourhood_id=bulletin.neighbourhood_id) if bulletin.neighbourhood_id else None
    elif segment == Bulletin.Segment.AGE_GROUP:
        members = members.in_age_group(bulletin.age_group, day)
    elif segment == Bulletin.Segment.COMMISSION:
        members = members.filter(commissions=bulletin.commission_id).distinct() if bulletin.commission_id else None
    return members if members is not None else Membership.objects.none()


def recipient_count(bulletin, day=None):
    return recipients(bulletin, day).values("email").distinct().count()


def segment_label(bulletin):
    """The recipients in words: "All members", "Members in Çakmak", ..."""
    if bulletin.segment == Bulletin.Segment.NEIGHBOURHOOD and bulletin.neighbourhood_id:
        return _("Members in %(place)s") % {"place": bulletin.neighbourhood.name}
    if bulletin.segment == Bulletin.Segment.AGE_GROUP:
        label = dict((key, label) for key, label, _low, _high in AGE_GROUPS).get(bulletin.age_group, "")
        return _("Members aged %(group)s") % {"group": label}
    if bulletin.segment == Bulletin.Segment.COMMISSION and bulletin.commission_id:
        return _("Members of %(commission)s") % {"commission": bulletin.commission.name}
    return bulletin.get_segment_display()


def counts(bulletin):
    """How the copies of a bulletin fared: {"total", "queued", "sent", "bounced", "failed", "unsubscribed"}."""
    Status = BulletinRecipient.Status
    found = bulletin.recipients.aggregate(
        total=Count("pk"),
        queued=Count("pk", filter=Q(status=Status.QUEUED)),
        sent=Count("pk", filter=Q(status=Status.SENT)),
        bounced=Count("pk", filter=Q(status=Status.BOUNCED)),
        failed=Count("pk", filter=Q(status=Status.FAILED)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
    )
    found["done"] = found["total"] - found["queued"]
    found["percent"] = round(100 * found["done"] / found["total"]) if found["total"] else 100
    return found


# The message -----------------------------------------------------------------------------------------------


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def unsubscribe_url(token):
    with translation.override(settings.LANGUAGE_CODE):
        return absolute(reverse("council:bulletin_unsubscribe", args=[token]))


def render(bulletin, token="", language=None):
    """The e-mail as (subject, text, html, headers) for the copy with `token` (a sample link when empty)."""
    language = language or settings.LANGUAGE_CODE
    link = unsubscribe_url(token or "ornek")
    with translation.override(language):
        context = {
            "bulletin": bulletin,
            "assembly": bulletin.assembly,
            "paragraphs": [part.strip() for part in bulletin.text.replace("\r\n", "\n").split("\n\n") if part.strip()],
            "unsubscribe_url": link,
            "preferences_url": absolute(reverse("council:bulletin_preferences")),
        }
        text = render_to_string("council/bulletins/email.txt", context, using="text")
        html = render_to_string("council/bulletins/email.html", context)
    subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{bulletin.assembly.title}: {bulletin.subject}"
    headers = {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return subject, text, html, headers


# Sending -----------------------------------------------------------------------------------------------------


def start_sending(bulletin, user, now=None):
    """Freeze the recipients of a draft and queue its sending; how many copies will go.

    Raises BulletinError for a bulletin already sending or sent (a second click, a second tab) or one with
    nobody to send to, and PermissionDenied for someone who may not write it.
    """
    from config.tasks import enqueue_on_commit
    from council.bulletin_tasks import send_batch

    with transaction.atomic():
        locked = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        if not may_write(user, locked):
            raise PermissionDenied
        if locked.state != Bulletin.State.DRAFT:
            raise BulletinError(_("This bulletin has already been sent."))
        people = {}
        for pk, email in recipients(locked).order_by("pk").values_list("pk", "email"):
            people.setdefault(email, pk)
        if not people:
            raise BulletinError(_("Nobody in these recipients agreed to receive bulletins."))
        BulletinRecipient.objects.bulk_create(
            BulletinRecipient(bulletin=locked, membership_id=pk, email=email) for email, pk in people.items()
        )
        locked.state = Bulletin.State.SENDING
        locked.save(update_fields=["state"])
        enqueue_on_commit(send_batch, locked.pk)
    bulletin.refresh_from_db()
    return len(people)


def send_batch(bulletin_id, size=None, now=None):
    """Send the next batch of a bulletin's waiting copies; whether any are left (the caller queues the next).

    No transaction is held while the mail server answers (on SQLite it would hold every writer of the site
    for the whole batch): each copy is claimed by one conditional update before it is sent, so two workers
    that ran the same batch would still send each copy once.
    """
    size = size or BATCH_SIZE
    bulletin = Bulletin.objects.select_related("assembly").filter(pk=bulletin_id, state=Bulletin.State.SENDING).first()
    if bulletin is None:
        return False
    waiting = bulletin.recipients.filter(status=BulletinRecipient.Status.QUEUED)
    batch = list(waiting.select_related("membership__bulletin_consent").order_by("pk")[:size])
    connection = get_connection()
    try:
        connection.open()
        for recipient in batch:
            _send_one(bulletin, recipient, connection, now or timezone.now())
    finally:
        connection.close()
    left = waiting.exists()
    if not left:
        Bulletin.objects.filter(pk=bulletin.pk, state=Bulletin.State.SENDING).update(
            state=Bulletin.State.SENT, sent_at=now or timezone.now()
        )
    return left


def _send_one(bulletin, recipient, connection, now):
    copy = BulletinRecipient.objects.filter(pk=recipient.pk, status=BulletinRecipient.Status.QUEUED)
    membership = recipient.membership
    consent = getattr(membership, "bulletin_consent", None) if membership else None
    if membership is None or consent is None or not consent.active or membership.state != Membership.State.APPROVED:
        # Withdrew (or left) between the click on "Send" and this batch: they get nothing.
        copy.delete()
        return
    if not copy.update(status=BulletinRecipient.Status.SENT, sent_at=now):
        return  # another worker has it
    subject, text, html, headers = render(bulletin, recipient.token, membership.language)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [recipient.email], headers=headers, connection=connection
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused:
        status = BulletinRecipient.Status.BOUNCED
    except Exception:  # a mail server's failure is recorded on the copy, not raised into the batch
        status = BulletinRecipient.Status.FAILED
    else:
        return
    BulletinRecipient.objects.filter(pk=recipient.pk).update(status=status, sent_at=None)


# Unsubscribing -----------------------------------------------------------------------------------------------


@transaction.atomic
def unsubscribe(token, now=None):
    """The one-click unsubscribe: withdraw the agreement of the copy's member; the copy, or None if unknown."""
    now = now or timezone.now()
    recipient = BulletinRecipient.objects.select_for_update().filter(token=token).first()
    if recipient is None:
        return None
    if recipient.unsubscribed_at is None:
        recipient.unsubscribed_at = now
        recipient.save(update_fields=["unsubscribed_at"])
    if recipient.membership_id:
        withdraw(recipient.membership, now)
    return recipient


# Personal data -------------------------------------------------------------------------------------------------


def _addresses(user):
    return {user.email.lower(), *(address.lower() for address in user.emailaddress_set.values_list("email", flat=True))}


def export_personal_data(user):
    """The person's bulletin agreements and the bulletins sent to them, for the data download."""
    consents = BulletinConsent.objects.filter(membership__user=user).select_related("membership__assembly")
    copies = (
        BulletinRecipient.objects.filter(Q(membership__user=user) | Q(email__in=_addresses(user) - {""}))
        .select_related("bulletin__assembly")
        .order_by("pk")
    )
    return {
        "agreements": [
            {
                "assembly": consent.membership.assembly.title,
                "wording": consent.wording,
                "given_at": consent.given_at.isoformat(),
                "given_by": str(consent.get_via_display()),
                "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
            }
            for consent in consents.order_by("given_at", "pk")
        ],
        "bulletins_received": [
            {
                "assembly": copy.bulletin.assembly.title,
                "subject": copy.bulletin.subject,
                "email": copy.email,
                "status": str(copy.get_status_display()),
                "sent_at": copy.sent_at.isoformat() if copy.sent_at else None,
                "unsubscribed_at": copy.unsubscribed_at.isoformat() if copy.unsubscribed_at else None,
            }
            for copy in copies
        ],
    }


def erase_personal_data(user):
    """With the account: the addresses on the copies sent to the person go (the agreements go with the
    memberships); the copies stay as figures."""
    BulletinRecipient.objects.filter(Q(membership__user=user) | Q(email__in=_addresses(user) - {""})).update(
        email="", membership=None
    )


def connect():
    """What CouncilConfig.ready() registers for bulletins: the data download, retention, links, the assembly page."""
    from accounts import personal_data
    from assemblies import components

    # The retention rules (council/retention.py) are registered with the council's others in CouncilConfig.ready().
    personal_data.register(personal_data.Section("council_bulletins", export_personal_data, erase_personal_data))
    personal_data.account_links.append((_("My bulletin preferences"), "council:bulletin_preferences"))
    components.register(
        components.Component(
            name="bulletins",
            heading=_("Bulletins"),
            template="council/bulletins/assembly_component.html",
            items=lambda assembly, request: None,
            order=90,
        )
    )
