from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from assemblies.models import AssemblyIndexPage, AssemblyPage
from home.models import HomePage, NewsIndexPage, NewsPage, StandardPage


class PageTreeRulesTests(WagtailPageTestCase):
    """The page tree of DESIGN.md: what may be created where."""

    def test_home_pages_sit_directly_under_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_sections_live_under_the_home_page(self):
        for model in (StandardPage, NewsIndexPage, AssemblyIndexPage):
            self.assertCanCreateAt(HomePage, model)

    def test_news_lives_under_the_news_index_or_an_assembly(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage, AssemblyPage})
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertAllowedSubpageTypes(NewsPage, {})

    def test_news_index_holds_only_news(self):
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})

    def test_assemblies_live_only_under_the_assembly_index(self):
        self.assertAllowedParentPageTypes(AssemblyPage, {AssemblyIndexPage})
        self.assertAllowedSubpageTypes(AssemblyIndexPage, {AssemblyPage})
        self.assertCanCreateAt(AssemblyPage, NewsPage)
