"""`digest serve` in Chromium: pages reload after an edit; a failed build shows its errors."""
import os
import re
import shutil
import subprocess
import time

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO, digest_binary

PAPER = "spectrally-transformed-kernel-regression"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(address, site folder) of `digest serve` on a copy of the sample's records."""
    root = str(tmp_path_factory.mktemp("serve"))
    os.makedirs(os.path.join(root, "content"))
    shutil.copytree(os.path.join(REPO, "content", "papers"), os.path.join(root, "content", "papers"))
    shutil.copy(os.path.join(REPO, "digest.yml"), root)
    log = open(os.path.join(root, "serve.log"), "w+")
    server = subprocess.Popen([digest_binary(), "serve", "-C", root, "--port", "0"], stdout=log, stderr=subprocess.STDOUT)
    address = None
    for _ in range(300):
        log.seek(0)
        m = re.search(r"^serving (http\S+)", log.read(), re.M)
        if m:
            address = m.group(1)
            break
        time.sleep(0.1)
    assert address, "digest serve did not start"
    yield address, root
    server.terminate()
    server.wait(timeout=10)


def until(driver, condition):
    """Waits for `condition`; a page reloading between finding an element and reading it is
    what these tests cause, so a stale element means "look again", not a failure."""
    return WebDriverWait(driver, 10, poll_frequency=0.05, ignored_exceptions=[StaleElementReferenceException]).until(condition)


def edit(root, old, new):
    path = os.path.join(root, "content", "papers", PAPER + ".md")
    text = open(path, encoding="utf-8").read()
    assert old in text
    open(path, "w", encoding="utf-8").write(text.replace(old, new))


def test_an_open_page_reloads_after_its_record_is_edited(served, driver):
    address, root = served
    driver.get(address + "papers/" + PAPER + "/")
    driver.execute_script("window.__beforeEdit = true;")
    edit(root, 'title: "Spectrally Transformed Kernel Regression"', 'title: "Spectrally Transformed Kernel Regression, Reloaded"')
    started = time.time()
    until(driver, lambda d: "Reloaded" in d.find_element(By.TAG_NAME, "h1").text)
    assert driver.execute_script("return window.__beforeEdit === undefined"), "the page changed without a reload"
    assert time.time() - started < 5


def test_a_failed_build_shows_its_error_on_the_page_and_the_last_site_stays(served, driver):
    address, root = served
    driver.get(address + "papers/" + PAPER + "/")
    os.makedirs(os.path.join(root, "templates"), exist_ok=True)
    broken = os.path.join(root, "templates", "paper.mustache")
    open(broken, "w").write("{{#unclosed}}\n<p>broken</p>\n")
    shown = until(driver, lambda d: [box.text for box in d.find_elements(By.ID, "digest-build-errors")])[0]
    assert "paper.mustache" in shown and "error" in shown
    assert until(driver, lambda d: d.find_element(By.TAG_NAME, "h1").text)  # the last good page is still there
    os.remove(broken)
    until(driver, lambda d: not d.find_elements(By.ID, "digest-build-errors"))
