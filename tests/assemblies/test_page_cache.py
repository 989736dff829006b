"""An assembly page keeps its texts as HTML until it is published again; a preview always shows the editor's draft."""

import pytest

from tests.conftest import publish


@pytest.mark.django_db
def test_new_texts_show_once_published_and_in_previews_at_once(client, assembly):
    assembly.purpose = "<p>Kadınların kent yaşamına katılımı.</p>"
    publish(assembly)
    assert "Kadınların kent yaşamına katılımı." in client.get(assembly.url).content.decode()

    assembly.purpose = "<p>Eşit temsil ve katılım.</p>"
    preview = assembly.make_preview_request().content.decode()
    assert "Eşit temsil ve katılım." in preview
    assert "Kadınların kent yaşamına katılımı." in client.get(assembly.url).content.decode()  # not published yet

    publish(assembly)
    assert "Eşit temsil ve katılım." in client.get(assembly.url).content.decode()
