"""A real headless Chromium (Debian's chromium + chromium-driver) driven by selenium, for
the HTML report's tests and docs/screenshots.py. ``start()`` returns None when either is
missing (the tests then skip; .ci/run installs both)."""
from __future__ import annotations

import shutil


def chromium_paths() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def start(width: int = 1400, height: int = 1000):
    paths = chromium_paths()
    if paths is None:
        return None
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = paths[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                f"--window-size={width},{height}", "--force-device-scale-factor=1"):
        opts.add_argument(arg)
    # the driver named explicitly: selenium never looks for (or downloads) one of its own
    return webdriver.Chrome(service=Service(executable_path=paths[1]), options=opts)
