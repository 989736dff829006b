"""The register in the Wagtail admin: the listing, fast entry, the case page and its actions."""

import django_filters
from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views import snippets as snippet_views

from complaints import cases, notifications, phones, tracking
from complaints.models import Attachment, Case, Channel, Directorate, Notification, Topic
from config.reports import PeriodForm
from places.models import Neighbourhood
from theme.exports import LocalSpreadsheetExportMixin


def visible_cases(user):
    return Case.objects.visible_to(user)


def may_route(user):
    return user.is_superuser or user.has_perm("complaints.view_all_cases")


class CaseFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Case.Status.choices)
    deadline = django_filters.ChoiceFilter(
        label=gettext_lazy("Deadline"),
        choices=[("overdue", gettext_lazy("Overdue")), ("soon", gettext_lazy("Due within 3 days"))],
        method="filter_deadline",
    )
    progress = django_filters.ChoiceFilter(
        label=gettext_lazy("Open or finished"),
        choices=[("open", gettext_lazy("Open")), ("finished", gettext_lazy("Finished"))],
        method="filter_progress",
    )
    channel = django_filters.ChoiceFilter(label=gettext_lazy("Channel"), choices=Channel.choices)
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=Case.Kind.choices)
    topic = django_filters.ModelChoiceFilter(label=gettext_lazy("Topic"), queryset=Topic.objects.all())
    neighbourhood = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Neighbourhood"), queryset=Neighbourhood.objects.in_turkish_order()
    )
    directorate = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Directorate"), queryset=Directorate.objects.all(), null_label=gettext_lazy("Not routed")
    )
    publishing = django_filters.ChoiceFilter(
        label=gettext_lazy("Publishing"),
        choices=[
            ("waiting", gettext_lazy("Waiting for the publishing check")),
            ("public", gettext_lazy("Shown publicly")),
            ("hidden", gettext_lazy("Hidden by staff")),
        ],
        method="filter_publishing",
    )

    class Meta:
        model = Case
        fields = [
            "status",
            "progress",
            "deadline",
            "channel",
            "kind",
            "topic",
            "neighbourhood",
            "directorate",
            "publishing",
        ]

    def filter_progress(self, queryset, name, value):
        return queryset.open() if value == "open" else queryset.exclude(status__in=Case.OPEN_STATUSES)

    def filter_publishing(self, queryset, name, value):
        """The resident agreed to publishing: waiting for staff's check, shown, or hidden by staff."""
        if value == "waiting":
            return queryset.public().filter(moderated_at__isnull=True)
        if value == "public":
            return queryset.public()
        return queryset.filter(public_consent=True, hidden_from_public=True)

    def filter_deadline(self, queryset, name, value):
        return queryset.overdue() if value == "overdue" else queryset.due_soon()


class DueColumn(Column):
    cell_template_name = "complaints/admin/due_cell.html"


class CaseIndexView(LocalSpreadsheetExportMixin, snippet_views.IndexView):
    def get_base_queryset(self):
        return visible_cases(self.request.user).for_listing()

    def search_queryset(self, queryset):
        """A tracking number, a phone number (any way written) or words of the text, the address or the name."""
        query = (self.search_query or "").strip()
        if not query:
            return queryset
        number = tracking.parse(query)
        if number:
            return queryset.filter(tracking_number=number)
        try:
            phone = phones.normalise(query)
        except ValidationError:
            phone = None
        if phone and sum(character.isdigit() for character in query) >= 7:
            return queryset.filter(phone=phone)
        condition = Q()
        for word in query.split()[:5]:
            condition &= Q(description__icontains=word) | Q(address__icontains=word) | Q(name__icontains=word)
        return queryset.filter(condition)

    @cached_property
    def today(self):
        return timezone.localdate()


class CaseEntryForm(WagtailAdminModelForm):
    """The call centre's fast entry: the case as the citizen tells it, then file."""

    informed = forms.BooleanField(
        label=gettext_lazy("The citizen was told how their details are used (KVKK information notice)"),
        required=False,
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "neighbourhood" in self.fields:
            self.fields["neighbourhood"].queryset = Neighbourhood.objects.in_turkish_order()
        if "topic" in self.fields:
            self.fields["topic"].queryset = Topic.objects.filter(active=True)
        if "directorate" in self.fields:
            self.fields["directorate"].queryset = Directorate.objects.filter(active=True)
            self.fields["directorate"].help_text = _("Leave empty to use the topic's directorate.")
        if "received_at" in self.fields:
            self.fields["received_at"].initial = timezone.now

    def clean_phone(self):
        phone = (self.cleaned_data.get("phone") or "").strip()
        return phones.normalise(phone) if phone else ""

    def clean(self):
        data = super().clean()
        if not data.get("anonymous") and not (data.get("phone") or data.get("email")) and "phone" not in self.errors:
            self.add_error("phone", _("Give a phone number or an e-mail address, or mark the case anonymous."))
        if self.instance.pk is None and not data.get("anonymous") and not data.get("informed"):
            self.add_error("informed", _("Read the short KVKK notice to the citizen before recording their details."))
        return data


ENTRY_FIELDS = [
    "channel",
    "kind",
    "topic",
    "neighbourhood",
    "address",
    "description",
    "anonymous",
    "name",
    "phone",
    "email",
    "reply_by",
    "directorate",
    "received_at",
]


class CaseCreateView(snippet_views.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        fields = {name: data[name] for name in ENTRY_FIELDS if name in data}
        fields["received_at"] = fields.get("received_at") or timezone.now()
        if data.get("informed"):
            fields["consent_at"] = timezone.now()
            fields["consent_document"] = _("KVKK information notice given by %(channel)s staff") % {
                "channel": Case(channel=fields["channel"]).get_channel_display()
            }
        self.object = cases.file_case(actor=self.request.user, **fields)
        return self.object

    def get_success_message(self, instance=None):
        # The code is read out to a caller without a mobile phone; others also get it by SMS or e-mail.
        return _("Case registered: tracking number %(number)s, security code %(code)s.") % {
            "number": self.object.display_number,
            "code": self.object.security_code,
        }

    def get_success_url(self):
        return reverse("cases:inspect", args=[self.object.pk])


class CaseEditView(snippet_views.EditView):
    """Correcting a case's details is the call centre's: directorates answer, they do not rewrite the record."""

    def dispatch(self, request, *args, **kwargs):
        if not may_route(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        with transaction.atomic():
            before = Case.objects.select_for_update().get(pk=self.object.pk)
            instance = self.form.save(commit=False)
            return cases.save_edit(before, instance, actor=self.request.user)


class CaseInspectView(snippet_views.InspectView):
    # What the page shows beside the case (its fields, the hand-off), read with it rather than one query each.
    shown_with_case = [
        "topic",
        "neighbourhood",
        "user",
        "registered_by",
        "moderated_by",
        "duplicate_of",
        "directorate",
        "delivery",
    ]

    def get_visible_object(self, visible):
        """The case from those the user may see (theme.admin_scope), else a 404."""
        return get_object_or_404(visible.select_related(*self.shown_with_case), pk=unquote(str(self.pk)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        user = self.request.user
        allowed = cases.TRANSITIONS[Case.Status(case.status)]
        # The call centre sees who added their voice, and counts them from that list; others only the number.
        supporters = list(case.supporters.all()) if may_route(user) else []
        context.update(
            case=case,
            events=case.events.select_related("actor"),
            notes=case.notes.select_related("author"),
            attachments=case.attachments.all(),
            case_notifications=case.notifications.all(),
            delivery=getattr(case, "delivery", None),
            may_change=user.has_perm("complaints.change_case"),
            may_route=may_route(user) and Case.Status.ROUTED in allowed,
            # The call centre gives a resident who lost it their code again; directorates never need it.
            show_security_code=may_route(user) and not case.anonymous,
            # The publishing check (publicreports) is the call centre's, like routing.
            may_check_publishing=may_route(user) and user.has_perm("complaints.change_case"),
            directorates=Directorate.objects.filter(active=True),
            statuses=[
                (status, Case.Status(status).label)
                for status in Case.Status
                if status in allowed and status not in cases.OWN_ACTIONS
            ],
            may_answer=Case.Status.ANSWERED in allowed,
            may_merge=may_route(user) and Case.Status.DUPLICATE in allowed,
            supporters=supporters,
            supporter_count=len(supporters) if may_route(user) else case.supporters.count(),
            overdue=case.is_overdue(),
            due_soon=case.is_due_soon(),
        )
        return context


def _case_for_action(request, pk):
    """The case, locked until the action's transaction ends, so two people's changes never cross."""
    if not request.user.has_perm("complaints.change_case"):
        raise PermissionDenied
    return get_object_or_404(visible_cases(request.user).select_for_update(), pk=pk)


def _done(request, case, message):
    messages.success(request, message)
    return redirect("cases:inspect", case.pk)


def _refused(request, case, error):
    messages.error(request, " ".join(error.messages))
    return redirect("cases:inspect", case.pk)


@require_POST
@transaction.atomic
def route(request, pk):
    case = _case_for_action(request, pk)
    if not may_route(request.user):
        raise PermissionDenied
    form = RouteForm(request.POST)
    if not form.is_valid():
        return _refused(request, case, ValidationError(_("Choose a directorate.")))
    directorate = form.cleaned_data["directorate"]
    try:
        cases.route(case, directorate, actor=request.user)
    except ValidationError as error:
        return _refused(request, case, error)
    return _done(request, case, _("Sent to %(directorate)s.") % {"directorate": directorate})


@require_POST
@transaction.atomic
def change_status(request, pk):
    case = _case_for_action(request, pk)
    status = request.POST.get("status", "")
    if status not in Case.Status.values:
        return _refused(request, case, ValidationError(_("Choose a status.")))
    original = None
    if status == Case.Status.DUPLICATE:
        number = tracking.parse(request.POST.get("duplicate_of", ""))
        original = visible_cases(request.user).filter(tracking_number=number).first() if number else None
    try:
        cases.set_status(
            case, status, actor=request.user, duplicate_of=original, message=request.POST.get("message", "")
        )
    except ValidationError as error:
        return _refused(request, case, error)
    return _done(request, case, _("Status changed to “%(status)s”.") % {"status": case.get_status_display()})


@require_POST
@transaction.atomic
def merge(request, pk):
    """The call centre joins a duplicate to the original report (cases.merge); directorates cannot."""
    case = _case_for_action(request, pk)
    if not may_route(request.user):
        raise PermissionDenied
    number = tracking.parse(request.POST.get("original", ""))
    original = (
        visible_cases(request.user).select_for_update().filter(tracking_number=number).first() if number else None
    )
    if original is None:
        return _refused(request, case, ValidationError(_("No case has this tracking number.")))
    try:
        cases.merge(case, original, actor=request.user, message=request.POST.get("message", ""))
    except ValidationError as error:
        return _refused(request, case, error)
    return _done(
        request,
        case,
        _("Merged into %(number)s; its resident is being told and will hear the original's answer.")
        % {"number": original.display_number},
    )


@require_POST
@transaction.atomic
def answer(request, pk):
    case = _case_for_action(request, pk)
    try:
        cases.answer(case, request.POST.get("answer", ""), actor=request.user)
    except ValidationError as error:
        return _refused(request, case, error)
    return _done(request, case, _("Answer saved; the citizen is being notified."))


@require_POST
@transaction.atomic
def add_note(request, pk):
    case = _case_for_action(request, pk)
    text = request.POST.get("note", "").strip()
    if not text:
        return _refused(request, case, ValidationError(_("Write the note first.")))
    cases.add_note(case, text, actor=request.user)
    return _done(request, case, _("Note added."))


def attachment(request, pk):
    """A case's photo, for those who may see the case; never from a public address."""
    item = get_object_or_404(Attachment.objects.select_related("case"), pk=pk)
    if not visible_cases(request.user).filter(pk=item.case_id).exists():
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, content_type=item.content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def retry_notification(request, pk):
    if not request.user.has_perm("complaints.retry_notification"):
        raise PermissionDenied
    notification = get_object_or_404(Notification.objects.filter(case__in=visible_cases(request.user)), pk=pk)
    status = notifications.retry_now(notification)
    notification.refresh_from_db()
    if status == Notification.Status.SENT:
        messages.success(request, _("Sent to %(recipient)s.") % {"recipient": notification.recipient})
    else:
        messages.error(request, _("Still failing: %(error)s") % {"error": notification.last_error})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("cases:inspect", args=[notification.case_id])
    return redirect(back)


class RouteForm(forms.Form):
    directorate = forms.ModelChoiceField(
        label=gettext_lazy("Directorate"), queryset=Directorate.objects.filter(active=True)
    )


class ApiKeyCreateView(snippet_views.CreateView):
    """A new partner key: its secret is shown once, in the confirmation, and never again."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        self.secret = instance.issue()
        instance.save()
        return instance

    def get_success_message(self, instance=None):
        return _("Key created for %(name)s. Copy it now, it will not be shown again: %(key)s") % {
            "name": self.object.name,
            "key": self.secret,
        }


def statistics(request):
    """The annual report's tables from the register's own data, with charts, as XLSX or a printable PDF."""
    from complaints import exports
    from complaints import statistics as figures

    if not (request.user.is_superuser or request.user.has_perm("complaints.view_all_cases")):
        raise PermissionDenied
    form = PeriodForm(request.GET or {"year": timezone.localdate().year})
    report = None
    if form.is_valid():
        report = figures.report(form.cleaned_data["start"], form.cleaned_data["end"])
        wanted = request.GET.get("format")
        if wanted == "xlsx":
            return exports.statistics_xlsx(report)
        if wanted == "pdf":
            return exports.statistics_pdf(request, report)
    return TemplateResponse(
        request,
        "complaints/admin/statistics.html",
        {"form": form, "report": report, "page_title": _("Statistics"), "query": request.GET.urlencode()},
    )


@require_POST
def retry_delivery(request, pk):
    """Staff's "try again" on a hand-off that needs attention (after fixing what the far side refused)."""
    from complaints import handoff
    from complaints.models import Delivery

    if not request.user.has_perm("complaints.retry_notification"):
        raise PermissionDenied
    delivery = get_object_or_404(Delivery, pk=pk)
    Delivery.objects.filter(pk=pk).exclude(status=Delivery.Status.DELIVERED).update(
        status=Delivery.Status.RETRYING, next_attempt_at=timezone.now()
    )
    status = handoff.deliver(delivery.pk)
    delivery.refresh_from_db()
    if status == Delivery.Status.DELIVERED:
        messages.success(request, _("Delivered: %(reference)s.") % {"reference": delivery.remote_reference})
    else:
        messages.error(request, _("Still not delivered: %(error)s") % {"error": delivery.last_error})
    return redirect(reverse("cases:inspect", args=[delivery.case_id]))
