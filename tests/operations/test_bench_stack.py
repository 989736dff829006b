"""bench/stack.py's own parts that decide what its figures mean: wrk's report read right, no bakerydemo by default."""

from bench import stack

WRK_REPORT = """\
Running 3s test @ http://127.0.0.1:8120/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   251.97ms   40.12ms 480.33ms   75.00%
    Req/Sec    31.71     11.52    60.00     66.67%
  Latency Distribution
     50%  245.10ms
     75%  270.02ms
     90%  301.50ms
     99%    1.02s
  190 requests in 3.01s, 6.12MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:     63.12
Transfer/sec:      2.03MB
"""


def test_wrk_report_gives_rate_latencies_and_every_kind_of_error():
    measure = stack.parse_wrk(WRK_REPORT)

    assert measure.rps == 63.12
    assert (measure.p50, measure.p99) == ("245.10ms", "1.02s")
    assert measure.errors == 7  # 4 answers not 2xx/3xx, 2 read errors, 1 timeout


def test_bakerydemo_has_no_default_checkout(monkeypatch):
    monkeypatch.delenv("BAKERYDEMO_DIR", raising=False)
    assert stack.arguments([]).bakerydemo is None

    monkeypatch.setenv("BAKERYDEMO_DIR", "/somewhere/bakerydemo")
    assert stack.arguments([]).bakerydemo == "/somewhere/bakerydemo"


def test_every_signed_in_row_is_measured_uncached_and_paired():
    for row in stack.ROWS:
        assert row.bakery_path.startswith("/")
        if row.login:
            assert not row.cached, row.label
    assert len({row.label for row in stack.ROWS}) == len(stack.ROWS)


def test_a_bakerydemo_page_with_no_answer_in_time_has_no_ratio_instead_of_stopping_the_report(capsys):
    """On a loaded machine bakerydemo may answer nothing within a 3 s measure: the run's figures still print."""
    import argparse

    options = argparse.Namespace(connections=16, seconds=3, memory_requests=0)
    row = stack.ROWS[7]
    results = [(row, row.path, 14, stack.Measure(4.0, 0, "1.2s", "2.0s"), None, stack.Measure(0.0, 3, "0us", "0us"))]
    stack.report(options, "/static/site.css", stack.Measure(9000.0, 0, "1ms", "9ms"), results, None)

    printed = capsys.readouterr().out
    assert f"{row.label}" in printed
    assert "uncached vs bakerydemo: not measured" in printed
