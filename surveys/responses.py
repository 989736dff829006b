"""Storing answers: one per account or browser by constraint, anonymous ones with no link to the person."""

import secrets
from decimal import Decimal

from allauth.core.internal.ratelimit import get_ip
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts import limits
from assemblies.models import age_group_key, age_on
from surveys.models import Answer, Participation, Question, Response, SurveyPage

BROWSER_COOKIE = "kk_anket"
TOKEN_SALT = "surveys.respondent"


class AlreadyAnswered(Exception):
    pass


def _token(survey, identity):
    """A one-way code for (survey, person or browser): the same person always gets the same code, and the code
    cannot be turned back into the person without the site's secret key."""
    return salted_hmac(TOKEN_SALT, f"{survey.canonical.pk}:{identity}", algorithm="sha256").hexdigest()


def respondent_for(request, survey):
    """The respondent code for this request, or None when the survey needs an account and there is none."""
    if request.user.is_authenticated:
        return _token(survey, f"user:{request.user.pk}")
    if survey.audience != SurveyPage.Audience.ANYONE:
        return None
    browser = request.COOKIES.get(BROWSER_COOKIE) or getattr(request, "_survey_browser", None)
    if not browser:
        browser = secrets.token_urlsafe(24)
        request._survey_browser = browser
    return _token(survey, f"browser:{browser}")


def remember_browser(request, response):
    """Set the browser cookie chosen in `respondent_for` (a random id: nothing about the person)."""
    browser = getattr(request, "_survey_browser", None)
    if browser:
        response.set_cookie(
            BROWSER_COOKIE, browser, max_age=365 * 24 * 3600, httponly=True, samesite="Lax", secure=request.is_secure()
        )
    return response


def address_may_answer(request, survey):
    """Whether one more answer without an account may come from this address today (and count it if so).

    The browser cookie is what stops a second answer to a survey open to anyone, and clearing it is easy; this
    limit does not depend on it. Signed-in answers are one per account already."""
    if request.user.is_authenticated:
        return True
    # allauth's own reading of the address: behind the configured proxies, IPv6 taken per /64.
    address = get_ip(request)
    return limits.consume(request, ("survey_response_address", f"{survey.canonical.pk}:{address}")) is None


def existing(survey, respondent):
    """What shows this respondent answered already: their Response, or in an anonymous survey only the
    Participation (no answer, no day), or None."""
    if respondent is None:
        return None
    if survey.canonical.anonymous:
        return Participation.objects.filter(survey_id=survey.canonical.pk, respondent=respondent).first()
    return Response.objects.filter(survey_id=survey.canonical.pk, respondent=respondent).first()


def unordered_pk():
    """A number for an anonymous answer or one of its parts, drawn at random below zero: the database's own
    numbers (above zero, in the order rows arrive) would place it between the named answers sent just before
    and after, whose person and time are known."""
    return -1 - secrets.randbelow(2**62)


def age_group(birth_date, day):
    return age_group_key(age_on(birth_date, day) if birth_date else None)


def parts_of(survey, questions, answers):
    """The Answer rows that let the database count `answers`."""
    kinds = {question.key: question.kind for question in questions}
    rows = []
    for key, value in answers.items():
        kind = kinds.get(key)
        if kind is None:
            continue
        if kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT, Question.Kind.DATE):
            rows.append(Answer(survey=survey, question_key=key, text=value))
        elif kind == Question.Kind.MULTIPLE:
            rows.extend(Answer(survey=survey, question_key=key, option=option) for option in value)
        elif kind in (Question.Kind.MATRIX, Question.Kind.RANKING):
            rows.extend(
                Answer(survey=survey, question_key=key, option=part, number=Decimal(number))
                for part, number in value.items()
            )
        elif kind in (Question.Kind.SCALE, Question.Kind.NUMBER):
            rows.append(Answer(survey=survey, question_key=key, number=Decimal(str(value))))
        else:
            rows.append(Answer(survey=survey, question_key=key, option=str(value)))
    return rows


def save(survey, respondent, user, answers):
    """Store (or, where allowed, replace) one respondent's answers; AlreadyAnswered when a second is refused."""
    survey = survey.canonical
    if survey.anonymous:
        return _save_anonymous(survey, respondent, answers)
    questions = survey.question_list()
    now = timezone.now()
    with transaction.atomic():
        response = (
            Response.objects.select_for_update().filter(survey=survey, respondent=respondent).first()
            if survey.changes_allowed
            else None
        )
        if response is None:
            response = Response(
                survey=survey, respondent=respondent, submitted_on=timezone.localdate(now), submitted_at=now
            )
            if user is not None and user.is_authenticated:
                response.user = user
                response.neighbourhood_id = user.neighbourhood_id
                response.age_group = age_group(user.birth_date, timezone.localdate(now))
        else:
            response.changed_at = now
        response.answers = answers
        try:
            with transaction.atomic():
                response.save()
        except IntegrityError as error:
            raise AlreadyAnswered from error
        response.parts.all().delete()
        parts = parts_of(survey, questions, answers)
        for part in parts:
            part.response = response
        Answer.objects.bulk_create(parts)
    return response


def _save_anonymous(survey, respondent, answers):
    """Two rows that nothing joins: that this respondent answered (the constraint stops a second time), and
    the answer, with only the day, under a random number."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                Participation.objects.create(survey=survey, respondent=respondent)
        except IntegrityError as error:
            raise AlreadyAnswered from error
        response = Response(pk=unordered_pk(), survey=survey, answers=answers, submitted_on=timezone.localdate())
        response.save(force_insert=True)
        parts = parts_of(survey, survey.question_list(), answers)
        for part in parts:
            part.pk, part.response = unordered_pk(), response
        Answer.objects.bulk_create(parts)
    return response


# The person's own data (KVKK)


def _participations(user):
    """The anonymous surveys this account answered: only that it answered, as Participation keeps it."""
    surveys = Participation.objects.order_by().values_list("survey_id", flat=True).distinct()
    codes = [salted_hmac(TOKEN_SALT, f"{pk}:user:{user.pk}", algorithm="sha256").hexdigest() for pk in surveys]
    return Participation.objects.filter(respondent__in=codes)


def export_for_person(user):
    found = Response.objects.filter(user=user).select_related("survey").order_by("submitted_on", "pk")
    named = [
        {
            "survey": response.survey.title,
            "submitted_on": response.submitted_on.isoformat(),
            "answers": response.answers,
        }
        for response in found
    ]
    # An anonymous answer cannot be found from the person: only that they answered is theirs.
    anonymous = [
        {"survey": participation.survey.title, "anonymous": True}
        for participation in _participations(user).select_related("survey").order_by("survey__title")
    ]
    return named + anonymous


def detach_person(user):
    """On erasure the answers stay in the survey's figures, with nothing left that points to the person."""
    Response.objects.filter(user=user).update(
        user=None, neighbourhood=None, age_group="", submitted_at=None, changed_at=None
    )
    _participations(user).delete()
