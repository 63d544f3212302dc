"""The HTTP layer and the two API clients against a real server on 127.0.0.1.

The server replays the recorded API answers in tests/fixtures/api/ (copied
from ../shared/fixtures) and injects the faults real services produce.
Waits are recorded by a fake sleep instead of slept.
"""

from __future__ import annotations

import itertools
import json
import socket
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from werkzeug import Request, Response

from generator.fetch.arxiv import Arxiv, parse_feed
from generator.fetch.hf import HuggingFace, record_from_paper
from generator.fetch.http import Cache, Client, FetchError, NotFound, Policy, RateLimiter, Reply, parse_json, retry_after
from generator.fetch.ids import arxiv_from_reference
from generator.fetch.record import Invalid
from tests.conftest import FIXTURES, ROOT

API = FIXTURES / "api"
HF_PAPER = (API / "hf/papers-2602.23229.json").read_text("utf-8")
HF_DAILY = (API / "hf/daily_papers-date-2026-03-06.json").read_text("utf-8")
ARXIV_ENTRY = (API / "arxiv/query-id_list-1605.08386.xml").read_text("utf-8")
ARXIV_ERROR = (API / "arxiv/query-id_list-abc-error.xml").read_text("utf-8")
EMPTY_FEED = ARXIV_ENTRY.split("<entry>")[0].replace("<opensearch:totalResults>1", "<opensearch:totalResults>0") + "</feed>\n"


class Waits(list):
    """A fake ``sleep`` that records how long the code asked to wait."""

    def __call__(self, seconds: float) -> None:
        self.append(round(seconds, 3))


def client(tmp_path: Path | None = None, **policy) -> tuple[Client, Waits]:
    waits = Waits()
    cache = Cache(tmp_path / "cache" if tmp_path else None)
    return Client(policy=Policy(**{"attempts": 3, **policy}), cache=cache, sleep=waits), waits


def replay(*responses: Response):
    """A handler answering with each response in turn, then repeating the last."""
    queue = list(responses)

    def handler(request: Request) -> Response:
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return handler


def json_response(body: str, status: int = 200, **headers) -> Response:
    return Response(body, status=status, headers=headers, content_type="application/json")


# ---------------------------------------------------------------- replaying real answers


def test_hf_paper_fixture_becomes_a_clean_record(httpserver):
    httpserver.expect_request("/api/papers/2602.23229").respond_with_data(HF_PAPER, content_type="application/json")
    http, _ = client()
    record = HuggingFace(http, httpserver.url_for("/")).paper("2602.23229")
    assert record.arxiv == "2602.23229"
    assert record.title == "Large Multimodal Models as General In-Context Classifiers"
    assert record.authors == ("Marco Garosi", "Matteo Farina", "Alessandro Conti", "Massimiliano Mancini", "Elisa Ricci")
    assert record.published == date(2026, 2, 26)
    assert (record.upvotes, record.code, record.project) == (10, "https://github.com/marco-garosi/CIRCLE", "https://circle-lmm.github.io/")
    assert "in-context learning" in record.keywords
    assert record.source == "huggingface"


def test_requests_name_the_project_in_the_user_agent(httpserver):
    httpserver.expect_request("/api/papers/2602.23229").respond_with_data(HF_PAPER, content_type="application/json")
    http, _ = client()
    HuggingFace(http, httpserver.url_for("/")).paper("2602.23229")
    request, _ = httpserver.log[0]
    assert request.headers["User-Agent"].startswith("paper-catalogue/")


def test_daily_listing_pages_until_a_short_page(httpserver):
    daily = json.loads(HF_DAILY)
    full_page = json.dumps([daily[0]] * 50)
    httpserver.expect_request("/api/daily_papers", query_string="month=2026-03&p=0&limit=50").respond_with_data(full_page)
    httpserver.expect_request("/api/daily_papers", query_string="month=2026-03&p=1&limit=50").respond_with_data(HF_DAILY)
    http, _ = client()
    listing = HuggingFace(http, httpserver.url_for("/")).listing("month", "2026-03")
    assert len(listing.records) == 51 and listing.problems == []


def test_daily_listing_reports_unusable_items_and_keeps_the_rest(httpserver):
    daily = json.loads(HF_DAILY)
    broken = {"paper": {"id": "not-an-id", "title": "x", "summary": "y"}}
    no_title = {"paper": {"id": "2401.00001", "summary": "y"}}
    httpserver.expect_request("/api/daily_papers").respond_with_json([broken, daily[0], no_title, "junk"])
    http, _ = client()
    listing = HuggingFace(http, httpserver.url_for("/")).listing("date", "2026-03-06")
    assert [r.arxiv for r in listing.records] == ["2602.23229"]
    assert listing.problems == [
        "date 2026-03-06, item 1: field 'id' should be an arXiv id like 2404.19149, found 'not-an-id'",
        "date 2026-03-06, item 3: field 'title' should be non-empty text, found NoneType",
        "date 2026-03-06, item 4: expected a paper object, found str",
    ]


def test_weekend_listing_is_empty_not_an_error(httpserver):
    httpserver.expect_request("/api/daily_papers").respond_with_json([])
    http, _ = client()
    assert HuggingFace(http, httpserver.url_for("/")).listing("date", "2026-03-07").records == []


def test_search_returns_ids_and_titles(httpserver):
    httpserver.expect_request("/api/papers/search", query_string={"q": "in-context classifiers", "limit": "10"}).respond_with_data(HF_DAILY)
    http, _ = client()
    hits = HuggingFace(http, httpserver.url_for("/")).search("in-context classifiers")
    assert hits == [("2602.23229", "Large Multimodal Models as General In-Context Classifiers")]


def test_arxiv_fixture_becomes_a_clean_record(httpserver):
    httpserver.expect_request("/api/query", query_string="id_list=1605.08386&start=0&max_results=1").respond_with_data(ARXIV_ENTRY)
    http, _ = client()
    records = Arxiv(http, httpserver.url_for("/")).papers(["1605.08386"])
    record = records["1605.08386"]
    assert record.title == "Heat-bath random walks with Markov bases"
    assert record.authors == ("Caprice Stanley", "Tobias Windisch")
    assert record.published == date(2016, 5, 26)
    assert record.abstract.startswith("Graphs on lattice points are studied")
    assert record.source == "arxiv"


def test_arxiv_error_feed_is_reported_in_arxivs_words(httpserver):
    httpserver.expect_request("/api/query").respond_with_data(ARXIV_ERROR, status=400, content_type="application/atom+xml")
    http, waits = client()
    with pytest.raises(FetchError, match=r"/api/query\?id_list=abc.*: arXiv error: incorrect id format for abc"):
        Arxiv(http, httpserver.url_for("/")).papers(["abc"])
    assert len(httpserver.log) == 1 and waits == []  # a 400 is not retried


def test_arxiv_empty_feed_means_unknown_ids(httpserver):
    httpserver.expect_request("/api/query").respond_with_data(EMPTY_FEED, content_type="application/atom+xml")
    http, _ = client()
    assert Arxiv(http, httpserver.url_for("/")).papers(["2401.99999"]) == {}


def test_arxiv_ids_go_in_batches_of_fifty(httpserver):
    httpserver.expect_request("/api/query").respond_with_data(EMPTY_FEED)
    http, _ = client()
    ids = [f"2401.{n:05d}" for n in range(120)]
    Arxiv(http, httpserver.url_for("/")).papers(ids)
    sizes = [len(request.args["id_list"].split(",")) for request, _ in httpserver.log]
    assert sizes == [50, 50, 20]
    assert [request.args["max_results"] for request, _ in httpserver.log] == ["50", "50", "20"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<html><body>Service unavailable</body></html>", r"expected an Atom <feed>, found <html>"),
        ("not xml at all", r"expected an Atom feed, got unparsable XML"),
        ('<!DOCTYPE feed [<!ENTITY a "aaaa">]><feed xmlns="http://www.w3.org/2005/Atom">&a;</feed>', r"DOCTYPE or entities"),
    ],
)
def test_arxiv_refuses_what_is_not_an_atom_feed(body, message):
    with pytest.raises(FetchError, match=message):
        parse_feed(Reply("http://x/api/query", 200, "text/html", body))


def test_arxiv_strips_versions_and_collapses_whitespace():
    feed = ARXIV_ENTRY.replace("1605.08386v1</id>", "1605.08386v3</id>").replace(
        "<title>Heat-bath random walks with Markov bases</title>", "<title>Heat-bath\n   random walks</title>"
    )
    record = parse_feed(Reply("u", 200, "application/atom+xml", feed))["1605.08386"]
    assert record.title == "Heat-bath random walks"


# ---------------------------------------------------------------- faults


def test_429_with_retry_after_seconds_is_honoured(httpserver):
    httpserver.expect_request("/api/papers/2602.23229").respond_with_handler(
        replay(json_response('{"error": "slow down"}', 429, **{"Retry-After": "2"}), json_response(HF_PAPER))
    )
    http, waits = client()
    assert HuggingFace(http, httpserver.url_for("/")).paper("2602.23229").upvotes == 10
    assert waits == [2.0]
    assert http.stats.retried == 1 and http.stats.fetched == 1


def test_huge_retry_after_is_capped(httpserver):
    httpserver.expect_request("/x").respond_with_handler(
        replay(json_response("{}", 429, **{"Retry-After": "99999999"}), json_response("[]"))
    )
    http, waits = client(max_wait=60)
    assert http.get(httpserver.url_for("/x"), None, parse_json) == []
    assert waits == [60.0]


def test_retry_after_as_an_http_date():
    now = datetime(2026, 12, 4, 12, 0, 0, tzinfo=UTC)
    header = format_datetime(now + timedelta(seconds=7), usegmt=True)
    assert retry_after({"Retry-After": header}, now=lambda: now) == 7.0
    past = format_datetime(now - timedelta(seconds=30), usegmt=True)
    assert retry_after({"Retry-After": past}, now=lambda: now) == 0.0


def test_hugging_face_ratelimit_header_gives_the_wait(httpserver):
    headers = {"RateLimit": '"api";r=0;t=42', "RateLimit-Policy": '"fixed window";"api";q=500;w=300'}
    httpserver.expect_request("/x").respond_with_handler(replay(json_response("{}", 429, **headers), json_response("[]")))
    http, waits = client()
    http.get(httpserver.url_for("/x"), None, parse_json)
    assert waits == [42.0]


def test_500_then_200_succeeds_after_one_backoff(httpserver):
    httpserver.expect_request("/x").respond_with_handler(replay(json_response("oops", 500), json_response("[1]")))
    http, waits = client(backoff=1.5)
    assert http.get(httpserver.url_for("/x"), None, parse_json) == [1]
    assert waits == [1.5]


def test_503_forever_gives_up_after_bounded_attempts(httpserver):
    httpserver.expect_request("/x").respond_with_data("down", status=503)
    http, waits = client(attempts=4, backoff=1)
    with pytest.raises(FetchError, match=r"/x: gave up after 4 attempts; last: HTTP 503"):
        http.get(httpserver.url_for("/x"), None, parse_json)
    assert len(httpserver.log) == 4
    assert waits == [1.0, 2.0, 4.0]  # exponential, and no wait after the last attempt


def test_read_timeout_is_retried_then_reported(httpserver):
    def slow(request: Request) -> Response:
        time.sleep(0.6)
        return json_response("[]")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    http, waits = client(attempts=2, read_timeout=0.2, connect_timeout=0.2)
    with pytest.raises(FetchError, match=r"gave up after 2 attempts; last: timed out"):
        http.get(httpserver.url_for("/slow"), None, parse_json)
    assert waits == [1.0]
    deadline = time.monotonic() + 5
    while len(httpserver.log) < 2 and time.monotonic() < deadline:  # let the server finish before the next test
        time.sleep(0.05)


def test_refused_connection_is_reported_with_the_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again when the block ends: nothing listens there
    http, _ = client(attempts=2)
    with pytest.raises(FetchError, match=rf"http://127.0.0.1:{port}/x: gave up after 2 attempts; last: connection failed"):
        http.get(f"http://127.0.0.1:{port}/x", None, parse_json)


def test_invalid_json_is_an_error_and_is_not_cached(httpserver, tmp_path):
    httpserver.expect_request("/api/papers/2602.23229").respond_with_data('{"id": "2602.23229", "title": ', content_type="application/json")
    http, _ = client(tmp_path)
    hf = HuggingFace(http, httpserver.url_for("/"))
    with pytest.raises(FetchError, match=r"expected JSON, got application/json starting '\{\"id\""):
        hf.paper("2602.23229")
    with pytest.raises(FetchError):
        hf.paper("2602.23229")
    assert len(httpserver.log) == 2  # asked again: the broken answer was not kept


def test_html_error_page_with_status_200_is_an_error(httpserver):
    page = "<!DOCTYPE html><html><head><title>Be right back</title></head></html>"
    httpserver.expect_request("/api/papers/2602.23229").respond_with_data(page, content_type="text/html; charset=utf-8")
    http, _ = client()
    with pytest.raises(FetchError, match=r"/api/papers/2602.23229: expected JSON, got text/html starting '<!DOCTYPE html>"):
        HuggingFace(http, httpserver.url_for("/")).paper("2602.23229")


def test_404_is_not_found_and_is_remembered(httpserver, tmp_path):
    httpserver.expect_request("/api/papers/2401.00001").respond_with_json({"error": "Paper not found"}, status=404)
    http, waits = client(tmp_path)
    hf = HuggingFace(http, httpserver.url_for("/"))
    for _ in range(2):
        with pytest.raises(NotFound):
            hf.paper("2401.00001")
    assert len(httpserver.log) == 1 and waits == []


def test_client_errors_are_not_retried_and_quote_the_service(httpserver):
    httpserver.expect_request("/api/daily_papers").respond_with_json({"error": "Invalid date"}, status=400)
    http, waits = client()
    with pytest.raises(FetchError, match=r"HTTP 400 \(Invalid date\)"):
        HuggingFace(http, httpserver.url_for("/")).listing("date", "2026-13-01")
    assert len(httpserver.log) == 1 and waits == []


def test_hf_answer_for_another_paper_is_refused(httpserver):
    httpserver.expect_request("/api/papers/2401.00001").respond_with_data(HF_PAPER)
    http, _ = client()
    with pytest.raises(FetchError, match=r"answered with paper 2602\.23229, not 2401\.00001"):
        HuggingFace(http, httpserver.url_for("/")).paper("2401.00001")


# ---------------------------------------------------------------- untrusted fields


def test_markup_and_bad_urls_in_fields_stay_text_or_are_dropped():
    paper = json.loads(HF_PAPER)
    paper.update(
        id="2602.23229v2",
        title="<script>alert(1)</script>\u202e Title",
        summary="<img src=x onerror=alert(2)>\n\n  Abstract",
        githubRepo="javascript:alert(3)",
        projectPage="https://ok.example/ x",
        upvotes=True,
        authors=[{"name": "<b>Ann</b>"}, {"name": 7}, {"name": "<b>Ann</b>"}, "Bob"],
        ai_keywords=["ok", 5, None],
    )
    record = record_from_paper(paper)
    assert record.arxiv == "2602.23229"  # version suffix dropped
    assert record.title == "<script>alert(1)</script> Title"  # kept as text, invisible characters removed
    assert record.abstract == "<img src=x onerror=alert(2)> Abstract"
    assert (record.code, record.project, record.upvotes) == (None, None, None)
    assert record.authors == ("<b>Ann</b>", "Bob")
    assert record.keywords == ("ok",)


@pytest.mark.parametrize("value", [None, "", "  ", 12, ["a"]])
def test_missing_or_mistyped_title_is_invalid(value):
    with pytest.raises(Invalid, match="field 'title' should be non-empty text"):
        record_from_paper({"id": "2401.00001", "title": value, "summary": "x"})


# ---------------------------------------------------------------- cache and limiter


def test_cache_answers_repeat_requests_and_offline_runs(httpserver, tmp_path):
    httpserver.expect_request("/api/papers/2602.23229").respond_with_data(HF_PAPER)
    http, _ = client(tmp_path)
    HuggingFace(http, httpserver.url_for("/")).paper("2602.23229")
    again = Client(cache=Cache(tmp_path / "cache"), offline=True)
    assert HuggingFace(again, httpserver.url_for("/")).paper("2602.23229").upvotes == 10
    assert len(httpserver.log) == 1 and again.stats.cached == 1
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 1 and json.loads(entries[0].read_text("utf-8"))["status"] == 200  # plain JSON, not pickle


def test_offline_without_a_cached_answer_fails_clearly(tmp_path):
    http = Client(cache=Cache(tmp_path), offline=True)
    with pytest.raises(FetchError, match="not in the cache and --offline was given"):
        http.get("http://127.0.0.1:9/x", None, parse_json)


def test_stale_and_damaged_cache_entries_are_refetched(httpserver, tmp_path):
    httpserver.expect_request("/x").respond_with_json([1])
    clock = [1000.0]
    cache = Cache(tmp_path, max_age=60, clock=lambda: clock[0])
    http = Client(cache=cache)
    url = httpserver.url_for("/x")
    http.get(url, None, parse_json)
    clock[0] += 30
    http.get(url, None, parse_json)
    assert len(httpserver.log) == 1
    clock[0] += 61
    http.get(url, None, parse_json)
    assert len(httpserver.log) == 2
    for entry in tmp_path.rglob("*.json"):
        entry.write_text("{broken", "utf-8")
    assert http.get(url, None, parse_json) == [1]
    assert len(httpserver.log) == 3


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


def test_rate_limiter_keeps_three_seconds_between_calls():
    clock = FakeClock()
    limiter = RateLimiter(3.0, clock=clock, sleep=clock.sleep)
    limiter.wait()  # first call: no wait
    clock.now += 1.0
    limiter.wait()  # 1 s later: wait the other 2 s
    clock.now += 5.0
    limiter.wait()  # 5 s later: no wait
    limiter.wait()  # at once: a full 3 s
    assert clock.slept == [2.0, 3.0]


def test_arxiv_requests_and_retries_are_spaced_by_the_limiter(httpserver):
    clock = FakeClock()
    seen: list[float] = []

    def handler(request: Request) -> Response:
        seen.append(clock.now)
        return Response("busy", status=503) if len(seen) == 2 else Response(EMPTY_FEED)

    httpserver.expect_request("/api/query").respond_with_handler(handler)
    http = Client(policy=Policy(attempts=3, backoff=0), limiter=RateLimiter(3.0, clock=clock, sleep=clock.sleep), sleep=clock.sleep)
    Arxiv(http, httpserver.url_for("/")).papers([f"2401.{n:05d}" for n in range(60)])  # two batches, one retried
    assert len(seen) == 3
    assert all(b - a >= 3.0 for a, b in itertools.pairwise(seen))


# ---------------------------------------------------------------- references and isolation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2404.19149", "2404.19149"),
        ("2404.19149v2", "2404.19149"),
        ("arXiv:2404.19149", "2404.19149"),
        ("https://arxiv.org/abs/2404.19149v1", "2404.19149"),
        ("https://arxiv.org/pdf/2404.19149v1.pdf", "2404.19149"),
        ("https://huggingface.co/papers/2404.19149", "2404.19149"),
        ("http://www.arxiv.org/abs/hep-th/9901001", "hep-th/9901001"),
        ("https://arxiv.org.evil.example/abs/2404.19149", None),
        ("https://arxiv.org/abs/2404.19149/../x", None),
        ("javascript:alert(1)", None),
        ("2404", None),
    ],
)
def test_references_name_an_arxiv_id(text, expected):
    assert arxiv_from_reference(text) == expected


def test_building_never_loads_the_network_code():
    code = "import sys, generator.build; sys.exit('requests' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
