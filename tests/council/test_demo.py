"""The demo council looks like a real one: who sits where, meetings with minutes, opinions at every step."""

import io

import pytest
from django.core.management import call_command

from council.access import SECRETARIAT
from council.models import (
    Body,
    BulletinConsent,
    CouncilPage,
    Meeting,
    Opinion,
    OpinionStep,
    Organisation,
    Seat,
)

ORDER = ["formed", "sent", "on_agenda", "answered", "milestone", "done"]


def counts():
    models = (Organisation, Body, Seat, Meeting, Opinion, OpinionStep, BulletinConsent, CouncilPage)
    return [model.objects.count() for model in models]


@pytest.mark.django_db
def test_demo_council_has_its_bodies_meetings_and_opinions_and_loads_twice_without_change(django_user_model):
    call_command("load_demo_content", stdout=io.StringIO())

    # The page, in Turkish and English, in both menus.
    pages = CouncilPage.objects.live().select_related("locale")
    assert {(page.locale.language_code, page.slug, page.show_in_menus) for page in pages} == {
        ("tr", "kurullar", True),
        ("en", "council", True),
    }
    secretariat = django_user_model.objects.get(email="sekreterya@kentkonseyi.test")
    assert secretariat.groups.filter(name=SECRETARIAT).exists()

    # Organisations of every kind, a muhtarlık for each of the 37 mahalleler.
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds >= {"chamber", "union", "ngo", "party", "public", "university", "muhtar", "assembly"}
    assert Organisation.objects.filter(kind="muhtar", neighbourhood__isnull=False).count() == 37

    # The general assembly today: a seat per organisation, a few vacant; the 2020 term as history.
    general = Body.objects.get(slug="genel-kurul")
    now = general.seats.current()
    assert now.count() == Organisation.objects.count()
    assert 1 <= now.count() - now.filled().count() <= 5
    assert general.seats.filter(starts_on__year=2020, ends_on__year=2022).filled().count() > 50
    assert general.seats.past().exists()
    executive = Body.objects.get(slug="yurutme-kurulu").seats.current().filled()
    assert executive.filter(role="president").count() == 1 and executive.count() >= 8
    assert Body.objects.filter(kind="assembly_board", assembly__isnull=False).count() == 5
    assert Body.objects.filter(kind="working_group").exclude(topic="").count() >= 2

    # Three meetings with approved minutes: one without quorum and the meeting that reconvened it.
    meetings = list(Meeting.objects.with_published_minutes().order_by("starts_at"))
    assert len(meetings) == 3
    failed, reconvened, _ = meetings
    assert failed.quorum_met is False and failed.present_count < failed.quorum_required
    assert reconvened.reconvenes == failed and reconvened.quorum_met
    for meeting in meetings:
        assert meeting.attendance.filter(present=True).count() == meeting.present_count
        assert meeting.agenda_items.exists()

    # Meetings ahead for the secretariat and the Kadın Meclisi's coordinator to announce.
    coming = Meeting.objects.upcoming()
    assert {meeting.body.slug for meeting in coming} == {"genel-kurul", "kadin-meclisi-yurutme-kurulu"}
    assert all(meeting.invitations_sent_at is None and meeting.agenda_items.exists() for meeting in coming)

    # A board meeting held last week whose attendance and minutes the Kadın Meclisi's coordinator records.
    held = Meeting.objects.filter(body__slug="kadin-meclisi-yurutme-kurulu", attendance_closed_at__isnull=True)
    assert held.exclude(pk__in=coming).get().invitations_sent_at

    # Eight opinions, each at a different step, with steps in a possible order.
    statuses = list(Opinion.objects.values_list("status", flat=True))
    assert sorted(statuses) == sorted(
        ["formed", "sent", "on_agenda", "in_progress", "commission", "rejected", "noted", "done"]
    )
    for opinion in Opinion.objects.prefetch_related("steps"):
        kinds = [step.kind for step in opinion.steps.all()]
        assert kinds == sorted(kinds, key=ORDER.index), opinion.number
        assert 2020 <= opinion.year <= 2021
    answered = OpinionStep.objects.filter(kind="answered")
    assert all(step.decision_number for step in answered)
    assert all(step.letter_reference for step in OpinionStep.objects.filter(kind="sent"))

    # Members who agreed to bulletins, so a coordinator's bulletin has someone to reach.
    assert BulletinConsent.objects.filter(membership__assembly__slug="kadin-meclisi").count() >= 5

    before = counts()
    call_command("load_demo_content", stdout=io.StringIO())
    assert counts() == before
