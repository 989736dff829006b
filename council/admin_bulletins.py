"""Bulletins in the Wagtail admin ("Bültenler"): write, preview with the exact recipient count, send, follow.

A coordinator sees and writes only their own assembly's bulletins; the secretariat every assembly's.
A bulletin that is sending or sent cannot be edited, deleted or sent again. Coordinators also record here
a member's agreement given on a signed paper form.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from assemblies.models import AGE_GROUPS, AssemblyPage, Commission, Membership
from council import admin_menu, bulletins
from council.access import is_secretariat
from council.models import Bulletin, BulletinConsent, BulletinRecipient
from places.models import Neighbourhood
from theme import admin_scope

admin_scope.register(Bulletin, bulletins.visible_bulletins)


def _may_send(user):
    return is_secretariat(user) or user.has_perm("council.change_bulletin")


class BulletinForm(WagtailAdminModelForm):
    # A plain list of the user's assemblies, not Wagtail's page chooser (which would browse the whole tree).
    assembly = forms.ModelChoiceField(label=gettext_lazy("Assembly"), queryset=AssemblyPage.objects.none())
    age_group = forms.ChoiceField(
        label=gettext_lazy("age group"),
        choices=[("", "—")] + [(key, label) for key, label, _low, _high in AGE_GROUPS],
        required=False,
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        assemblies = bulletins.writable_assemblies(for_user) if for_user is not None else None
        if assemblies is not None:
            self.fields["assembly"].queryset = assemblies
            if self.instance.pk is None and len(assemblies) == 1:
                self.fields["assembly"].initial = assemblies[0].pk
            self.fields["commission"].queryset = Commission.objects.filter(page__in=assemblies).select_related("page")
            self.fields["commission"].label_from_instance = lambda c: f"{c.page.title}: {c.name}"
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.in_turkish_order()

    def clean(self):
        cleaned = super().clean()
        segment = cleaned.get("segment")
        needed = {
            Bulletin.Segment.NEIGHBOURHOOD: ("neighbourhood", _("Choose the neighbourhood.")),
            Bulletin.Segment.AGE_GROUP: ("age_group", _("Choose the age group.")),
            Bulletin.Segment.COMMISSION: ("commission", _("Choose the commission.")),
        }
        for kind, (name, message) in needed.items():
            if segment == kind and not cleaned.get(name):
                self.add_error(name, message)
            elif segment != kind:
                cleaned[name] = "" if name == "age_group" else None
        commission, assembly = cleaned.get("commission"), cleaned.get("assembly")
        if commission and assembly and commission.page_id != assembly.pk:
            self.add_error("commission", _("Choose a commission of the bulletin's assembly."))
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=False)
        for name in ("neighbourhood", "commission"):
            setattr(instance, name, self.cleaned_data.get(name))
        instance.age_group = self.cleaned_data.get("age_group") or ""
        if instance.pk is None and self.for_user is not None:
            instance.created_by = self.for_user
        if commit:
            instance.save()
        return instance


class DraftOnlyMixin:
    """Editing or deleting a bulletin that is sending or sent is refused: what went out stays as it went."""

    def dispatch(self, request, *args, **kwargs):
        found = self.get_object()
        if found.state != Bulletin.State.DRAFT:
            messages.error(request, _("A bulletin that was sent cannot be edited or deleted."))
            return redirect("bulletins:preview", pk=found.pk)
        return super().dispatch(request, *args, **kwargs)


class BulletinCreateView(generic.CreateView):
    def get_success_url(self):
        return reverse("bulletins:preview", args=[self.object.pk])


class BulletinEditView(DraftOnlyMixin, generic.EditView):
    def get_success_url(self):
        return reverse("bulletins:preview", args=[self.object.pk])


class BulletinDeleteView(DraftOnlyMixin, generic.DeleteView):
    pass


class BulletinIndexView(generic.IndexView):
    def get_base_queryset(self):
        Status = BulletinRecipient.Status
        return (
            super()
            .get_base_queryset()
            .select_related("assembly")
            .annotate(
                copies=Count("recipients"),
                delivered=Count("recipients", filter=Q(recipients__status=Status.SENT)),
                undelivered=Count("recipients", filter=Q(recipients__status__in=[Status.BOUNCED, Status.FAILED])),
                unsubscribes=Count("recipients", filter=Q(recipients__unsubscribed_at__isnull=False)),
            )
        )

    def get_edit_url(self, instance):
        # Every bulletin opens on its preview: the draft's edit button is there, a sent one's figures too.
        return reverse("bulletins:preview", args=[instance.pk])

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if _may_send(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Record a paper agreement"), url=reverse("bulletins:paper_consent"), icon_name="doc-full"
                )
            )
        return buttons


class BulletinViewSet(admin_scope.ScopedViewSetMixin, ModelViewSet):
    model = Bulletin
    icon = "mail"
    menu_label = gettext_lazy("Bulletins")
    menu_hook = admin_menu.MENU_HOOK
    menu_order = admin_menu.ORDER_BULLETINS
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = BulletinIndexView
    add_view_class = BulletinCreateView
    edit_view_class = BulletinEditView
    delete_view_class = BulletinDeleteView
    list_display = [
        "subject",
        "assembly",
        "state",
        Column("copies", label=gettext_lazy("Recipients")),
        Column("delivered", label=pgettext_lazy("bulletin", "Delivered")),
        Column("undelivered", label=gettext_lazy("Bounced or failed")),
        Column("unsubscribes", label=gettext_lazy("Unsubscribed")),
        "sent_at",
    ]
    list_filter = ["state"]
    search_fields = ["subject"]
    edit_handler = ObjectList(
        [
            FieldPanel("assembly"),
            FieldPanel("subject"),
            FieldPanel("text", help_text=gettext_lazy("Plain text; an empty line starts a new paragraph.")),
            MultiFieldPanel(
                [
                    FieldPanel("segment"),
                    FieldRowPanel([FieldPanel("neighbourhood"), FieldPanel("age_group"), FieldPanel("commission")]),
                ],
                heading=gettext_lazy("Recipients"),
                help_text=gettext_lazy("Only members who agreed to receive bulletins get one."),
            ),
        ],
        base_form_class=BulletinForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("preview/<int:pk>/", preview, name="preview"),
            path("send/<int:pk>/", send, name="send"),
            path("paper-consent/", paper_consent, name="paper_consent"),
        ]


def _staff_only(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    return None


@require_http_methods(["GET"])
def preview(request, pk):
    """The bulletin as its recipients will read it, the exact count, and "Send"; while sending, the progress."""
    refused = _staff_only(request)
    if refused:
        return refused
    bulletin = get_object_or_404(
        bulletins.visible_bulletins(request.user).select_related("assembly", "neighbourhood", "commission"), pk=pk
    )
    subject, text, html, headers = bulletins.render(bulletin)
    is_draft = bulletin.state == Bulletin.State.DRAFT
    context = {
        "page_title": _("Bulletin: %(subject)s") % {"subject": bulletin.subject},
        "header_title": bulletin.subject,
        "bulletin": bulletin,
        "segment": bulletins.segment_label(bulletin),
        "subject": subject,
        "text": text,
        "headers": headers,
        "paragraphs": [part.strip() for part in bulletin.text.replace("\r\n", "\n").split("\n\n") if part.strip()],
        "from_email": settings.DEFAULT_FROM_EMAIL,
        "count": bulletins.recipient_count(bulletin) if is_draft else None,
        "agreed": bulletins.consenting_members(bulletin.assembly).count() if is_draft else None,
        "figures": None if is_draft else bulletins.counts(bulletin),
        "may_send": _may_send(request.user),
    }
    return TemplateResponse(request, "council/admin/bulletin_preview.html", context)


@require_POST
def send(request, pk):
    refused = _staff_only(request)
    if refused:
        return refused
    bulletin = get_object_or_404(bulletins.visible_bulletins(request.user), pk=pk)
    if not _may_send(request.user):
        raise PermissionDenied
    try:
        count = bulletins.start_sending(bulletin, request.user)
    except bulletins.BulletinError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Sending to %(count)s members; the page shows the progress.") % {"count": count})
    return redirect("bulletins:preview", pk=bulletin.pk)


class PaperConsentForm(forms.Form):
    membership = forms.ModelChoiceField(label=gettext_lazy("Member"), queryset=Membership.objects.none())
    given_on = forms.DateField(
        label=gettext_lazy("Date signed"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = (
            Membership.objects.approved()
            .filter(assembly__in=bulletins.writable_assemblies(user))
            .exclude(email="")
            .exclude(bulletin_consent__withdrawn_at__isnull=True, bulletin_consent__isnull=False)
            .select_related("assembly")
            .order_by("assembly__path", "full_name")
        )
        self.fields["membership"].label_from_instance = lambda m: f"{m.full_name} <{m.email}> ({m.assembly.title})"

    def clean_given_on(self):
        day = self.cleaned_data["given_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


@require_http_methods(["GET", "POST"])
def paper_consent(request):
    """Record that a member agreed to bulletins on a signed paper form (their assembly's coordinators only)."""
    refused = _staff_only(request)
    if refused:
        return refused
    if not _may_send(request.user):
        raise PermissionDenied
    form = PaperConsentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        membership = form.cleaned_data["membership"]
        day = form.cleaned_data["given_on"]
        given_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        bulletins.agree(membership, via=BulletinConsent.Via.PAPER, recorded_by=request.user, now=given_at)
        messages.success(
            request,
            _("%(name)s's agreement to the bulletins of %(assembly)s is recorded.")
            % {"name": membership.full_name, "assembly": membership.assembly.title},
        )
        return redirect("bulletins:paper_consent")
    first = bulletins.writable_assemblies(request.user).first()
    context = {
        "page_title": _("Record a paper agreement"),
        "form": form,
        "wording": bulletins.consent_wording(first) if first else "",
    }
    return TemplateResponse(request, "council/admin/bulletin_paper_consent.html", context)


def viewset():
    return BulletinViewSet("bulletins", url_prefix="council/bulletins")
