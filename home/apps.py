from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site pages")

    def ready(self):
        from assemblies import components
        from home.models import NewsPage

        components.register(
            components.Component(
                name="news",
                heading=_("News"),
                template="home/includes/assembly_news.html",
                items=lambda assembly, request: NewsPage.objects.listed(assembly.locale_id).child_of(assembly)[:4],
                order=10,
            )
        )
