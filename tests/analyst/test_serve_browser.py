"""The Datasette pages of `referat serve` in a real headless browser: the index, the
`decision_history` view and the canned query `search_decisions` render without
errors (their tables have rows), and screenshots of the three are PNGs.

Needs Debian's chromium and chromium-driver (.ci/run installs them) and selenium
(the test extra); skips with the reason when one is missing. The server is
pipeline.analyst.serve.serve in a subprocess, as in tests/analyst/test_serve.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fixtures_records import all_records
from helpers.serve import running_server
from pipeline.store import Store

pytestmark = pytest.mark.slow

pytest.importorskip("datasette")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
CHROMEDRIVER = shutil.which("chromedriver")
if CHROMIUM is None or CHROMEDRIVER is None:
    pytest.skip(
        "headless browser test needs chromium and chromedriver (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "referat.db"
    with Store(path) as store:
        for built in all_records():
            built.save(store)
    return path


@pytest.fixture(scope="module")
def server(db):
    with running_server(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    try:  # the Debian driver by path: Selenium Manager must not try to download one
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    except WebDriverException as e:
        pytest.skip(f"chromium could not be started: {e.msg or e}")
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser, url: str, shot: Path) -> str:
    """Load `url`, check it is not an error page, save a screenshot; return the page text."""
    browser.get(url)
    title = browser.title
    body = browser.find_element(By.TAG_NAME, "body").text
    assert title and not title.lower().startswith("error"), (url, title)
    assert "Internal Server Error" not in body and "Traceback" not in body, body[:500]
    assert not browser.find_elements(By.CSS_SELECTOR, ".message-error"), body[:500]
    assert browser.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data.startswith(PNG) and len(data) > 5000, (shot, len(data))
    return body


def _table_rows(browser) -> list[str]:
    return [r.text for r in browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")]


def test_index_page(browser, server, db, tmp_path):
    body = _open(browser, server + "/", tmp_path / "index.png")
    assert "referat" in body and db.stem in body
    links = {a.get_attribute("href") for a in browser.find_elements(By.TAG_NAME, "a")}
    assert f"{server}/{db.stem}" in links


def test_decision_history_view(browser, server, db, tmp_path):
    body = _open(browser, f"{server}/{db.stem}/decision_history?_facet=body", tmp_path / "view.png")
    rows = _table_rows(browser)
    assert len(rows) == 17, rows  # every decision of the winning documents
    assert any("rykkes årsmødet til 20/5" in r for r in rows)
    assert "body" in body and "HB" in body  # the facet renders


def test_search_decisions_canned_query(browser, server, db, tmp_path):
    body = _open(
        browser, f"{server}/{db.stem}/search_decisions?body=HB&since=2022-01-01&until=&text=", tmp_path / "query.png"
    )
    assert "Search the decision history" in body
    rows = _table_rows(browser)
    assert len(rows) == 5 and all("2022-01-14" in r for r in rows), rows
    assert not any("regnskabet for 2020" in r for r in rows)  # before --since
    # the form shows the parameters
    assert browser.find_element(By.CSS_SELECTOR, "input[name=body]").get_attribute("value") == "HB"
