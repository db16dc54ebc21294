"""The HTML triage report in a real headless Chromium: the page's own controls filter it.

Loads the report of demo/ and of a 10,000-finding run, filters through the select, the
checkboxes, the search box and a root-cause button, and asserts what the page shows."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import browser

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("selenium")
if browser.chromium_paths() is None:
    pytest.skip("needs chromium and chromium-driver (Debian packages; .ci/run installs them)", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402


@pytest.fixture(scope="module")
def driver():
    d = browser.start()
    yield d
    d.quit()


def _report(cwd: Path, target: str, out: Path) -> None:
    p = subprocess.run([sys.executable, "-m", "druglint", "check", "--no-cache", "--format", "html", "-o", str(out), target],
                       cwd=cwd, capture_output=True, text=True)
    assert p.returncode == 1, p.stderr
    assert out.stat().st_size > 0


def _visible(driver) -> list[dict[str, str]]:
    """The findings the page shows now: their data attributes, read in the browser."""
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('#findings .v'))
          .filter(el => el.offsetParent !== null)
          .map(el => ({code: el.dataset.code, sev: el.dataset.sev, file: el.dataset.file, n: el.dataset.n,
                       text: el.querySelector('.msg').textContent, all: el.textContent}));""")


def _shown(driver) -> int:
    return int(driver.find_element(By.ID, "shown").text.replace(",", ""))


def test_demo_report_filters_by_rule_severity_search_and_cause(driver, tmp_path):
    out = tmp_path / "demo.html"
    _report(ROOT, "demo", out)
    driver.get(out.as_uri())
    everything = _visible(driver)
    assert _shown(driver) == sum(int(v["n"]) for v in everything) > 10
    codes = {v["code"] for v in everything}
    assert {"DL104", "DL301"} <= codes
    # the rule select: only DL104 findings remain, and the counter agrees
    Select(driver.find_element(By.ID, "f-rule")).select_by_value("DL104")
    shown = _visible(driver)
    assert shown and {v["code"] for v in shown} == {"DL104"}
    assert _shown(driver) == sum(int(v["n"]) for v in everything if v["code"] == "DL104")
    # severity boxes: unticking error hides every DL104 (an error): nothing matches
    driver.find_element(By.ID, "f-error").click()
    assert _visible(driver) == [] and driver.find_element(By.ID, "none").is_displayed()
    driver.find_element(By.ID, "f-reset").click()
    assert len(_visible(driver)) == len(everything)
    # search: free text over the entry (path, code, message and the record's cells)
    box = driver.find_element(By.ID, "f-search")
    box.send_keys("Talimogene")
    shown = _visible(driver)
    assert shown and all("talimogene" in v["all"].lower() for v in shown)
    assert len(shown) == sum("talimogene" in v["all"].lower() for v in everything) < len(everything)
    driver.find_element(By.ID, "f-reset").click()
    # a root cause's button filters to that cause's findings
    row = driver.find_element(By.CSS_SELECTOR, "#causes tbody tr")
    count = int(row.find_elements(By.TAG_NAME, "td")[2].text)
    row.find_element(By.CSS_SELECTOR, "button").click()
    assert _shown(driver) == count
    assert len({v["code"] for v in _visible(driver)}) == 1
    # the offending cell is marked in a snippet under its header row, and rule docs are in the page
    driver.find_element(By.ID, "f-reset").click()
    Select(driver.find_element(By.ID, "f-rule")).select_by_value("DL301")
    entry = next(e for e in driver.find_elements(By.CSS_SELECTOR, "#findings .v") if e.is_displayed())
    header = [th.text for th in entry.find_elements(By.CSS_SELECTOR, "table.cells th")][1:]
    assert header[:3] == ["drug_a", "drug_b", "severity"]
    hit = entry.find_element(By.CSS_SELECTOR, "td.hit").text.strip()
    assert hit and f"drug '{hit}'" in entry.find_element(By.CSS_SELECTOR, ".msg").text  # the cell the message names
    doc = driver.find_element(By.ID, "rule-DL301")
    assert "self-interaction" in doc.text and "How to fix" in doc.get_attribute("innerHTML")


@pytest.mark.slow  # a 10,000-finding lint and page: ~30 s on a quiet machine
def test_ten_thousand_findings_filter_to_one_rule(driver, tmp_path):
    rows = ["drug_a,drug_b,severity"]
    for i in range(5000):  # each row: a self-interaction (DL301) and an unknown severity (DL104)
        rows.append(f"drug{i},Drug{i},severe{i % 7}")
    (tmp_path / "big.csv").write_text("\n".join(rows) + "\n")
    out = tmp_path / "big.html"
    _report(tmp_path, "big.csv", out)
    driver.get(out.as_uri())
    assert _shown(driver) >= 10_000
    Select(driver.find_element(By.ID, "f-rule")).select_by_value("DL301")
    shown = _visible(driver)
    assert len(shown) == 5000 and {v["code"] for v in shown} == {"DL301"}
    assert _shown(driver) == 5000
    # identical findings collapse: 5000 DL104 in 7 distinct messages -> 7 entries standing for 5000
    Select(driver.find_element(By.ID, "f-rule")).select_by_value("DL104")
    shown = _visible(driver)
    assert len(shown) == 7 and sum(int(v["n"]) for v in shown) == 5000 == _shown(driver)
