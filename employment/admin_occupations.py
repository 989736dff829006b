"""The occupations list in the admin: ISCO-08's rows to read, the centre's own national occupations to add and edit.

An ISCO row is reference data (employment/data/isco08.csv): nobody edits or deletes it here, not even an
administrator; a new release of the list comes as a new CSV and migration. Staff add "7112.01" under a unit group.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from employment import occupations
from employment.models import Occupation


class OccupationForm(WagtailAdminModelForm):
    """A national occupation: its code puts it under its unit group; the form has no other way to place it."""

    class Meta:
        model = Occupation
        fields = ["code", "name", "name_en"]
        help_texts = {"code": _("The unit group's four digits, a dot and two digits, as 7112.01.")}
        widgets = {"code": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})}

    def clean_code(self):
        return self.cleaned_data["code"].strip()

    def clean(self):
        data = super().clean()
        if data.get("code"):
            try:
                self.instance.parent = occupations.national_parent(data["code"], Occupation)
            except forms.ValidationError as error:
                self.add_error(None, error)
        self.instance.added_by_staff = True
        return data


def _staff_row_only(occupation):
    if not occupation.added_by_staff:
        raise PermissionDenied


class OccupationIndexView(generic.IndexView):
    def get_edit_url(self, instance):
        return super().get_edit_url(instance) if instance.added_by_staff else None

    def get_delete_url(self, instance):
        return super().get_delete_url(instance) if instance.added_by_staff else None


class OccupationEditView(generic.EditView):
    def get_object(self, queryset=None):
        occupation = super().get_object(queryset)
        _staff_row_only(occupation)
        return occupation


class OccupationDeleteView(generic.DeleteView):
    def get_object(self, queryset=None):
        occupation = super().get_object(queryset)
        _staff_row_only(occupation)
        return occupation

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _("%(occupation)s is used by vacancies or other occupations; it cannot be deleted.")
                % {"occupation": self.object},
            )
            return HttpResponseRedirect(self.get_success_url())


class OccupationInspectView(generic.InspectView):
    def get_fields(self):
        return ["code", "name", "name_en", "level", "parent", "added_by_staff"]

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None or value == "" else value


class OccupationViewSet(ModelViewSet):
    model = Occupation
    icon = "tag"
    menu_label = _("Occupations (ISCO-08)")
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = OccupationIndexView
    edit_view_class = OccupationEditView
    delete_view_class = OccupationDeleteView
    inspect_view_class = OccupationInspectView
    list_display = [
        "name",
        "code",
        "level",
        # A tick or a cross under the field's own name (a bare BooleanColumn reads "True"/"False" in English).
        BooleanColumn(
            "added_by_staff",
            label=capfirst(Occupation._meta.get_field("added_by_staff").verbose_name),
            sort_key="added_by_staff",
        ),
    ]
    list_filter = ["level", "added_by_staff"]
    search_fields = ["code", "name", "name_en"]
    list_per_page = 50
    ordering = ["code"]

    def get_form_class(self, for_update=False):
        return OccupationForm
