"""Opinions and their journey to the municipal council's answer: the order of the steps, who records them, the
public list with its filters and overview, and each opinion's timeline."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assemblies.coordinators import ensure_coordinator_group
from council import access, opinions
from council.models import AgendaItem, Body, Meeting, Opinion, OpinionStep
from places.models import Neighbourhood
from tests.conftest import publish
from tests.factories import AssemblyPageFactory, UserFactory
from tests.queries import page_and_queries
from theme import chrome

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


# The public list and the opinion page.


@pytest.fixture
def council_page(home_page):
    from council.models import CouncilPage

    return publish(CouncilPage(title="Kurullar ve Görüşler", slug="konsey"), parent=home_page)


def full_journey(opinion, user, milestones):
    """Sent, on the agenda, accepted, then `milestones` milestones: 4 + milestones steps in all."""
    journey(opinion, user, start=100)
    for number in range(milestones):
        opinions.record_step(
            opinion, Kind.MILESTONE, days_ago(70 - number), user, progress=10 * (number + 1), note=f"Aşama {number}"
        )
    return opinion


@pytest.mark.django_db
class TestPublicPages:
    def test_the_list_filters_by_body_assembly_status_year_topic_and_neighbourhood(self, client, world, council_page):
        cakmak = Neighbourhood.objects.get(name="Çakmak")
        kadin = form(world, body="kadin_board", user="kadin_coordinator", title="Kadın kooperatifi", topic="social")
        kadin.neighbourhoods.set([cakmak])
        journey(kadin, world["kadin_coordinator"], until=Kind.SENT)
        genclik = form(world, body="genclik_board", user="genclik_coordinator", title="Gençlik kampı")
        old = form(world, title="Eski öneri", date=datetime.date(TODAY.year - 2, 5, 1))
        hidden = form(world, title="Taslak öneri")
        hidden.is_public = False
        hidden.save()

        def titles(query=""):
            response = client.get(f"/konsey/gorusler/{query}")
            assert response.status_code == 200
            text = response.content.decode()
            return {o.title for o in (kadin, genclik, old, hidden) if o.title in text}

        assert titles() == {"Kadın kooperatifi", "Gençlik kampı", "Eski öneri"}
        assert titles("?kurul=kadin-yk") == {"Kadın kooperatifi"}
        assert titles("?meclis=genclik-meclisi") == {"Gençlik kampı"}
        assert titles("?durum=sent") == {"Kadın kooperatifi"}
        assert titles(f"?yil={TODAY.year - 2}") == {"Eski öneri"}
        assert titles("?konu=social") == {"Kadın kooperatifi"}
        assert titles(f"?mahalle={cakmak.slug}") == {"Kadın kooperatifi"}
        assert titles("?kurul=kadin-yk&durum=formed") == set()
        # An outdated or mistyped value is ignored, not an error.
        assert titles("?kurul=yok&yil=abc") == {"Kadın kooperatifi", "Gençlik kampı", "Eski öneri"}

    def test_filters_are_labelled_controls_and_a_plain_get_form(self, client, world, council_page):
        form(world)
        text = client.get("/konsey/gorusler/").content.decode()
        for name in ("kurul", "meclis", "durum", "yil", "konu", "mahalle"):
            assert f'<label for="id_{name}">' in text
            assert f'name="{name}"' in text
        assert '<form class="opinion-filters" method="get"' in text
        assert "<script" not in text.split('<main id="main"')[1].split("</main>")[0]

    def test_the_overview_reads_from_the_steps(self, client, world, council_page):
        secretary = world["secretary"]
        sent_on = datetime.date(TODAY.year - 1, 3, 10)
        answered = form(world, date=sent_on)
        opinions.record_step(answered, Kind.SENT, sent_on, secretary, letter_reference="E-1")
        meeting = datetime.date(sent_on.year, 4, 2)
        opinions.record_step(
            answered, Kind.ON_AGENDA, meeting, secretary, council_meeting_on=meeting, council_item_number="4"
        )
        opinions.record_step(
            answered, Kind.ANSWERED, meeting, secretary, answer=Answer.ACCEPTED, decision_number="5",
            decision_text="Kabul.",
        )  # fmt: skip
        waiting = form(world, date=days_ago(200))
        opinions.record_step(waiting, Kind.SENT, days_ago(200), secretary, letter_reference="E-3")
        response = client.get("/konsey/gorusler/")
        figures = response.context["figures"]
        assert (figures["sent"], figures["answered_first"], figures["waiting"], figures["waiting_longest"]) == (
            2,
            1,
            1,
            200,
        )
        text = response.content.decode()
        assert "en uzunu 200 gündür" in text
        assert "ayın 7" in text  # the page says how the first meeting is counted

    def test_the_opinion_page_shows_its_timeline_with_roles_not_people(self, client, world, council_page):
        meeting = Meeting.objects.create(
            body=world["kadin_board"], starts_at=timezone.now() - datetime.timedelta(days=150), place="Salon"
        )
        item = AgendaItem.objects.create(meeting=meeting, title="Kooperatif", votes_for=9, votes_against=1)
        opinion = opinions.form_opinion(item, "Kadın kooperatifi", "Metin", "social", [], world["kadin_coordinator"])
        full_journey(opinion, world["secretary"], milestones=1)
        response = client.get(f"/konsey/gorusler/{opinion.slug}/")
        assert response.status_code == 200
        text = response.content.decode()
        for expected in (
            "E-2026/1",
            "2026/41",
            "Öneri kabul edilmiştir.",
            "Aşama 0",
            'max="100" value="10"',
            "Kadın Meclisi koordinatörleri",
            "Kent Konseyi Sekreterliği",
            f"/konsey/toplantilar/{meeting.pk}/",
            "9 kabul",
        ):
            assert expected in text, expected
        assert "sekreter@example.org" not in text
        assert world["kadin_coordinator"].email not in text
        assert client.get(f"/konsey/gorusler/{opinion.year}-99/").status_code == 404
        opinion.is_public = False
        opinion.save()
        assert client.get(f"/konsey/gorusler/{opinion.slug}/").status_code == 404

    def test_english_under_en(self, client, world, council_page, english_home_page, locales):
        from tests.conftest import translate

        translate(council_page, locales[1], title="Bodies and opinions", slug="konsey")
        opinion = journey(form(world), world["secretary"], until=Kind.SENT)
        listing = client.get("/en/konsey/gorusler/")
        assert listing.status_code == 200
        assert "Opinions and proposals" in listing.content.decode()
        page = client.get(f"/en/konsey/gorusler/{opinion.slug}/").content.decode()
        assert "Sent to the municipality" in page
        assert "Letter reference: E-2026/1" in page

    def test_queries_do_not_grow_with_steps(self, client, world, council_page, django_assert_max_num_queries):
        """The list and an opinion's page with 2 steps an opinion, then the same with 8."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        secretary = world["secretary"]
        shown = [form(world, title=f"Öneri {number}") for number in range(3)]
        for opinion in shown:
            opinions.record_step(opinion, Kind.SENT, days_ago(100), secretary, letter_reference="E-1")
        paths = ["/konsey/gorusler/", f"/konsey/gorusler/{shown[0].slug}/"]

        def measure():
            counts = []
            for path in paths:
                client.get(path)  # the site's and the page's caches (the footer's settings: on the second)
                client.get(path)
                chrome.bump_records("council")  # the list's HTML worked out again, as after any change
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(path).status_code == 200
                counts.append(len(queries))
            return counts

        two = measure()
        for opinion in shown:
            opinions.record_step(
                opinion, Kind.ON_AGENDA, days_ago(90), secretary, council_meeting_on=days_ago(80),
                council_item_number="7",
            )  # fmt: skip
            opinions.record_step(
                opinion, Kind.ANSWERED, days_ago(80), secretary, answer=Answer.ACCEPTED, decision_number="2026/4",
                decision_text="Kabul.",
            )  # fmt: skip
            for number in range(4):
                opinions.record_step(
                    opinion, Kind.MILESTONE, days_ago(70 - number), secretary, progress=20 * (number + 1), note="İş"
                )
        assert {opinion.steps.count() for opinion in shown} == {8}
        eight = measure()
        assert eight == two
        chrome.bump_records("council")
        with django_assert_max_num_queries(15):
            client.get(paths[0])
        with django_assert_max_num_queries(15):
            client.get(paths[1])

    def test_the_list_is_kept_until_the_councils_records_change(self, client, world, council_page):
        """Every visitor gets the same list: its HTML is kept, and a step recorded shows at once."""
        secretary = world["secretary"]
        opinion = form(world, title="Sokak hayvanları için bakımevi")
        opinions.record_step(opinion, Kind.SENT, days_ago(10), secretary, letter_reference="E-2026/9")
        page_and_queries(client, "/konsey/gorusler/")
        page_and_queries(client, "/konsey/gorusler/")
        html, queries = page_and_queries(client, "/konsey/gorusler/")
        assert "Sokak hayvanları için bakımevi" in html
        assert not any("council_opinion" in sql for sql in queries)

        opinions.record_step(
            opinion, Kind.ON_AGENDA, days_ago(5), secretary, council_meeting_on=days_ago(3), council_item_number="4"
        )
        html, queries = page_and_queries(client, "/konsey/gorusler/")
        assert 'opinion-status--on_agenda">' in html
        assert any("council_opinion" in sql for sql in queries)
        # Each filter and page is kept apart.
        assert "Sokak hayvanları" not in page_and_queries(client, "/konsey/gorusler/?durum=done")[0]


# The admin: only the secretariat and the body's coordinators record.


@pytest.mark.django_db
class TestAdmin:
    def test_coordinators_see_and_record_only_their_bodies_opinions(self, client, world):
        kadin = form(world, body="kadin_board", user="kadin_coordinator", title="Kadın kooperatifi")
        genclik = form(world, body="genclik_board", user="genclik_coordinator", title="Gençlik kampı")
        client.force_login(world["kadin_coordinator"])
        listing = client.get("/admin/council/opinions/").content.decode()
        assert "Kadın kooperatifi" in listing and "Gençlik kampı" not in listing
        assert client.get(f"/admin/council/opinions/inspect/{kadin.pk}/").status_code == 200
        assert client.get(f"/admin/council/opinions/inspect/{genclik.pk}/").status_code == 404
        assert client.get(f"/admin/council/opinions/edit/{genclik.pk}/").status_code == 404
        assert client.get(f"/admin/council/opinions/step/{genclik.pk}/?kind=sent").status_code == 404
        refused = client.post(
            f"/admin/council/opinions/step/{genclik.pk}/",
            {"kind": "sent", "date": TODAY.isoformat(), "letter_reference": "E-9"},
        )
        assert refused.status_code == 404
        assert genclik.steps.count() == 1
        response = client.post(
            f"/admin/council/opinions/step/{kadin.pk}/",
            {"kind": "sent", "date": TODAY.isoformat(), "letter_reference": "E-9"},
        )
        assert response.status_code == 302
        kadin.refresh_from_db()
        assert kadin.status == Opinion.Status.SENT
        assert kadin.steps.last().recorded_by == world["kadin_coordinator"]

    def test_people_outside_the_council_cannot_record(self, client, world):
        opinion = form(world)
        client.force_login(world["citizen"])
        response = client.post(
            f"/admin/council/opinions/step/{opinion.pk}/",
            {"kind": "sent", "date": TODAY.isoformat(), "letter_reference": "E-9"},
        )
        assert response.status_code in (302, 403, 404)
        assert opinion.steps.count() == 1

    def test_the_step_form_shows_only_the_chosen_kinds_fields_and_refuses_in_turkish(self, client, world):
        opinion = form(world)
        client.force_login(world["secretary"])
        choice = client.get(f"/admin/council/opinions/step/{opinion.pk}/").content.decode()
        assert "?kind=sent" in choice and "?kind=answered" not in choice
        sent = client.get(f"/admin/council/opinions/step/{opinion.pk}/?kind=sent").content.decode()
        assert 'name="letter_reference"' in sent and 'name="decision_number"' not in sent
        # Answering before sending: not offered, and refused when posted anyway.
        response = client.post(
            f"/admin/council/opinions/step/{opinion.pk}/",
            {"kind": "answered", "date": TODAY.isoformat(), "answer": "accepted", "decision_number": "1"},
        )
        assert response.status_code == 200
        assert opinion.steps.count() == 1
        early = client.post(
            f"/admin/council/opinions/step/{opinion.pk}/",
            {"kind": "sent", "date": days_ago(200).isoformat(), "letter_reference": "E-1"},
        )
        assert "önceki adımdan" in early.content.decode()
        assert opinion.steps.count() == 1

    def test_forming_an_opinion_in_the_admin(self, client, world):
        client.force_login(world["kadin_coordinator"])
        page = client.get("/admin/council/opinions/add/").content.decode()
        assert "Kadın Meclisi Yürütme Kurulu" in page and "Gençlik Meclisi Yürütme Kurulu" not in page
        response = client.post(
            "/admin/council/opinions/add/",
            {
                "body": world["kadin_board"].pk,
                "title": "Kreş önerisi",
                "summary": "Her mahalleye bir kreş.",
                "topic": "social",
                "is_public": "on",
                "formed_on": days_ago(3).isoformat(),
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        opinion = Opinion.objects.get(title="Kreş önerisi")
        assert (opinion.body, opinion.steps.get().date) == (world["kadin_board"], days_ago(3))
        refused = client.post(
            "/admin/council/opinions/add/",
            {"body": world["genclik_board"].pk, "title": "X", "summary": "Y", "topic": "social"},
        )
        assert refused.status_code == 200
        assert not Opinion.objects.filter(title="X").exists()
