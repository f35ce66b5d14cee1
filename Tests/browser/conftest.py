"""The built sample site, served under a sub-path on 127.0.0.1, and a headless Chromium.

The site is built by the `digest` binary named in $DIGEST (default .build/release/digest)
from the repository's own records, into a temporary folder served as /sub/path/digest/.
Nothing is downloaded: Chromium and ChromeDriver come from Debian, Selenium runs offline.
"""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUBPATH = "sub/path/digest"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(root, out, build):
    """Builds with `build(out, base)` and serves `root` on a free port; yields (base, out)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/{SUBPATH}/"
    build(out, base)
    os.chmod(root, 0o755)
    server = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "serve.py"), str(port), root])
    for _ in range(100):
        try:
            urllib.request.urlopen(base, timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    yield base, out
    server.terminate()
    server.wait(timeout=10)


def digest_binary():
    return os.path.abspath(os.environ.get("DIGEST", os.path.join(REPO, ".build/release/digest")))


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """(base URL, folder of the built site)."""
    root = str(tmp_path_factory.mktemp("browser"))
    build = lambda out, base: subprocess.run([digest_binary(), "build", "-C", REPO, "-o", out, "--base-url", base], check=True, capture_output=True)
    yield from serve(root, os.path.join(root, SUBPATH), build)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """(base URL, folder) of a site ingested from Tests/hostile/'s listings, one per format."""
    root = str(tmp_path_factory.mktemp("hostile"))
    source = os.path.join(root, "source")
    os.makedirs(os.path.join(source, "content", "listings"))
    for name in ("abstract-list.txt", "daily-papers.txt", "poster-session.txt"):
        shutil.copy(os.path.join(REPO, "Tests", "hostile", name), os.path.join(source, "content", "listings", name))
    shutil.copy(os.path.join(REPO, "digest.yml"), source)
    subprocess.run([digest_binary(), "ingest", "-C", source, "--today", "2026-11-22"], check=True, capture_output=True)

    def build(out, base):
        subprocess.run([digest_binary(), "build", "-C", source, "-o", out, "--base-url", base], check=True, capture_output=True)
    yield from serve(root, os.path.join(root, SUBPATH), build)


@pytest.fixture(scope="session")
def driver():
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/lib/chromium/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield browser
    browser.quit()
