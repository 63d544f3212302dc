"""arXiv API: Atom feeds for batches of ids, one request every three seconds."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from generator.fetch.http import Client, FetchError, Reply
from generator.fetch.record import Invalid, Record, date_field, names, text_field
from generator.schema import check_arxiv

DEFAULT_ENDPOINT = "https://export.arxiv.org"
INTERVAL = 3.0  # seconds between requests, per arXiv's terms of use
BATCH = 50
NS = {"atom": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom", "os": "http://a9.com/-/spec/opensearch/1.1/"}
_ABS_ID = re.compile(r"arxiv\.org/abs/(.+?)(v\d+)?$")


def _text(entry: ET.Element, path: str) -> str:
    node = entry.find(path, NS)
    return node.text or "" if node is not None else ""


def parse_feed(reply: Reply) -> dict[str, Record]:
    """Records by bare arXiv id; the error feed (HTTP 400) becomes a FetchError with arXiv's words."""
    if re.search(r"<!(DOCTYPE|ENTITY)", reply.text[:2000], re.IGNORECASE):
        raise FetchError(reply.url, "feed declares a DOCTYPE or entities; refusing to parse it")
    try:
        root = ET.fromstring(reply.text)
    except ET.ParseError as exc:
        start = " ".join(reply.text[:60].split())
        raise FetchError(reply.url, f"expected an Atom feed, got unparsable XML ({exc}) starting {start!r}") from None
    if root.tag != f"{{{NS['atom']}}}feed":
        raise FetchError(reply.url, f"expected an Atom <feed>, found <{root.tag}>")
    records: dict[str, Record] = {}
    for entry in root.findall("atom:entry", NS):
        entry_id = _text(entry, "atom:id").strip()
        if "/api/errors" in entry_id or _text(entry, "atom:title").strip() == "Error":
            raise FetchError(reply.url, f"arXiv error: {' '.join(_text(entry, 'atom:summary').split())}")
        match = _ABS_ID.search(entry_id)
        if not match or check_arxiv(match.group(1)):
            raise FetchError(reply.url, f"entry id {entry_id!r} is not an arXiv abstract URL")
        fields = {"title": _text(entry, "atom:title"), "summary": _text(entry, "atom:summary")}
        try:
            record = Record(
                arxiv=match.group(1),
                title=text_field(fields, "title", max_len=500) or "",
                abstract=text_field(fields, "summary") or "",
                authors=names([a.text for a in entry.findall("atom:author/atom:name", NS)]),
                published=date_field(_text(entry, "atom:published")),
                source="arxiv",
            )
        except Invalid as exc:
            raise FetchError(reply.url, f"entry {match.group(1)}: {exc}") from None
        records[record.arxiv] = record
    if reply.status != 200:
        raise FetchError(reply.url, f"HTTP {reply.status} with a feed that holds no error entry")
    return records


class Arxiv:
    def __init__(self, client: Client, endpoint: str = DEFAULT_ENDPOINT):
        self.client, self.endpoint = client, endpoint.rstrip("/")

    def papers(self, ids: list[str]) -> dict[str, Record]:
        """Every id arXiv knows, in batches; ids it does not know are simply absent."""
        found: dict[str, Record] = {}
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            params = {"id_list": ",".join(batch), "start": 0, "max_results": len(batch)}
            found.update(self.client.get(f"{self.endpoint}/api/query", params, parse_feed, accept=(200, 400)))
        return found
