"""The FastAPI application: server-rendered pages and the JSON API under /api.

Pages and API call the same query layer (``tribune.analyze``); no SQL here.
The knowledge base is opened read-only; one lock serialises access to the
DuckDB connection (a connection is not safe to share between threads).

Security (see docs/web.md): Jinja2 autoescaping everywhere and highlighting
that escapes before it marks; a strict Content-Security-Policy (no inline
scripts, no other origins); documents addressed only by validated ids, never by
path; an optional bearer token (required by ``tribune serve`` for a
non-loopback host); Host-header checking against DNS rebinding.
"""

from __future__ import annotations

import contextlib
import io
import re
import secrets
import threading
from importlib import resources
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from tribune.analyze.sources import source_labels
from tribune.analyze import base as analyze_base
from tribune.analyze.brief import build_brief, render_html, render_markdown
from tribune.analyze.delegations import delegations as delegation_view
from tribune.analyze.delegations import hosts as delegation_hosts
from tribune.analyze.documents import document_list, document_view
from tribune.analyze.network import co_appearance_network, network_layout
from tribune.analyze.overview import filter_choices, overview, timeline_items, undated_items
from tribune.analyze.profiles import actor_profile, find_actors, resolve_actor
from tribune.analyze.search import SearchIndex, parse_query, term_spans
from tribune.analyze.weapons import weapons_catalogue
from tribune.store.db import KnowledgeBaseBusy
from tribune.web.charts import delegation_chart
from tribune.web.highlight import Span, annotate

WEB_DIR = Path(str(resources.files("tribune.web")))
DOC_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
EVENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CODE = re.compile(r"^[A-Za-z]{2,3}$")
TOKEN_COOKIE = "tribune_token"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

EXPORTS = {
    "events.jsonl": ("events", "jsonl"),
    "events.csv": ("events", "csv"),
    "events.parquet": ("events", "parquet"),
    "participants.csv": ("participants", "csv"),
    "participants.parquet": ("participants", "parquet"),
    "mentions.csv": ("mentions", "csv"),
    "mentions.parquet": ("mentions", "parquet"),
    "docs.jsonl": ("docs", "jsonl"),
    "docs.csv": ("docs", "csv"),
    "docs.parquet": ("docs", "parquet"),
    "conflicts.jsonl": ("conflicts", "jsonl"),
    "conflicts.csv": ("conflicts", "csv"),
    "network.gexf": ("network", "gexf"),
    "plover.json": ("plover", "json"),
}
MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv", "parquet": "application/vnd.apache.parquet", "gexf": "application/xml", "json": "application/json"}


class KnowledgeBaseAccess:
    """The knowledge base, opened for one read at a time: every read runs ``fn(tb, ...)``.

    The file is held only while ``fn`` runs, so an ingest in another process can
    write between two page views; a read that meets a batch being written waits
    for it (DuckDB lets nobody open a file while it is written), so a page never
    shows half a batch.
    """

    def __init__(self, db: str, *, lock_timeout: float = 30.0) -> None:
        from tribune.api import Tribune

        self.db = db
        self.tb = Tribune(db, read_only=True, lock_timeout=lock_timeout)
        self.tb.store.release()
        self.lock = threading.RLock()
        self.search = SearchIndex()

    def __call__(self, fn: Callable, *args, **kwargs):
        with self.lock, self.tb.store.held():
            return fn(self.tb, *args, **kwargs)

    def close(self) -> None:
        with self.lock:
            self.tb.close()


def is_loopback(host: str) -> bool:
    import ipaddress

    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve on a non-loopback address without a token (raises ValueError)."""
    if not is_loopback(host) and not token:
        raise ValueError(f"refusing to listen on {host} without --token: the knowledge base would be open to the network; pass --token SECRET (clients then send 'Authorization: Bearer SECRET' or ?token=SECRET)")
    if token is not None and len(token) < 8:
        raise ValueError("--token must be at least 8 characters")


# -- helpers used by the templates -------------------------------------------------------------


def _url_id(value: str) -> str:
    return quote(str(value), safe=":")


def _safe_url(value: str | None) -> str | None:
    """Only http(s) links leave the page; javascript:, data: and the rest are dropped."""
    if value and re.match(r"^https?://", value.strip(), re.IGNORECASE):
        return value.strip()
    return None


def _check_date(value: str | None, name: str) -> str | None:
    """A YYYY[-MM[-DD]] date that exists (2025-13-01 does not), else 422 with the reason."""
    from tribune.filters import BadFilter, check_date

    try:
        return check_date(value, name)
    except BadFilter as exc:
        raise HTTPException(422, str(exc)) from None


def _check_code(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    if not CODE.match(value):
        raise HTTPException(422, f"{name} must be an ISO 3166 alpha-3 code")
    return value.upper()


def _check_id(value: str, pattern: re.Pattern, what: str) -> str:
    if not pattern.match(value or ""):
        raise HTTPException(404, f"no such {what}")
    return value


def _event_filters(type_, actor, country, status, since, until) -> dict:
    """The event filters read as the CLI reads them (``tribune.filters``: any case, country names
    and ISO alpha-2/alpha-3 codes); an unknown value answers 422 with the line the CLI prints."""
    from tribune.filters import BadFilter, normalize_filters

    if actor is not None and len(actor) > 200:
        raise HTTPException(422, "actor too long")
    for name, value in (("type", type_), ("country", country), ("status", status)):
        if value is not None and len(value) > 100:
            raise HTTPException(422, f"{name} too long")
    try:
        filters = normalize_filters({"type": type_ or None, "country": country or None, "status": status or None, "since": since or None, "until": until or None})
    except BadFilter as exc:
        raise HTTPException(422, str(exc).removeprefix("--")) from None
    return {**filters, "actor": actor or None}


def _evidence_sources(tb, event: dict) -> list[dict]:
    """Each document's own account of an event: its mentions, and its text with the evidence marked."""
    by_doc: dict[str, list[dict]] = {}
    for m in event["mentions"]:
        by_doc.setdefault(m["doc_id"], []).append(m)
    docs = analyze_base.documents_by_id(tb, list(by_doc), text=True)
    sources = []
    for doc_id, mentions in by_doc.items():
        doc = docs.get(doc_id, {})
        spans = [
            Span(m["start"], m["end"], "mark", {"class": f"evidence status-{m['status']}", "data-status": m["status"]}, once={"id": f"ev-{doc_id}-{i}"})
            for i, m in enumerate(mentions)
        ]
        sources.append(
            {
                "doc_id": doc_id,
                "path": doc.get("path"),
                "title": doc.get("title"),
                "outlet": doc.get("outlet"),
                "published": doc.get("published"),
                "duplicate_of": doc.get("duplicate_of"),
                "mentions": mentions,
                "html": annotate(doc.get("text", ""), spans),
            }
        )
    return sources


def _reader_html(view: dict, start: int | None, end: int | None, terms: list[str], phrases: list[str] = ()) -> Markup:
    spans: list[Span] = []
    if start is not None and end is not None and 0 <= start < end:
        spans.append(Span(start, end, "mark", {"class": "evidence selected"}, layer=0, once={"id": "evidence"}))
    for m in view["mentions"]:
        title = f"{m['type']} ({m['status']}{', ' + m['date'] if m['date'] else ''})"
        spans.append(Span(m["start_char"], m["end_char"], "span", {"class": f"ev status-{m['status']}", "title": title, "data-event": m["event_id"] or ""}, layer=1))
    for e in view["entities"]:
        spans.append(
            Span(e["start_char"], e["end_char"], "a", {"class": f"ent kind-{e['kind'] or 'unknown'}", "href": f"/actors/{_url_id(e['actor_id'])}", "title": e["name"] or e["actor_id"]}, layer=2)
        )
    for t in view["timexes"]:
        spans.append(Span(t["start_char"], t["end_char"], "span", {"class": "timex", "title": t["value"]}, layer=3))
    for a, b in term_spans(view["text"], terms, phrases):
        spans.append(Span(a, b, "mark", {"class": "hit"}, layer=4))
    return annotate(view["text"], spans)


# -- the application ------------------------------------------------------------------------------


def create_app(db: str, *, token: str | None = None, allowed_hosts: list[str] | None = None) -> FastAPI:
    kb = KnowledgeBaseAccess(db)

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        yield
        kb.close()

    app = FastAPI(
        lifespan=lifespan,
        title="tribune",
        description="A sourced, time-aware knowledge base of geopolitical events: the JSON API behind the web UI. "
        "Every endpoint serves what the page of the same name shows.",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.kb = kb
    env = Environment(loader=FileSystemLoader(str(WEB_DIR / "templates")), autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    env.filters["url_id"] = _url_id
    env.filters["safe_url"] = _safe_url
    env.globals["statuses"] = analyze_base.STATUSES
    templates = Jinja2Templates(env=env)
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    hosts_ok = set(allowed_hosts) if allowed_hosts is not None else None

    @app.middleware("http")
    async def security(request: Request, call_next):
        if hosts_ok is not None:
            if _host_name(request.headers.get("host") or "") not in hosts_ok:
                return _secure(PlainTextResponse("unknown host", status_code=421))
        set_cookie = False
        if token is not None:
            supplied = None
            auth = request.headers.get("authorization", "")
            if auth.lower().startswith("bearer "):
                supplied = auth[7:].strip()
            elif request.query_params.get("token"):
                supplied = request.query_params.get("token")
                set_cookie = True
            else:
                supplied = request.cookies.get(TOKEN_COOKIE)
            if not supplied or not secrets.compare_digest(supplied.encode(), token.encode()):
                return _secure(JSONResponse({"detail": "a token is required: Authorization: Bearer TOKEN, or ?token=TOKEN"}, status_code=401, headers={"WWW-Authenticate": "Bearer"}))
        response = await call_next(request)
        if set_cookie:
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
        return _secure(response)

    @app.exception_handler(KnowledgeBaseBusy)
    async def busy(request: Request, exc: KnowledgeBaseBusy):
        # an ingest held the file for longer than a reader waits: say so, and when to retry
        detail = "the knowledge base is busy being written; try again in a few seconds"
        headers = {"Retry-After": "5"}
        if request.url.path.startswith("/api/") or request.url.path == "/api":
            return JSONResponse({"detail": detail}, status_code=503, headers=headers)
        return templates.TemplateResponse(request, "error.html", {"status": 503, "detail": detail, "page": None}, status_code=503, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/") or request.url.path == "/api":
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "detail": exc.detail, "page": None}, status_code=exc.status_code)

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    # -- overview ------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page(request: Request):
        return page(request, "overview.html", page="overview", data=kb(overview), db=Path(db).name)

    @app.get("/api/overview", tags=["overview"])
    def api_overview() -> dict:
        """Counts, latest events, open conflicts and documents that failed to ingest."""
        return kb(overview)

    @app.get("/api/problems", tags=["overview"])
    def api_problems() -> list[dict]:
        """Files that could not be read, one per path and line, with the reason."""
        return kb(lambda tb: [{**p, "seen_at": str(p["seen_at"])} for p in tb.problems()])

    # -- events and timeline ----------------------------------------------------------------

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, type: str | None = None, actor: str | None = None, country: str | None = None, status: str | None = None, since: str | None = None, until: str | None = None):
        filters = _event_filters(type, actor, country, status, since, until)
        items = kb(timeline_items, **filters)
        undated = kb(undated_items, **filters)
        return page(request, "timeline.html", page="timeline", items=items, undated=undated, filters=filters, choices=kb(filter_choices))

    @app.get("/api/timeline", tags=["events"])
    def api_timeline(type: str | None = None, actor: str | None = None, country: str | None = None, status: str | None = None, since: str | None = None, until: str | None = None) -> list[dict]:
        """Dated events in date order with one line of who, where, status and how many sources.

        ``precision`` is day, month or year; ``start`` and ``end`` the days the date covers."""
        return kb(timeline_items, **_event_filters(type, actor, country, status, since, until))

    @app.get("/api/timeline/undated", tags=["events"])
    def api_timeline_undated(type: str | None = None, actor: str | None = None, country: str | None = None, status: str | None = None) -> list[dict]:
        """Events no source dates (the list beside the timeline), by type."""
        return kb(undated_items, **_event_filters(type, actor, country, status, None, None))

    @app.get("/api/events", tags=["events"])
    def api_events(
        type: str | None = Query(None, description="event type, e.g. parade"),
        actor: str | None = Query(None, description="participant name or actor id"),
        country: str | None = Query(None, description="ISO alpha-3 of a participant or the place"),
        status: str | None = Query(None, description="happened, planned, speculated or denied"),
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict]:
        """Events in the export shape (../shared/contract/export-format.md), each with every source's account."""
        return kb(lambda tb: tb.events(**_event_filters(type, actor, country, status, since, until)))

    @app.get("/api/events/{event_id}", tags=["events"])
    def api_event(event_id: str) -> dict:
        """One event: merged attributes, mentions (each source's own account), conflicts, merge reasons."""
        _check_id(event_id, EVENT_ID, "event")
        event = kb(analyze_base.event_by_id, event_id)
        if event is None:
            raise HTTPException(404, "no such event")
        return event

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str):
        _check_id(event_id, EVENT_ID, "event")
        event = kb(analyze_base.event_by_id, event_id)
        if event is None:
            raise HTTPException(404, "no such event")
        sources = kb(_evidence_sources, event)
        return page(request, "event.html", page="timeline", event=event, sources=sources)

    @app.get("/conflicts", response_class=HTMLResponse, include_in_schema=False)
    def conflicts_page(request: Request):
        return page(request, "conflicts.html", page="conflicts", conflicts=kb(lambda tb: tb.conflicts()), labels=kb(source_labels))

    @app.get("/api/conflicts", tags=["events"])
    def api_conflicts() -> list[dict]:
        """Where sources disagree (between documents about an event, and inside one document), both sides kept."""
        return kb(lambda tb: tb.conflicts())

    # -- actors ----------------------------------------------------------------------------

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, q: str | None = Query(None, max_length=200)):
        return page(request, "actors.html", page="actors", actors=kb(find_actors, q), q=q or "")

    @app.get("/api/actors", tags=["actors"])
    def api_actors(q: str | None = Query(None, max_length=200, description="part of a name")) -> list[dict]:
        """Actors with the number of events each appears in."""
        return kb(find_actors, q)

    @app.get("/api/actors/{actor_id}", tags=["actors"])
    def api_actor(actor_id: str) -> dict:
        """Aliases, offices over time (from the knowledge base), events and co-appearances of an actor (id or name)."""
        profile = kb(_profile_for, actor_id)
        if profile is None:
            raise HTTPException(404, "no such actor")
        return profile

    @app.get("/actors/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, actor_id: str):
        profile = kb(_profile_for, actor_id)
        if profile is None:
            raise HTTPException(404, "no such actor")
        return page(request, "actor.html", page="actors", actor=profile)

    # -- delegations ----------------------------------------------------------------------

    @app.get("/delegations", response_class=HTMLResponse, include_in_schema=False)
    def delegations_page(request: Request, host: str | None = None, type: str | None = None):
        host_list = kb(delegation_hosts)
        host = _check_code(host, "host") or (host_list[0]["country"] if host_list else None)
        if type and not re.match(r"^[a-z_]{1,40}$", type):
            raise HTTPException(422, "unknown event type")
        view = kb(delegation_view, host, types=[type] if type else None) if host else None
        chart = delegation_chart(view) if view else None
        return page(request, "delegations.html", page="delegations", hosts=host_list, host=host, view=view, chart=chart, type=type or "", types=kb(filter_choices)["types"])

    @app.get("/api/delegations", tags=["delegations"])
    def api_delegations(host: str = Query(..., description="ISO alpha-3 of the host country"), type: str | None = Query(None, description="only events of this type")) -> dict:
        """Rank of each guest country's delegation head over time at the host's events, with upgrades and downgrades."""
        host = _check_code(host, "host")
        if type and not re.match(r"^[a-z_]{1,40}$", type):
            raise HTTPException(422, "unknown event type")
        return kb(delegation_view, host, types=[type] if type else None)

    @app.get("/api/delegations/hosts", tags=["delegations"])
    def api_hosts() -> list[dict]:
        """Countries that hosted events with foreign guests."""
        return kb(delegation_hosts)

    # -- network ---------------------------------------------------------------------------

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, since: str | None = None, until: str | None = None, min_weight: int = Query(1, ge=1, le=100)):
        since, until = _check_date(since, "since"), _check_date(until, "until")
        net = kb(co_appearance_network, since=since, until=until, min_weight=min_weight)
        layout = kb(network_layout, net)
        return page(request, "network.html", page="network", net=net, layout=layout, since=since or "", until=until or "", min_weight=min_weight)

    @app.get("/api/network", tags=["network"])
    def api_network(since: str | None = None, until: str | None = None, min_weight: int = Query(1, ge=1, le=100)) -> dict:
        """Who attended events with whom: actors as nodes, links weighted by the events both attended
        (gatherings that happened and no source denies), each link with those events, for a period."""
        return kb(co_appearance_network, since=_check_date(since, "since"), until=_check_date(until, "until"), min_weight=min_weight)

    # -- weapons ---------------------------------------------------------------------------

    @app.get("/weapons", response_class=HTMLResponse, include_in_schema=False)
    def weapons_page(request: Request):
        return page(request, "weapons.html", page="weapons", weapons=kb(weapons_catalogue))

    @app.get("/api/weapons", tags=["weapons"])
    def api_weapons(since: str | None = None, until: str | None = None) -> list[dict]:
        """Weapons catalogue: name, class, first shown (date, where, event) and every event."""
        return kb(weapons_catalogue, since=_check_date(since, "since"), until=_check_date(until, "until"))

    # -- documents -------------------------------------------------------------------------

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request):
        return page(request, "documents.html", page="documents", documents=kb(document_list), problems=kb(lambda tb: tb.problems()))

    @app.get("/api/documents", tags=["documents"])
    def api_documents() -> list[dict]:
        """Every document (no text): id, path, outlet, title, published date and where it came from."""
        return kb(document_list)

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def api_document(doc_id: str) -> dict:
        """One document by id: clean text, entity mentions, event mentions, dates, in-document conflicts."""
        _check_id(doc_id, DOC_ID, "document")
        view = kb(document_view, doc_id)
        if view is None:
            raise HTTPException(404, "no such document")
        return view

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str, s: int | None = Query(None, ge=0), e: int | None = Query(None, ge=0), q: str | None = Query(None, max_length=200)):
        _check_id(doc_id, DOC_ID, "document")
        view = kb(document_view, doc_id)
        if view is None:
            raise HTTPException(404, "no such document")
        parsed = parse_query(q)
        return page(request, "document.html", page="documents", doc=view, html=_reader_html(view, s, e, parsed.terms[:10], parsed.highlight_phrases[:5]), q=q or "")

    # -- search ----------------------------------------------------------------------------

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str | None = Query(None, max_length=500)):
        results = kb(kb.search.search_all, q) if q else {"actors": [], "events": [], "documents": [], "phrases": [], "words": []}
        for r in results["documents"]:
            r["html"] = annotate(r["snippet"], [Span(a, b, "mark", {"class": "hit"}) for a, b in term_spans(r["snippet"], r["terms"], r["phrases"])])
        return page(request, "search.html", page="search", q=q or "", results=results)

    @app.get("/api/search", tags=["search"])
    def api_search(q: str = Query(..., max_length=500, description='words to find; "quoted words" as a phrase'), limit: int = Query(50, ge=1, le=500)) -> dict:
        """Actors, events and documents for a query. Every word must occur; a "quoted phrase" as written; several
        unquoted words as a phrase where any document has it. Documents ranked by BM25 (DuckDB FTS) with a snippet;
        actors by name or a name an article uses; events by a matching participant or evidence sentence."""
        return kb(lambda tb: kb.search.search_all(tb, q, limit=limit))

    # -- brief and downloads ---------------------------------------------------------------

    @app.get("/brief", response_class=HTMLResponse, include_in_schema=False)
    def brief_page(request: Request, since: str | None = None, actor: str | None = Query(None, max_length=200)):
        data = kb(build_brief, since=_check_date(since, "since"), actor=actor or None)
        return page(request, "brief.html", page="brief", brief=data, since=since or "", actor=actor or "")

    @app.get("/api/brief", tags=["brief"])
    def api_brief(since: str | None = None, actor: str | None = Query(None, max_length=200), format: str = Query("json", pattern="^(json|md|html)$")):
        """What changed since a date: new events, delegation changes, first-shown weapons, contradictions; all cited."""
        data = kb(build_brief, since=_check_date(since, "since"), actor=actor or None)
        if format == "md":
            return PlainTextResponse(render_markdown(data), media_type="text/markdown; charset=utf-8")
        if format == "html":
            return HTMLResponse(render_html(data))
        return data

    @app.get("/downloads", response_class=HTMLResponse, include_in_schema=False)
    def downloads_page(request: Request):
        return page(request, "downloads.html", page="downloads", exports=list(EXPORTS))

    @app.get("/api/export/{name}", tags=["downloads"])
    def api_export(name: str, since: str | None = None, until: str | None = None):
        """Downloads: events/docs/conflicts as jsonl/csv/parquet (the export contract; events.csv, participants and mentions are the flat tables for spreadsheets), network.gexf (Gephi), plover.json."""
        if name not in EXPORTS:
            raise HTTPException(404, f"unknown export; one of: {', '.join(EXPORTS)}")
        what, fmt = EXPORTS[name]
        body = kb(_export, what, fmt, _check_date(since, "since"), _check_date(until, "until"))
        return Response(body, media_type=MEDIA[fmt], headers={"Content-Disposition": f'attachment; filename="tribune-{name}"'})

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request):
        return page(request, "api.html", page="api", schema=app.openapi())

    @app.get("/api", include_in_schema=False)
    def api_root():
        return RedirectResponse("/api/docs")

    return app


def _host_name(header: str) -> str:
    """The host part of a Host header: '127.0.0.1:8000' -> '127.0.0.1', '[::1]:80' -> '[::1]'."""
    if header.startswith("["):
        return header.split("]")[0] + "]"
    return header.rsplit(":", 1)[0] if ":" in header else header


def _secure(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _profile_for(tb, actor_id: str) -> dict | None:
    if len(actor_id) > 200:
        return None
    profile = actor_profile(tb, actor_id)
    if profile is None:
        resolved = resolve_actor(tb, actor_id)
        profile = actor_profile(tb, resolved) if resolved else None
    return profile


def _export(tb, what: str, fmt: str, since: str | None, until: str | None) -> bytes:
    from tribune.store.export import write_csv, write_jsonl, write_parquet

    if what == "network":
        from tribune.exporters.gexf import gexf_bytes

        return gexf_bytes(co_appearance_network(tb, since=since, until=until))
    if what == "plover":
        from tribune.exporters.plover import write_plover

        buffer = io.StringIO()
        write_plover(tb.events(since=since, until=until), buffer)
        return buffer.getvalue().encode("utf-8")
    from tribune.store.export import export_table

    records = export_table(tb, what, fmt, since=since, until=until)
    if fmt == "parquet":
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "out.parquet"
            write_parquet(records, str(path))
            return path.read_bytes()
    buffer = io.StringIO()
    (write_csv if fmt == "csv" else write_jsonl)(records, buffer)
    return buffer.getvalue().encode("utf-8")


def default_allowed_hosts(host: str) -> list[str] | None:
    """Host headers accepted when bound to loopback (DNS-rebinding guard); None (any) otherwise."""
    if is_loopback(host):
        return ["127.0.0.1", "localhost", "[::1]", "testserver"]
    return None
