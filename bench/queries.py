"""Database queries of every public page and of the pages signed-in people use most, with the demo content and
with ten times as much.

    .venv/bin/python bench/queries.py [--factor 10] [--limit 15] [--pages all|public|signed-in]

The requirement: every public page runs at most 15 queries, and the same number
when there is ten times the content. The bench builds a throwaway database
(SQLite in a temporary folder, or the PostgreSQL database named by
BENCH_DATABASE_URL, which it creates when missing and empties), loads the demo
content and crawls as an anonymous visitor: every address in /sitemap.xml (both
languages), the calendar feeds, an event's .ics, search, the suggestion box's
look-up page, calendar filters, and the links those pages carry to routable
sub-pages and query-string variants (pagination, months, tags, results).

Each address is asked for twice with Django's test client after emptying the
cache: the first ("cold") answer also fills the caches that live across
requests (site root paths, the privacy-notice label, feed fingerprints); the
second ("warm") is what a visitor normally costs. Then the content is multiplied
(news, events, surveys as real published pages under the same parents; members,
board seats, registrations, survey answers and cases in bulk) and the crawl runs
again. Exits non-zero when a warm page runs more than the limit, or when a kind
of page runs more queries with more content.

The signed-in pages are fetched the same way (cold, then warm), each signed in
(force_login) as the demo person of its role: the citizen (an assembly page
they belong to, the calendar, "Etkinlik kayıtlarım", "Meclislerim", the account
page, the suggestion box's "Başvurularım"), a courier (their routes, a route),
the Kadın Meclisi's coordinator (the admin dashboard, the assembly's members,
its pages in the admin) and the call centre (the case list, a case). What they
see grows with the content too: the citizen's registrations, assemblies and
applications, the courier's routes and the stops of one, the notes of the
case, besides the members, pages and cases that grow for everybody.
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LIMIT = 15
# The views a visitor reaches without signing in; other links (admin, accounts, courier) are not followed.
PUBLIC_VIEWS = {
    "wagtail_serve",
    "sitemap",
    "search",
    "events:feed",
    "events:assembly_feed",
    "events:event_ics",
}
# Links with the same path and the same query parameters are sampled, not all followed (tags, months).
PER_VARIANT = 4
PROTECTED_DATABASES = {"test", "postgres", "root", "template0", "template1"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=10, help="how many times the demo content to build")
    parser.add_argument("--limit", type=int, default=LIMIT, help="queries allowed per page")
    parser.add_argument(
        "--pages", choices=["all", "public", "signed-in"], default="all", help="which pages to count (default: all)"
    )
    args = parser.parse_args()
    public, signed_in = args.pages in ("all", "public"), args.pages in ("all", "signed-in")

    started = time.perf_counter()
    ensure_postgres_database()
    from bench._setup import setup

    setup(demo=True)
    from django.db import connection

    print(f"database: {connection.vendor}, demo content loaded in {time.perf_counter() - started:.1f} s")
    begin = time.perf_counter()
    people_content(1)
    base = crawl() if public else {}
    people = visit_signed_in(1) if signed_in else {}
    print(
        f"counted {len(base)} public and {len(people)} signed-in addresses at 1x in {time.perf_counter() - begin:.1f} s"
    )
    begin = time.perf_counter()
    multiply(args.factor)
    print(f"content multiplied by {args.factor} in {time.perf_counter() - begin:.1f} s")
    begin = time.perf_counter()
    scaled = crawl() if public else {}
    people_scaled = visit_signed_in(args.factor) if signed_in else {}
    print(
        f"counted {len(scaled)} public and {len(people_scaled)} signed-in addresses at {args.factor}x "
        f"in {time.perf_counter() - begin:.1f} s"
    )
    failed = 0
    if public:
        print("\npublic pages, as an anonymous visitor\n")
        failed |= report(base, scaled, args.factor, args.limit)
    if signed_in:
        print("\nsigned-in pages, each as the demo person of its role\n")
        failed |= report(people, people_scaled, args.factor, args.limit)
    sys.exit(failed)


def ensure_postgres_database():
    """Create the PostgreSQL database named by BENCH_DATABASE_URL when it does not exist yet."""
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name in PROTECTED_DATABASES:
        sys.exit(f"refusing to use the database {name!r} for a benchmark: name a throwaway one")
    # template1 is there on every server and is only read here: the new database is created from it.
    conninfo = {
        "host": parts.hostname or "localhost",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password or None,
        "dbname": "template1",
    }
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v is not None}, autocommit=True) as server:
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# Crawling


class Links(HTMLParser):
    """The href of every <a> and <link> in a page."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "link"):
            href = dict(attrs).get("href")
            if href:
                self.found.append(href)


def seeds(client):
    """The sitemap's addresses, both languages, and the public views no sitemap lists."""
    from django.urls import reverse
    from django.utils import translation

    from assemblies.models import AssemblyPage
    from events.models import CalendarPage, EventPage
    from home.models import NewsIndexPage
    from suggestions.models import SuggestionBoxPage

    sitemap = client.get("/sitemap.xml").content.decode()
    urls = ["/sitemap.xml"]
    urls += [urlsplit(loc.split("</loc>")[0]).path for loc in sitemap.split("<loc>")[1:]]
    for language, query in (("tr", "meclis"), ("en", "assembly")):
        with translation.override(language):
            urls.append(reverse("events:feed"))
            urls.append(reverse("search") + f"?q={query}")
            for assembly in AssemblyPage.objects.live().filter(locale__language_code=language):
                urls.append(reverse("events:assembly_feed", kwargs={"assembly_slug": assembly.slug}))
            event = EventPage.objects.live().filter(locale__language_code=language).order_by("path").first()
            if event is not None:
                urls.append(reverse("events:event_ics", kwargs={"page_id": event.pk}))
    for box in SuggestionBoxPage.objects.live():
        urls.append(box.url + box.reverse_subpage("lookup"))
    for index in NewsIndexPage.objects.live():
        urls.append(index.url + "?page=2")
    for calendar in CalendarPage.objects.live():
        assembly = AssemblyPage.objects.live().filter(locale_id=calendar.locale_id).order_by("path").first()
        urls.append(calendar.url + f"?meclis={assembly.slug}")
        urls.append(calendar.url + "?kategori=assembly_meeting")
        urls.append(calendar.url + "?gecmis=1")
    return urls


def crawl():
    """{url: (kind, cold queries, warm queries)} for every public address reachable from the seeds."""
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import Resolver404, resolve

    client = Client()
    queue = list(dict.fromkeys(seeds(client)))
    queued = set(queue)
    variants = defaultdict(int)
    results = {}
    skipped = {}
    while queue:
        url = queue.pop(0)
        counts = []
        for _attempt in ("cold", "warm"):
            if _attempt == "cold":
                cache.clear()
            client.cookies.clear()  # every request is a new anonymous visitor
            reset_queries()  # the log holds 9000 queries at most, and counts are taken from its length
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            counts.append(len(queries))
        if response.status_code != 200:
            skipped[url] = response.status_code
            continue
        results[url] = (kind_of(url, response), counts[0], counts[1])
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(response.content.decode())
        for href in parser.found:
            link = urlsplit(urljoin(url, href))
            if link.netloc not in ("", "testserver") or link.scheme not in ("", "http", "webcal"):
                continue
            target = link.path + (f"?{link.query}" if link.query else "")
            if target in queued:
                continue
            try:
                match = resolve(link.path)
            except Resolver404:
                continue
            if match.view_name not in PUBLIC_VIEWS:
                continue
            variant = (link.path, tuple(sorted(key for key, _value in parse_qsl(link.query))))
            if link.query and variants[variant] >= PER_VARIANT:
                continue
            variants[variant] += 1
            queued.add(target)
            queue.append(target)
    if skipped:
        listed = ", ".join(f"{url} ({status})" for url, status in sorted(skipped.items()))
        print(f"  not public (redirect or error), not counted: {listed}")
    return results


def kind_of(url, response):
    """The page's template (or the view's name for feeds), with the query parameters that vary it."""
    if response.templates:
        kind = response.templates[0].name
    else:
        kind = response.resolver_match.view_name
    keys = sorted({key for key, _value in parse_qsl(urlsplit(url).query)})
    return kind + (f" ?{'&'.join(keys)}" if keys else "")


# Signed-in pages

CITIZEN = "vatandas@kentkonseyi.test"
COURIER = "kurye1@kentkonseyi.test"
COORDINATOR = "kadin@kentkonseyi.test"
CALL_CENTRE = "cozummerkezi@kentkonseyi.test"


def signed_in_pages():
    """[(kind, email, url)]: the pages each role uses most, each to be fetched signed in as that role's demo person."""
    from django.urls import reverse
    from django.utils import translation

    from assemblies.models import Membership
    from complaints.models import Case
    from distribution.models import Route
    from events.models import CalendarPage

    membership = Membership.objects.select_related("assembly").get(user__email=CITIZEN, assembly__slug="kadin-meclisi")
    assembly = membership.assembly
    calendar = CalendarPage.objects.live().get(locale_id=assembly.locale_id)
    route = Route.objects.filter(courier__email=COURIER).order_by("pk").first()
    case = Case.objects.filter(user__email=CITIZEN).order_by("received_at", "pk").first()
    members = reverse("members:list") + f"?assembly={assembly.pk}&state={Membership.State.APPROVED}"
    with translation.override("tr"):
        return [
            ("citizen: assembly page", CITIZEN, assembly.url),
            ("citizen: calendar", CITIZEN, calendar.url),
            ("citizen: Etkinlik kayıtlarım", CITIZEN, reverse("events:mine")),
            ("citizen: Meclislerim", CITIZEN, reverse("assemblies:mine")),
            ("citizen: profile", CITIZEN, reverse("accounts:profile")),
            ("citizen: Başvurularım", CITIZEN, reverse("suggestions:mine")),
            ("courier: routes", COURIER, reverse("distribution:my_routes")),
            ("courier: route page", COURIER, reverse("distribution:route", args=[route.token])),
            ("coordinator: admin dashboard", COORDINATOR, reverse("wagtailadmin_home")),
            ("coordinator: assembly members", COORDINATOR, members),
            ("coordinator: assembly's pages", COORDINATOR, reverse("wagtailadmin_explore", args=[assembly.pk])),
            ("call centre: case list", CALL_CENTRE, reverse("cases:list")),
            ("call centre: case page", CALL_CENTRE, reverse("cases:inspect", args=[case.pk])),
        ]


def visit_signed_in(scale):
    """{url as whom: (kind, cold queries, warm queries)} for the signed-in pages, their content at `scale` times."""
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    clients = {}
    results = {}
    for kind, email, url in signed_in_pages():
        if email not in clients:
            clients[email] = Client()
            clients[email].force_login(User.objects.get(email=email))
        counts = []
        for attempt in ("cold", "warm"):
            if attempt == "cold":
                cache.clear()
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                response = clients[email].get(url)
            counts.append(len(queries))
        if response.status_code != 200:
            sys.exit(f"{kind}: {url} answered {response.status_code} to {email}, not the page")
        results[f"{url} as {email.split('@')[0]}"] = (kind, counts[0], counts[1])
    return results


def people_content(scale):
    """What the demo people see on their own pages, made `scale` times as much (the demo's amount at 1); called
    once at each size.

    The demo citizen has one assembly and two applications but no registration,
    and the courier no route yet: at 1 they get a few, so that each list has rows to show at either size.
    """
    from django.db import transaction

    with transaction.atomic():
        citizen_registrations(2 * scale)
        citizen_memberships(scale)
        citizen_applications(2 * scale)
        courier_routes(2 * scale, scale)
        case_history(scale)


def citizen_registrations(count):
    """The citizen registered for `count` Turkish events that take registrations, one of every three waitlisted
    (the second among them, so that the demo's size has a waitlist place too, as ten times has)."""
    from accounts.models import User
    from events.models import EventPage, Registration

    citizen = User.objects.get(email=CITIZEN)
    taken = set(Registration.objects.filter(user=citizen).values_list("event_id", flat=True))
    events = (
        EventPage.objects.live()
        .filter(locale__language_code="tr")
        .exclude(registration=EventPage.Registration.NONE)
        .exclude(pk__in=taken)
        .order_by("path")
    )
    rows = [
        Registration(
            event=event,
            user=citizen,
            status=Registration.Status.WAITLISTED if number % 3 == 1 else Registration.Status.CONFIRMED,
            code=f"VT{number:06d}",
        )
        for number, event in enumerate(events[: max(count - len(taken), 0)], start=len(taken))
    ]
    Registration.objects.bulk_create(rows)


def citizen_memberships(scale):
    """At more than the demo's content, the citizen also belongs to (or has applied to) every other assembly."""
    from accounts.models import User
    from assemblies.models import AssemblyPage, Membership

    if scale == 1:
        return
    citizen = User.objects.get(email=CITIZEN)
    mine = Membership.objects.get(user=citizen, assembly__slug="kadin-meclisi")
    others = AssemblyPage.objects.filter(locale_id=mine.assembly.locale_id).exclude(memberships__user=citizen)
    for number, assembly in enumerate(others):
        state = Membership.State.APPLIED if number % 2 else Membership.State.APPROVED
        _clone(mine, assembly_id=assembly.pk, state=state).save()


def citizen_applications(count):
    """The citizen's suggestion box applications, up to `count`: copies of the open one, with their own numbers."""
    from complaints import demo
    from complaints.models import Case

    own = list(Case.objects.filter(user__email=CITIZEN).order_by("received_at", "pk"))
    missing = count - len(own)
    if missing <= 0:
        return
    numbers = demo.fresh_numbers(missing)
    Case.objects.bulk_create(
        [_clone(own[-1], tracking_number=number, uuid=uuid.uuid4(), submission_key=None) for number in numbers]
    )


def courier_routes(count, scale):
    """The demo distribution planned, `count` of its routes given to the courier, its first route `scale` times as
    long as planned (called once at each size), its first stop recorded."""
    from accounts.models import User
    from distribution import planning
    from distribution.models import Distribution, Route, Stop

    courier = User.objects.get(email=COURIER)
    distribution = Distribution.objects.order_by("pk").first()
    if not distribution.routes.exists():
        planning.build_routes(distribution)
    free = distribution.routes.filter(courier__isnull=True).order_by("number")
    wanted = count - Route.objects.filter(courier=courier).count()
    Route.objects.filter(pk__in=list(free.values_list("pk", flat=True)[: max(wanted, 0)])).update(courier=courier)
    first = Route.objects.filter(courier=courier).order_by("pk").first()
    have = list(first.stops.order_by("position"))
    if have[0].outcome == Stop.Outcome.PENDING:
        planning.record(have[0], Stop.Outcome.DELIVERED, courier, received_by="Okul müdürü")
    more = [
        _clone(have[number % len(have)], position=len(have) + number + 1, outcome=Stop.Outcome.PENDING)
        for number in range((scale - 1) * len(have))
    ]
    Stop.objects.bulk_create(more)


def case_history(scale):
    """The call centre's case page: beyond the demo's content, the citizen's answered case gets two internal
    notes (and their lines of history) per multiple."""
    from accounts.models import User
    from complaints import cases
    from complaints.models import Case

    if scale == 1:
        return
    case = Case.objects.filter(user__email=CITIZEN).order_by("received_at", "pk").first()
    staff = User.objects.get(email=CALL_CENTRE)
    for number in range(2 * scale):
        cases.add_note(case, f"Vatandaş yeniden arandı ({number + 1}).", actor=staff)


# Ten times the content


def multiply(factor):
    """Make the demo content `factor` times as large, in both languages."""
    from django.db import transaction

    with transaction.atomic():
        copy_pages(factor)
        more_members(factor)
        more_board_and_commissions(factor)
        more_registrations(factor)
        more_answers(factor)
        more_cases(factor)
        more_public_lists(factor)
    people_content(factor)


def copy_pages(factor):
    """factor - 1 published copies of every news item, event and survey, under the same parent.

    A translated page's copies are translations of the default language's copies, as an editor's would be.
    """
    from django.conf import settings
    from wagtail.models.copying import _copy

    from events.models import EventPage
    from home.models import NewsPage
    from surveys.models import SurveyPage

    for model in (NewsPage, EventPage, SurveyPage):
        # The default language first, so its copies' translation keys are there for the translations.
        originals = sorted(
            model.objects.live().select_related("locale"),
            key=lambda page: (page.locale.language_code != settings.LANGUAGE_CODE, page.path),
        )
        keys = {}
        for original in originals:
            parent = original.get_parent()
            exclude = original.default_exclude_fields_in_copy + original.exclude_fields_in_copy + ["ical_uid"]
            for number in range(2, factor + 1):
                key = keys.setdefault((original.translation_key, number), uuid.uuid4())
                page, _children = _copy(
                    original,
                    exclude_fields=exclude,
                    update_attrs={
                        "title": f"{original.title} ({number})",
                        "draft_title": f"{original.title} ({number})",
                        "slug": f"{original.slug}-{number}",
                        "translation_key": key,
                        "live": False,
                        "live_revision": None,
                        "alias_of": None,
                    },
                )
                parent.add_child(instance=page)
                page.save_revision().publish()


def more_members(factor):
    from assemblies.models import Membership

    originals = list(Membership.objects.filter(user__isnull=True))
    copies = []
    for number in range(2, factor + 1):
        for member in originals:
            local, _at, domain = member.email.partition("@")
            copies.append(_clone(member, email=f"{local}.{number}@{domain}" if member.email else ""))
    Membership.objects.bulk_create(copies, batch_size=1000)


def more_board_and_commissions(factor):
    from assemblies.models import BoardMember, Commission

    for model in (BoardMember, Commission):
        originals = list(model.objects.all())
        model.objects.bulk_create(
            [
                _clone(row, sort_order=(row.sort_order or 0) + number * 100)
                for number in range(2, factor + 1)
                for row in originals
            ],
            batch_size=1000,
        )


def more_registrations(factor):
    """Every event that takes registrations gets people: its places filled and a waitlist behind."""
    from accounts.models import User
    from events import registrations
    from events.models import EventPage, Registration

    events = list(EventPage.objects.live().filter(locale__language_code="tr").exclude(registration="none"))
    per_event = 4 * factor
    users = User.objects.bulk_create(
        [User(email=f"katilimci{number}@ornek.test", password="!") for number in range(per_event)], batch_size=1000
    )
    rng = random.Random(10)
    rows = []
    for event in events:
        places = event.capacity if event.capacity is not None else per_event
        for position, user in enumerate(users):
            status = Registration.Status.CONFIRMED if position < places else Registration.Status.WAITLISTED
            code = "".join(rng.choice(registrations.CODE_ALPHABET) for _ in range(registrations.CODE_LENGTH))
            rows.append(Registration(event=event, user=user, status=status, code=f"{code[:4]}{position:04d}"[:8]))
    Registration.objects.bulk_create(rows, batch_size=1000)


def more_answers(factor):
    """Each survey with answers gets `factor` times as many, its copies included."""
    from surveys.models import Answer, Response

    originals = list(Response.objects.prefetch_related("parts"))
    by_survey = defaultdict(list)
    for response in originals:
        by_survey[response.survey_id].append(response)
    for responses in by_survey.values():
        new_responses, new_parts = [], []
        for number in range(2, factor + 1):
            for response in responses:
                copy = _clone(response, respondent=f"{response.respondent}-{number}")
                new_responses.append(copy)
                new_parts.append([_clone(part) for part in response.parts.all()])
        Response.objects.bulk_create(new_responses, batch_size=1000)
        for copy, parts in zip(new_responses, new_parts, strict=True):
            for part in parts:
                part.response_id = copy.pk
        Answer.objects.bulk_create([part for parts in new_parts for part in parts], batch_size=2000)


def more_cases(factor):
    from complaints import demo
    from complaints.models import Case

    demo.create_cases((factor - 1) * Case.objects.count(), random.Random(factor), days=60)


def more_public_lists(factor):
    """The public lists' rows `factor` times: council opinions (with their steps and mahalleler), published
    reports, published vacancies."""
    from complaints import demo
    from complaints.models import Case
    from council.models import Opinion, OpinionStep
    from employment.models import Vacancy

    opinions = list(Opinion.objects.prefetch_related("steps", "neighbourhoods"))
    copies = [
        _clone(opinion, sequence=opinion.sequence + 1000 * number)
        for number in range(1, factor)
        for opinion in opinions
    ]
    Opinion.objects.bulk_create(copies, batch_size=1000)
    originals = opinions * (factor - 1)
    OpinionStep.objects.bulk_create(
        [
            _clone(step, opinion_id=copy.pk)
            for copy, original in zip(copies, originals, strict=True)
            for step in original.steps.all()
        ],
        batch_size=1000,
    )
    Through = Opinion.neighbourhoods.through
    Through.objects.bulk_create(
        [
            Through(opinion_id=copy.pk, neighbourhood_id=place.pk)
            for copy, original in zip(copies, originals, strict=True)
            for place in original.neighbourhoods.all()
        ],
        batch_size=1000,
    )
    shown = list(Case.objects.filter(public_consent=True, moderated_at__isnull=False))
    numbers = iter(demo.fresh_numbers(len(shown) * (factor - 1)))
    Case.objects.bulk_create(
        [
            _clone(case, tracking_number=next(numbers), uuid=uuid.uuid4(), submission_key=None)
            for _number in range(1, factor)
            for case in shown
        ],
        batch_size=1000,
    )
    vacancies = list(Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED))
    Vacancy.objects.bulk_create([_clone(vacancy) for _number in range(1, factor) for vacancy in vacancies])


def _clone(row, **changes):
    """An unsaved copy of a row with some fields changed."""
    fields = {
        field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields if not field.primary_key
    }
    return type(row)(**{**fields, **changes})


# The figures


def report(base, scaled, factor, limit):
    """Print the table; the exit status: 1 when a page is over the limit or grows with content."""

    def by_kind(results):
        kinds = defaultdict(list)
        for url, (kind, cold, warm) in results.items():
            kinds[kind].append((warm, cold, url))
        return kinds

    before, after = by_kind(base), by_kind(scaled)
    n = f"{factor}x"
    columns = ["urls 1x", f"urls {n}", "max 1x", "med 1x", f"max {n}", f"med {n}", "cold 1x", f"cold {n}"]
    width = max(len(kind) for kind in [*before, *after, "page kind"])
    header = f"{'page kind':<{width}}" + "".join(f" {column:>8}" for column in columns)
    print(header)
    print("-" * len(header))
    problems = []
    for kind in sorted(set(before) | set(after)):
        one, many = before.get(kind, []), after.get(kind, [])
        cells = [len(one), len(many)]
        for rows in (one, many):
            warm = [row[0] for row in rows]
            cells += [max(warm), f"{statistics.median(warm):g}"] if warm else ["-", "-"]
        cells += [max(row[1] for row in rows) if rows else "-" for rows in (one, many)]
        print(f"{kind:<{width}}" + "".join(f" {cell!s:>8}" for cell in cells))
        worst = max(one + many)
        if worst[0] > limit:
            problems.append(f"{kind}: {worst[0]} queries at {worst[2]}")
        if one and many and max(many)[0] > max(one)[0]:
            problems.append(f"{kind}: grows from {max(one)[0]} to {max(many)[0]} queries at {max(many)[2]}")
    print()
    for problem in problems:
        print(f"  over: {problem}")
    worst_one = max(warm for _kind, _cold, warm in base.values())
    worst_many = max(warm for _kind, _cold, warm in scaled.values())
    print(f"max warm queries: {worst_one} at 1x, {worst_many} at {n} (limit {limit})")
    return 1 if problems else 0


if __name__ == "__main__":
    main()
