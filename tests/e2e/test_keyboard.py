"""The site works with the keyboard alone."""


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(demo_site, page):
    page.goto(demo_site.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "İçeriğe geç"
    assert page.evaluate("getComputedStyle(document.activeElement).top") != "-4rem"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_main_menu_is_reachable_and_followed_by_keyboard(demo_site, page):
    page.goto(demo_site.url + "/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Meclisler":
            break
    else:
        raise AssertionError("the Meclisler link was never focused")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.press("Enter")
    page.wait_for_url("**/meclisler/")
    assert page.get_by_role("heading", level=1).inner_text() == "Meclisler"


def test_layout_holds_at_320_pixels_and_200_percent_text(demo_site, page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(demo_site.url + "/meclisler/kidemli-hemsehriciler-meclisi/")
    # 200 % text (the site's base is 112.5 %); set through the CSSOM, which the CSP allows.
    page.evaluate("document.documentElement.style.fontSize = '225%'")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"horizontal scrolling of {overflow}px at 320 px"
