"""Admin panels shared by the apps."""

from django.forms import Media
from wagtail.admin.panels import ObjectList, Panel


class MapPickPanel(Panel):
    """A pick map (components/map.html, theme/map.js) bound to two coordinate fields of the same form.

    The fields keep their own panels, so the coordinates stay editable by hand and without JavaScript; the map
    only fills them (and follows them).
    """

    def __init__(self, latitude_field="latitude", longitude_field="longitude", **kwargs):
        super().__init__(**kwargs)
        self.latitude_field = latitude_field
        self.longitude_field = longitude_field

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.update(latitude_field=self.latitude_field, longitude_field=self.longitude_field)
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "theme/panels/map_pick.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["lat_input"] = "#" + self.form[self.panel.latitude_field].id_for_label
            context["lon_input"] = "#" + self.form[self.panel.longitude_field].id_for_label
            return context

        @property
        def media(self):
            return Media(
                js=["leaflet/leaflet.js", "theme/map.js"],
                css={"all": ["leaflet/leaflet.css", "theme/css/admin-map.css"]},
            )


class FormClassFromViewSetMixin:
    """For a ModelViewSet or SnippetViewSet with `panels`: its `base_form_class` is the form of the add and edit views.

    Wagtail reads a form class only from an edit handler (or the model), never from the viewset: a viewset's
    `base_form_class` beside its `panels` was silently ignored, and with it the form's limits (the staff to choose
    from being the team's people, not every account of the portal).
    """

    base_form_class = None

    def get_edit_handler(self):
        if self.base_form_class is None or hasattr(self, "edit_handler") or not hasattr(self, "panels"):
            return super().get_edit_handler()
        return ObjectList(self.panels, base_form_class=self.base_form_class).bind_to_model(self.model)
