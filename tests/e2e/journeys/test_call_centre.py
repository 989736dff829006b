"""Call centre (Çözüm Merkezi) and directorates, in the admin on a desktop (JOURNEYS.md).

A phone call becomes a case with a tracking number; the call centre routes it; the Veterinary
Directorate finds it on its dashboard and answers; Public Works cannot open it; the resident
reads the answer on the site; the statistics download as Excel and PDF.
"""

import re

from tests.e2e.journeys.conftest import DESKTOP

CALL_CENTRE = "cozummerkezi@kentkonseyi.test"
VETERINARY = "veteriner@kentkonseyi.test"
PUBLIC_WORKS = "fen@kentkonseyi.test"
ANSWER = "Ekibimiz köpeği bugün tedavi için barınağa götürdü; teşekkür ederiz."


def check(journey, page):
    """The journey's checks once Wagtail's messages have faded in (half-way, their colours fail contrast)."""
    if page.locator(".messages li").count():
        page.wait_for_timeout(1000)
    journey.check(page)


def test_a_phone_case_is_routed_answered_and_read_by_the_resident(journey):
    # Register a phone case: dashboard → new case → save; the number is told to the caller.
    clerk = journey.open(CALL_CENTRE, DESKTOP, path="/admin/")
    check(journey, clerk)
    assert clerk.get_by_role("heading", name="Müdürlüklere göre açık başvurular").is_visible()
    clerk.get_by_role("link", name="Yeni başvuru kaydet").click()
    check(journey, clerk)
    # Wagtail's panels repeat each label in their headings: the fields are found by their ids.
    clerk.locator("#id_channel").select_option(label="Telefon (çağrı merkezi)")
    clerk.locator("#id_kind").select_option(label="Şikâyet")
    clerk.locator("#id_topic").select_option(label="Diğer")  # no directorate of its own: routed by hand
    clerk.locator("#id_neighbourhood").select_option(label="Çakmak")
    clerk.locator("#id_description").fill("Parkta yaralı bir köpek var, yardım bekliyor.")
    clerk.locator("#id_name").fill("Hatice Kaya")
    clerk.locator("#id_phone").fill("0532 555 12 34")
    clerk.locator("#id_informed").check()
    clerk.get_by_role("button", name="Kaydet").click()
    message = clerk.get_by_text(re.compile(r"Başvuru kaydedildi: takip numarası [\d ]+, güvenlik kodu")).inner_text()
    number = re.search(r"takip numarası ([\d ]+),", message).group(1).strip()
    code = re.search(r"güvenlik kodu ([0-9A-Z-]+)\.", message).group(1)  # read out to the caller, and sent by SMS
    case_url = clerk.url
    assert "/admin/cases/inspect/" in case_url
    check(journey, clerk)

    # Route: open it and send it to the Veterinary Directorate; the history says so in words.
    clerk.get_by_label("Müdürlüğe yönlendir").select_option(label="Veteriner İşleri Müdürlüğü")
    clerk.get_by_role("button", name="Yönlendir", exact=True).click()
    assert "Veteriner İşleri Müdürlüğü" in clerk.locator(".messages").inner_text()
    check(journey, clerk)

    # Answer (directorate): the case is on the directorate's own dashboard; answer, then close.
    vet = journey.open(VETERINARY, DESKTOP, path="/admin/")
    check(journey, vet)
    vet.locator(".kk-figures a").first.click()  # the open cases, the newest first
    check(journey, vet)
    vet.get_by_role("link", name=number, exact=True).click()
    check(journey, vet)
    vet.get_by_label("Vatandaşa yanıt").fill(ANSWER)
    vet.get_by_role("button", name="Yanıtı kaydet ve bildir").click()
    vet.get_by_label("Durumu değiştir").select_option(label="Kapandı")
    vet.get_by_role("button", name="Durumu değiştir").click()
    check(journey, vet)
    assert vet.get_by_text(ANSWER).first.is_visible()

    # Another directorate's case is a 404, not a refusal that confirms it exists.
    works = journey.open(PUBLIC_WORKS, DESKTOP)
    assert works.goto(journey.url(case_url)).status == 404
    works.goto(journey.url("/admin/"))
    check(journey, works)
    assert works.get_by_role("link", name=number, exact=True).count() == 0

    # The resident follows the case with the number and the security code and reads the answer.
    resident = journey.open(width=DESKTOP, path="/oneri-kutusu/takip/")
    check(journey, resident)
    resident.get_by_label("Takip numarası").fill(number)
    resident.get_by_label("Güvenlik kodu").fill(code)
    resident.get_by_role("button", name="Durumu göster").click()
    check(journey, resident)
    assert resident.get_by_text(ANSWER).is_visible()

    # Report: statistics for the year, with its tables, as Excel and PDF.
    clerk.goto(journey.url("/admin/"))
    clerk.get_by_role("link", name="Başvuru istatistikleri").first.click()
    check(journey, clerk)
    statistics = clerk.url.split("?")[0]
    excel = clerk.request.get(statistics + clerk.get_by_role("link", name="Excel olarak indir").get_attribute("href"))
    pdf = clerk.request.get(statistics + clerk.get_by_role("link", name="PDF olarak indir").get_attribute("href"))
    assert excel.ok and excel.body()[:2] == b"PK"
    assert pdf.ok and pdf.body()[:5] == b"%PDF-"
