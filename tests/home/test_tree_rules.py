import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from assemblies.models import AssemblyIndexPage, AssemblyPage
from events.models import CalendarPage, EventPage
from home.models import HomePage, NewsIndexPage, NewsPage, StandardPage
from surveys.models import SurveyIndexPage, SurveyPage


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

    def test_under_an_assembly_only_its_news_events_and_surveys(self):
        self.assertAllowedSubpageTypes(AssemblyPage, {NewsPage, EventPage, SurveyPage})
        for model in (NewsIndexPage, AssemblyIndexPage, StandardPage, CalendarPage, SurveyIndexPage, AssemblyPage):
            self.assertCanNotCreateAt(AssemblyPage, model)

    def test_indexes_sit_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(AssemblyIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})


@pytest.mark.django_db
def test_a_coordinator_adding_under_their_assembly_is_offered_only_news_events_and_surveys(client, assembly):
    from assemblies.coordinators import ensure_coordinator_group
    from tests.factories import UserFactory

    coordinator = UserFactory()
    coordinator.groups.add(ensure_coordinator_group(assembly))
    client.force_login(coordinator)
    response = client.get(f"/admin/pages/{assembly.pk}/add_subpage/")
    offered = {model_name for _label, _app, model_name, _description in response.context["page_types"]}
    assert offered == {"newspage", "eventpage", "surveypage"}
