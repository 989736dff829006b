"""Opinions in the admin: the list (by body, status, year, topic), forming and editing an opinion, its timeline in
words, and "Adım ekle", which records the next step through council/opinions.py.

Only the secretariat (every body) and an assembly's coordinators (their assembly's bodies) see and record them:
the listing, every object page and the step form keep to `council.access.recordable_bodies`.
"""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from council import access, admin_menu
from council import opinions as journeys
from council.models import AgendaItem, Body, Opinion, OpinionStep, Topic
from places.models import Neighbourhood
from theme import admin_scope

Kind = OpinionStep.Kind


def visible_opinions(user):
    """The opinions `user` records on (the listing and every object page also keep to council/scopes.py)."""
    return Opinion.objects.filter(body__in=access.recordable_bodies(user))


def _years(request=None):
    return [(year, year) for year in Opinion.objects.order_by("-year").values_list("year", flat=True).distinct()]


class OpinionFilterSet(WagtailFilterSet):
    body = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Body"), queryset=lambda request: access.recordable_bodies(request.user)
    )
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Opinion.Status.choices)
    year = django_filters.ChoiceFilter(label=gettext_lazy("Year"), choices=_years)
    topic = django_filters.ChoiceFilter(label=gettext_lazy("Topic"), choices=Topic.choices)

    class Meta:
        model = Opinion
        fields = ["body", "status", "year", "topic"]


class OpinionForm(WagtailAdminModelForm):
    """Forming an opinion (numbered and its first step recorded by council/opinions.py) or correcting its words."""

    formed_on = forms.DateField(
        label=gettext_lazy("Formed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Leave empty to use the meeting's date (or today without a meeting)."),
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        bodies = access.recordable_bodies(for_user) if for_user else Body.objects.none()
        if "body" in self.fields:
            self.fields["body"].queryset = bodies
            self.fields["body"].required = False
            self.fields["body"].help_text = _("Not needed when you choose the agenda item: its meeting's body.")
        if "agenda_item" in self.fields:
            self.fields["agenda_item"].queryset = (
                AgendaItem.objects.filter(meeting__body__in=bodies)
                .select_related("meeting__body")
                .order_by("-meeting__starts_at", "sort_order")
            )
            self.fields["agenda_item"].label_from_instance = lambda item: f"{item.meeting} — {item.title}"
        if "neighbourhoods" in self.fields:
            self.fields["neighbourhoods"].queryset = Neighbourhood.objects.in_turkish_order()

    def clean(self):
        data = super().clean()
        if self.instance.pk is None:
            item = data.get("agenda_item")
            if item is not None and data.get("body") and item.meeting.body_id != data["body"].pk:
                self.add_error("agenda_item", _("This agenda item belongs to another body's meeting."))
            if item is not None and not data.get("body"):
                data["body"] = item.meeting.body
            if item is None and not data.get("body"):
                self.add_error("body", _("Choose the body that formed the opinion, or its agenda item."))
            if data.get("formed_on") and data["formed_on"] > timezone.localdate():
                self.add_error("formed_on", _("An opinion cannot be formed in the future."))
        return data


class OpinionCreateView(snippet_views.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        try:
            self.object = journeys.form_opinion(
                data.get("agenda_item") or data["body"],
                data["title"],
                data["summary"],
                data["topic"],
                data.get("neighbourhoods") or [],
                self.request.user,
                date=data.get("formed_on"),
                is_public=data.get("is_public", True),
            )
        except ValidationError as error:
            raise PermissionDenied(" ".join(error.messages)) from error
        return self.object

    def get_success_message(self, instance=None):
        return _("Opinion %(number)s formed. Record its next step when it is sent to the municipality.") % {
            "number": self.object.number
        }

    def get_success_url(self):
        return reverse("council_opinions:inspect", args=[self.object.pk])


class OpinionInspectView(snippet_views.InspectView):
    def get_context_data(self, **kwargs):
        from council.public.opinions import recorder

        context = super().get_context_data(**kwargs)
        opinion = Opinion.objects.select_related("body__assembly", "agenda_item__meeting").get(pk=self.object.pk)
        steps, waiting = journeys.durations(
            list(opinion.steps.select_related("recorded_by").order_by("date", "recorded_at", "pk"))
        )
        latest = steps[-1][0] if steps else None
        context.update(
            opinion=opinion,
            steps=[{"step": step, "took": took, "recorder": recorder(step, opinion)} for step, took in steps],
            waiting=waiting,
            next_kinds=[(kind.value, kind.label) for kind in journeys.next_kinds(latest)],
            may_record=access.may_record(self.request.user, opinion.body),
        )
        return context


class ProgressColumn(Column):
    cell_template_name = "council/admin/progress_cell.html"


class StepForm(forms.Form):
    """The fields of one kind of step (the others are not shown): chosen before the form, from the next kinds."""

    date = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    letter_reference = forms.CharField(label=gettext_lazy("Letter reference"), max_length=100)
    council_meeting_on = forms.DateField(
        label=gettext_lazy("Municipal council meeting"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    council_item_number = forms.CharField(label=gettext_lazy("Agenda item number"), max_length=30)
    answer = forms.ChoiceField(
        label=gettext_lazy("Answer"), choices=OpinionStep.Answer.choices, widget=forms.RadioSelect
    )
    decision_number = forms.CharField(label=gettext_lazy("Decision number"), max_length=50)
    decision_text = forms.CharField(
        label=gettext_lazy("Decision"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The decision's text or its summary, as the public will read it."),
    )
    progress = forms.IntegerField(label=gettext_lazy("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    NOTE_LABELS = {
        Kind.MILESTONE: gettext_lazy("What was done"),
        Kind.DROPPED: gettext_lazy("Why it was dropped"),
    }

    def __init__(self, kind, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        keep = {"date", "note", *journeys.FIELDS[kind]}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if kind in self.NOTE_LABELS:
            self.fields["note"].label = self.NOTE_LABELS[kind]
            self.fields["note"].required = True
        self.fields["date"].initial = timezone.localdate()


def _opinion_for_recording(request, pk):
    opinion = get_object_or_404(visible_opinions(request.user).select_related("body"), pk=pk)
    if not access.may_record(request.user, opinion.body):
        raise PermissionDenied
    return opinion


def add_step(request, pk):
    """ "Adım ekle": choose what happened (only the steps that may come next), then fill in that step's fields."""
    opinion = _opinion_for_recording(request, pk)
    latest = opinion.steps.order_by("-date", "-recorded_at", "-pk").first()
    allowed = journeys.next_kinds(latest)
    chosen = request.POST.get("kind") or request.GET.get("kind")
    kind = Kind(chosen) if chosen in Kind.values and Kind(chosen) in allowed else None
    form = None
    if kind is not None:
        form = StepForm(kind, request.POST or None)
        if request.method == "POST" and form.is_valid():
            fields = {name: value for name, value in form.cleaned_data.items() if name != "date"}
            try:
                with transaction.atomic():
                    journeys.record_step(opinion, kind, form.cleaned_data["date"], request.user, **fields)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request,
                    _("“%(step)s” recorded for opinion %(number)s.") % {"step": kind.label, "number": opinion.number},
                )
                return redirect("council_opinions:inspect", opinion.pk)
    return TemplateResponse(
        request,
        "council/admin/add_step.html",
        {
            "opinion": opinion,
            "latest": latest,
            "kinds": [(value.value, value.label) for value in allowed],
            "kind": kind,
            "kind_label": kind.label if kind else "",
            "form": form,
            "page_title": _("Add a step: opinion %(number)s") % {"number": opinion.number},
            "header_icon": "list-ol",
        },
    )


class OpinionViewSet(admin_scope.CreateHandlerMixin, admin_scope.ScopedViewSetMixin, SnippetViewSet):
    model = Opinion
    icon = "list-ol"
    menu_label = gettext_lazy("Opinions")
    menu_order = admin_menu.ORDER_OPINIONS
    menu_hook = admin_menu.MENU_HOOK
    base_url_path = "council/opinions"
    admin_url_namespace = "council_opinions"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    add_view_class = OpinionCreateView
    inspect_view_class = OpinionInspectView
    inspect_template_name = "council/admin/opinion.html"
    filterset_class = OpinionFilterSet
    list_display = [
        TitleColumn(
            "number",
            label=gettext_lazy("Opinion number"),
            accessor="number",
            get_url=lambda opinion: reverse("council_opinions:inspect", args=[opinion.pk]),
        ),
        "title",
        Column("body", label=gettext_lazy("Council body"), sort_key="body__name"),
        "status",
        "status_on",
        ProgressColumn("progress", label=gettext_lazy("Progress (%)"), sort_key="progress"),
    ]
    search_fields = ["title", "summary"]
    create_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("body", widget=forms.Select), FieldPanel("formed_on")]),
            FieldPanel("agenda_item", widget=forms.Select),
            FieldPanel("title"),
            FieldPanel("summary"),
            FieldRowPanel([FieldPanel("topic"), FieldPanel("is_public")]),
            FieldPanel("neighbourhoods", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=OpinionForm,
    )
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("summary"),
            FieldRowPanel([FieldPanel("topic"), FieldPanel("is_public")]),
            FieldPanel("neighbourhoods", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=OpinionForm,
    )

    def get_queryset(self, request):
        return visible_opinions(request.user).select_related("body")

    def register_chooser_viewset(self):
        """Nothing chooses an opinion in the admin."""

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("step/<int:pk>/", add_step, name="add_step")]


def register():
    """Called from council/wagtail_hooks.py; what each user sees of opinions and steps is in council/scopes.py."""
    register_snippet(OpinionViewSet)
