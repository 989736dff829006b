from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager
from wagtail.search import index

from assemblies.models import AssemblyPage
from events import calendar as events_calendar
from theme import chrome
from theme.blocks import ContentStreamBlock
from theme.models import BasePage, PortalPageQuerySet


class HomePage(BasePage):
    """The front page of one language: the council's purpose, its assemblies, the latest news."""

    intro = models.TextField(_("introduction"), blank=True)
    purpose = RichTextField(_("purpose of the council"), blank=True, features=["bold", "italic", "link", "ul"])

    parent_page_types = ["wagtailcore.Page"]
    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("purpose")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("purpose")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def assemblies():
            return list(
                AssemblyPage.objects.live()
                .public()
                .filter(locale_id=self.locale_id)
                .select_related("image")
                .order_by("path")
            )

        # Worked out only when the template reads them: a request that finds the listings' HTML in the
        # cache (below) asks the database nothing for them.
        context["assemblies"] = SimpleLazyObject(assemblies)
        context["latest_news"] = SimpleLazyObject(
            lambda: NewsPage.with_assemblies(NewsPage.objects.listed(self.locale_id)[:3], context["assemblies"])
        )
        context["next_events"] = SimpleLazyObject(
            lambda: events_calendar.upcoming(self.locale_id, limit=4, assemblies=context["assemblies"])
        )
        frame = chrome.for_request(request)
        if frame.home is not None and frame.home.pk == self.pk:
            context["sections"] = frame.menu  # the main menu's pages, already in the cache
        else:
            context["sections"] = self.get_children().live().public().in_menu()
        context["listings_cache"] = chrome.listings_key(request, period=chrome.UPCOMING_PERIOD)
        context["listings_ttl"] = settings.PAGE_CACHE["ttl"]
        return context


class StandardPage(BasePage):
    """A page of text and media: the Kent Konseyi page, the KVKK texts and the like."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(BasePage):
    """Haberler: the news of the council and of every assembly, newest first."""

    intro = models.TextField(_("introduction"), blank=True)
    per_page = 12

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.listed(self.locale_id)
        tag = request.GET.get("tag", "").strip()
        if tag:
            news = news.filter(tags__name=tag)
        paginator = Paginator(news, self.per_page)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        context["news_page"] = page
        context["news"] = SimpleLazyObject(lambda: NewsPage.with_assemblies(page.object_list))
        context["tag"] = tag
        context["listings_cache"] = (*chrome.listings_key(request), page.number, tag)
        context["listings_ttl"] = settings.PAGE_CACHE["ttl"]
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("home.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPageQuerySet(PortalPageQuerySet):
    def listed(self, locale_id):
        """Live, public news of one language, newest first, ready for a listing."""
        return self.live().public().filter(locale_id=locale_id).select_related("image").order_by("-date", "-pk")


class NewsPage(BasePage):
    """A news item of the council (under Haberler) or of one assembly (under its page)."""

    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("introduction"), max_length=500)
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)
    image = models.ForeignKey(
        "theme.PortalImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    parent_page_types = ["home.NewsIndexPage", "assemblies.AssemblyPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("tags")], heading=_("Details")),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")

    @staticmethod
    def with_assemblies(news, known=()):
        """The news items, each with `.assembly` set to the assembly it belongs to (or None).

        `known` are assembly pages already at hand; only the others are asked for.
        """
        news = list(news)
        parent_paths = {item.path[: -BasePage.steplen] for item in news}
        assemblies = {a.path: a for a in known if a.path in parent_paths}
        if parent_paths - assemblies.keys():
            assemblies.update(
                (a.path, a) for a in AssemblyPage.objects.filter(path__in=parent_paths - assemblies.keys())
            )
        for item in news:
            item.assembly = assemblies.get(item.path[: -BasePage.steplen])
        return news
