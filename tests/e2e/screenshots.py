"""`make screenshots`: a picture of every public page and every staff screen, at 1280 and 390 px.

It builds a fresh SQLite database under var/gallery/, loads the demo content, serves the site with
`runserver`, signs in as each demo role, and writes var/screenshots/*.png with an index.html that shows
them all with their captions. Run it from the repository root: `.venv/bin/python tests/e2e/screenshots.py`.

To add a screen, add a row to SCREENS: (role, caption, address). An address is a path, or a "{name}"
placeholder filled by TARGETS (a function of the demo data, for screens whose address holds an id).
"""

import html
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GALLERY = ROOT / "var" / "gallery"  # the database and uploads of the served site
OUTPUT = ROOT / "var" / "screenshots"
WIDTHS = (1280, 390)
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

# Who signs in: the demo logins of the README, and the role of JOURNEYS.md each one plays.
ROLES = {
    "visitor": {"label": "Ziyaretçi (oturum açmamış)", "email": None, "journeys": ["Resident"]},
    "citizen": {"label": "Vatandaş", "email": "vatandas@kentkonseyi.test", "journeys": ["Citizen"]},
    "coordinator": {
        "label": "Kadın Meclisi koordinatörü",
        "email": "kadin@kentkonseyi.test",
        "journeys": ["Coordinator of one assembly"],
    },
    "children_coordinator": {
        "label": "Çocuk Meclisi koordinatörü",
        "email": "cocuk@kentkonseyi.test",
        "journeys": [],  # the coordinator's journey again, for the children's guardians
    },
    "call_centre": {"label": "Çözüm Merkezi", "email": "cozummerkezi@kentkonseyi.test", "journeys": ["Call centre"]},
    "directorate": {
        "label": "Veteriner İşleri Müdürlüğü",
        "email": "veteriner@kentkonseyi.test",
        "journeys": ["directorates"],
    },
    "post_team": {"label": "Çözüm Postası", "email": "cozumpostasi@kentkonseyi.test", "journeys": ["Post team"]},
    "courier": {"label": "Kurye", "email": "kurye1@kentkonseyi.test", "journeys": ["couriers"]},
    "administrator": {"label": "Yönetici", "email": "yonetici@kentkonseyi.test", "journeys": []},
}

# (role, caption, address): the gallery, in the order it is shown.
SCREENS = [
    # Public pages, Turkish.
    ("visitor", "Ana sayfa", "/"),
    ("visitor", "Kent Konseyi", "/kent-konseyi/"),
    ("visitor", "Meclisler", "/meclisler/"),
    ("visitor", "Bir meclis: Kadın Meclisi", "/meclisler/kadin-meclisi/"),
    ("visitor", "Bir meclis: Engelli Meclisi", "/meclisler/engelli-meclisi/"),
    ("visitor", "Haberler", "/haberler/"),
    ("visitor", "Bir haber", "{news}"),
    ("visitor", "Bir meclisin haberi", "{assembly_news}"),
    ("visitor", "Etkinlikler: bu ay", "/etkinlikler/"),
    ("visitor", "Etkinlikler: gelecek ay", "/etkinlikler/?ay={next_month}"),
    ("visitor", "Etkinlikler: Engelli Meclisi", "/etkinlikler/?meclis={disabled_assembly}"),
    ("visitor", "Bir etkinlik", "/etkinlikler/bilgilendirme-toplantisi-sokak-hayvanlari-ve-veteriner-hizmetleri/"),
    ("visitor", "Tekrarlayan bir etkinlik", "/meclisler/kadin-meclisi/girisimcilik-komisyonu-atolyesi/"),
    ("visitor", "Anketler", "/anketler/"),
    ("visitor", "Bir anket", "/anketler/hizmet-oncelikleri/"),
    ("visitor", "Anket sonuçları", "{survey_results}"),
    ("visitor", "Öneri Kutusu", "/oneri-kutusu/"),
    ("visitor", "Başvuru takibi", "/oneri-kutusu/takip/"),
    ("visitor", "Oturum açma", "/accounts/login/"),
    ("visitor", "Üye olma", "/accounts/signup/"),
    ("visitor", "Parolamı unuttum", "/accounts/password/reset/"),
    ("visitor", "Arama", "/search/?q=meclis"),
    ("visitor", "Bulunamayan sayfa", "/bulunmayan-sayfa/"),
    ("visitor", "Hesabı olmayan üyeler: verilerinizi isteyin", "/accounts/assemblies/verilerim/"),
    ("visitor", "Üyelik verileri (e-postadaki bağlantı)", "{member_data}"),
    ("visitor", "Veli onayı (e-postadaki bağlantı)", "{guardian}"),
    # Public pages, English.
    ("visitor", "English: home", "/en/"),
    ("visitor", "English: City Council", "/en/city-council/"),
    ("visitor", "English: assemblies", "/en/assemblies/"),
    ("visitor", "English: an assembly", "/en/assemblies/womens-assembly/"),
    ("visitor", "English: news", "/en/news/"),
    ("visitor", "English: events", "/en/events/"),
    ("visitor", "English: surveys", "/en/surveys/"),
    ("visitor", "English: suggestion box", "/en/suggestion-box/"),
    # The citizen's own pages.
    ("citizen", "Hesabım", "/accounts/profile/"),
    ("citizen", "Meclislerim", "/accounts/assemblies/"),
    ("citizen", "Etkinlik kayıtlarım", "/accounts/events/"),
    ("citizen", "Başvurularım", "/accounts/applications/"),
    ("citizen", "Etkinlik sayfasında kayıt", "{event}"),
    ("citizen", "Tekrarlayan etkinlikte tarih seçimi", "/meclisler/engelli-meclisi/taki-kursu/"),
    ("citizen", "Meclise katılma", "/meclisler/genclik-meclisi/katil/"),
    ("citizen", "Üyelere açık anket", "/meclisler/kadin-meclisi/kadin-meclisi-oncelikleri/"),
    ("citizen", "Hesabı silme", "/accounts/profile/delete/"),
    # Coordinator of one assembly.
    ("coordinator", "Kontrol paneli", "/admin/"),
    ("coordinator", "Bekleyen başvurular", "{pending}"),
    ("coordinator", "Üyeler", "{members}"),
    ("coordinator", "Bir başvuru", "{membership}"),
    ("coordinator", "Meclisin sayfaları", "{assembly_pages}"),
    ("coordinator", "Etkinlik katılımcıları", "{attendees}"),
    ("coordinator", "Silinen üye verileri", "/admin/members/erasures/"),
    ("children_coordinator", "Bekleyen başvurular: veli onayı", "{pending}"),
    ("children_coordinator", "Veli onayı: bağlantı ya da kâğıt onayı", "{guardian_consent}"),
    # Call centre.
    ("call_centre", "Kontrol paneli", "/admin/"),
    ("call_centre", "Başvurular", "{cases}"),
    ("call_centre", "Bir başvuru", "{case}"),
    ("call_centre", "Yeni başvuru", "{new_case}"),
    ("call_centre", "İstatistikler", "{statistics}"),
    # A directorate.
    ("directorate", "Kontrol paneli", "/admin/"),
    ("directorate", "Müdürlüğün başvuruları", "{cases}"),
    ("directorate", "Müdürlüğün bir başvurusu", "{directorate_case}"),
    # Post team.
    ("post_team", "Kontrol paneli", "/admin/"),
    ("post_team", "Alıcılar", "{recipients}"),
    ("post_team", "Dağıtımlar", "{distributions}"),
    ("post_team", "Dağıtım planı ve rotalar", "{distribution_plan}"),
    ("post_team", "Raporlar", "{distribution_reports}"),
    # Courier.
    ("courier", "Bugünün rotaları", "{my_routes}"),
    ("courier", "Bir rota", "{route}"),
    # Administrator.
    ("administrator", "Kontrol paneli", "/admin/"),
]


def targets():
    """The addresses of SCREENS' placeholders: {name: function of the demo data} (called with Django set up)."""
    from django.urls import reverse
    from django.utils import timezone

    from assemblies import personal_data as member_data
    from assemblies.membership import guardian_token
    from assemblies.models import AssemblyPage, Membership
    from complaints.models import Case, Directorate
    from distribution.models import Distribution, Route
    from events.models import EventPage
    from home.models import NewsIndexPage, NewsPage
    from surveys.models import SurveyPage

    def turkish(model, **filters):
        return model.objects.filter(locale__language_code="tr", **filters)

    def kadin():
        return turkish(AssemblyPage, slug="kadin-meclisi").get()

    def event():
        return turkish(EventPage, registration="signed_in").order_by("starts_at").first()

    def case(**filters):
        return reverse("cases:inspect", args=[Case.objects.filter(**filters).order_by("-received_at").first().pk])

    def distribution():
        return Distribution.objects.order_by("-date").first()

    def roster_member():
        return Membership.objects.filter(user__isnull=True, state="approved").exclude(email="").first()

    def waiting_child():
        children = Membership.objects.filter(assembly__slug="cocuk-meclisi", state="applied")
        return next(child for child in children.order_by("pk") if child.awaits_guardian)

    return {
        "news": lambda: NewsPage.objects.child_of(turkish(NewsIndexPage).get()).live().order_by("-date").first().url,
        "assembly_news": lambda: NewsPage.objects.child_of(kadin()).live().first().url,
        "next_month": lambda: (timezone.localdate().replace(day=1) + timezone.timedelta(days=32)).strftime("%Y-%m"),
        "disabled_assembly": lambda: str(turkish(AssemblyPage, slug="engelli-meclisi").get().pk),
        "survey_results": lambda: turkish(SurveyPage, results_public=True).first().url + "sonuclar/",
        "members": lambda: reverse("members:list"),
        "pending": lambda: reverse("members:pending"),
        "event": lambda: event().url,
        "membership": lambda: reverse(
            "members:inspect", args=[Membership.objects.filter(assembly=kadin(), state="applied").first().pk]
        ),
        "assembly_pages": lambda: reverse("wagtailadmin_explore", args=[kadin().pk]),
        "member_data": lambda: reverse("assemblies:member_data", args=[member_data.token_for(roster_member().email)]),
        "guardian": lambda: reverse("assemblies:guardian", args=[guardian_token(waiting_child())]),
        "guardian_consent": lambda: reverse("members:guardian_consent", args=[waiting_child().pk]),
        "attendees": lambda: reverse(
            "events_admin:attendees",
            args=[EventPage.objects.child_of(kadin()).exclude(registration="none").order_by("starts_at").first().pk],
        ),
        "cases": lambda: reverse("cases:list"),
        "case": lambda: case(),
        "new_case": lambda: reverse("cases:add"),
        "statistics": lambda: reverse("cases:statistics"),
        "directorate_case": lambda: case(directorate=Directorate.objects.get(name="Veteriner İşleri Müdürlüğü")),
        "recipients": lambda: reverse("wagtailsnippets_distribution_recipient:list"),
        "distributions": lambda: reverse("wagtailsnippets_distribution_distribution:list"),
        "distribution_plan": lambda: reverse("distribution_plan", args=[distribution().pk]),
        "distribution_reports": lambda: reverse("distribution_reports"),
        "my_routes": lambda: reverse("distribution:my_routes"),
        # The courier's own route: another's is not found for them.
        "route": lambda: reverse(
            "distribution:route",
            args=[Route.objects.filter(courier__email=ROLES["courier"]["email"]).order_by("pk").first().token],
        ),
    }


def resolve(functions):
    """{name: address} of the targets that could be found; a missing one leaves its screens out, said why."""
    values = {}
    for name, function in functions.items():
        try:
            values[name] = function()
        except Exception as error:  # a screen whose data is gone must not stop the gallery
            print(f"warning: no address for {{{name}}}: {type(error).__name__}: {error}", flush=True)
    return values


def prepare():
    """What the post team would have done before a courier's day: routes built, a courier on each."""
    from django.utils import timezone

    from distribution import planning
    from distribution.models import Distribution, Route

    distribution = Distribution.objects.order_by("-date").first()
    if distribution is None:
        return
    # The courier's page shows today's routes: the demo's distribution goes out today.
    Distribution.objects.filter(pk=distribution.pk).update(date=timezone.localdate())
    if not distribution.routes.exists():
        planning.build_routes(distribution)
    couriers = list(planning.couriers())
    for number, route in enumerate(Route.objects.filter(courier=None).order_by("pk")):
        if couriers:
            Route.objects.filter(pk=route.pk).update(courier=couriers[number % len(couriers)])


def addresses(screens, values):
    """Each screen with its placeholders filled; a screen whose target is missing gets None and a reason."""
    result = []
    for role, caption, address in screens:
        try:
            result.append((role, caption, address.format(**values), None))
        except KeyError as missing:
            result.append((role, caption, None, f"no address for {missing}"))
    return result


# Running it


def main():
    started = time.monotonic()
    if OUTPUT.exists():
        shutil.rmtree(OUTPUT)
    if GALLERY.exists():
        shutil.rmtree(GALLERY)
    OUTPUT.mkdir(parents=True)
    GALLERY.mkdir(parents=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        # The pages people see: the site's own 404, not Django's debug page.
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{GALLERY / 'db.sqlite3'}",
        "MEDIA_ROOT": str(GALLERY / "media"),
        "PRIVATE_MEDIA_ROOT": str(GALLERY / "private"),
        "HANDOFF_CONNECTOR": "",
        "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    }
    env.pop("REDIS_URL", None)
    python = sys.executable
    for command in (["migrate", "--no-input", "-v", "0"], ["createcachetable"], ["load_demo_content", "--demo-logins"]):
        print("manage.py", " ".join(command), flush=True)
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    prepare()
    values = resolve(targets())
    screens = addresses(SCREENS, values)
    port = int(os.environ.get("SCREENSHOTS_PORT") or _free_port())
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(GALLERY / "server.log", "w"),
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base)
        shots = capture(base, screens)
    finally:
        server.terminate()
        server.wait(timeout=10)
    write_index(shots)
    failed = [shot for shot in shots if shot["problem"]]
    print(
        f"{len(shots)} pictures ({len(WIDTHS)} widths) in {time.monotonic() - started:.0f} s: {OUTPUT / 'index.html'}"
    )
    for shot in failed:
        print(f"  problem: {shot['role']} / {shot['caption']} ({shot['address']}): {shot['problem']}")


def capture(base, screens):
    from django.conf import settings
    from django.test import Client
    from playwright.sync_api import sync_playwright

    from accounts.models import User

    shots = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"], headless=True
        )
        for role, details in ROLES.items():
            cookies = []
            if details["email"]:
                client = Client()
                client.force_login(User.objects.get(email=details["email"]))
                cookies = [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": base,
                    }
                ]
            for width in WIDTHS:
                context = browser.new_context(
                    locale="tr-TR",
                    timezone_id="Europe/Istanbul",
                    viewport={"width": width, "height": 900 if width > 600 else 844},
                )
                context.add_cookies(cookies)
                page = context.new_page()
                page.set_default_timeout(20_000)
                for number, (screen_role, caption, address, reason) in enumerate(screens):
                    if screen_role != role:
                        continue
                    shot = _shot(page, base, number, role, caption, address, reason, width)
                    shots.append(shot)
                    print(f"{role:14} {width:5} {caption}: {shot['problem'] or 'ok'}", flush=True)
                context.close()
        browser.close()
    shots.sort(key=lambda shot: (shot["number"], shot["width"] != WIDTHS[0]))
    return shots


def _shot(page, base, number, role, caption, address, reason, width):
    name = f"{number:02d}-{role}-{_slug(caption)}-{width}.png"
    shot = {
        "number": number,
        "role": role,
        "caption": caption,
        "address": address,
        "width": width,
        "file": None,
        "problem": reason,
        "scroll": None,
    }
    if address is None:
        return shot
    try:
        response = page.goto(base + address, wait_until="load")
        page.wait_for_timeout(150)  # charts and details drawn after load
        # A full-page picture never scrolls, so pictures below the fold would stay lazily unloaded.
        page.evaluate(
            """() => Promise.all([...document.images].map(image => {
                image.loading = 'eager';
                return image.complete ? null : new Promise(done => { image.onload = image.onerror = done; });
            }))"""
        )
        status = response.status if response else 0
        if status >= 400 and address != "/bulunmayan-sayfa/":
            shot["problem"] = f"HTTP {status}"
        shot["scroll"] = page.evaluate("document.documentElement.scrollWidth") - width
        if shot["scroll"] > 0 and not address.startswith("/admin/"):
            shot["problem"] = (shot["problem"] or "") + f" {shot['scroll']} px wider than the screen"
        page.screenshot(path=str(OUTPUT / name), full_page=True)
        shot["file"] = name
        if page.url != base + address:
            shot["landed"] = page.url.removeprefix(base)
    except Exception as error:  # one broken screen must not stop the gallery
        shot["problem"] = f"{type(error).__name__}: {str(error).splitlines()[0]}"
    return shot


def write_index(shots):
    rows = []
    current_role = None
    for position in range(0, len(shots)):
        shot = shots[position]
        if shot["role"] != current_role:
            if current_role is not None:
                rows.append("</div>")
            current_role = shot["role"]
            rows.append(f"<h2>{html.escape(ROLES[current_role]['label'])}</h2><div class='row'>")
        caption = f"{html.escape(shot['caption'])} · {shot['width']} px"
        if shot["address"]:
            caption += f"<br><code>{html.escape(shot['address'])}</code>"
        if shot.get("landed"):
            caption += f" → <code>{html.escape(shot['landed'])}</code>"
        if shot["problem"]:
            caption += f"<br><strong>{html.escape(shot['problem'])}</strong>"
        picture = (
            f"<a href='{shot['file']}'><img src='{shot['file']}' alt='' loading='lazy' width='{shot['width'] // 4}'></a>"
            if shot["file"]
            else ""
        )
        rows.append(f"<figure>{picture}<figcaption>{caption}</figcaption></figure>")
    rows.append("</div>")
    (OUTPUT / "index.html").write_text(
        "<!doctype html><html lang='tr'><meta charset='utf-8'><title>Ekran görüntüleri</title>"
        "<style>body{font-family:sans-serif;margin:1rem}.row{display:flex;flex-wrap:wrap;gap:1rem;"
        "align-items:flex-start}figure{margin:0;max-width:340px}img{border:1px solid #ccc;display:block;"
        "height:auto}figcaption{font-size:.85rem}strong{color:#b00}</style>"
        f"<h1>Ümraniye Kent Konseyi: ekran görüntüleri</h1><p>{len(shots)} görüntü</p>" + "\n".join(rows),
        encoding="utf-8",
    )


def _wait_for(base):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/health/", timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("the demo server did not start; see var/gallery/server.log")


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _slug(text):
    ascii_text = text.translate(str.maketrans("çğıöşüâÇĞIİÖŞÜ", "cgiosuaCGIIOSU"))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


if __name__ == "__main__":
    main()
