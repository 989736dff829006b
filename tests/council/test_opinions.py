"""Opinions and their journey to the municipal council's answer: the order of the steps, who records them, the
public list with its filters and overview, and each opinion's timeline."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assemblies.coordinators import ensure_coordinator_group
from council import access, opinions
from council.models import AgendaItem, Body, Meeting, Opinion, OpinionStep
from tests.conftest import publish
from tests.factories import AssemblyPageFactory, UserFactory

Kind = OpinionStep.Kind
Answer = OpinionStep.Answer
TODAY = timezone.localdate()


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def world(assembly_index):
    """Two assemblies, each with its board and a coordinator; the secretariat; a general assembly."""
    kadin = publish(AssemblyPageFactory(parent=assembly_index, title="Kadın Meclisi", slug="kadin-meclisi"))
    genclik = publish(AssemblyPageFactory(parent=assembly_index, title="Gençlik Meclisi", slug="genclik-meclisi"))

    def coordinator(assembly):
        user = UserFactory()
        user.groups.add(access.grant_coordinators(ensure_coordinator_group(assembly)))
        return user

    secretary = UserFactory(email="sekreter@example.org")
    secretary.groups.add(access.ensure_secretariat_group())
    return {
        "kadin": kadin,
        "genclik": genclik,
        "kadin_board": Body.objects.create(
            name="Kadın Meclisi Yürütme Kurulu", slug="kadin-yk", kind=Body.Kind.ASSEMBLY_BOARD, assembly=kadin
        ),
        "genclik_board": Body.objects.create(
            name="Gençlik Meclisi Yürütme Kurulu", slug="genclik-yk", kind=Body.Kind.ASSEMBLY_BOARD, assembly=genclik
        ),
        "general": Body.objects.create(name="Genel Kurul", slug="genel-kurul", kind=Body.Kind.GENERAL_ASSEMBLY),
        "kadin_coordinator": coordinator(kadin),
        "genclik_coordinator": coordinator(genclik),
        "secretary": secretary,
        "citizen": UserFactory(),
    }


def form(world, body="general", user="secretary", date=None, title="Sokak hayvanları için bakımevi", **extra):
    return opinions.form_opinion(
        world[body],
        title,
        "Belediyemizin sokak hayvanları için geçici bakımevi kurmasını öneririz.",
        extra.pop("topic", "animals"),
        extra.pop("neighbourhoods", []),
        world[user],
        date=date or days_ago(120),
        **extra,
    )


def journey(opinion, user, start=100, answer=Answer.ACCEPTED, until=Kind.ANSWERED):
    """Send, put on the agenda and answer `opinion`, from `start` days ago, stopping after `until`."""
    opinions.record_step(opinion, Kind.SENT, days_ago(start), user, letter_reference="E-2026/1")
    if until == Kind.SENT:
        return opinion
    opinions.record_step(
        opinion, Kind.ON_AGENDA, days_ago(start - 10), user, council_meeting_on=days_ago(start - 20),
        council_item_number="7",
    )  # fmt: skip
    if until == Kind.ON_AGENDA:
        return opinion
    opinions.record_step(
        opinion, Kind.ANSWERED, days_ago(start - 20), user, answer=answer, decision_number="2026/41",
        decision_text="Öneri kabul edilmiştir.",
    )  # fmt: skip
    return opinion


@pytest.mark.django_db
class TestJourney:
    def test_forming_numbers_the_year_and_records_the_first_step(self, world):
        first = form(world)
        second = form(world, title="Moloz toplama günleri")
        assert (first.year, first.sequence, second.sequence) == (days_ago(120).year, 1, 2)
        assert second.number == f"{days_ago(120).year}/2"
        step = first.steps.get()
        assert (step.kind, step.date, step.recorded_by, step.recorded_as) == (
            Kind.FORMED,
            days_ago(120),
            world["secretary"],
            OpinionStep.RecordedAs.SECRETARIAT,
        )
        assert (first.status, first.status_on) == (Opinion.Status.FORMED, days_ago(120))

    def test_forming_from_an_agenda_item_takes_its_meeting(self, world):
        meeting = Meeting.objects.create(
            body=world["kadin_board"], starts_at=timezone.now() - datetime.timedelta(days=30), place="Meclis salonu"
        )
        item = AgendaItem.objects.create(meeting=meeting, title="Kadın kooperatifi", votes_for=9, votes_against=1)
        opinion = opinions.form_opinion(
            item, "Kadın kooperatifine yer", "Metin", "social", [], world["kadin_coordinator"]
        )
        assert (opinion.body, opinion.agenda_item) == (world["kadin_board"], item)
        assert opinion.steps.get().date == timezone.localtime(meeting.starts_at).date()
        assert opinion.steps.get().recorded_as == OpinionStep.RecordedAs.COORDINATOR

    def test_answered_before_sent_is_refused(self, world):
        opinion = form(world)
        with pytest.raises(ValidationError) as refusal:
            opinions.record_step(
                opinion, Kind.ANSWERED, days_ago(10), world["secretary"], answer=Answer.ACCEPTED,
                decision_number="1", decision_text="Kabul",
            )  # fmt: skip
        assert "gönderilmeden" in " ".join(refusal.value.messages)
        assert opinion.steps.count() == 1

    def test_a_milestone_after_a_rejection_is_refused(self, world):
        opinion = journey(form(world), world["secretary"], answer=Answer.REJECTED)
        with pytest.raises(ValidationError) as refusal:
            opinions.record_step(opinion, Kind.MILESTONE, TODAY, world["secretary"], progress=20, note="Yer bulundu.")
        assert "kabul" in " ".join(refusal.value.messages)
        opinion.refresh_from_db()
        assert opinion.status == Opinion.Status.REJECTED

    def test_a_step_dated_before_the_previous_is_refused(self, world):
        opinion = journey(form(world), world["secretary"], until=Kind.SENT)
        with pytest.raises(ValidationError) as refusal:
            opinions.record_step(
                opinion, Kind.ON_AGENDA, days_ago(101), world["secretary"], council_meeting_on=days_ago(90),
                council_item_number="3",
            )  # fmt: skip
        assert "önceki" in refusal.value.message_dict["date"][0]

    def test_a_step_in_the_future_or_after_the_end_is_refused(self, world):
        opinion = form(world)
        with pytest.raises(ValidationError) as future:
            opinions.record_step(
                opinion, Kind.SENT, TODAY + datetime.timedelta(days=1), world["secretary"], letter_reference="E-1"
            )
        assert "ileri" in future.value.message_dict["date"][0]
        opinions.record_step(opinion, Kind.DROPPED, TODAY, world["secretary"], note="Konu başka yolla çözüldü.")
        with pytest.raises(ValidationError) as ended:
            opinions.record_step(opinion, Kind.SENT, TODAY, world["secretary"], letter_reference="E-1")
        assert "sona erdi" in ended.value.message_dict["kind"][0]

    def test_each_kind_asks_for_its_own_fields(self, world):
        opinion = form(world)
        with pytest.raises(ValidationError) as missing:
            opinions.record_step(opinion, Kind.SENT, TODAY, world["secretary"])
        assert set(missing.value.message_dict) == {"letter_reference"}
        journey(opinion, world["secretary"], until=Kind.ON_AGENDA)
        with pytest.raises(ValidationError) as missing:
            opinions.record_step(opinion, Kind.ANSWERED, TODAY, world["secretary"])
        assert set(missing.value.message_dict) == {"answer", "decision_number", "decision_text"}

    def test_status_and_progress_follow_the_latest_step(self, world):
        secretary = world["secretary"]
        opinion = form(world)
        journey(opinion, secretary, until=Kind.SENT)
        opinion.refresh_from_db()
        assert (opinion.status, opinion.status_on) == (Opinion.Status.SENT, days_ago(100))
        opinions.record_step(
            opinion, Kind.ON_AGENDA, days_ago(90), secretary, council_meeting_on=days_ago(80), council_item_number="7"
        )
        opinions.record_step(
            opinion, Kind.ANSWERED, days_ago(80), secretary, answer=Answer.COMMISSION, decision_number="2026/3",
            decision_text="İmar komisyonuna havale edildi.",
        )  # fmt: skip
        opinion.refresh_from_db()
        assert opinion.status == Opinion.Status.COMMISSION
        opinions.record_step(opinion, Kind.MILESTONE, days_ago(40), secretary, progress=30, note="Proje çizildi.")
        opinion.refresh_from_db()
        assert (opinion.status, opinion.progress, opinion.status_on) == (
            Opinion.Status.IN_PROGRESS,
            30,
            days_ago(40),
        )
        opinions.record_step(opinion, Kind.DONE, days_ago(5), secretary)
        opinion.refresh_from_db()
        assert (opinion.status, opinion.progress) == (Opinion.Status.DONE, 100)
        assert [step.kind for step in opinion.steps.all()] == [
            Kind.FORMED, Kind.SENT, Kind.ON_AGENDA, Kind.ANSWERED, Kind.MILESTONE, Kind.DONE
        ]  # fmt: skip

    def test_coordinators_record_only_on_their_own_bodies(self, world):
        kadin = form(world, body="kadin_board", user="kadin_coordinator")
        with pytest.raises(PermissionDenied):
            form(world, body="kadin_board", user="genclik_coordinator")
        with pytest.raises(PermissionDenied):
            opinions.record_step(kadin, Kind.SENT, TODAY, world["genclik_coordinator"], letter_reference="E-9")
        with pytest.raises(PermissionDenied):
            opinions.record_step(kadin, Kind.SENT, TODAY, world["citizen"], letter_reference="E-9")
        with pytest.raises(PermissionDenied):
            form(world, body="general", user="kadin_coordinator")
        opinions.record_step(kadin, Kind.SENT, TODAY, world["secretary"], letter_reference="E-9")
        assert kadin.steps.count() == 2


def test_first_meeting_deadline_is_the_first_week_of_the_next_month():
    assert opinions.first_meeting_deadline(datetime.date(2026, 3, 2)) == datetime.date(2026, 4, 7)
    assert opinions.first_meeting_deadline(datetime.date(2026, 3, 31)) == datetime.date(2026, 4, 7)
    assert opinions.first_meeting_deadline(datetime.date(2026, 12, 15)) == datetime.date(2027, 1, 7)


@pytest.mark.django_db
def test_overview_counts_answers_at_the_first_meeting_and_the_waiting(world):
    secretary = world["secretary"]
    sent_on = datetime.date(TODAY.year - 1, 3, 10)
    in_time = form(world, date=sent_on)
    opinions.record_step(in_time, Kind.SENT, sent_on, secretary, letter_reference="E-1")
    meeting = datetime.date(sent_on.year, 4, 3)
    opinions.record_step(
        in_time, Kind.ON_AGENDA, meeting, secretary, council_meeting_on=meeting, council_item_number="4"
    )
    opinions.record_step(
        in_time, Kind.ANSWERED, datetime.date(sent_on.year, 4, 7), secretary, answer=Answer.NOTED,
        decision_number="5", decision_text="Bilgi edinildi.",
    )  # fmt: skip
    late = form(world, date=sent_on)
    opinions.record_step(late, Kind.SENT, sent_on, secretary, letter_reference="E-2")
    later = datetime.date(sent_on.year, 4, 8)
    opinions.record_step(late, Kind.ON_AGENDA, later, secretary, council_meeting_on=later, council_item_number="1")
    opinions.record_step(
        late, Kind.ANSWERED, later, secretary, answer=Answer.ACCEPTED, decision_number="6", decision_text="Kabul."
    )
    waiting_long = form(world, date=days_ago(200))
    opinions.record_step(waiting_long, Kind.SENT, days_ago(200), secretary, letter_reference="E-3")
    waiting_short = form(world, date=days_ago(20))
    opinions.record_step(waiting_short, Kind.SENT, days_ago(10), secretary, letter_reference="E-4")
    form(world)  # formed, not sent
    dropped = form(world, date=days_ago(50))
    opinions.record_step(dropped, Kind.SENT, days_ago(40), secretary, letter_reference="E-5")
    opinions.record_step(dropped, Kind.DROPPED, days_ago(30), secretary, note="Geri çekildi.")

    figures = opinions.overview(Opinion.objects.all())
    assert figures["total"] == 6
    assert figures["sent"] == 5
    assert figures["not_sent"] == 1
    assert (figures["answered_first"], figures["answered_later"], figures["answered_first_percent"]) == (1, 1, 50)
    assert (figures["waiting"], figures["waiting_longest"]) == (2, 200)
    assert dict(figures["waiting_bands"]) == {
        "Bir aydan az": 1,
        "Bir ile üç ay arası": 0,
        "Üç ile altı ay arası": 0,
        "Altı aydan fazla": 1,
    }
