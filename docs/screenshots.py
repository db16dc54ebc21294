"""Refresh docs/html-report.png: the HTML report of demo/ in headless Chromium, filtered to
one rule through the page's own controls.

    python docs/screenshots.py        # needs chromium + chromium-driver (Debian) and selenium

Run it after changing the report's look; look at the image before committing it.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402


def main() -> int:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "demo.html"
        subprocess.run([sys.executable, "-m", "druglint", "check", "--no-cache", "--format", "html", "-o", str(out), "demo"],
                       cwd=ROOT, check=False)
        driver = browser.start(1280, 900)
        if driver is None:
            print("needs chromium and chromium-driver", file=sys.stderr)
            return 2
        try:
            driver.get(out.as_uri())
            Select(driver.find_element(By.ID, "f-rule")).select_by_value("DL104")
            driver.execute_script("document.getElementById('findings').scrollIntoView();"
                                  "window.scrollBy(0, -document.getElementById('controls').offsetHeight - 8);")
            target = ROOT / "docs" / "html-report.png"
            driver.save_screenshot(str(target))
            print(f"wrote {target.relative_to(ROOT)}")
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
