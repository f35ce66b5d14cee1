"""A site built from listings written to attack it (Tests/hostile/): every page, parsed and
loaded in Chromium, shows the payloads as text and runs none of them."""
import glob
import json
import os
import xml.dom.minidom
from html.parser import HTMLParser

import feedparser
import pytest

# What the site's own templates never emit: any of these in a page came from a listing.
FOREIGN_TAGS = {"iframe", "object", "embed", "svg", "img", "style", "b", "base"}


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []   # (tag, attrs)
        self.data = {}    # script type → the text of each such script
        self.script = None

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))
        if tag == "script":
            self.script = dict(attrs).get("type", "")
            self.data.setdefault(self.script, []).append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self.script = None

    def handle_data(self, data):
        if self.script is not None:
            self.data[self.script][-1] += data


def pages(folder):
    return sorted(glob.glob(os.path.join(folder, "**", "*.html"), recursive=True))


def test_the_hostile_site_has_every_kind_of_page(hostile_site):
    _, folder = hostile_site
    names = [os.path.relpath(p, folder) for p in pages(folder)]
    assert len([n for n in names if n.startswith("papers/")]) == 5
    assert any(n.startswith("authors/") for n in names) and any(n.startswith("sources/") for n in names)


def test_no_page_holds_markup_from_a_listing(hostile_site):
    _, folder = hostile_site
    for path in pages(folder):
        parser = Elements()
        parser.feed(open(path, encoding="utf-8").read())
        where = os.path.relpath(path, folder)
        for tag, attrs in parser.found:
            assert tag not in FOREIGN_TAGS, f"<{tag}> in {where}"
            assert not [a for a in attrs if a.startswith("on")], f"event handler on <{tag}> in {where}"
            for name in ("href", "src", "data", "action"):
                assert not (attrs.get(name) or "").strip().lower().startswith(("javascript:", "data:")), f"{name}={attrs[name]} in {where}"
            if tag == "script":
                assert attrs.get("type") == "application/ld+json" or "/assets/" in attrs.get("src", ""), f"script {attrs} in {where}"
        for text in parser.data.get("application/ld+json", []):
            assert "</" not in text
            json.loads(text)  # JSON-LD stays valid JSON


def test_the_text_reaches_the_page_as_text(hostile_site, driver):
    base, _ = hostile_site
    driver.get(base + "papers/prompt-injection-img-src-x-onerror-window-pwned-2-in-vision-models/")
    assert driver.find_element("css selector", "h1").text == 'Prompt Injection "><img src=x onerror="window.__pwned=2"> in Vision Models'
    body = driver.find_element("css selector", ".abstract").text
    assert '<svg onload="window.__pwned=8">' in body and "a colon: here" in body and "backslash \\ that" in body


def test_no_page_runs_a_payload(hostile_site, driver):
    base, folder = hostile_site
    urls = [base + os.path.relpath(p, folder).replace("index.html", "") for p in pages(folder)]
    urls.append(base + "search/?q=%3Cscript%3Ewindow.__pwned%3D99%3C%2Fscript%3E")
    for url in urls:
        driver.get(url)
        assert not _alert_open(driver), f"an alert opened on {url}"
        assert driver.execute_script("return window.__pwned === undefined"), f"a payload ran on {url}"


def _alert_open(driver):
    from selenium.common.exceptions import NoAlertPresentException
    try:
        driver.switch_to.alert
        return True
    except NoAlertPresentException:
        return False


@pytest.mark.parametrize("path", ["feed.xml", "sitemap.xml"])
def test_xml_files_stay_well_formed(hostile_site, path):
    _, folder = hostile_site
    xml.dom.minidom.parse(os.path.join(folder, path))
    if path == "feed.xml":
        feed = feedparser.parse(os.path.join(folder, path))
        assert not feed.bozo and len(feed.entries) == 5
        assert any("<script>window.__pwned=1" in e.title for e in feed.entries)


def test_every_page_forbids_inline_and_foreign_script(hostile_site):
    _, folder = hostile_site
    for path in pages(folder):
        parser = Elements()
        parser.feed(open(path, encoding="utf-8").read())
        policies = [a.get("content", "") for t, a in parser.found if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert len(policies) == 1, os.path.relpath(path, folder)
        rules = dict((r.split()[0], r.split()[1:]) for r in policies[0].split(";") if r.strip())
        assert rules["default-src"] == ["'self'"] and rules["script-src"] == ["'self'"], policies[0]
