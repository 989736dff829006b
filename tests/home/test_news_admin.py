"""A coordinator adding their assembly's news in the Wagtail admin."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from assemblies.coordinators import ensure_coordinator_group
from home.models import NewsPage
from tests.factories import UserFactory


@pytest.fixture
def coordinator(assembly):
    user = UserFactory()
    user.groups.add(ensure_coordinator_group(assembly))
    return user


def news_form(title, slug, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-12-06",
            "intro": "Meclisimizin aralık buluşması yapıldı.",
            "tags": "",
            "body": streamfield([]),
            **extra,
        }
    )


@pytest.mark.django_db
def test_the_add_form_keeps_no_hidden_draft_while_typing(client, assembly, coordinator):
    """Wagtail's autosave would file the half-typed page as a draft, which the next try then collides with."""
    client.force_login(coordinator)
    response = client.get(f"/admin/pages/add/home/newspage/{assembly.pk}/")
    assert response.status_code == 200
    assert response.context["autosave_enabled"] is False
    assert "data-w-autosave-interval-value" not in response.content.decode()


@pytest.mark.django_db
def test_abandoning_the_form_and_coming_back_publishes_with_the_same_title(client, assembly, coordinator):
    client.force_login(coordinator)
    url = f"/admin/pages/add/home/newspage/{assembly.pk}/"
    client.get(url)  # opened, typed into, left: nothing is stored
    assert not NewsPage.objects.exists()
    response = client.post(url, news_form("Aralık buluşması", "aralik-bulusmasi", **{"action-publish": "publish"}))
    assert response.status_code == 302
    news = NewsPage.objects.get()
    assert news.live and news.get_parent().pk == assembly.pk


@pytest.mark.django_db
def test_a_slug_clash_is_explained_in_turkish(client, assembly, coordinator):
    client.force_login(coordinator)
    url = f"/admin/pages/add/home/newspage/{assembly.pk}/"
    client.post(url, news_form("Aralık buluşması", "aralik-bulusmasi", **{"action-publish": "publish"}))
    response = client.post(url, news_form("Aralık buluşması", "aralik-bulusmasi", **{"action-publish": "publish"}))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["slug"])
    assert "zaten kullanılıyor" in errors
    assert "already in use" not in response.content.decode()
    assert NewsPage.objects.count() == 1
