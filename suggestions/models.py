from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from theme.models import BasePage


class SuggestionBoxPage(RoutablePageMixin, BasePage):
    """Öneri Kutusu: residents send suggestions, requests and complaints into the case register and follow them."""

    intro = models.TextField(_("introduction"), blank=True)
    after_sending = models.TextField(
        _("what happens next"),
        blank=True,
        help_text=_("Shown with the tracking number once a resident has sent something."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("after_sending")]

    class Meta:
        verbose_name = _("suggestion box")

    @path("", name="send")
    def send(self, request):
        from suggestions import views

        return views.send(request, self)

    @path("gonderildi/", name="sent")
    def sent(self, request):
        from suggestions import views

        return views.sent(request, self)

    @path("destek/", name="supported")
    def supported(self, request):
        from suggestions import views

        return views.supported(request, self)

    @path("yakindakiler/", name="nearby")
    def nearby(self, request):
        from suggestions import views

        return views.nearby_reports(request, self)

    @path("adres/", name="address")
    def address(self, request):
        from suggestions import views

        return views.address_lookup(request, self)

    @path("takip/", name="lookup")
    def lookup(self, request):
        from suggestions import views

        return views.lookup(request, self)
