"""The journey checks catch what a person would see as a defect (and pass what they would not)."""

import pytest

from tests.e2e.journeys.conftest import PHONE, english_lines


def test_english_on_a_turkish_page_is_found_and_turkish_is_not():
    text = "\n".join(
        [
            "Collapse all",
            "Saved.",
            "The page could not be created due to validation errors.",
            "On gün içinde yanıt verilir.",
            "Kadın Meclisi'ne katılmak için oturum açın",
            "English",
            "Can Yılmaz",
        ]
    )
    assert english_lines(text) == [
        "Collapse all",
        "Saved.",
        "The page could not be created due to validation errors.",
    ]


def test_a_page_wider_than_the_phone_or_showing_none_fails_the_check(journey):
    page = journey.open(width=PHONE, path="/")
    journey.check(page)
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<p id=raw>Kurye: None</p>')")
    with pytest.raises(AssertionError, match="raw values"):
        journey.check(page, axe=False)
    # Set through the DOM: the site's CSP refuses inline style attributes.
    page.evaluate(
        """() => {
            document.getElementById('raw').remove();
            const wide = document.createElement('div');
            wide.style.width = '600px';
            wide.textContent = 'Geniş';
            document.querySelector('main').append(wide);
        }"""
    )
    with pytest.raises(AssertionError, match="scrolls sideways"):
        journey.check(page, axe=False)
