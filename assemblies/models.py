from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from assemblies import components
from theme.models import BasePage

TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class AssemblyIndexPage(BasePage):
    """Meclisler: the council's five assemblies."""

    intro = models.TextField(_("introduction"), blank=True)

    subpage_types = ["assemblies.AssemblyPage"]
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("assembly index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["assemblies"] = AssemblyPage.objects.child_of(self).live().public().order_by("path")
        return context


class AssemblyPage(BasePage):
    """One assembly (meclis): its purpose and activities, with its news, events and surveys below it."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences for listings."))
    purpose = RichTextField(_("purpose"), blank=True, features=TEXT_FEATURES)
    activities = RichTextField(_("activities"), blank=True, features=TEXT_FEATURES)

    parent_page_types = ["assemblies.AssemblyIndexPage"]
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("purpose"),
        FieldPanel("activities"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("purpose"),
        index.SearchField("activities"),
    ]

    class Meta:
        verbose_name = _("assembly")
        verbose_name_plural = _("assemblies")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["components"] = components.for_assembly(self, request)
        return context
