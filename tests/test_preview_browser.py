"""The live preview in a real browser: Debian's Chromium, driven by Selenium through
Debian's chromedriver (nothing is downloaded). ``./dev test`` installs both."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import FIXTURE_CONTENT, MEETING, meeting_languages
from rapporteur.diagnostics import ContentError
from rapporteur.load.loader import load_library
from rapporteur.paths import Project
from rapporteur.preview.server import start
from rapporteur.preview.workspace import Workspace

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="Debian's chromium and chromium-driver are not installed (./dev test installs them)",
)
MEETING_ID = MEETING.rsplit("/", 1)[1]
LANG = meeting_languages(MEETING, FIXTURE_CONTENT)[-1]
WAIT_S = 20
# Set to a path, the test's screenshot is kept there (the README's is made so).
SCREENSHOT = os.environ.get("RAPPORTEUR_SCREENSHOT")


@pytest.fixture
def browser():
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager never downloads
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1100,900",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def test_edit_break_fix_and_ask_which_source(tmp_path: Path, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    server = start(Workspace(Project(tmp_path)), port=0)
    try:
        wait = WebDriverWait(browser, WAIT_S)
        browser.get(f"{server.url}doc/report/{MEETING_ID}/{LANG}")
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "p.para"))

        # 1. an edit on disk shows without a reload by hand, where the reader was
        path = tmp_path / "content" / MEETING / LANG / "recommendations.yaml"
        original = path.read_text(encoding="utf-8")
        data = YAML().load(path)
        item = data["sections"][0]["paragraphs"][0]["items"][0]
        new_text = "Member States should test the live preview in a real browser;"
        item["text"] = new_text
        browser.execute_script("window.scrollTo(0, 900)")
        wait.until(lambda b: b.execute_script("return window.scrollY") > 0)
        scrolled = browser.execute_script("return window.scrollY")
        YAML().dump(data, path)
        wait.until(lambda b: new_text in b.find_element(By.TAG_NAME, "main").text)
        assert abs(browser.execute_script("return window.scrollY") - scrolled) < 5

        # 2. broken: the overlay lists check's lines, path:line:col
        path.write_text(original.replace("sections:", "sections: [", 1), encoding="utf-8")
        overlay = browser.find_element(By.ID, "rp-overlay")
        wait.until(lambda b: overlay.is_displayed())
        with pytest.raises(ContentError) as raised:
            load_library(tmp_path / "content")
        expected = [str(d) for d in raised.value.diagnostics]
        shown = browser.find_element(By.ID, "rp-errors").text.splitlines()
        assert shown == expected
        assert all(re.match(r".*recommendations\.yaml:\d+:\d+: ", line) for line in shown)
        assert new_text in browser.find_element(By.TAG_NAME, "main").text  # the last good one

        # 3. fixed: the overlay goes
        YAML().dump(data, path)
        wait.until(lambda b: not b.find_element(By.ID, "rp-overlay").is_displayed())

        # 4. which source wrote this paragraph?
        paragraph = browser.find_element(By.CSS_SELECTOR, "p.para")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", paragraph)
        paragraph.click()
        info = browser.find_element(By.ID, "rp-info")
        wait.until(lambda b: info.is_displayed())
        block_id = paragraph.get_attribute("id")
        assert info.find_element(By.CLASS_NAME, "rp-id").text == block_id
        assert info.find_element(By.CLASS_NAME, "rp-ref").text == "para. 1"
        source = info.find_element(By.CLASS_NAME, "rp-src")
        wait.until(lambda b: ":" in source.text)
        place = source.text
        file, line = place.rsplit(":", 1)
        lines = (tmp_path / file).read_text(encoding="utf-8").splitlines()
        assert lines[int(line) - 2].strip() == f"- id: {block_id}"

        shot = tmp_path / "preview.png"
        browser.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000
        if SCREENSHOT:
            shutil.copy(shot, SCREENSHOT)
    finally:
        server.stop()


def test_eight_tabs_load_and_all_hear_of_a_save(tmp_path: Path, browser) -> None:
    """A browser opens six connections to a host: one event stream serves every tab."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    server = start(Workspace(Project(tmp_path)), port=0)
    try:
        browser.set_page_load_timeout(WAIT_S)
        url = f"{server.url}doc/report/{MEETING_ID}/{LANG}"
        handles = []
        for index in range(8):
            if index:
                browser.switch_to.new_window("tab")
            browser.get(url)
            WebDriverWait(browser, WAIT_S).until(
                lambda b: b.find_elements(By.CSS_SELECTOR, "p.para")
            )
            handles.append(browser.current_window_handle)
        path = tmp_path / "content" / MEETING / LANG / "recommendations.yaml"
        data = YAML().load(path)
        data["sections"][0]["paragraphs"][0]["items"][0]["text"] = "Heard in every tab;"
        YAML().dump(data, path)
        for handle in handles:
            browser.switch_to.window(handle)
            WebDriverWait(browser, WAIT_S).until(
                lambda b: "Heard in every tab;" in b.find_element(By.TAG_NAME, "main").text
            )
    finally:
        server.stop()
