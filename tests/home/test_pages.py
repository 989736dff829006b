import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from tests.conftest import publish
from tests.factories import NewsPageFactory, StandardPageFactory


@pytest.fixture
def standard_page(home_page, tmp_path):
    picture = wagtail_factories.ImageFactory(title="Meclis salonu", description="Kent Konseyi meclis salonu")
    document = wagtail_factories.DocumentFactory(
        title="Çalışma Yönetmeliği", file=ContentFile(b"%PDF-1.4 yonetmelik", name="yonetmelik.pdf")
    )
    # An embed already in Wagtail's cache, so rendering needs no network.
    Embed.objects.create(
        hash=get_embed_hash("https://www.youtube.com/watch?v=demo"),
        url="https://www.youtube.com/watch?v=demo",
        max_width=None,
        type="video",
        html='<iframe src="https://www.youtube-nocookie.com/embed/demo" title="Tanıtım filmi"></iframe>',
        title="Tanıtım filmi",
        thumbnail_url="",
        width=640,
        height=360,
    )
    return publish(
        StandardPageFactory(
            parent=home_page,
            title="Kent Konseyi",
            slug="kent-konseyi",
            show_in_menus=True,
            body=[
                ("paragraph", "<p>01/05/2006 tarih ve 36 sayılı karar ile kuruldu.</p>"),
                ("quote", {"quote": "Katılım ve yerinden yönetim.", "attribution": "Faaliyet Raporu"}),
                ("image", {"image": picture, "alt_text": "", "caption": "2020 genel kurulu"}),
                ("document", {"document": document, "title": ""}),
                ("embed", "https://www.youtube.com/watch?v=demo"),
            ],
        )
    )


@pytest.mark.django_db
def test_home_page_shows_purpose_assemblies_news_and_sections(client, home_page, assembly, news_index):
    publish(NewsPageFactory(parent=news_index, title="Çözüm Merkezi 91.599 başvuruyu kayda aldı", date="2026-11-02"))
    publish(NewsPageFactory(parent=assembly, title="Kadın Meclisi girişimcilik komisyonu", date="2026-11-20"))
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Katılım ve yerinden yönetim ilkeleri." in html
    assert "Kadın Meclisi" in html
    assert "Çözüm Merkezi 91.599 başvuruyu kayda aldı" in html
    assert "Kadın Meclisi girişimcilik komisyonu" in html
    assert 'href="/haberler/"' in html
    assert [item.assembly.title if item.assembly else None for item in response.context["latest_news"]] == [
        "Kadın Meclisi",
        None,
    ]


@pytest.mark.django_db
def test_standard_page_renders_every_block(client, standard_page):
    response = client.get("/kent-konseyi/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "36 sayılı karar" in html
    assert "<blockquote>" in html and "Faaliyet Raporu" in html
    assert "youtube-nocookie.com/embed/demo" in html
    assert 'alt="Kent Konseyi meclis salonu"' in html and "<figcaption>2020 genel kurulu</figcaption>" in html
    assert ">Çalışma Yönetmeliği</a>" in html and "(PDF, " in html


@pytest.mark.django_db
def test_news_page_shows_date_intro_and_tags_linking_to_the_filtered_index(client, news_index):
    news = NewsPageFactory(
        parent=news_index, title="Okçuluk Yarışması", slug="okculuk", intro="Engelli Meclisi sporda."
    )
    news.tags.add("Spor")
    publish(news)
    response = client.get("/haberler/okculuk/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Engelli Meclisi sporda." in html
    assert 'href="/haberler/?tag=Spor"' in html
    filtered = client.get("/haberler/?tag=Spor").content.decode()
    assert "Okçuluk Yarışması" in filtered


@pytest.mark.django_db
def test_news_index_is_paginated_and_survives_bad_page_numbers(client, news_index):
    for _ in range(news_index.per_page + 2):
        publish(NewsPageFactory(parent=news_index))
    first = client.get("/haberler/")
    assert first.status_code == 200
    assert len(first.context["news"]) == news_index.per_page
    assert client.get("/haberler/?page=2").context["news_page"].number == 2
    assert client.get("/haberler/?page=999").context["news_page"].number == 2
    assert client.get("/haberler/?page=abc").context["news_page"].number == 1


@pytest.mark.django_db
def test_news_listing_names_the_assembly_of_each_item(client, news_index, assembly):
    publish(NewsPageFactory(parent=assembly, title="Meclis toplantısı"))
    item = client.get("/haberler/").context["news"][0]
    assert item.assembly.title == "Kadın Meclisi"


@pytest.mark.django_db
def test_assembly_pages_render_with_their_news(client, assembly):
    publish(NewsPageFactory(parent=assembly, title="Girişimcilik komisyonu kuruldu"))
    index = client.get("/meclisler/")
    assert index.status_code == 200 and "Kadın Meclisi" in index.content.decode()
    page = client.get("/meclisler/kadin-meclisi/")
    assert page.status_code == 200
    assert "Girişimcilik komisyonu kuruldu" in page.content.decode()


@pytest.mark.django_db
def test_draft_news_is_not_listed(client, news_index):
    draft = NewsPageFactory(parent=news_index, title="Taslak haber", live=False)
    assert draft.pk
    assert "Taslak haber" not in client.get("/haberler/").content.decode()


@pytest.mark.django_db
def test_english_pages_live_under_en(client, english_home_page):
    response = client.get("/en/")
    assert response.status_code == 200
    assert response.content.decode().count('lang="en"') >= 1
    assert "Ümraniye City Council" in response.content.decode()


@pytest.mark.django_db
def test_main_navigation_lists_the_sections_in_menus(client, news_index, assembly_index):
    html = client.get("/").content.decode()
    nav = html[html.index('class="main-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert 'href="/haberler/"' in nav and 'href="/meclisler/"' in nav


@pytest.mark.django_db
def test_pages_get_turkish_ascii_slugs_from_their_titles(home_page):
    page = StandardPageFactory.build(title="Kıdemli Hemşehriciler Şenliği", slug="")
    home_page.add_child(instance=page)
    assert page.slug == "kidemli-hemsehriciler-senligi"


@pytest.mark.django_db
def test_unknown_address_gives_the_portal_404_page(client, home_page):
    response = client.get("/olmayan-sayfa/")
    assert response.status_code == 404
    assert "skip-link" in response.content.decode()


@pytest.mark.django_db
def test_search_page_answers_without_a_query(client, home_page):
    assert client.get(reverse("search")).status_code == 200
