"""The web archive in a real browser (Debian's chromium driven by Playwright): every page type
loads and passes axe-core with no violation, a search for a word of an item finds that item and
opens it (also with the site in a folder of a larger web site), and the keyboard alone reaches a meeting's downloads."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGE_TYPES = {
    "home": "index.html",
    "committees": "udvalg/index.html",
    "people": "personer/index.html",
    "search": "soeg.html",
}


def _first(built, pattern: str) -> str:
    return str(sorted(built.glob(pattern))[0].relative_to(built))


@pytest.fixture
def page(browser):
    p = browser.new_page()
    yield p
    p.close()


def test_every_page_type_passes_axe(built, served, page):
    pages = dict(PAGE_TYPES)
    pages["committee"] = _first(built, "udvalg/*/index.html")
    pages["meeting"] = _first(built, "moeder/*/*/index.html")
    pages["item"] = _first(built, "moeder/*/*/punkt-*.html")
    pages["person"] = _first(built, "personer/*[!x].html")
    axe = Axe()
    for kind, path in pages.items():
        response = page.goto(served + path)
        assert response.ok, (kind, path)
        assert page.locator("h1").count() == 1
        if kind == "search":
            page.wait_for_selector(".pagefind-ui__search-input")
        result = axe.run(page)
        assert result.violations_count == 0, (kind, path, result.generate_report())


@pytest.mark.parametrize(("which", "where"), [(0, "served"), (-1, "served"), (-1, "served_below")],
                         ids=["oldest meeting", "newest meeting", "site in a folder of a web site"])
def test_search_finds_an_item_and_opens_it(built, page, which, where, request):
    # the oldest and the newest meeting are in different search bundles, merged in the browser; the
    # result links must lead to the item wherever the site is served from
    served = request.getfixturevalue(where)
    items = sorted(built.glob("moeder/*/*/punkt-*.html"), key=lambda p: (p.parent.name, p.parent.parent.name))
    item = items[which]
    title = page.goto(served + str(item.relative_to(built))) and page.locator("h1").inner_text()
    word = max((w.strip(".,:;()") for w in title.split()), key=len)
    page.goto(served + "soeg.html")
    page.fill(".pagefind-ui__search-input", word)
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=15000)
    links = page.locator(".pagefind-ui__result-link")
    hrefs = [links.nth(n).get_attribute("href") for n in range(links.count())]
    assert any(h.endswith(item.name) or h.endswith(item.stem) for h in hrefs), (word, hrefs)
    target = next(n for n, h in enumerate(hrefs) if h.endswith(item.name) or h.endswith(item.stem))
    links.nth(target).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title


def test_keyboard_alone_reaches_the_downloads(built, served, page):
    page.goto(served + _first(built, "moeder/*/*/index.html"))
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.getAttribute('href') || document.activeElement.tagName")
        seen.append(focused)
        if focused and "/filer/" in focused and focused.endswith(".docx"):
            break
    else:
        pytest.fail(f"no download reached by Tab: {seen}")
    assert seen[0] == "#indhold"  # the skip link comes first
