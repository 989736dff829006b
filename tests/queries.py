"""Counting what a page asks the database, for the tests that cap it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def warm_count(client, url, assert_max_queries, most):
    """The queries of a third request to `url`, failing above `most`: the first two fill the caches that live
    across requests (the very first also makes the site's settings row, which starts a new frame version).
    Counted at once: the next request empties the log the count reads."""
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    with assert_max_queries(most) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def page_and_queries(client, url):
    """The page at `url` (which must answer 200) and the SQL of each query it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries]
