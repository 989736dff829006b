"""The admin of the council's meetings: list, convene and edit with the agenda, attachments, invitations, cancel.

Everyone here works within `council.access.recordable_bodies(user)`: the secretariat on every body, an
assembly's coordinators on their assembly's bodies; a meeting of another body is a 404 on every page, and the
body chooser offers only the user's own bodies.
"""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from council import admin_menu, meetings
from council.access import recordable_bodies
from council.models import AgendaAttachment, AgendaItem, Body, Meeting
from theme import admin_scope


def visible_meetings(user):
    """The meetings `user` may record on: those of their bodies (council/scopes.py)."""
    return admin_scope.visible(user, Meeting)


class MeetingForm(WagtailAdminModelForm):
    """Only the user's own bodies to choose from, and only their meetings to reconvene."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        bodies = recordable_bodies(for_user) if for_user is not None else Body.objects.none()
        self.fields["body"].queryset = bodies
        # The model's "body" reads as a page's body ("İçerik") in Turkish: here it is the council's body.
        self.fields["body"].label = _("Body")
        self.fields["reconvenes"].queryset = Meeting.objects.filter(body__in=bodies).select_related("body")
        if self.instance.pk and self.instance.invitations_sent_at:
            # The invited people were invited to this body's meeting: another body's is a new meeting.
            self.fields["body"].disabled = True

    def clean(self):
        cleaned = super().clean()
        ends_at, starts_at = cleaned.get("ends_at"), cleaned.get("starts_at")
        if ends_at and starts_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The meeting cannot end before it starts."))
        reconvenes = cleaned.get("reconvenes")
        if reconvenes and cleaned.get("body") and reconvenes.body_id != cleaned["body"].pk:
            self.add_error("reconvenes", _("A reconvened meeting follows a meeting of the same body."))
        return cleaned


WHEN_CHOICES = [("upcoming", gettext_lazy("Upcoming")), ("past", gettext_lazy("Past"))]


class MeetingFilterSet(WagtailFilterSet):
    body = django_filters.ModelChoiceFilter(label=gettext_lazy("Body"), queryset=Body.objects.none())
    when = django_filters.ChoiceFilter(label=gettext_lazy("When"), choices=WHEN_CHOICES, method="filter_when")

    class Meta:
        model = Meeting
        fields = ["body", "when"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            bodies = recordable_bodies(request.user)
            self.filters["body"].queryset = bodies
            self.form.fields["body"].queryset = bodies

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(starts_at__gte=now).order_by("starts_at")
        if value == "past":
            return queryset.filter(starts_at__lt=now)
        return queryset


def invitation_state(meeting):
    if meeting.cancelled_at:
        return _("Cancelled")
    if meeting.invitations_sent_at:
        return _("Invited on %(day)s") % {"day": timezone.localtime(meeting.invitations_sent_at).strftime("%d.%m.%Y")}
    return _("Not invited yet")


class MeetingIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("body")

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons += action_buttons(instance)
        return buttons


def action_buttons(meeting, header=False):
    kind = HeaderButton if header else Button
    buttons = [kind(_("Agenda attachments"), url=reverse("council_meetings:attachments", args=[meeting.pk]))]
    if not meeting.cancelled_at:
        if not meeting.invitations_sent_at:
            buttons.insert(
                0, kind(_("Send the invitations"), url=reverse("council_meetings:invite", args=[meeting.pk]))
            )
        buttons.append(kind(_("Cancel the meeting"), url=reverse("council_meetings:cancel", args=[meeting.pk])))
    return buttons


class MeetingEditView(snippet_views.EditView):
    told = ()

    def save_instance(self):
        previous = meetings.snapshot(self.object)
        instance = super().save_instance()
        self.told = meetings.after_edit(instance, previous)
        return instance

    def get_success_message(self, instance=None):
        message = super().get_success_message(instance)
        if self.told:
            told = ngettext(
                "The change was sent to %(count)s invited person.",
                "The change was sent to %(count)s invited people.",
                len(self.told),
            ) % {"count": len(self.told)}
            return f"{message} {told}"
        return message

    @cached_property
    def header_buttons(self):
        """The next step in sight: sending the invitations, while they have not gone out."""
        buttons = list(super().header_buttons)
        meeting = self.object
        if (
            self.permission_policy.user_has_permission(self.request.user, "change")
            and not meeting.cancelled_at
            and not meeting.invitations_sent_at
        ):
            buttons.append(
                HeaderButton(
                    _("Send the invitations"),
                    url=reverse("council_meetings:invite", args=[meeting.pk]),
                    icon_name="mail",
                )
            )
        return buttons

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons += [button for button in action_buttons(self.object, header=True) if "invite" not in button.url]
        return buttons


class MeetingCreateView(snippet_views.CreateView):
    def get_success_url(self):
        # On to the meeting: its attachments and invitations are the next steps.
        return reverse("council_meetings:edit", args=[self.object.pk])


class MeetingDeleteView(snippet_views.DeleteView):
    """Deleting a meeting takes its calendar entry off the calendars (cancelling is what tells the invited)."""

    def delete_action(self):
        event = self.object.event
        super().delete_action()
        if event is not None and event.live:
            event.unpublish()


class MeetingViewSet(admin_scope.ScopedViewSetMixin, SnippetViewSet):
    model = Meeting
    icon = "date"
    menu_label = gettext_lazy("Meetings")
    menu_name = "council_meetings"
    menu_order = admin_menu.ORDER_MEETINGS
    menu_hook = admin_menu.MENU_HOOK
    base_url_path = "council/meetings"
    admin_url_namespace = "council_meetings"
    copy_view_enabled = False
    list_per_page = 50
    ordering = ["-starts_at", "-pk"]
    index_view_class = MeetingIndexView
    add_view_class = MeetingCreateView
    edit_view_class = MeetingEditView
    delete_view_class = MeetingDeleteView
    filterset_class = MeetingFilterSet
    list_display = [
        TitleColumn(
            "display_title",
            label=gettext_lazy("Meeting"),
            accessor="display_title",
            get_url=lambda meeting: reverse("council_meetings:edit", args=[meeting.pk]),
        ),
        "body",
        Column("starts_at", label=gettext_lazy("Date and time"), sort_key="starts_at"),
        "place",
        Column("invitations", label=gettext_lazy("Invitations"), accessor=invitation_state),
    ]
    search_fields = ["title", "place"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("body"), FieldPanel("kind")]),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldRowPanel([FieldPanel("place"), FieldPanel("address")]),
            FieldPanel("reconvenes"),
            MultiFieldPanel(
                [
                    InlinePanel(
                        "agenda_items",
                        panels=[FieldPanel("title"), FieldPanel("text")],
                        label=gettext_lazy("Agenda item"),
                    )
                ],
                heading=gettext_lazy("Agenda"),
                help_text=gettext_lazy("Attach documents to the items after saving: “Agenda attachments”."),
            ),
        ],
        base_form_class=MeetingForm,
    )

    def register_chooser_viewset(self):
        """Nothing chooses a meeting; a chooser would list every body's meetings."""

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("invite/<int:pk>/", invite, name="invite"),
            path("cancel/<int:pk>/", cancel, name="cancel"),
            path("attachments/<int:pk>/", attachments, name="attachments"),
        ]


def _meeting(request, pk):
    """The meeting, if it is one of the user's bodies' (else 404) and they may change meetings (else 403)."""
    meeting = get_object_or_404(visible_meetings(request.user).select_related("body", "event"), pk=pk)
    if not request.user.has_perm("council.change_meeting"):
        raise PermissionDenied
    return meeting


def invite(request, pk):
    """Who will be invited, by which channel, and whether it is still in time; sending on confirmation."""
    meeting = _meeting(request, pk)
    if request.method == "POST":
        try:
            people = meetings.send_invitations(meeting)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
            return redirect("council_meetings:invite", pk)
        messages.success(
            request,
            ngettext(
                "The invitation was sent to %(count)s person; the meeting is in the calendar.",
                "The invitations were sent to %(count)s people; the meeting is in the calendar.",
                len(people),
            )
            % {"count": len(people)},
        )
        return redirect("council_meetings:edit", pk)
    people = meetings.invitees(meeting)
    return TemplateResponse(
        request,
        "council/admin/meeting_invite.html",
        {
            "meeting": meeting,
            "people": people,
            "problem": None if meeting.invitations_sent_at else meetings.timing_problem(meeting),
            "deadline": meetings.invitation_deadline(meeting),
            "by_email": sum(1 for person in people if person.email),
            "by_sms": sum(1 for person in people if person.phone),
            "unreachable": [person for person in people if not person.channels],
        },
    )


def cancel(request, pk):
    meeting = _meeting(request, pk)
    if request.method == "POST" and not meeting.cancelled_at:
        told = meetings.cancel(meeting)
        message = _("The meeting is cancelled, and so is its calendar entry.")
        if told:
            message += " " + ngettext(
                "%(count)s invited person was told.", "%(count)s invited people were told.", len(told)
            ) % {"count": len(told)}
        messages.success(request, message)
        return redirect("council_meetings:edit", pk)
    return TemplateResponse(
        request,
        "council/admin/meeting_cancel.html",
        {"meeting": meeting, "will_tell": meetings.invitees(meeting) if meeting.invitations_sent_at else []},
    )


class AttachmentForm(forms.Form):
    item = forms.ModelChoiceField(label=gettext_lazy("Agenda item"), queryset=AgendaItem.objects.none())
    document = forms.ModelChoiceField(label=gettext_lazy("Document"), queryset=None, widget=AdminDocumentChooser)

    def __init__(self, *args, meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.agenda_items.all()
        from wagtail.documents.permissions import permission_policy as document_permissions

        self.fields["document"].queryset = document_permissions.instances_user_has_any_permission_for(user, ["choose"])


def attachments(request, pk):
    """Attach documents to the meeting's agenda items, or take one off."""
    meeting = _meeting(request, pk)
    form = AttachmentForm(meeting=meeting, user=request.user)
    if request.method == "POST":
        remove = request.POST.get("remove", "")
        if remove:
            if not (remove.isdigit() and len(remove) <= 18):
                raise Http404
            with transaction.atomic():
                get_object_or_404(AgendaAttachment, pk=int(remove), item__meeting=meeting).delete()
            messages.success(request, _("The attachment was taken off the agenda item."))
            return redirect("council_meetings:attachments", pk)
        form = AttachmentForm(request.POST, meeting=meeting, user=request.user)
        if form.is_valid():
            AgendaAttachment.objects.get_or_create(
                item=form.cleaned_data["item"], document=form.cleaned_data["document"]
            )
            messages.success(request, _("The document is attached to the agenda item."))
            return redirect("council_meetings:attachments", pk)
    items = meeting.agenda_items.prefetch_related("attachments__document")
    return TemplateResponse(
        request, "council/admin/meeting_attachments.html", {"meeting": meeting, "items": items, "form": form}
    )


def register():
    register_snippet(MeetingViewSet)
