"""Retention of survey answers (KVKK, Law 6698 art. 7): registered in SurveysConfig.ready().

The respondent code (an HMAC that the site's secret key can tie back to the account or browser) is
kept for `RETENTION_SURVEY_TOKEN_DAYS` after the survey closed, so a person can still see and
correct their answers and the results can be checked for duplicates. Then it is replaced by a random
one, and the account and the exact times are dropped, so the answers remain only as the survey's
figures.

Who answered an anonymous survey (Participation: the survey and the same kind of code, nothing of the
answer) is deleted after the same period: the survey is closed, so there is no second answer to stop.
"""

import secrets

from django.db.models import Exists, Min, OuterRef, Q
from django.db.models.functions import Coalesce
from wagtail.models import PageLogEntry

from accounts import personal_data
from surveys.models import Participation, Response, SurveyPage

DEFAULT_SURVEY_TOKEN_DAYS = 180


def closed_surveys(cutoff):
    """Surveys closed before `cutoff`: by their closing time, or (with none set) unpublished before it."""
    unpublished = PageLogEntry.objects.filter(page=OuterRef("pk"), action__startswith="wagtail.unpublish")
    return SurveyPage.objects.filter(
        Q(closes_at__lt=cutoff)
        | (
            Q(closes_at__isnull=True, live=False)
            & Exists(unpublished.filter(timestamp__lt=cutoff))
            & ~Exists(unpublished.filter(timestamp__gte=cutoff))
        )
    )


def due_responses(cutoff):
    return Response.objects.filter(survey__in=closed_surveys(cutoff).values("pk"), anonymised_at__isnull=True)


def response_details(cutoff):
    due = due_responses(cutoff)
    return {
        "surveys": due.order_by().values("survey").distinct().count(),
        "survey_user_links": due.filter(user__isnull=False).count(),
    }


def oldest_survey(cutoff):
    pending = Response.objects.filter(survey=OuterRef("pk"), anonymised_at__isnull=True)
    return (
        closed_surveys(cutoff)
        .filter(Exists(pending))
        .order_by()
        .aggregate(oldest=Min(Coalesce("closes_at", "last_published_at")))["oldest"]
    )


def anonymise_responses(cutoff, now, size):
    counts = {"survey_responses": 0, "surveys": 0, "survey_user_links": 0}
    surveys = set()
    for batch in personal_data.locked_batches(due_responses(cutoff), ["pk", "survey_id", "user_id"], size):
        # Random, so it proves nothing about anyone; as long as an HMAC, and unique, as the constraint needs.
        for response in batch:
            response.respondent = secrets.token_hex(32)
        Response.objects.bulk_update(batch, ["respondent"])
        Response.objects.filter(pk__in=[response.pk for response in batch]).update(
            user=None, submitted_at=None, changed_at=None, anonymised_at=now
        )
        surveys.update(response.survey_id for response in batch)
        counts["survey_responses"] += len(batch)
        counts["survey_user_links"] += sum(1 for response in batch if response.user_id)
    counts["surveys"] = len(surveys)
    return counts


def due_participations(cutoff):
    return Participation.objects.filter(survey__in=closed_surveys(cutoff).values("pk"))


def delete_participations(cutoff, now, size):
    """Who answered an anonymous survey stops a second answer; once the survey is closed long enough, it goes."""
    deleted = 0
    for batch in personal_data.locked_batches(due_participations(cutoff), ["pk"], size):
        Participation.objects.filter(pk__in=[row.pk for row in batch]).delete()
        deleted += len(batch)
    return {"survey_participations": deleted}


RULES = [
    personal_data.RetentionRule(
        name="survey_responses",
        app="surveys",
        what="survey answers, from the survey's close: respondent code replaced, account and times dropped",
        setting="RETENTION_SURVEY_TOKEN_DAYS",
        default_days=DEFAULT_SURVEY_TOKEN_DAYS,
        due=due_responses,
        apply=anonymise_responses,
        details=response_details,
        oldest=oldest_survey,
        labels={"surveys": "surveys", "survey_user_links": "of them linked to an account (link removed)"},
    ),
    personal_data.RetentionRule(
        name="survey_participations",
        app="surveys",
        what="who answered an anonymous survey (survey and one-way code, no answer), from the survey's close: deleted",
        setting="RETENTION_SURVEY_TOKEN_DAYS",
        default_days=DEFAULT_SURVEY_TOKEN_DAYS,
        due=due_participations,
        apply=delete_participations,
    ),
]
