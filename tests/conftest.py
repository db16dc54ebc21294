import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

# The result cache is off in the test suite (here and in every druglint process a test
# starts): a test that patches a module in-process must never get another test's findings.
# tests/test_result_cache.py and the cache tests of the plugin and workbooks turn it on.
os.environ["DRUGLINT_NO_CACHE"] = "1"
