from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class EventPageForm(WagtailAdminPageForm):
    """The event editor: weekdays as checkboxes, so nobody types RRULE text."""

    repeat_weekdays = forms.MultipleChoiceField(
        label=_("On"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For weekly series; the first date's weekday is always included."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from events.models import EventPage

        self.fields["repeat_weekdays"].choices = EventPage.Weekday.choices
