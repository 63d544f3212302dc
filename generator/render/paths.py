"""Where each generated page lives under docs/, and its URL on the site."""

PAPERS = "papers"
TOPICS = "topics"
API = "api"
SNIPPETS = "_snippets"
FEEDS = "feeds"
BIB = "bib"
ARCHIVE = "archive"


def paper_doc(slug: str) -> str:
    return f"{PAPERS}/{slug}.md"


def paper_url(slug: str) -> str:
    return f"{PAPERS}/{slug}/"


def topic_doc(slug: str) -> str:
    return f"{TOPICS}/{slug}.md"


def topic_url(slug: str) -> str:
    return f"{TOPICS}/{slug}/"
