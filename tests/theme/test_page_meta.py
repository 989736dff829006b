"""What a search engine or a shared link shows of a public page: its title, a description, a picture."""

import re
from html import unescape

import pytest
import wagtail_factories

from tests.conftest import publish
from tests.factories import NewsPageFactory


def head(html):
    return html.split("</head>", 1)[0]


def meta(html, key):
    """The content of <meta name=key> or <meta property=key>, or None."""
    found = re.search(rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)">', head(html))
    return unescape(found.group(1)) if found else None


def title(html):
    return unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))


@pytest.mark.django_db
def test_the_home_page_is_titled_with_the_site_name_once(client, english_home_page):
    html = client.get("/").content.decode()
    assert title(html) == "Ümraniye Kent Konseyi"
    assert meta(html, "og:title") == "Ümraniye Kent Konseyi"
    assert (
        meta(html, "description")
        == meta(html, "og:description")
        == "Vatandaşların ve kurumların kent kararlarına katılımı için."
    )
    assert meta(html, "og:url") == "http://testserver/"
    assert meta(html, "og:locale") == "tr_TR" and meta(html, "og:locale:alternate") == "en_GB"
    assert meta(html, "og:image") is None and meta(html, "twitter:card") == "summary"

    english = client.get("/en/").content.decode()
    assert title(english) == "Ümraniye City Council"
    assert meta(english, "og:locale") == "en_GB" and meta(english, "description") == "Take part."


@pytest.mark.django_db
def test_a_news_page_has_its_title_then_the_site_its_intro_and_its_picture(client, news_index):
    picture = wagtail_factories.ImageFactory(title="Meclis salonu")
    news = publish(
        NewsPageFactory(
            parent=news_index,
            title="Kadın Meclisi toplandı",
            slug="kadin-meclisi-toplandi",
            intro="Kadın Meclisi kasım toplantısında  kreş önerisini <b>konuştu</b>.",
            image=picture,
        )
    )
    html = client.get(news.url).content.decode()
    assert title(html) == "Kadın Meclisi toplandı – Ümraniye Kent Konseyi"
    assert meta(html, "og:title") == meta(html, "twitter:title") == "Kadın Meclisi toplandı"
    assert meta(html, "description") == "Kadın Meclisi kasım toplantısında kreş önerisini konuştu."
    assert meta(html, "og:url") == f"http://testserver{news.url}"
    image = meta(html, "og:image")
    assert image.startswith("http://testserver/media/images/") and ".fill-1200x630" in image
    assert meta(html, "twitter:image") == image and meta(html, "twitter:card") == "summary_large_image"


@pytest.mark.django_db
def test_the_editors_search_description_wins_and_pages_without_words_get_a_default(client, news_index):
    news_index.search_description = "Kent Konseyi ve meclislerinin haberleri."
    news_index.save_revision().publish()
    html = client.get(news_index.url).content.decode()
    assert meta(html, "description") == "Kent Konseyi ve meclislerinin haberleri."

    login = client.get("/accounts/login/").content.decode()
    assert title(login) == "Oturum aç – Ümraniye Kent Konseyi"
    assert meta(login, "description").startswith("Ümraniye Kent Konseyi:")
