"""Every admin address, for every staff role: what lies outside a role's scope is never shown (issue 16).

The addresses come from the URL resolver, so a new admin page is covered as soon as it exists: one
that takes an object's id must be classified below (whose object it shows, or why Wagtail's own
permissions cover it), or `test_every_admin_address_is_classified` fails. For each role, with the
people and records of `world` (tests/security/conftest.py) inside and outside its scope:

- no answer is a server error;
- no answer carries the name, e-mail or phone of a person outside the role's scope (nor an API key's
  partner, nor the recipient book to those outside the post team);
- an address of an object outside the scope answers 403, 404, a redirect (or 405 where only a form may post);
- the role's own records open.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

ROLES = [
    "kadin_coordinator",
    "cocuk_coordinator",
    "call_centre",
    "vet_staff",
    "works_staff",
    "post_team",
    "courier",
    "editor",
]

# What identifies each record of `world`, and who may see it.
SECRETS = {
    "kadin_member": ["Gülay Erdemoğlu", "gulay@example.org"],
    "child": ["Ela Yıldızhan", "ela@example.org", "Derya Yıldızhan", "0533 222 33 44"],
    "vet_case": ["Sadık Köpekseven", "sadik@example.org", "+905321110001"],
    "works_case": ["Asfalt Yolcuoğlu", "asfalt@example.org", "+905321110002"],
    "vet_notification": ["sadik@example.org"],
    "works_notification": ["asfalt@example.org"],
    "recipient": ["Hakan Derneksever", "Yıldız Kültür Derneği"],
    "api_key": ["Beyaz Masa Gizli Ortak"],
    "general_body": ["genelkurul@example.org", "0532 700 00 01"],
    "kadin_body": ["kadinkurulu@example.org", "0532 700 00 02"],
    "cocuk_body": ["cocukkurulu@example.org", "0532 700 00 03"],
    "escort_booking": ["Refika Refakatsever", "+905327770001"],
}
SCOPE = {
    "kadin_coordinator": {"kadin_member", "kadin_body"},
    "cocuk_coordinator": {"child", "cocuk_body"},
    "call_centre": {"vet_case", "works_case", "vet_notification", "works_notification"},
    "vet_staff": {"vet_case"},
    "works_staff": {"works_case"},
    "post_team": {"recipient"},
    "courier": set(),
    "editor": set(),
}
MODEL_OF = {
    "kadin_member": "assemblies.membership",
    "child": "assemblies.membership",
    "vet_case": "complaints.case",
    "works_case": "complaints.case",
    "vet_notification": "complaints.notification",
    "works_notification": "complaints.notification",
    "recipient": "distribution.recipient",
    "api_key": "complaints.apikey",
    "general_body": "council.body",
    "kadin_body": "council.body",
    "cocuk_body": "council.body",
    "escort_booking": "escort.booking",
}
# Pages each role must still be able to open (their own records).
OWN_PAGES = {
    "kadin_coordinator": [
        "/admin/members/inspect/{kadin_member}/",
        "/admin/members/edit/{kadin_member}/",
        "/admin/council/bodies/edit/{kadin_body}/",
    ],
    "cocuk_coordinator": ["/admin/members/inspect/{child}/", "/admin/council/bodies/edit/{cocuk_body}/"],
    "call_centre": [
        "/admin/cases/inspect/{vet_case}/",
        "/admin/cases/inspect/{works_case}/",
        "/admin/snippets/complaints/notification/inspect/{works_notification}/",
    ],
    "vet_staff": ["/admin/cases/inspect/{vet_case}/"],
    "works_staff": ["/admin/cases/inspect/{works_case}/"],
    "post_team": ["/admin/snippets/distribution/recipient/edit/{recipient}/"],
    "courier": [],
    "editor": [],
}

# Addresses that take an object of one of our models: (pattern of the route, model).
OUR_OBJECT_ROUTES = [
    (r"^admin/members/import/", "assemblies.rosterimport"),
    (r"^admin/members/", "assemblies.membership"),
    (r"^admin/cases/photo/", "complaints.attachment"),
    (r"^admin/cases/notification/", "complaints.notification"),
    (r"^admin/cases/handoff/", "complaints.delivery"),
    (r"^admin/cases/", "complaints.case"),
    (r"^admin/publicreports/photo/", "complaints.attachment"),
    (r"^admin/publicreports/case/", "complaints.case"),
    (r"^admin/snippets/choose/(?P<app>\w+)/(?P<model>\w+)/", None),
    (r"^admin/snippets/(?P<app>\w+)/(?P<model>\w+)/", None),
    (r"^admin/consents/", "accounts.consent"),
    (r"^admin/consent_proofs/", "accounts.consentproof"),
    (r"^admin/distribution/route/", "distribution.route"),
    (r"^admin/distribution/import/", "distribution.recipientimport"),
    (r"^admin/distribution/", "distribution.distribution"),
    (r"^admin/events/", "events.eventpage"),
    (r"^admin/surveys/", "surveys.surveypage"),
    (r"^admin/outbox/", "outbox.message"),
    (r"^admin/council/bodies/", "council.body"),
    (r"^admin/council/organisations/", "council.organisation"),
    (r"^admin/council/meetings/", "council.meeting"),
    (r"^admin/council/minutes/", "council.meeting"),
    (r"^admin/council/bulletins/", "council.bulletin"),
    (r"^admin/council/opinions/", "council.opinion"),
    (r"^admin/employment/occupations/", "employment.occupation"),
    (r"^admin/employment/firms/", "employment.firm"),
    (r"^admin/escort/bookings/", "escort.booking"),
    (r"^admin/escort/offices/", "escort.office"),
    (r"^admin/escort/roster/", "escort.slotcapacity"),
    (r"^admin/escort/exceptions/", "escort.rosterexception"),
    (r"^admin/employment/cvs/", "employment.cv"),
    (r"^admin/employment/vacancies/", "employment.vacancy"),
    (r"^admin/employment/referrals/", "employment.referral"),
    (r"^admin/employment/placements/", "employment.placement"),
]
# Wagtail's own addresses that take an id: pages, images, documents, users, groups, workflows and the
# site's settings, each held by Wagtail's permission policies (pages per subtree, images and documents
# per collection, users and groups by the auth permissions, which no staff role here holds).
WAGTAIL_OWN = re.compile(
    r"^admin/(pages|images|documents|users|groups|workflows|collections|sites|locales|settings|redirects|api|"
    r"translation|editing-sessions|tag-autocomplete|choose-page|password_reset|reports)/"
)
# Not fetched: they end the session, fail on purpose, or answer every address.
NOT_FETCHED = {"admin/logout/", "admin/failwhale/", "admin/test404/", "admin/^.*/$", "admin/login/"}


def admin_routes():
    """(route, name, number of arguments) of every address under /admin/."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                yield route, (namespace + pattern.name) if pattern.name else None, len(re.findall(r"<[^>]+>", route))

    seen = set()
    for route, name, arguments in walk(get_resolver().url_patterns, "", ""):
        if route.startswith("admin/") and route not in seen:
            seen.add(route)
            yield route, name, arguments


def classify(route, arguments):
    """("fetch", None) for a page without arguments; ("object", "app.model"); ("bulk", None);
    ("wagtail", None) for Wagtail's own object pages; ("skip", None); None if unclassified."""
    if route in NOT_FETCHED:
        return "skip", None
    if route.startswith("admin/bulk/"):
        return "bulk", None
    if arguments == 0:
        return "fetch", None
    for pattern, model in OUR_OBJECT_ROUTES:
        found = re.match(pattern, route)
        if found:
            return "object", model or f"{found['app']}.{found['model']}"
    if WAGTAIL_OWN.match(route):
        return "wagtail", None
    return None


def fill(route, pk):
    return "/" + re.sub(
        r"<(?:\w+:)?(\w+)>", lambda match: str(pk) if "pk" in match[1] or "id" in match[1] else "x", route
    )


def test_every_admin_address_is_classified():
    unclassified = [route for route, _name, arguments in admin_routes() if classify(route, arguments) is None]
    assert unclassified == [], "classify these admin addresses in OUR_OBJECT_ROUTES or WAGTAIL_OWN"


def read(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "ignore")
    return response.content.decode("utf-8", "ignore")


def bulk_addresses(world):
    """Every registered bulk action of our models, on each record of `world` of that model."""
    for key, label in MODEL_OF.items():
        app_label, model_name = label.split(".")
        for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name):
            url = f"/admin/bulk/{app_label}/{model_name}/{action.action_type}/?next=/admin/&id={world[key].pk}"
            yield key, url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_role_sees_nothing_outside_its_scope(client, world, role):
    client.force_login(world["roles"][role])
    outside = [key for key in SECRETS if key not in SCOPE[role]]
    secrets = {secret for key in outside for secret in SECRETS[key]}
    # Secrets shared with a record in scope (a case and its notification) are the role's to see.
    secrets -= {secret for key in SCOPE[role] for secret in SECRETS[key]}
    problems = []

    def check(url, key=None):
        try:
            response = client.get(url)
        except Exception as error:  # the test client re-raises what would be a 500
            problems.append(f"{url}: {type(error).__name__}: {error}")
            return None
        text = read(response)
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
        shown = sorted(secret for secret in secrets if secret in text)
        if shown:
            problems.append(f"{url}: shows {shown}")
        if key is not None and key not in SCOPE[role] and response.status_code not in (302, 403, 404, 405):
            problems.append(f"{url}: {response.status_code} for a record outside the scope")
        return response

    for route, _name, arguments in admin_routes():
        kind, model = classify(route, arguments)
        if kind == "fetch":
            check("/" + route)
            if route.endswith(("members/", "cases/", "consents/")) or route.startswith("admin/snippets/complaints"):
                check("/" + route + "?export=csv")
        elif kind == "object":
            keys = [key for key, label in MODEL_OF.items() if label == model]
            for key in keys:
                check(fill(route, world[key].pk), key)
            if not keys:
                check(fill(route, 999999))  # a record that does not exist: never a server error
    for key, url in bulk_addresses(world):
        check(url, key)
    for page in OWN_PAGES[role]:
        response = check(page.format(**{key: world[key].pk for key in SECRETS}))
        if response is not None and response.status_code != 200:
            problems.append(f"{page}: {response.status_code} for the role's own record")

    assert not problems, "\n".join(problems)
