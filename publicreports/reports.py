"""What the public sees of a case, and nothing more: built from `Case.objects.public()` by the list, the map,
each report's page and the sitemap.

Templates get a `PublicReport`, never the case itself, so no template can print a name, a phone number, an
e-mail address, the address or the exact point by mistake.
"""

from dataclasses import dataclass, field

from complaints import cases
from complaints.masking import mask_for_case
from complaints.models import Case, PublicPhoto
from complaints.publication import public_location, public_status

Status = Case.Status

# What the public list and map read of a case, with its topic and mahalle in the same query.
LISTED_FIELDS = [
    "id",
    "received_at",
    "status",
    "name",  # these two read only to mask them out of the public text
    "address",
    "public_description",
    "moderated_at",
    "latitude",
    "longitude",
    "topic_id",
    "topic__name",
    "topic__name_en",
    "neighbourhood_id",
    "neighbourhood__name",
]


def public_cases():
    return Case.objects.public()


@dataclass
class PublicReport:
    """A case as anyone may see it."""

    pk: int
    topic: str
    neighbourhood: str
    received_at: object
    status_key: str
    status_label: str
    # The moderated text (masked again); None while staff have not checked it.
    text: str | None
    location: tuple | None
    answer: str = ""
    answered_at: object = None
    history: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    supporters: int = 0

    @property
    def latitude(self):
        return self.location[0] if self.location else None

    @property
    def longitude(self):
        return self.location[1] if self.location else None


def summary(case):
    """The list's and the map's row of a public case (`case` loaded with its topic and mahalle)."""
    key, label = public_status(case)
    return PublicReport(
        pk=case.pk,
        topic=str(case.topic) if case.topic_id else "",
        neighbourhood=case.neighbourhood.name if case.neighbourhood_id else "",
        received_at=case.received_at,
        status_key=key,
        status_label=label,
        text=mask_for_case(case.public_description, case) if case.moderated_at else None,
        location=public_location(case),
    )


def listing(queryset):
    """`queryset` of public cases loaded for `summary`: the row, its topic and its mahalle in one query."""
    return queryset.select_related("topic", "neighbourhood").only(*LISTED_FIELDS)


def masked_answer(case):
    """The municipality's answer as the public may read it (staff write it to the resident, often by name)."""
    return mask_for_case(case.public_answer, case)


def report(case):
    """The whole public page of a case: its summary, the answer, the public history, approved photos and the
    number of residents who added their voice."""
    public = summary(case)
    if case.status in (Status.ANSWERED, Status.CLOSED) and case.public_answer:
        public.answer = masked_answer(case)
        public.answered_at = case.answered_at
    public.history = cases.public_history(case)
    public.photos = list(
        PublicPhoto.objects.filter(attachment__case=case)
        .order_by("attachment_id")
        .values_list("attachment_id", "width", "height")
    )
    public.supporters = case.supporters.count()
    return public
