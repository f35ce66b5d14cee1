"""The search page in Chromium, on the sample site served under a sub-path."""
import json
import os
import subprocess
import urllib.parse

import pytest
from axe_core_python.selenium import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO, digest_binary

SPECTRAL = "papers/spectrally-transformed-kernel-regression/"
TEXT2REWARD = "papers/text2reward-reward-shaping-with-language-models-for-reinforcement-learning/"

# The four kinds of query, each with the paper that must come first.
QUERIES = {
    "title": ("Spectrally Transformed Kernel Regression", SPECTRAL),
    "author": ("Runtian Zhai", SPECTRAL),
    "prefix": ("Text2Rew", TEXT2REWARD),
    "one-edit typo": ("Spectrally Transfromed Kernel Regression", SPECTRAL),
}


def results(driver, timeout=10):
    WebDriverWait(driver, timeout).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results a"))
    return [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results a")]


@pytest.mark.parametrize("kind", QUERIES)
def test_the_right_paper_comes_first(site, driver, kind):
    base, _ = site
    query, expected = QUERIES[kind]
    driver.get(base + "search/?q=" + urllib.parse.quote(query))
    first = results(driver)[0]
    assert first == base + expected, f"{kind} query {query!r} put {first} first"
    assert "/sub/path/digest/" in first


def test_browser_and_terminal_rank_alike(site, driver):
    """search.js and `digest search` are two copies of one ranking; they must agree."""
    base, folder = site
    queries = ["reward model rlhf", "diffusion", "LLMs reasoning", "Schölkopf", "graph neural netw",
               "trnasformer attention", "multi-hmr", "tag:rlhf", "reward tag:rlhf", "author:zhai", "year:2024 language",
               'venue:"ICLR 2024" robust', "policies", "kernel regresion", "in-context learning"]
    driver.get(base + "search/")
    for query in queries:
        browser = driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "new PaperDigestSearch.Engine(document.getElementById('search').dataset.root).search(arguments[0])"
            ".then(function (r) { done(r.papers.slice(0, 20)); });", query)
        out = subprocess.run([digest_binary(), "search", "-o", folder, "--json", "-n", "20", query],
                             check=True, capture_output=True, text=True).stdout
        terminal = [r["path"] for r in json.loads(out)["results"]]
        shown = driver.execute_async_script(
            "var done = arguments[arguments.length - 1], e = new PaperDigestSearch.Engine(document.getElementById('search').dataset.root);"
            "Promise.all(arguments[0].map(function (p) { return e.display(p); }))"
            ".then(function (r) { done(r.map(function (x) { return x.path; })); });", browser)
        assert shown == terminal, query
        assert terminal, query


def test_tokens_agree_with_the_shared_fixture(site, driver):
    base, _ = site
    cases = json.load(open(os.path.join(REPO, "Tests", "search", "tokens.json"), encoding="utf-8"))
    driver.get(base + "search/")
    got = driver.execute_script("return arguments[0].map(function (c) { return PaperDigestSearch.tokenize(c.text); });", cases)
    for case, tokens in zip(cases, got):
        assert tokens == case["tokens"], case["text"]


def test_typing_searches_keeps_q_in_the_url_and_one_letter_fetches_nothing(site, driver):
    base, _ = site
    driver.get(base + "search/")
    box = driver.find_element(By.ID, "search-input")
    box.send_keys("s")
    driver.execute_script("return new Promise(function (r) { setTimeout(r, 400); });")
    fetched = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
                                    ".filter(function (n) { return n.indexOf('/search/') > 0 && n.endsWith('.json'); });")
    assert fetched == []
    box.send_keys("pectrally transformed")
    assert results(driver)[0] == base + SPECTRAL
    assert urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query)["q"] == ["spectrally transformed"]
    # Matches are highlighted in the title.
    marks = [m.text.lower() for m in driver.find_elements(By.CSS_SELECTOR, "#search-results li:first-child mark")]
    assert "spectrally" in marks and "transformed" in marks


def test_arrow_keys_walk_the_results(site, driver):
    base, _ = site
    driver.get(base + "search/?q=diffusion")
    links = results(driver)
    assert len(links) >= 3
    box = driver.find_element(By.ID, "search-input")
    box.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element.get_attribute("href") == links[0]
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element.get_attribute("href") == links[1]
    driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
    driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
    assert driver.switch_to.active_element.get_attribute("id") == "search-input"


def test_a_filter_picked_from_the_list_narrows_the_results(site, driver):
    base, _ = site
    driver.get(base + "search/?q=reward")
    before = results(driver)
    driver.find_element(By.CSS_SELECTOR, "#search-filters summary").click()
    WebDriverWait(driver, 10).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#filter-tag option")) > 1)
    driver.execute_script("var s = document.getElementById('filter-tag'); s.value = 'rlhf'; s.dispatchEvent(new Event('change'));")
    WebDriverWait(driver, 10).until(lambda d: "tag:rlhf" in d.find_element(By.ID, "search-input").get_attribute("value"))
    WebDriverWait(driver, 10).until(lambda d: results(d) != before)
    after = results(driver)
    assert 0 < len(after) <= len(before)
    assert "tag%3Arlhf" in driver.current_url or "tag:rlhf" in urllib.parse.unquote(driver.current_url)


def test_results_have_no_accessibility_violations(site, driver):
    base, _ = site
    driver.get(base + "search/?q=reward+model")
    results(driver)
    driver.find_element(By.CSS_SELECTOR, "#search-filters summary").click()
    found = Axe().run(driver, options={"resultTypes": ["violations"]})
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in found["violations"]]
    assert violations == [], violations


@pytest.fixture(scope="module")
def disk_site(tmp_path_factory):
    """The sample built with `--links files`, to be read from disk (file://)."""
    folder = str(tmp_path_factory.mktemp("disk") / "site")
    subprocess.run([digest_binary(), "build", "-C", REPO, "-o", folder, "--links", "files"], check=True, capture_output=True)
    return folder


@pytest.mark.parametrize("kind", QUERIES)
def test_search_works_from_disk(disk_site, driver, kind):
    """Browsers refuse fetch on file://; the index's script twins carry the same data."""
    query, expected = QUERIES[kind]
    base = "file://" + disk_site + "/"
    driver.get(base + "search/index.html?q=" + urllib.parse.quote(query))
    first = results(driver)[0]
    assert first == base + expected + "index.html", f"{kind} query {query!r} put {first} first"


def test_a_missing_index_file_from_disk_reads_as_nothing(disk_site, driver):
    """A prefix or bucket file that does not exist must not leave the query waiting."""
    driver.get("file://" + disk_site + "/search/index.html")
    got = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "new PaperDigestSearch.Engine('../').file('search/p/zzzzqq.json').then(function (r) { done(r === null); });")
    assert got is True
