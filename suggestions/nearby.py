"""Before a report is sent: the open public reports of the same topic near the resident's pin or on their street.

Only `Case.objects.public()` cases are ever offered, and only as the public sees them (complaints/publication.py):
distances are measured from the rounded public point, never the exact one, so asking again and again with
the pin moved about tells nobody more than the public map does.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import formats, timezone

from complaints import publication
from complaints.masking import mask_for_case
from complaints.models import Case
from places import gazetteer, turkish
from theme import chrome

RADIUS = 150  # metres
# The public point is up to ~70 m from the exact one: the box's prefilter is widened by that much.
ROUNDING_SLACK = 80
# Same-street candidates are looked for in the mahalle, else this far around the pin.
STREET_AREA = 1500
LIMIT = 5
POOL = 300  # newest rows read per look-up: a bound that does not grow with the register
# The records version of the reports the box may offer (suggestions/apps.py bumps it when a case that is open and
# public is saved: filed with the resident's consent, shown again, moved to another street or topic).
OFFERED = "offered-reports"
# The streets of the open public reports of each topic in each mahalle, as this process read them at a version of
# OFFERED: (version, {topic id: {neighbourhood id: [(case id, street key)]}}), one query a topic. Nearly every
# sending asks, and nearly always the answer is none: it costs no query until a report is offered or changed.
_streets = (None, {})
MAX_TOPICS = 200
TOPIC_POOL = 5000  # newest rows of a topic read at once, in every mahalle


@dataclass
class Candidate:
    case: Case
    distance: int | None  # metres from the pin to the public point, rounded to 10 m; None: matched by street

    @property
    def status_label(self):
        """The status as the report's public page says it (open, answered, closed)."""
        return publication.public_status(self.case)[1]

    @property
    def public_text(self):
        """The checked text as the public page shows it: masked again of the resident's contact details."""
        return mask_for_case(self.case.public_description, self.case) if self.case.moderated_at else ""


def _addresses(topic, **narrower):
    """The open public reports of `topic` (and of `narrower`'s conditions), newest first, without their related
    rows or counts; built in as few steps as may be, since the box asks at nearly every sending."""
    return Case.objects.public().filter(status__in=Case.OPEN_STATUSES, topic=topic, **narrower)


def _public(topic, **narrower):
    return (
        _addresses(topic, **narrower)
        .select_related("topic", "neighbourhood")
        .annotate(voices=Count("supporters"))
        .order_by("-received_at", "-pk")
    )


def find(topic, latitude=None, longitude=None, address="", neighbourhood=None):
    """Up to five open public reports of `topic` within 150 m of the point or on the street of `address`,
    nearest first, then newest. Three queries at most, whatever the register holds."""
    if topic is None:
        return []
    found = {}
    if latitude is not None and longitude is not None:
        near = gazetteer.within(_public(topic), latitude, longitude, RADIUS + ROUNDING_SLACK)[:POOL]
        for case in near:
            point = publication.public_location(case)
            metres = gazetteer.distance(latitude, longitude, *point)
            if metres <= RADIUS:
                found[case.pk] = Candidate(case, int(round(metres, -1)))
    key = turkish.street_key(address)
    if key:
        if neighbourhood is not None:
            same_street = [pk for pk, street in _streets_of(topic, neighbourhood) if street == key and pk not in found]
        else:
            pool = _addresses(topic)
            if latitude is not None and longitude is not None:
                pool = gazetteer.within(pool, latitude, longitude, STREET_AREA)
            same_street = [pk for pk, street in _street_keys(pool.exclude(pk__in=list(found))) if street == key]
        if same_street:
            # Read again in full: the list may be older than a report's closing or hiding.
            for case in _public(topic, pk__in=same_street):
                if turkish.street_key(case.address) == key:
                    found[case.pk] = Candidate(case, None)
    ordered = sorted(
        found.values(),
        key=lambda c: (c.distance is None, c.distance or 0, -c.case.received_at.timestamp(), -c.case.pk),
    )
    return ordered[:LIMIT]


def _with_address(pool):
    """The pool's reports with an address, newest first."""
    return pool.exclude(address="").order_by("-received_at", "-pk")


def _street_keys(pool):
    """(case id, street key) of the pool's newest reports with an address: their addresses only, not whole rows."""
    return [
        (pk, turkish.street_key(address)) for pk, address in _with_address(pool).values_list("pk", "address")[:POOL]
    ]


def _streets_of(topic, neighbourhood):
    """`_street_keys` of the open public reports of `topic` in `neighbourhood`, from this process's copy of the
    topic's reports in every mahalle while the offered reports' records version stays the same."""
    global _streets
    version = chrome.records_version(OFFERED)
    if _streets[0] != version or len(_streets[1]) >= MAX_TOPICS:
        _streets = (version, {})
    topics = _streets[1]
    if topic.pk not in topics:
        rows = _with_address(_addresses(topic)).values_list("neighbourhood_id", "pk", "address")[:TOPIC_POOL]
        lists = topics[topic.pk] = {}
        for neighbourhood_id, pk, address in rows:
            streets = lists.setdefault(neighbourhood_id, [])
            if len(streets) < POOL:
                streets.append((pk, turkish.street_key(address)))
    return topics[topic.pk].get(neighbourhood.pk, [])


def offered_changed(sender, instance, **kwargs):
    """post_save of a case: when it is one the box may offer, every process reads the offered streets again."""
    if (
        instance.public_consent
        and not instance.hidden_from_public
        and instance.anonymised_at is None
        and instance.status in Case.OPEN_STATUSES
    ):
        chrome.bump_records(OFFERED)


def as_json(candidate, url=""):
    """What the box's script shows of a candidate: what the public page shows, nothing personal."""
    case = candidate.case
    return {
        "id": case.pk,
        "topic": str(case.topic) if case.topic_id else "",
        "neighbourhood": case.neighbourhood.name if case.neighbourhood_id else "",
        "date": formats.date_format(timezone.localdate(case.received_at), "j F Y"),  # as the public pages write it
        "status": str(candidate.status_label),
        "text": candidate.public_text,
        "voices": case.voices,
        "distance": candidate.distance,
        "url": url,
    }
