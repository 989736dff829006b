"""Build a believable demo site from the 2020 annual report; safe to run again and again."""

import io
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from accounts.consent import record_consents
from accounts.models import Consent, Gender, PrivacySettings, User
from assemblies.coordinators import ensure_coordinator_group, ensure_council_administrators
from assemblies.models import (
    AssemblyIndexPage,
    AssemblyPage,
    BoardMember,
    Commission,
    GuardianConsent,
    Membership,
)
from council import demo as council_demo
from distribution import demo as distribution_demo
from employment import demo as employment_demo
from escort import demo as escort_demo
from events import recurrence
from events.models import CalendarPage, EventException, EventPage, Speaker
from fieldwork import demo as fieldwork_demo
from home import demo_logins, demo_pictures
from home import demo_texts as texts
from home.demo_logins import ADMIN, DEMO_PASSWORD
from home.models import HomePage, NewsIndexPage, NewsPage, StandardPage
from places.models import Neighbourhood
from places.turkish import slugify
from publicreports import demo as publicreports_demo
from suggestions import demo as suggestions_demo
from surveys import demo as surveys_demo
from theme.models import PortalImage, SiteSettings

CITIZEN = ("vatandas@kentkonseyi.test", "Ayşe", "Yılmaz")
COORDINATORS = {
    "kadin": ("kadin@kentkonseyi.test", "Elif", "Demir"),
    "genclik": ("genclik@kentkonseyi.test", "Emre", "Kaya"),
    "cocuk": ("cocuk@kentkonseyi.test", "Zeynep", "Çelik"),
    "engelli": ("engelli@kentkonseyi.test", "Mehmet", "Aydın"),
    "kidemli": ("kidemli@kentkonseyi.test", "Hatice", "Öztürk"),
}


def venue_place(venue):
    """The demo venue's approximate coordinates (home.demo_texts.VENUE_PLACES) as the event's fields."""
    if venue not in texts.VENUE_PLACES:
        return {}
    latitude, longitude = texts.VENUE_PLACES[venue]
    return {"latitude": Decimal(latitude), "longitude": Decimal(longitude)}


class Command(BaseCommand):
    help = "Create the demo page tree, pictures and logins (idempotent), and print the logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-logins",
            action="store_true",
            help=f"Give the demo accounts the public password ({DEMO_PASSWORD}) even with DEBUG off: a demonstration "
            "on this machine only, never a real server. With DEBUG on they always get it.",
        )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError("Demo content is switched off in these settings (DEMO_CONTENT_ALLOWED).")
        # A password printed in the README signs anyone in as an administrator: only where asked for by name,
        # or on a development machine.
        self.logins = bool(settings.DEBUG or options.get("demo_logins"))
        with transaction.atomic():
            turkish, english = self.locales()
            home = self.home_pages(turkish, english)
            site = self.site(home)
            council = self.standard_page(home, english, texts.COUNCIL_PAGE, in_menu=True)
            assemblies = self.assemblies(home, english)
            news_index = self.news_index(home, english, assemblies)
            self.events(home, english, assemblies)
            surveys_demo.load(home, english, assemblies, self.child, self.translate)
            notice = self.standard_page(home, english, texts.PRIVACY_NOTICE, in_menu=False)
            consent = self.standard_page(home, english, texts.EXPLICIT_CONSENT, in_menu=False)
            self.settings(site, notice, consent)
            citizen = self.users(assemblies, notice, consent)
            suggestions_demo.load(home, english, self.child, self.translate, self.user, citizen)
            publicreports_demo.load(User.objects.filter(email=suggestions_demo.CALL_CENTRE[0]).first())
            distribution_demo.load(self.user)
            council_demo.load(home, english, assemblies, self.child, self.translate, self.user)
            escort_demo.load(self.user)
            employment_demo.load(self.user)
            fieldwork_demo.load(self.user)
        cache.delete(demo_logins.CACHE_KEY)
        self.stdout.write(self.style.SUCCESS(f"Demo site ready: {council.title}, {news_index.title} and 5 assemblies."))
        self.print_logins()

    # Pages

    def locales(self):
        turkish, _ = Locale.objects.get_or_create(language_code="tr")
        english, _ = Locale.objects.get_or_create(language_code="en")
        return turkish, english

    def home_pages(self, turkish, english):
        home = HomePage.objects.filter(locale=turkish, depth=2).first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's migrations leave a plain "Welcome" page where the home page belongs.
            Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
            home = HomePage(slug="anasayfa", locale=turkish, **texts.HOME["tr"])
            root.add_child(instance=home)
            home.save_revision().publish()
        self.translate(home, english, slug="home", **texts.HOME["en"])
        return home

    def site(self, home):
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        # Full URLs (in e-mails and calendar feeds) use the site's host: the one the portal is served on.
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site.hostname = address.hostname or "localhost"
        site.port = address.port or (443 if address.scheme == "https" else 80)
        site.site_name = "Ümraniye Kent Konseyi"
        site.root_page = home
        site.save()
        return site

    def child(self, parent, model, slug, **fields):
        """The child page with this slug, created and published if missing."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            tags = fields.pop("tags", ())
            page = model(slug=slug, **fields)
            if tags:
                page.tags.add(*tags)  # kept with the page until it is saved, so it is published once
            parent.add_child(instance=page)
            page.save_revision().publish()
            page.refresh_from_db()
        return page

    def translate(self, page, locale, **fields):
        """The page's translation into `locale`, created and published if missing.

        It is in the menu when the page is, as Wagtail's own "Translate" copy would be.
        """
        fields.setdefault("show_in_menus", page.show_in_menus)
        translation = page.get_translation_or_none(locale)
        if translation is not None:
            translation = translation.specific
            if translation.show_in_menus != fields["show_in_menus"]:  # a site loaded by an older version
                translation.show_in_menus = fields["show_in_menus"]
                translation.save_revision().publish()
            return translation
        parent = page.get_parent()
        if not parent.is_root():
            parent = parent.get_translation(locale)
        translation = page.specific_class(locale=locale, translation_key=page.translation_key, **fields)
        parent.add_child(instance=translation)
        translation.save_revision().publish()
        translation.refresh_from_db()
        return translation

    def body(self, content):
        blocks = [("paragraph", paragraph) for paragraph in content["paragraphs"]]
        if "quote" in content:
            quote, attribution = content["quote"]
            blocks.insert(1, ("quote", {"quote": quote, "attribution": attribution}))
        return blocks

    def standard_page(self, home, english, content, in_menu):
        tr, en = content["tr"], content["en"]
        page = self.child(
            home,
            StandardPage,
            tr["slug"],
            title=tr["title"],
            intro=tr["intro"],
            body=self.body(tr),
            show_in_menus=in_menu,
        )
        self.translate(page, english, slug=en["slug"], title=en["title"], intro=en["intro"], body=self.body(en))
        return page

    def assemblies(self, home, english):
        tr, en = texts.ASSEMBLY_INDEX["tr"], texts.ASSEMBLY_INDEX["en"]
        index = self.child(
            home, AssemblyIndexPage, tr["slug"], title=tr["title"], intro=tr["intro"], show_in_menus=True
        )
        self.translate(index, english, slug=en["slug"], title=en["title"], intro=en["intro"])
        pages = {}
        for assembly in texts.ASSEMBLIES:
            tr, en = assembly["tr"], assembly["en"]
            details = texts.ASSEMBLY_DETAILS[assembly["key"]]
            page = self.child(
                index,
                AssemblyPage,
                slugify(tr["title"]),
                **tr,
                **details["rules"],
                contact_email=details["contact_email"],
                contact_address="Ümraniye Kent Konseyi, Atatürk Mahallesi",
                board_members=[BoardMember(name=name, position=position) for name, position in details["board"]],
                image=self.picture(assembly["key"], "tr"),
                commissions=[
                    Commission(name=name, kind=kind, description=description)
                    for name, kind, description in details["commissions"]
                ],
            )
            self.translate(
                page,
                english,
                slug=slugify(en["title"]),
                **en,
                **details["rules"],
                contact_email=details["contact_email"],
                board_members=[BoardMember(name=name, position=position) for name, position in details["board"]],
                image=self.picture(assembly["key"], "en"),
            )
            pages[assembly["key"]] = page
        return pages

    def news_index(self, home, english, assemblies):
        tr, en = texts.NEWS_INDEX["tr"], texts.NEWS_INDEX["en"]
        index = self.child(home, NewsIndexPage, tr["slug"], title=tr["title"], intro=tr["intro"], show_in_menus=True)
        self.translate(index, english, slug=en["slug"], title=en["title"], intro=en["intro"])
        today = timezone.localdate()
        for item in texts.NEWS:
            parent = assemblies[item["assembly"]] if item["assembly"] else index
            tr = item["tr"]
            page = self.child(
                parent,
                NewsPage,
                slugify(tr["title"]),
                title=tr["title"],
                intro=tr["intro"],
                body=[("paragraph", tr["body"])],
                date=today - timedelta(days=item["days_ago"]),
                image=self.picture(item["image"], "tr"),
                tags=item["tags"],
            )
            if "en" in item:
                en = item["en"]
                self.translate(
                    page,
                    english,
                    slug=slugify(en["title"]),
                    title=en["title"],
                    intro=en["intro"],
                    body=[("paragraph", en["body"])],
                    date=page.date,
                    image=self.picture(item["image"], "en"),
                )
        return index

    def events(self, home, english, assemblies):
        tr, en = texts.CALENDAR["tr"], texts.CALENDAR["en"]
        calendar = self.child(home, CalendarPage, tr["slug"], title=tr["title"], intro=tr["intro"], show_in_menus=True)
        self.translate(calendar, english, slug=en["slug"], title=en["title"], intro=en["intro"])
        today = timezone.localdate()
        for item in texts.EVENTS:
            parent = assemblies[item["where"]] if item["where"] else calendar
            picture = item.get("picture", item["where"] or "kent-konseyi")
            title, summary = item["tr"]
            if "all_day_date" in item:
                month, day = item["all_day_date"]
                date_ = today.replace(month=month, day=day)
                if date_ < today:
                    date_ = date_.replace(year=today.year + 1)
                starts_at = recurrence.make_aware(datetime.combine(date_, time()))
                ends_at = starts_at + timedelta(days=1)
            else:
                date_ = today + timedelta(days=item["days"])
                starts_at = recurrence.make_aware(datetime.combine(date_, time(*item["time"])))
                ends_at = starts_at + timedelta(hours=item["hours"])
            fields = {
                "title": title,
                "summary": summary,
                "category": item["category"],
                "starts_at": starts_at,
                "ends_at": ends_at,
                "all_day": "all_day_date" in item,
                "status": item.get("status", "scheduled"),
                "repeat": item.get("repeat", "none"),
                "repeat_count": item.get("repeat_count"),
                "repeat_until": today + timedelta(days=item["repeat_until_days"])
                if "repeat_until_days" in item
                else None,
                "registration": item.get("registration", "none"),
                "capacity": item.get("capacity"),
                "venue_name": item["venue"][0],
                "venue_address": item["venue"][1],
                **venue_place(item["venue"][0]),
                "speakers": [Speaker(name=name, role=role) for name, role in item.get("speakers", [])],
                "image": self.picture(picture, "tr"),
                **{
                    flag: item.get(flag, False)
                    for flag in ["step_free", "sign_language", "induction_loop", "easy_read"]
                },
            }
            if "cancel_repetition" in item:
                skipped = date_ + timedelta(weeks=item["cancel_repetition"])
                fields["exceptions"] = [EventException(occurrence_date=skipped, action="cancelled")]
            event = EventPage.objects.child_of(parent).filter(slug=slugify(title)).first()
            if event is None:
                event = EventPage(slug=slugify(title), **fields)
                event.clean()  # derives the all-day bounds and the weekly weekdays, as the editor would
                parent.add_child(instance=event)
                event.save_revision().publish()
                event.refresh_from_db()
            if "en" in item:
                en_title, en_summary = item["en"]
                self.translate(
                    event,
                    english,
                    slug=slugify(en_title),
                    **{
                        **fields,
                        "title": en_title,
                        "summary": en_summary,
                        "exceptions": [],
                        "speakers": [],
                        "image": self.picture(picture, "en"),
                    },
                )
        return calendar

    def picture(self, key, language):
        """The demo picture `key` with its caption and alternative text in `language`, drawn if missing."""
        picture = texts.PICTURES[key]
        caption, alt = picture[language]
        title = f"{caption} ({language})"
        image = PortalImage.objects.filter(title=title).first()
        if image is not None:
            return image
        drawn = demo_pictures.draw(picture["scene"], picture["colours"], caption, seed=key)
        image = PortalImage(
            title=title, description=alt, file=ImageFile(io.BytesIO(drawn), name=f"demo-{key}-{language}.jpg")
        )
        image._set_image_file_metadata()
        image.save()
        return image

    # Settings and people

    def settings(self, site, notice, consent):
        footer = SiteSettings.for_site(site)
        for name, value in texts.SOCIAL.items():
            setattr(footer, name, value)
        footer.address = "Ümraniye Belediyesi, Atatürk Mahallesi, Ümraniye / İstanbul"
        footer.save()
        privacy = PrivacySettings.for_site(site)
        privacy.privacy_notice = notice
        privacy.explicit_consent = consent
        privacy.save()

    def users(self, assemblies, notice, consent):
        self.user(*ADMIN, is_superuser=True, is_staff=True)
        citizen = self.user(
            *CITIZEN,
            phone="0532 000 00 00",
            birth_date=date(1978, 4, 23),
            gender=Gender.FEMALE,
            neighbourhood=Neighbourhood.objects.get(name="İnkılap"),
        )
        if not citizen.consents.exists():
            record_consents(citizen, [(Consent.Kind.PRIVACY_NOTICE, notice), (Consent.Kind.EXPLICIT_CONSENT, consent)])
        for key, person in COORDINATORS.items():
            group = ensure_coordinator_group(assemblies[key])
            self.user(*person).groups.add(group)
        ensure_council_administrators()
        self.members(assemblies, citizen)
        return citizen

    def members(self, assemblies, citizen):
        """A believable roster for each assembly: invented people, most approved, some waiting."""
        if Membership.objects.exists():
            return
        rng = random.Random(2020)
        neighbourhoods = list(Neighbourhood.objects.all())
        today = timezone.localdate()
        sizes = {"kadin": 34, "genclik": 27, "cocuk": 18, "engelli": 22, "kidemli": 25}
        for key, size in sizes.items():
            assembly = assemblies[key]
            low, high = assembly.min_age or 18, assembly.max_age or 80
            for number in range(size):
                female = assembly.women_only or rng.random() < 0.5
                first = rng.choice(texts.FIRST_NAMES_FEMALE if female else texts.FIRST_NAMES_MALE)
                age = rng.randint(low, high)
                membership = Membership(
                    assembly=assembly,
                    source=Membership.Source.IMPORT,
                    state=Membership.State.APPLIED if number % 6 == 5 else Membership.State.APPROVED,
                    full_name=f"{first} {rng.choice(texts.SURNAMES)}",
                    email=f"{key}.uye{number}@ornek.test",
                    phone=f"05{rng.randint(30, 55)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                    birth_date=today - timedelta(days=age * 365 + rng.randint(0, 364)),
                    gender=Gender.FEMALE if female else Gender.MALE,
                    neighbourhood=rng.choice(neighbourhoods),
                    connection=Membership.Connection.LIVES,
                )
                if membership.is_minor:
                    membership.guardian_name = (
                        f"{rng.choice(texts.FIRST_NAMES_FEMALE)} {membership.full_name.split()[-1]}"
                    )
                    membership.guardian_relationship = "Anne"
                    membership.guardian_phone = "0532 111 22 33"
                    membership.guardian_email = f"veli.{key}{number}@ornek.test"
                    # Approved children's guardians signed on paper; a waiting application waits for its guardian.
                    if membership.state == Membership.State.APPROVED:
                        membership.guardian_consent_at = timezone.now()
                        membership.guardian_consent_via = GuardianConsent.PAPER
                        membership.guardian_consent_note = "İmzalı veli onay formu meclis dosyasında."
                membership.save()
        Membership.objects.create(
            assembly=assemblies["kadin"],
            user=citizen,
            state=Membership.State.APPROVED,
            full_name=citizen.get_full_name(),
            email=citizen.email,
            phone=citizen.phone,
            birth_date=citizen.birth_date,
            gender=citizen.gender,
            neighbourhood=citizen.neighbourhood,
            connection=Membership.Connection.LIVES,
        )

    def user(self, email, first_name, last_name, **extra):
        password = DEMO_PASSWORD if self.logins else None  # None: no password signs in
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, password, first_name=first_name, last_name=last_name, **extra)
        elif self.logins and not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        elif not self.logins and user.check_password(DEMO_PASSWORD):
            user.set_unusable_password()
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        return user

    def print_logins(self):
        self.stdout.write("")
        if not self.logins:
            self.stdout.write(
                "The demo accounts have no password (DEBUG is off); `load_demo_content --demo-logins` gives them the "
                "public one, for a demonstration on this machine only."
            )
            return
        rule = "!" * 100
        self.stdout.write(
            self.style.ERROR(
                f"{rule}\n"
                f"  DEMO LOGINS ARE ACTIVE with the public password {DEMO_PASSWORD!r}, written in the README:\n"
                f"  anyone who can reach this site can sign in as its administrator. For a demonstration on this\n"
                f"  machine only; a real server never loads the demo content (production settings refuse it).\n"
                f"{rule}"
            )
        )
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        self.stdout.write(f"  administrator          {ADMIN[0]}")
        self.stdout.write(f"  citizen                {CITIZEN[0]}")
        for key, person in COORDINATORS.items():
            self.stdout.write(f"  coordinator ({key:8}) {person[0]}")
        self.stdout.write(f"  call centre            {suggestions_demo.CALL_CENTRE[0]}")
        for name, person in suggestions_demo.DIRECTORATE_STAFF.items():
            self.stdout.write(f"  directorate staff      {person[0]} ({name})")
        self.stdout.write(f"  Çözüm Postası          {distribution_demo.COORDINATOR[0]}")
        for courier in distribution_demo.COURIERS:
            self.stdout.write(f"  courier                {courier[0]}")
        self.stdout.write(f"  council secretariat    {council_demo.SECRETARIAT_USER[0]}")
        self.stdout.write(f"  escort unit            {escort_demo.ESCORT_USER[0]}")
        self.stdout.write(f"  employment centre      {employment_demo.CENTRE_STAFF[0]}")
        self.stdout.write(f"  employer               {employment_demo.EMPLOYER[0]}")
        self.stdout.write(f"  job seeker             {employment_demo.SEEKER[0]}")
        self.stdout.write(f"  field officer          {fieldwork_demo.OFFICER[0]}")
        self.stdout.write(f"  field supervisor       {fieldwork_demo.SUPERVISOR[0]}")
