import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

# The result cache is off in the test suite (here and in every druglint process a test
# starts): a test that patches a module in-process must never get another test's findings.
# tests/test_result_cache.py and the cache tests of the plugin and workbooks turn it on.
os.environ["DRUGLINT_NO_CACHE"] = "1"


@pytest.fixture(scope="module")
def dask_client():
    """A real Dask cluster: two worker processes on loopback, so that states are pickled,
    sent and merged between processes (tests/test_perf_engines.py, tests/test_project_shapes.py)."""
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, protocol="tcp",
                                       host="127.0.0.1", dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()
