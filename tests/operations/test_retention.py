"""KVKK retention: finished cases and closed surveys lose what ties them to a person, and nothing else."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageLogEntry

from accounts import personal_data
from complaints import cases, statistics
from complaints import tasks as complaint_tasks
from complaints.models import (
    Attachment,
    Case,
    CaseEvent,
    CaseNote,
    Channel,
    Delivery,
    Notification,
    RemoteUpdate,
    Topic,
)
from complaints.photos import CleanPhoto
from operations import retention, tasks
from places.models import Neighbourhood
from surveys import responses
from surveys.models import Answer, Question, Response, SurveyIndexPage, SurveyPage
from tests.conftest import publish
from tests.factories import UserFactory

NOW = timezone.now()
LONG_AGO = NOW - datetime.timedelta(days=800)
NAME, PHONE, EMAIL = "Ayşe Yılmaz", "+905321234567", "ayse@example.org"
ANSWER = f"Sayın {NAME}, çukur onarıldı. Sorunuz olursa 0532 123 45 67 numarasından Fen İşleri size ulaşacak."


@pytest.fixture(autouse=True)
def quiet(settings):
    settings.SMS_BACKEND = "complaints.sms.LocmemBackend"
    settings.RETENTION_CLOSED_CASE_DAYS = 730
    settings.RETENTION_SURVEY_TOKEN_DAYS = 180


def photo(number):
    return CleanPhoto(
        content=b"\xff\xd8\xff" + bytes([number]) * 64 + b"\xff\xd9",
        extension="jpg",
        content_type="image/jpeg",
        width=8,
        height=8,
    )


def file_case(user=None, photos=1, received_at=LONG_AGO, **fields):
    """A case filed with a photo, as the suggestion box files it, its notices written to the outbox and sent, as
    the task worker does."""
    case = cases.file_case(
        channel=Channel.SUGGESTION_BOX,
        kind=Case.Kind.COMPLAINT,
        topic=Topic.objects.get(name="Asfalt Onarımı"),
        neighbourhood=Neighbourhood.objects.get(name="Çakmak"),
        address="Çakmak Mah. Gülsüm Sok. No: 7 Daire 3",
        latitude="41.012345",
        longitude="29.123456",
        description=f"Evimin önündeki çukur, ben {NAME}, telefonum {PHONE}.",
        name=NAME,
        phone=PHONE,
        email=EMAIL,
        reply_by=Case.ReplyBy.EMAIL,
        consent_at=received_at,
        user=user,
        photos=[photo(n) for n in range(photos)],
        received_at=received_at,
        **fields,
    )
    complaint_tasks.send_new_case.call(None, case.pk)
    return case


def backdate(case, to):
    """Move everything that happened to the case so far back to `to`."""
    CaseEvent.objects.filter(case=case).update(at=to)
    Notification.objects.filter(case=case).update(created_at=to)
    Case.objects.filter(pk=case.pk, answered_at__isnull=False).update(answered_at=to, answered_on=to.date())


def closed_case(user=None, closed_at=LONG_AGO):
    case = file_case(user=user, photos=2)
    cases.add_note(case, f"{NAME} aradı, ev adresinde bulunamadı.")
    cases.answer(case, ANSWER)
    backdate(case, LONG_AGO)
    cases.set_status(Case.objects.get(pk=case.pk), Case.Status.CLOSED, message=f"{EMAIL} adresine yanıt gitti")
    CaseEvent.objects.filter(case=case, action=CaseEvent.Action.STATUS).update(at=closed_at)
    Delivery.objects.create(case=case, status=Delivery.Status.DELIVERED, last_error=f"echo: {PHONE}")
    RemoteUpdate.objects.create(
        update_id=f"upd-{case.pk}",
        case=case,
        payload={"update_id": f"upd-{case.pk}", "status": "closed", "answer": ANSWER, "note": NAME, "reference": "B-1"},
    )
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def register(db):
    """Two cases closed long ago, one closed recently, one open for as long, and one rejected long ago."""
    person = UserFactory()
    old = [closed_case(user=person), closed_case()]
    recent = closed_case(closed_at=NOW - datetime.timedelta(days=10))
    still_open = file_case(user=person)
    rejected = file_case()
    cases.set_status(rejected, Case.Status.REJECTED)
    backdate(rejected, LONG_AGO)
    return {"old": old, "rejected": rejected, "recent": recent, "open": still_open, "person": person}


def snapshot(case):
    """Everything stored about a case and what hangs off it."""
    case = Case.objects.get(pk=case.pk)
    return {
        "case": model_to_dict(case, exclude=[]),
        "answer": case.public_answer,
        "notes": list(case.notes.values_list("text", flat=True)),
        "attachments": [(a.file.name, a.file.storage.exists(a.file.name)) for a in case.attachments.all()],
        "notifications": list(case.notifications.values_list("recipient", "body", "last_error")),
        "events": list(case.events.values_list("action", "message", "changes")),
        "updates": list(case.remote_updates.values_list("payload", flat=True)),
    }


CASE_AND_SURVEY_FIGURES = [
    "cases",
    "attachments",
    "notes",
    "notifications",
    "handoff_updates",
    "surveys",
    "survey_responses",
    "survey_user_links",
]


def figures():
    report = statistics.report(LONG_AGO.date() - datetime.timedelta(days=1), NOW.date(), today=NOW.date())
    return [(table.key, table.rows, table.total) for table in report.tables]


def test_a_dry_run_counts_what_would_go_and_changes_nothing(register):
    everything = [*register["old"], register["rejected"], register["recent"], register["open"]]
    before = [snapshot(case) for case in everything]

    report = retention.apply(dry_run=True)

    assert {key: report.counts[key] for key in CASE_AND_SURVEY_FIGURES} == {
        "cases": 3,
        "attachments": 5,
        "notes": 2,
        # Each old closed case: e-mail and SMS on filing, e-mail with the answer; the rejected one: on filing.
        "notifications": 8,
        "handoff_updates": 2,
        "surveys": 0,
        "survey_responses": 0,
        "survey_user_links": 0,
    }
    assert report.oldest["cases"] == LONG_AGO
    assert [snapshot(case) for case in everything] == before

    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "dry run" in out.getvalue() and re.search(r"complaints\s+cases\s+3\s+730 days", out.getvalue())
    assert [snapshot(case) for case in everything] == before


def test_only_cases_finished_long_ago_lose_their_personal_data(register):
    kept = {key: snapshot(register[key]) for key in ("recent", "open")}
    old = register["old"][0]
    photos = [attachment.file.name for attachment in old.attachments.all()]
    storage = Attachment.file.field.storage
    assert photos and all(storage.exists(name) for name in photos)
    figures_before = figures()
    dry = retention.apply(dry_run=True)

    report = retention.apply()

    assert report.counts == dry.counts
    for key in ("recent", "open"):
        assert snapshot(register[key]) == kept[key]

    case = Case.objects.get(pk=old.pk)
    assert case.anonymised_at is not None
    assert (case.name, case.phone, case.email, case.address) == ("", "", "", "")
    assert case.latitude is None and case.longitude is None and case.user is None
    assert NAME not in case.description and PHONE not in case.description
    # What the statistics and the annual report count stays as it was.
    for name in ("kind", "channel", "topic_id", "directorate_id", "neighbourhood_id", "status", "received_at"):
        assert getattr(case, name) == getattr(old, name)
    assert (case.answered_on, case.completed_in, case.due_on) == (old.answered_on, old.completed_in, old.due_on)
    assert figures() == figures_before
    # The answer stays, without the citizen in it.
    assert "çukur onarıldı" in case.public_answer
    assert "Ayşe" not in case.public_answer and "Yılmaz" not in case.public_answer
    assert "0532" not in case.public_answer

    assert not Attachment.objects.filter(case=case).exists()
    assert not any(storage.exists(name) for name in photos)
    assert not CaseNote.objects.filter(case=case).exists()
    for recipient, body, error in case.notifications.values_list("recipient", "body", "last_error"):
        assert (recipient, error) == ("", "") and NAME not in body and "çukur onarıldı" not in body
    for message, changes in case.events.values_list("message", "changes"):
        assert NAME not in message and EMAIL not in message and "Ayşe" not in str(changes)
    assert case.events.last().message  # the history says what happened, and when
    assert Delivery.objects.get(case=case).last_error == ""
    assert RemoteUpdate.objects.get(case=case).payload == {
        "update_id": f"upd-{case.pk}",
        "status": "closed",
        "reference": "B-1",
    }
    assert Case.objects.get(pk=register["rejected"].pk).anonymised_at is not None
    # The account itself is untouched; it is only no longer linked.
    assert register["person"].cases.get() == register["open"]


def test_a_second_run_finds_nothing_to_do(register):
    retention.apply()
    after = [snapshot(case) for case in Case.objects.all()]

    again = retention.apply()

    assert again.total == 0 and not any(again.counts.values())
    assert again.oldest["cases"] is None and again.oldest["survey_responses"] is None
    assert [snapshot(case) for case in Case.objects.all()] == after


def test_the_work_is_done_in_batches_of_bounded_queries(register, settings, django_assert_max_num_queries):
    for _ in range(3):
        closed_case()
    # One batch for six cases and their dependents: the queries do not grow with the number of cases.
    settings.RETENTION_BATCH_SIZE = 100
    rule = next(rule for rule in personal_data.retention_rules() if rule.name == "cases")
    now = timezone.now()
    with django_assert_max_num_queries(30):
        counts = rule.apply(rule.cutoff(now), now, retention.batch_size())
    assert counts["cases"] == 6
    assert not Case.objects.retention_due(rule.cutoff(now)).exists()


def test_small_batches_take_every_case(register, settings):
    for _ in range(2):
        closed_case()
    settings.RETENTION_BATCH_SIZE = 2
    assert retention.apply().counts["cases"] == 5
    assert Case.objects.filter(anonymised_at__isnull=False).count() == 5


# Survey answers


@pytest.fixture
def survey_index(home_page):
    return publish(SurveyIndexPage(title="Anketler", slug="anketler"), parent=home_page)


def survey(parent, slug, closes_at, anonymous=False):
    page = SurveyPage(
        title=slug,
        slug=slug,
        intro="Parkların geleceği.",
        audience=SurveyPage.Audience.SIGNED_IN,
        anonymous=anonymous,
        closes_at=closes_at,
    )
    page.questions = [Question(kind=Question.Kind.SCALE, label="Memnun musunuz?", sort_order=0)]
    parent.add_child(instance=page)
    return publish(page)


def answer(page, user):
    key = page.question_list()[0].key
    respondent = responses._token(page, f"user:{user.pk}")
    return responses.save(page, respondent, user, {key: 4})


@pytest.fixture
def surveys(survey_index):
    people = [UserFactory(), UserFactory()]
    pages = {
        "old": survey(survey_index, "eski", NOW - datetime.timedelta(days=200)),
        "old_anonymous": survey(survey_index, "eski-anonim", NOW - datetime.timedelta(days=365), anonymous=True),
        "recent": survey(survey_index, "yeni-kapandi", NOW - datetime.timedelta(days=30)),
        "open": survey(survey_index, "acik", None),
    }
    for page in pages.values():
        for person in people:
            answer(page, person)
    return pages, people


def test_survey_codes_are_replaced_after_the_survey_closed_long_enough(surveys):
    pages, people = surveys
    kept = {key: list(Response.objects.filter(survey=pages[key]).order_by("pk").values()) for key in ("recent", "open")}
    counted = sorted(Answer.objects.values_list("response_id", "question_key", "number"))

    dry = retention.apply(dry_run=True)
    assert dry.counts["surveys"] == 2 and dry.counts["survey_responses"] == 4
    assert dry.counts["survey_user_links"] == 2  # the anonymous survey never kept the account
    assert dry.oldest["survey_responses"] == pages["old_anonymous"].closes_at
    assert Response.objects.filter(anonymised_at__isnull=False).count() == 0

    report = retention.apply()

    assert report.counts["surveys"] == 2 and report.counts["survey_responses"] == 4
    for key in ("old", "old_anonymous"):
        for response, person in zip(Response.objects.filter(survey=pages[key]).order_by("pk"), people, strict=True):
            assert response.anonymised_at is not None
            assert response.user is None and response.submitted_at is None and response.changed_at is None
            assert re.fullmatch(r"[0-9a-f]{64}", response.respondent)
            assert response.respondent != responses._token(pages[key], f"user:{person.pk}")
            assert response.submitted_on and response.answers
    for key in ("recent", "open"):
        assert list(Response.objects.filter(survey=pages[key]).order_by("pk").values()) == kept[key]
    # The figures are untouched.
    assert sorted(Answer.objects.values_list("response_id", "question_key", "number")) == counted
    assert retention.apply().counts["survey_responses"] == 0


def test_a_survey_without_a_closing_time_counts_from_its_unpublishing(surveys):
    pages, _people = surveys
    page = pages["open"]
    page.unpublish()
    assert retention.apply(dry_run=True).counts["survey_responses"] == 4
    PageLogEntry.objects.filter(page=page, action="wagtail.unpublish").update(
        timestamp=NOW - datetime.timedelta(days=181)
    )
    assert retention.apply(dry_run=True).counts["survey_responses"] == 6


# The nightly task


def test_the_task_runs_and_books_itself_for_the_next_night(register, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    result = tasks.apply_retention.call()

    assert result["counts"]["cases"] == 3
    booked = DBTaskResult.objects.get(task_path="operations.tasks.apply_retention", status="READY")
    run_at = timezone.localtime(booked.run_after)
    assert (run_at.hour, run_at.minute) == (3, 0) and booked.run_after > timezone.now()
    assert booked.run_after - timezone.now() <= datetime.timedelta(days=1)

    out = io.StringIO()
    call_command("apply_retention", "--schedule", stdout=out)
    assert "already waiting" in out.getvalue()
    assert DBTaskResult.objects.filter(task_path="operations.tasks.apply_retention").count() == 1
