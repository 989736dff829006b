"""Anonymous surveys keep no link from an answer to its person: who answered is a separate list, without answers."""

import csv
import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.utils import timezone

from places.models import Neighbourhood
from surveys import responses
from surveys.models import Answer, Participation, Response, SurveyPage
from tests.factories import UserFactory
from tests.surveys.conftest import Q, make_survey, question
from tests.surveys.test_answering import _answer_all, field, step

ANONYMOUS_NOTICE = (
    "Yanıtlarınız adınızla ya da hesabınızla ilişkilendirilmeden saklanır; yalnızca yanıt verip vermediğiniz "
    "kaydedilir."
)


def _values(instance):
    return [getattr(instance, item.attname) for item in instance._meta.concrete_fields]


@pytest.mark.django_db
def test_an_anonymous_answer_holds_nothing_that_leads_back_to_the_person(client, priorities):
    priorities.anonymous = True
    priorities.save_revision().publish()
    person = UserFactory(neighbourhood=Neighbourhood.objects.first())
    client.force_login(person)
    assert _answer_all(client, priorities).status_code == 302

    code = responses._token(priorities, f"user:{person.pk}")
    stored = Response.objects.get()
    # No account, no code of the account (which the site's key could tie back), no time of day, no mahalle.
    assert stored.user_id is None and stored.respondent == ""
    assert stored.submitted_at is None and stored.changed_at is None
    assert stored.neighbourhood_id is None and stored.age_group == ""
    assert stored.submitted_on == timezone.localdate()
    assert code not in [str(value) for value in _values(stored)]
    assert all(code not in [str(value) for value in _values(part)] for part in Answer.objects.all())
    # Who answered is kept apart: the survey and the code, nothing of the answer and no time.
    who = Participation.objects.get()
    assert (who.survey_id, who.respondent) == (priorities.pk, code)
    assert {item.name for item in Participation._meta.get_fields()} == {"id", "survey", "respondent"}

    # The person still cannot answer twice, and is told so.
    again = client.get(priorities.url)
    assert again.context["answered"] and "form" not in again.context
    assert "Bu ankete daha önce yanıt verdiniz" in again.content.decode()
    _answer_all(client, priorities)
    assert Response.objects.count() == 1 and Participation.objects.count() == 1


@pytest.mark.django_db
def test_an_open_anonymous_survey_takes_one_answer_per_browser_with_no_code_on_the_answer(client, survey_index):
    survey = make_survey(
        survey_index,
        [question(Q.YES_NO, "Parkımız temiz mi?")],
        title="Park anketi",
        audience=SurveyPage.Audience.ANYONE,
        anonymous=True,
    )
    key = field(survey, "Parkımız temiz mi?")
    assert step(client, survey, 1, **{key: "yes"}).status_code == 302
    assert step(client, survey, 1, **{key: "no"}).status_code == 200
    assert step(client.__class__(), survey, 1, **{key: "no"}).status_code == 302
    assert list(Response.objects.values_list("respondent", flat=True)) == ["", ""]
    assert Participation.objects.filter(survey=survey).count() == 2


@pytest.mark.django_db
def test_the_order_of_anonymous_answers_does_not_follow_the_named_answers_around_them(survey_index):
    """Someone who answers a named survey, then (from its thank-you page) an anonymous one, then another named
    one: the anonymous answer's number must not fall between the two named ones, which carry the person."""
    named = make_survey(survey_index, [question(Q.YES_NO, "Evet mi?")], title="Adlı", slug="adli")
    second = make_survey(survey_index, [question(Q.YES_NO, "Evet mi?")], title="Adlı iki", slug="adli-iki")
    hidden = make_survey(survey_index, [question(Q.YES_NO, "Evet mi?")], title="Gizli", slug="gizli", anonymous=True)
    person = UserFactory()
    numbers = []
    for survey in (named, hidden, second):
        key = survey.question_list()[0].key
        response = responses.save(survey, responses._token(survey, f"user:{person.pk}"), person, {key: "yes"})
        numbers.append(response.pk)
    before, anonymous, after = numbers
    assert before < after and not before < anonymous < after
    anonymous_parts = Answer.objects.filter(survey=hidden).values_list("pk", flat=True)
    named_parts = sorted(Answer.objects.exclude(survey=hidden).values_list("pk", flat=True))
    assert all(not named_parts[0] < part < named_parts[-1] for part in anonymous_parts)


@pytest.mark.django_db
def test_results_and_exports_of_an_anonymous_survey_count_every_answer(client, survey_index, django_user_model):
    survey = make_survey(
        survey_index,
        [question(Q.YES_NO, "Parkımız temiz mi?")],
        title="Park anketi",
        audience=SurveyPage.Audience.ANYONE,
        anonymous=True,
    )
    key = field(survey, "Parkımız temiz mi?")
    for answer in ("yes", "yes", "no"):
        step(client.__class__(), survey, 1, **{key: answer})
    client.force_login(django_user_model.objects.create_superuser(email="admin@example.org", password="x"))
    report = client.get(survey.url + "sonuclar/").context["report"]
    assert report.total == 3
    text = b"".join(client.get(f"/admin/surveys/{survey.pk}/export/csv/").streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["Yanıt no", "Tarih", "Parkımız temiz mi?"]
    # Numbered 1, 2, 3 in the file: the stored numbers say nothing and are not shown.
    assert [row[0] for row in table[1:]] == ["1", "2", "3"]
    assert sorted(row[2] for row in table[1:]) == ["Evet", "Evet", "Hayır"]


@pytest.mark.django_db
def test_the_survey_page_says_what_is_kept_with_an_answer(client, survey_index, user, settings):
    settings.RETENTION_SURVEY_TOKEN_DAYS = 180
    hidden = make_survey(survey_index, [question(Q.YES_NO, "Evet mi?")], title="Gizli", slug="gizli", anonymous=True)
    named = make_survey(survey_index, [question(Q.YES_NO, "Evet mi?")], title="Adlı", slug="adli")
    client.force_login(user)
    anonymous_page = client.get(hidden.url).content.decode()
    named_page = client.get(named.url).content.decode()
    assert ANONYMOUS_NOTICE in anonymous_page
    assert ANONYMOUS_NOTICE not in named_page
    assert "hesabınızla birlikte saklanır" in named_page
    assert "Anket kapandıktan 180 gün sonra" in named_page
    # Open to anyone and not signed in: a code in the browser, not an account.
    client.logout()
    named.audience = SurveyPage.Audience.ANYONE
    named.save_revision().publish()
    browser_page = client.get(named.url).content.decode()
    assert "bu tarayıcıda tutulan bir kodla" in browser_page and "hesabınızla" not in browser_page


@pytest.mark.django_db
def test_an_anonymous_survey_cannot_let_people_change_their_answer(client, priorities, user):
    # Nothing ties an anonymous answer to its person, so there is nothing to open again.
    priorities.anonymous = True
    priorities.allow_changes = True
    priorities.save_revision().publish()
    client.force_login(user)
    _answer_all(client, priorities)
    again = client.get(priorities.url)
    assert again.context["answered"] and "form" not in again.context
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_existing_anonymous_answers_lose_their_code_and_keep_who_answered_apart(client, priorities):
    """The data migration: answers stored with the old one-way code keep their figures, lose the code, and the
    person still cannot answer a second time."""
    priorities.anonymous = True
    priorities.save_revision().publish()
    person, other = UserFactory(), UserFactory()
    scale_key = field(priorities, "Meclisin çalışmalarından memnun musunuz?")
    for someone, value in ((person, 5), (other, 3)):
        old = Response.objects.create(
            survey=priorities,
            respondent=responses._token(priorities, f"user:{someone.pk}"),
            answers={scale_key: value},
            submitted_on=timezone.localdate(),
        )
        Answer.objects.create(survey=priorities, response=old, question_key=scale_key, number=value)
    named = make_survey(priorities.get_parent(), [question(Q.YES_NO, "Evet mi?")], title="Adlı", slug="adli")
    kept = Response.objects.create(
        survey=named, respondent="named-code", user=person, submitted_on=timezone.localdate()
    )

    migration = importlib.import_module("surveys.migrations.0003_participation_anonymous_answers_unlinked")
    migration.unlink_anonymous_answers(apps, None)

    assert set(Response.objects.filter(survey=priorities).values_list("respondent", flat=True)) == {""}
    assert sorted(Answer.objects.filter(survey=priorities).values_list("number", flat=True)) == [3, 5]
    assert set(Participation.objects.values_list("respondent", flat=True)) == {
        responses._token(priorities, f"user:{person.pk}"),
        responses._token(priorities, f"user:{other.pk}"),
    }
    assert Response.objects.get(pk=kept.pk).respondent == "named-code"  # named surveys are left as they were
    client.force_login(person)
    assert client.get(priorities.url).context["answered"]


@pytest.mark.django_db
def test_who_answered_an_anonymous_survey_is_deleted_when_the_retention_period_ends(survey_index, settings):
    from operations import retention

    settings.RETENTION_SURVEY_TOKEN_DAYS = 180
    now = timezone.now()
    old = make_survey(
        survey_index,
        [question(Q.YES_NO, "Evet mi?")],
        title="Eski",
        slug="eski",
        anonymous=True,
        closes_at=now - datetime.timedelta(days=200),
    )
    recent = make_survey(
        survey_index,
        [question(Q.YES_NO, "Evet mi?")],
        title="Yeni",
        slug="yeni",
        anonymous=True,
        closes_at=now - datetime.timedelta(days=30),
    )
    person = UserFactory()
    for survey in (old, recent):
        key = survey.question_list()[0].key
        responses.save(survey, responses._token(survey, f"user:{person.pk}"), person, {key: "yes"})
    assert retention.apply(dry_run=True, now=now).counts["survey_participations"] == 1
    report = retention.apply(now=now)
    assert report.counts["survey_participations"] == 1
    assert list(Participation.objects.values_list("survey_id", flat=True)) == [recent.pk]
    # The answers stay in the figures.
    assert Response.objects.filter(survey=old).count() == 1
    assert retention.apply(now=now).counts["survey_participations"] == 0


@pytest.mark.django_db
def test_a_person_sees_and_erases_only_that_they_answered_an_anonymous_survey(survey_index):
    hidden = make_survey(survey_index, [question(Q.YES_NO, "Evet mi?")], title="Gizli", slug="gizli", anonymous=True)
    person, other = UserFactory(), UserFactory()
    key = hidden.question_list()[0].key
    for someone in (person, other):
        responses.save(hidden, responses._token(hidden, f"user:{someone.pk}"), someone, {key: "yes"})
    assert responses.export_for_person(person) == [{"survey": "Gizli", "anonymous": True}]
    responses.detach_person(person)
    assert responses.export_for_person(person) == []
    # The other person's record stays, and both answers stay in the figures.
    assert responses.export_for_person(other) == [{"survey": "Gizli", "anonymous": True}]
    assert Response.objects.filter(survey=hidden).count() == 2


@pytest.mark.django_db
def test_an_anonymous_survey_says_how_long_the_record_of_answering_is_kept_and_what_holds_it(
    client, survey_index, user, settings
):
    settings.RETENTION_SURVEY_TOKEN_DAYS = 180
    hidden = make_survey(survey_index, [question(Q.YES_NO, "Evet mi?")], title="Gizli", slug="gizli", anonymous=True)
    client.force_login(user)
    page = client.get(hidden.url).content.decode()
    assert ANONYMOUS_NOTICE in page
    assert "Bu kayıt da anket kapandıktan 180 gün sonra silinir." in page  # the rule survey_participations
    assert "tarayıcıda" not in page
    # Open to anyone and not signed in: what records it is a code in this browser.
    client.logout()
    hidden.audience = SurveyPage.Audience.ANYONE
    hidden.save_revision().publish()
    page = client.get(hidden.url).content.decode()
    assert "Hesabınız yoksa bunu bu tarayıcıda tutulan bir kod kaydeder." in page
    assert "Bu kayıt da anket kapandıktan 180 gün sonra silinir." in page
