"""How fast yamlio refuses hostile YAML (docs/reliability.md): .venv/bin/python tests/measure_yaml_safety.py"""
import time
from druglint import yamlio
import sys
sys.path.insert(0, __import__("os").path.dirname(__file__))
from test_robust_yaml import billion_laughs
for name, text in [("billion laughs (9x9, 81 aliases)", billion_laughs()),
                   ("flow nesting 50,000 deep", "x: " + "[" * 50000 + "]" * 50000 + "\n"),
                   ("python tag", "- drug: !!python/object/apply:os.system ['true']\n")]:
    t = time.perf_counter()
    try:
        yamlio.load(text)
        r = "loaded"
    except yamlio.YamlError as e:
        r = e.message
    print(f"{name}: {(time.perf_counter()-t)*1000:.0f} ms -> {r[:60]}")
