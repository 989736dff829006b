"""The resident's "Is it fixed?" link: a signed token over the case and its answer, opened without logging in.

The token names the case by its uuid (never the tracking number or its code) and the moment it was answered,
so it is good for one answer to one answering: once the resident has said yes or no, or staff have reopened or
closed the case, the link says so politely; a case answered again gets a new link. It expires after
COMPLAINTS_FEEDBACK_DAYS (60 days by default).
"""

import datetime
import uuid

from django.conf import settings
from django.core import signing

SALT = "complaints.feedback"


def max_age():
    return datetime.timedelta(days=getattr(settings, "COMPLAINTS_FEEDBACK_DAYS", 60))


def _stamp(answered_at):
    # To the microsecond, as the database keeps it: two answerings are never one.
    return round(answered_at.timestamp() * 1_000_000)


def token(case):
    """The token for the case's current answer (the case must be answered)."""
    return signing.TimestampSigner(salt=SALT).sign(f"{case.uuid.hex}.{signing.b62_encode(_stamp(case.answered_at))}")


class Expired(Exception):
    """A genuine link, older than its validity."""


def read(value):
    """(case uuid, answered-at stamp) of a genuine, unexpired token; None for anything not made here.

    Raises Expired for a genuine token past its validity.
    """
    signer = signing.TimestampSigner(salt=SALT)
    try:
        payload = signer.unsign(value, max_age=max_age())
    except signing.SignatureExpired as expired:
        raise Expired from expired
    except signing.BadSignature:
        return None
    case_hex, _dot, stamp = payload.partition(".")
    try:
        return uuid.UUID(hex=case_hex), signing.b62_decode(stamp)
    except ValueError:
        return None


def is_current(case, stamp):
    """True while the case still waits for the resident's word on the answer the token was made for."""
    return case.status == case.Status.ANSWERED and case.answered_at is not None and _stamp(case.answered_at) == stamp
