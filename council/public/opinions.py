"""Public pages of the council's opinions: the list with its filters and overview, and each opinion's timeline."""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council import opinions as journeys
from council.models import Body, Opinion, OpinionStep, Topic
from places.models import Neighbourhood
from theme import chrome

PER_PAGE = 20


class OpinionFilter(forms.Form):
    """The list's filters, by the words in the address (kurul, meclis, durum, yil, konu, mahalle)."""

    kurul = forms.ChoiceField(label=gettext_lazy("Body"), required=False)
    meclis = forms.ChoiceField(label=gettext_lazy("Assembly"), required=False)
    durum = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    yil = forms.ChoiceField(label=gettext_lazy("Year"), required=False)
    konu = forms.ChoiceField(label=gettext_lazy("Topic"), required=False)
    mahalle = forms.ChoiceField(label=gettext_lazy("Neighbourhood"), required=False)

    def __init__(self, data, opinions):
        super().__init__(data)
        bodies = list(Body.objects.public().filter(opinions__in=opinions).distinct().select_related("assembly"))
        # The bodies' assemblies, each once in the tree's order: read with the bodies, not in a query of their own.
        assemblies = {body.assembly.pk: body.assembly for body in bodies if body.assembly_id is not None}
        assemblies = sorted(assemblies.values(), key=lambda assembly: assembly.path)
        years = opinions.order_by("-year").values_list("year", flat=True).distinct()
        choices = {
            "kurul": [(body.slug, body.name) for body in bodies],
            "meclis": [(assembly.slug, assembly.title) for assembly in assemblies],
            "durum": list(Opinion.Status.choices),
            "yil": [(str(year), str(year)) for year in years],
            "konu": list(Topic.choices),
            "mahalle": [(place.slug, place.name) for place in Neighbourhood.objects.in_turkish_order()],
        }
        everything = {
            "kurul": _("All bodies"),
            "meclis": _("All assemblies"),
            "durum": _("Any status"),
            "yil": _("All years"),
            "konu": _("All topics"),
            "mahalle": _("All neighbourhoods"),
        }
        for name, field in self.fields.items():
            field.choices = [("", everything[name]), *choices[name]]

    def filter(self, queryset):
        if not self.is_valid():
            # An outdated address (a body renamed, a year with no opinions left): the valid filters still apply.
            data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        else:
            data = self.cleaned_data
        lookups = {
            "kurul": "body__slug",
            "meclis": "body__assembly__slug",
            "durum": "status",
            "yil": "year",
            "konu": "topic",
            "mahalle": "neighbourhoods__slug",
        }
        for name, lookup in lookups.items():
            if data.get(name):
                queryset = queryset.filter(**{lookup: data[name]})
        return queryset

    @property
    def chosen(self):
        return any(self.data.get(name) for name in self.fields)


def recorder(step, opinion):
    """Who recorded a step, as a role (never a person's name or e-mail)."""
    if step.recorded_as == OpinionStep.RecordedAs.COORDINATOR and opinion.body.assembly_id:
        return _("%(assembly)s coordinators") % {"assembly": opinion.body.assembly.title}
    if step.recorded_as:
        return OpinionStep.RecordedAs(step.recorded_as).label
    return _("The council's secretariat")


def with_steps(queryset):
    return queryset.select_related("body", "body__assembly", "agenda_item__meeting").prefetch_related(
        Prefetch("steps", queryset=OpinionStep.objects.order_by("date", "recorded_at", "pk")),
        Prefetch("neighbourhoods", queryset=Neighbourhood.objects.order_by("sort_key")),
    )


def timeline(opinion):
    """The opinion's steps in order, each with the days it took and who recorded it; and the days it has waited
    since its latest step when its journey is still open."""
    steps, waiting = journeys.durations(list(opinion.steps.all()))
    return [{"step": step, "took": took, "recorder": recorder(step, opinion)} for step, took in steps], waiting


def opinion_url(page, opinion):
    return page.url + page.reverse_subpage("opinion", kwargs={"year": opinion.year, "sequence": opinion.sequence})


# The list's words in the address that change what it shows; any other is ignored, and each is cut short, so a
# made-up address cannot fill the cache with copies.
LIST_PARAMETERS = (*OpinionFilter.base_fields, "page")


def index(request, page):
    """The list, its filters and overview: the same for every visitor, so its HTML is kept per version of the
    council's records (bumped by any change to them), page, language, filter and day (the days waited grow)."""

    def listing():
        opinions = Opinion.objects.public().filter(body__is_public=True)
        form = OpinionFilter(request.GET, opinions)
        chosen = form.filter(opinions).distinct()
        paginator = Paginator(with_steps(chosen).order_by("-year", "-sequence"), PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        rows = []
        for opinion in page_obj:
            steps, waiting = timeline(opinion)
            rows.append({"opinion": opinion, "url": opinion_url(page, opinion), "steps": steps, "waiting": waiting})
        figures = journeys.overview(chosen, total=paginator.count)
        return {"form": form, "page_obj": page_obj, "rows": rows, "figures": figures, "filtered": form.chosen}

    return page.render(
        request,
        template="council/opinions.html",
        context_overrides={
            "listing": SimpleLazyObject(listing),
            "listing_cache": (
                *chrome.listings_key(request),
                chrome.records_version("council"),
                timezone.localdate().isoformat(),
                *(request.GET.get(name, "")[:40] for name in LIST_PARAMETERS),
            ),
            "listing_ttl": settings.PAGE_CACHE["ttl"],
            "page_title": _("Opinions and proposals"),
        },
    )


def detail(request, page, year, sequence):
    opinion = (
        with_steps(Opinion.objects.public().filter(body__is_public=True)).filter(year=year, sequence=sequence).first()
    )
    if opinion is None:
        raise Http404
    steps, waiting = timeline(opinion)
    meeting = opinion.agenda_item.meeting if opinion.agenda_item_id else None
    return page.render(
        request,
        template="council/opinion.html",
        context_overrides={
            "opinion": opinion,
            "steps": steps,
            "waiting": waiting,
            "meeting": meeting,
            "meeting_url": page.url + page.reverse_subpage("meeting", kwargs={"pk": meeting.pk}) if meeting else None,
            "body_url": page.url + page.reverse_subpage("body", kwargs={"slug": opinion.body.slug}),
            "opinions_url": page.url + page.reverse_subpage("opinions"),
            "deadline": journeys.first_meeting_deadline(_sent_on(steps)) if _sent_on(steps) else None,
            "page_title": f"{opinion.number} {opinion.title}",
        },
    )


def _sent_on(steps):
    return next((row["step"].date for row in steps if row["step"].kind == OpinionStep.Kind.SENT), None)
