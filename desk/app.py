"""The staff desk (Sanic 21.12): what visitors asked that the assistant could not answer, and
their conversations, for signed-in staff only.

    .venv/bin/python -m desk [--host 127.0.0.1] [--port 8001]

Routes (every one but /signin and /health needs a session; a page redirects to /signin, any
other request gets 401):
  GET  /[?page=]              the inbox: unanswered questions, grouped, most frequent first
  GET  /question?id=...       one of them: its conversations, what the assistant would answer
                              now, and the actions (Teach, Needs an article, Dismiss)
  POST /teach                 save the question as an example of a passage (knowledge/examples/)
  POST /gap                   add it to knowledge/content_gaps.yml for the medical reviewer
  POST /dismiss               hide it from the inbox
  GET  /articles               the library: each article's reviewer, review date, passages
  GET  /articles/new, /articles/<slug>   the article form; POST /articles/save checks and saves it
  POST /articles/<slug>/withdraw, /articles/<slug>/put-back   take an article out (to
                              knowledge/withdrawn/), or return it
  GET  /conversations[?q=]    conversations, the newest first
  GET  /conversations/<id>    one transcript (each view is audited)
  POST /conversations/<id>/save-test   save it as a Rasa test story (tests/conversations/desk.yml)
  GET  /tests, POST /tests/run         run the conversation tests in the background; their progress
  GET  /audit[?user=&action=] the audit log, the newest first (its own view is audited too)
  POST /signout

Security: bound to 127.0.0.1 by default (its own port, never the public page's origin);
argon2 password hashes and a lockout (desk.accounts); a signed session cookie (HttpOnly,
SameSite=Strict, Secure when DESK_SECURE_COOKIE=1 behind HTTPS) that signing out ends for
every copy of it (desk.sessions); a CSRF token in every form;
no CORS headers and a Content-Security-Policy that allows nothing but the desk itself; every
view of a conversation and every change written to the audit log (desk.audit).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hmac
import json
import logging
import os
import re
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa
from itsdangerous import BadSignature, URLSafeTimedSerializer
from jinja2 import Environment, FileSystemLoader, select_autoescape
from ruamel.yaml.error import YAMLError
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant import paths
from assistant.articles import parse_article, slugify
from assistant.datafiles import ContentError
from assistant.knowledge import live_library
from assistant.logistics import asking_sentences
from assistant.report import UNANSWERED, database_url
from desk import articles, dashboard
from desk import conversations as store
from desk.accounts import StaffAccounts
from desk.audit import AuditLog, details_of, newest_first
from desk.audit import default_path as audit_default_path
from desk.library_edits import add_content_gap, add_example
from desk.sessions import SignedOutSessions
from desk.test_stories import STORIES_FILE, TestRun, save_story, stored_events

# How the inbox names a question answered with the English-only notice.
OTHER_LANGUAGE = UNANSWERED["other_language"]
# What the inbox says after a question left it.
DONE = {"gap": "Added to knowledge/content_gaps.yml, the list of what visitors ask that no article answers, for "
               "the medical reviewer; the question has left the inbox.",
        "dismissed": "Dismissed: the question has left the inbox."}
# What the redaction put in place of a personal detail before storage (<NAME>, <PHONE> ...).
PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*>")
MAX_EXAMPLE_CHARS = 300


def example_problem(example: str) -> str | None:
    """Why an example question cannot be saved as staff wrote it, else None."""
    if not example:
        return "Write the question first (the box above the passages)."
    if found := PLACEHOLDER.search(example):
        return (f"The question still holds {found.group(0)}, where a personal detail was removed: rewrite it "
                "without that (and without ages, jobs or places that could tell who asked), then save it again.")
    if len(example) > MAX_EXAMPLE_CHARS:
        return (f"The question is {len(example)} characters long: keep only what is asked, in {MAX_EXAMPLE_CHARS} "
                "characters or fewer, then save it again.")
    return None

logger = logging.getLogger(__name__)

DESK_DIR = Path(__file__).resolve().parent
CHART_JS = DESK_DIR.parent / "web" / "node_modules" / "chart.js" / "dist" / "chart.umd.min.js"
SESSION_COOKIE = "desk_session"
SESSION_SECONDS = 8 * 3600
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@dataclass
class DeskConfig:
    accounts: Path
    audit: Path
    state: Path  # dismissed questions
    secret: str
    endpoints: Path = field(default_factory=lambda: paths.PROJECT_ROOT / "endpoints.yml")
    secure_cookie: bool = False
    stories_dir: Path = field(default_factory=lambda: paths.PROJECT_ROOT / "tests" / "conversations")
    model: Path = field(default_factory=lambda: paths.PROJECT_ROOT / "models" / "current.tar.gz")
    results_dir: Path = field(default_factory=lambda: paths.PROJECT_ROOT / "var" / "desk-tests")
    booking_clicks: Path = field(default_factory=lambda: paths.PROJECT_ROOT / "var" / "booking-clicks.jsonl")
    signed_out: Path = field(default_factory=lambda: paths.PROJECT_ROOT / "var" / "desk-signed-out.json")

    @classmethod
    def from_environment(cls) -> DeskConfig:
        var = paths.PROJECT_ROOT / "var"
        return cls(
            accounts=Path(os.environ.get("DESK_ACCOUNTS", var / "staff.json")),
            audit=audit_default_path(),
            state=Path(os.environ.get("DESK_STATE", var / "desk-state.json")),
            secret=os.environ.get("DESK_SECRET") or stored_secret(var / "desk-secret"),
            endpoints=Path(os.environ.get("DESK_ENDPOINTS", paths.PROJECT_ROOT / "endpoints.yml")),
            secure_cookie=os.environ.get("DESK_SECURE_COOKIE") == "1",
            stories_dir=Path(os.environ.get("DESK_STORIES_DIR", paths.PROJECT_ROOT / "tests" / "conversations")),
            model=Path(os.environ.get("DESK_MODEL", paths.PROJECT_ROOT / "models" / "current.tar.gz")),
            results_dir=Path(os.environ.get("DESK_TEST_RESULTS", var / "desk-tests")),
            # Where the web app records the widget's booking clicks (web/app.py).
            booking_clicks=Path(os.environ.get("BOOKING_CLICKS_LOG", var / "booking-clicks.jsonl")),
            signed_out=Path(os.environ.get("DESK_SIGNED_OUT", var / "desk-signed-out.json")),
        )


def stored_secret(path: Path) -> str:
    """The session-signing key: made once, kept readable by its owner only."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        os.chmod(path, 0o600)
    return path.read_text(encoding="utf-8").strip()


class DismissedQuestions:
    """The ids of dismissed questions (a hash of their words: the visitor's text is not kept here)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def keys(self) -> set[str]:
        if not self.path.exists():
            return set()
        return set(json.loads(self.path.read_text(encoding="utf-8")).get("dismissed", []))

    def add(self, key: str) -> None:
        keys = self.keys() | {key}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"dismissed": sorted(keys)}, indent=1), encoding="utf-8")


class RenderedRows:
    """The conversation list's lines (templates/conversation_row.html), each rendered once for a
    conversation's figures and then kept: the list has a line for every conversation of the
    last 30 days, most of them unchanged from one view to the next."""

    def __init__(self, templates: Environment) -> None:
        self.row = templates.get_template("conversation_row.html").module.row  # type: ignore[attr-defined]
        self.rendered: dict[tuple, str] = {}

    def __call__(self, summaries: list[store.Summary], conversation_count: int) -> list[str]:
        if len(self.rendered) > 2 * conversation_count + 1000:  # lines of conversations since changed or gone
            self.rendered.clear()
        rows = []
        for s in summaries:
            key = (s.sender, s.started, s.turns, s.answered, s.red_flag, s.closed)
            row = self.rendered.get(key)
            if row is None:
                row = self.rendered[key] = self.row(s, quote)
            rows.append(row)
        return rows


# Lines a page of the inbox or the audit log shows; links lead to the next and previous pages.
INBOX_PAGE = 50
AUDIT_PAGE = 100


@dataclass(frozen=True)
class Page:
    items: list
    number: int  # from 1
    count: int  # pages in all (at least 1)
    total: int  # items in all


def page_of(items: list, requested: str, size: int) -> Page:
    """The requested page of ``items`` (a number from 1; anything else, or past the end, is the
    nearest page that exists)."""
    count = max(1, -(-len(items) // size))
    number = min(max(int(requested) if requested.isdigit() else 1, 1), count)
    return Page(items[(number - 1) * size: number * size], number, count, len(items))


def page_templates() -> Environment:
    templates = Environment(loader=FileSystemLoader(DESK_DIR / "templates"), autoescape=select_autoescape(["html"]))
    templates.filters["when"] = lambda ts: dt.datetime.fromtimestamp(float(ts), dt.timezone.utc).strftime(
        "%Y-%m-%d %H:%M UTC")
    return templates


def create_app(config: DeskConfig) -> Sanic:
    app = Sanic("ospina_desk")
    accounts = StaffAccounts(config.accounts)
    audit = AuditLog(config.audit)
    dismissed = DismissedQuestions(config.state)
    signer = URLSafeTimedSerializer(config.secret, salt="desk-session")
    signed_out = SignedOutSessions(config.signed_out)
    templates = page_templates()
    engine = sa.create_engine(database_url(config.endpoints))
    library = live_library()
    library.watch()

    def render(template: str, request: Request, status: int = 200, **values: Any) -> HTTPResponse:
        session = request.ctx.session or {}
        body = templates.get_template(template).render(user=session.get("user"), csrf=session.get("csrf", ""),
                                                        **values)
        return response.html(body, status=status)

    # Read once, then only what changed since (store.ConversationCache).
    known_conversations = store.ConversationCache(engine)
    reading = threading.Lock()  # the start's first read runs on a thread of its own

    def conversations() -> dict[str, list[store.Turn]]:
        with reading:
            return known_conversations.conversations()

    @app.listener("after_server_start")
    async def read_conversations_once(_app: Sanic, _loop: Any) -> None:
        # The first read takes seconds at a busy clinic's volume (a month of conversations: about
        # 16 s for 15,000); done now, while staff sign in, not on their first page.
        def first_read() -> None:
            try:
                conversations()
            except Exception:  # noqa: BLE001 (the first page reads again, and shows the error)
                logger.warning("The desk could not read the conversations at start.", exc_info=True)

        threading.Thread(target=first_read, name="desk-first-read", daemon=True).start()

    @app.middleware("request")
    async def read_session(request: Request) -> HTTPResponse | None:
        request.ctx.session = None
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            try:
                session, issued = signer.loads(cookie, max_age=SESSION_SECONDS, return_timestamp=True)
                if signed_out.ended(str(session.get("sid", ""))) or not session.get("sid"):
                    session = None  # signed out, or a cookie from before sessions had ids
                elif not accounts.exists(str(session.get("user", ""))):
                    session = None  # the account was removed: its sessions end with it
                else:
                    session["expires_at"] = issued.timestamp() + SESSION_SECONDS
                request.ctx.session = session
            except BadSignature:
                request.ctx.session = None
        if request.path in ("/signin", "/health") or request.path.startswith("/static/"):
            return None
        if not request.ctx.session:
            if request.method == "GET" and "text/html" in request.headers.get("accept", "text/html"):
                return response.redirect("/signin")
            return response.json({"error": "sign in first"}, status=401)
        if request.method == "POST":
            token = str(request.form.get("csrf", "")) if request.form else ""
            if not hmac.compare_digest(token, str(request.ctx.session.get("csrf", ""))):
                return response.text("This form has expired; go back, reload the page and try again.", status=403)
        return None

    @app.middleware("response")
    async def security_headers(request: Request, reply: HTTPResponse) -> None:
        for name, value in SECURITY_HEADERS.items():
            reply.headers.setdefault(name, value)

    def signed_in(user: str) -> HTTPResponse:
        reply = response.redirect("/")
        reply.cookies[SESSION_COOKIE] = signer.dumps(
            {"user": user, "csrf": secrets.token_urlsafe(32), "sid": secrets.token_urlsafe(16)})
        cookie = reply.cookies[SESSION_COOKIE]
        cookie["httponly"], cookie["samesite"], cookie["path"] = True, "Strict", "/"
        cookie["max-age"] = SESSION_SECONDS
        if config.secure_cookie:
            cookie["secure"] = True
        return reply

    @app.get("/health")
    async def health(request: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @app.get("/signin")
    async def signin_page(request: Request) -> HTTPResponse:
        return render("signin.html", request, error=None)

    @app.post("/signin")
    async def signin(request: Request) -> HTTPResponse:
        name = str(request.form.get("user", "")).strip()
        result = accounts.sign_in(name, str(request.form.get("password", "")))
        if result.ok:
            audit.write(name, "sign in")
            return signed_in(name)
        audit.write(name or "-", "sign in refused", locked="yes" if result.locked else "no")
        error = ("Too many wrong passwords: this account is locked for 15 minutes (whoever runs the "
                 "assistant can lift the lock at once with `make staff-user` and a new password)." if result.locked
                 else "Wrong user name or password.")
        return render("signin.html", request, status=423 if result.locked else 401, error=error)

    @app.post("/signout")
    async def signout(request: Request) -> HTTPResponse:
        audit.write(request.ctx.session["user"], "sign out")
        signed_out.end(request.ctx.session["sid"], request.ctx.session["expires_at"])
        reply = response.redirect("/signin")
        del reply.cookies[SESSION_COOKIE]
        return reply

    @app.get("/")
    async def inbox(request: Request) -> HTTPResponse:
        index = library.current()
        groups = store.unanswered_groups(conversations(), index.weights.threshold, dismissed.keys())
        page = page_of(groups, str(request.args.get("page", "")), INBOX_PAGE)
        # The inbox shows visitors' questions in full: a view of health data, so a line of the log
        # (session 24's staff tester: only single questions and conversations were recorded).
        audit.write(request.ctx.session["user"], "view inbox", page=str(page.number))
        return render("inbox.html", request, page=page, quote=quote, done=DONE.get(str(request.args.get("done", ""))))

    @app.get("/question")
    async def question(request: Request) -> HTTPResponse:
        group = find_group(str(request.args.get("id", "")))
        if group is None:
            return render("message.html", request, status=404, message="That question is no longer in the inbox.")
        audit.write(request.ctx.session["user"], "view question", group.id,
                    conversations=",".join(sorted({t.sender for t in group.turns})))
        return question_page(request, group, str(request.args.get("q", "")), taught=request.args.get("taught"))

    def question_page(request: Request, group: store.Group, search: str = "", taught: str | None = None,
                      example: str | None = None, problem: str | None = None) -> HTTPResponse:
        index = library.current()
        preview = index.answer(group.text, None, unsure=True)
        search = search or group.text
        # What Teach saves: the message's question(s), for staff to rewrite without personal details.
        example = asking_sentences(group.text) if example is None else example
        return render("question.html", request, status=400 if problem else 200, group=group, preview=preview,
                      search=search, results=index.search(search), taught=taught, quote=quote,
                      threshold=index.weights.threshold, other_language=OTHER_LANGUAGE, example=example,
                      problem=problem)

    def rewritten_question(request: Request, group: store.Group) -> tuple[str, str | None]:
        """The question as staff wrote it in the question page's box, and why it cannot be saved."""
        question = " ".join(str(request.form.get("example", asking_sentences(group.text))).split())
        return question, example_problem(question)

    def find_group(question_id: str) -> store.Group | None:
        groups = store.unanswered_groups(conversations(), library.current().weights.threshold)
        return next((g for g in groups if g.id == question_id), None)

    @app.post("/teach")
    async def teach(request: Request) -> HTTPResponse:
        group, passage_id = find_group(str(request.form.get("id", ""))), str(request.form.get("passage", ""))
        if group is None or library.current().passage(passage_id) is None:
            return render("message.html", request, status=400, message="That question or passage does not exist.")
        # Teach saved the visitor's whole message, "my name is <NAME>, a 58 year old bus driver at ..."
        # included, into a file kept in git (session 35's staff tester): staff save the question as
        # they rewrote it, and never with a placeholder of a removed detail in it.
        example, problem = rewritten_question(request, group)
        if problem:
            return question_page(request, group, example=example, problem=problem)
        path = add_example(passage_id, example)
        library.refresh()  # the preview below shows the new answer at once
        now = library.current().answer(group.text, None, unsure=True)
        # A message read as another language gets the English-only notice whatever its examples
        # (Teach said "The assistant uses it now" of English slang read so: session 35's staff tester).
        if now.found and now.passages[0].id == passage_id and group.why != OTHER_LANGUAGE:
            dismissed.add(group.id)  # taught: it leaves the inbox, so nobody teaches it twice
        # Else it stays: the example was saved, but the question still gets another answer (it names
        # a condition no article covers, or another passage fits better; session 24's staff tester).
        audit.write(request.ctx.session["user"], "teach", group.id, passage=passage_id, file=str(path.name))
        return response.redirect(f"/question?id={group.id}&taught={quote(passage_id)}")

    @app.post("/gap")
    async def content_gap(request: Request) -> HTTPResponse:
        group = find_group(str(request.form.get("id", "")))
        if group is None:
            return render("message.html", request, status=400, message="That question does not exist.")
        # The question as staff rewrote it, as for Teach: content_gaps.yml is kept in git too.
        question, problem = rewritten_question(request, group)
        if problem:
            return question_page(request, group, example=question, problem=problem)
        add_content_gap(question, request.ctx.session["user"])
        dismissed.add(group.id)
        audit.write(request.ctx.session["user"], "needs an article", group.id)
        return response.redirect("/?done=gap")  # said on the inbox (session 35's staff tester)

    @app.post("/dismiss")
    async def dismiss(request: Request) -> HTTPResponse:
        question_id = str(request.form.get("id", ""))
        dismissed.add(question_id)
        audit.write(request.ctx.session["user"], "dismiss", question_id)
        return response.redirect("/?done=dismissed")

    @app.get("/conversations")
    async def conversation_list(request: Request) -> HTTPResponse:
        search = str(request.args.get("q", ""))
        every = conversations()
        # Whether staff searched, not for what: the words may be a visitor's.
        audit.write(request.ctx.session["user"], "view conversation list", searched="yes" if search else "no")
        return render("conversations.html", request, rows=conversation_rows(store.summaries(every, search), len(every)),
                      search=search)

    conversation_rows = RenderedRows(templates)

    @app.get("/conversations/<sender>")
    async def transcript(request: Request, sender: str) -> HTTPResponse:
        turns = store.turns_by_sender(store.read_rows(engine, sender)).get(sender)
        if not turns:
            return render("message.html", request, status=404, message="No such conversation (it may have been "
                                                                        "deleted by the visitor or by retention).")
        audit.write(request.ctx.session["user"], "view conversation", sender)
        return render("transcript.html", request, sender=sender, turns=turns)

    @app.get("/audit")
    async def audit_log(request: Request) -> HTTPResponse:
        user, action = str(request.args.get("user", "")), str(request.args.get("action", ""))
        every = audit.lines()
        page = page_of(newest_first(every, user, action), str(request.args.get("page", "")), AUDIT_PAGE)
        # Reading who looked at which conversation is itself a view worth a line.
        filters = {key: value for key, value in (("only_user", user), ("only_action", action)) if value}
        audit.write(request.ctx.session["user"], "view audit log", **filters)
        return render("audit.html", request, page=page, user_filter=user, action_filter=action,
                      users=sorted({line.get("user", "") for line in every}),
                      actions=sorted({line.get("action", "") for line in every}), details_of=details_of, quote=quote)

    tests = TestRun(config.model, config.stories_dir, config.results_dir)

    @app.post("/conversations/<sender>/save-test")
    async def save_test(request: Request, sender: str) -> HTTPResponse:
        try:
            path = save_story(stored_events(engine, sender), str(request.form.get("name", "")), config.stories_dir)
        except ValueError as error:
            return render("message.html", request, status=400, message=f"Not saved: {error}.")
        audit.write(request.ctx.session["user"], "save as test conversation", sender, file=path.name)
        return response.redirect("/tests?saved=1")

    @app.get("/tests")
    async def test_status(request: Request) -> HTTPResponse:
        return render("tests.html", request, run=tests, saved=request.args.get("saved"),
                      stories_file=config.stories_dir / STORIES_FILE)

    @app.post("/tests/run")
    async def run_tests(request: Request) -> HTTPResponse:
        if tests.start():
            audit.write(request.ctx.session["user"], "run conversation tests")
        return response.redirect("/tests")

    @app.get("/dashboard")
    async def dashboard_page(request: Request) -> HTTPResponse:
        return render("dashboard.html", request,
                      figures=dashboard.figures(conversations(), dashboard.booking_clicks(config.booking_clicks)))

    @app.get("/dashboard.json")
    async def dashboard_data(request: Request) -> HTTPResponse:
        return response.json(dashboard.figures(conversations(), dashboard.booking_clicks(config.booking_clicks)))

    @app.get("/articles")
    async def article_list(request: Request) -> HTTPResponse:
        return await article_list_page(request)

    async def article_list_page(request: Request, problem: str = "", status: int = 200) -> HTTPResponse:
        # Each file on its own: one broken article must not take the list (and its Edit links)
        # away exactly when staff need them (a 500 error, session 24's staff tester).
        rows, broken = [], []
        for path in sorted(paths.ARTICLES_DIR.glob("*.md")):
            try:
                article, passages = parse_article(path.read_text(encoding="utf-8"), path)
            except ContentError as error:
                broken.append((path.stem, str(error)))
            else:
                rows.append((article, len(passages), articles.overdue(article.reviewed_on)))
        saved = request.args.get("saved")
        return render("articles.html", request, status=status, rows=rows, broken=broken, saved=saved,
                      blocked=questions_listed_as_unanswered(str(saved)) if saved else [],
                      withdrawn=request.args.get("withdrawn"), withdrawn_rows=articles.withdrawn_articles(),
                      problem=problem)

    def questions_listed_as_unanswered(slug: str) -> list[str]:
        """The lines of knowledge/not_answered.yml that keep visitors from the article just saved
        (session 35's staff tester: its main questions got the honest no, and only `make validate`
        said why)."""
        from assistant.validate import listed_warning, questions_listed_yet_answered  # as `make validate`

        return [listed_warning(entry) for entry in questions_listed_yet_answered(library.current())
                if entry[2].startswith(f"{slug}/")]

    @app.get("/articles/new")
    async def new_article(request: Request) -> HTTPResponse:
        return render("article_form.html", request, form=articles.ArticleForm(), new=True, error=None, passages=[])

    @app.get("/articles/<slug>")
    async def edit_article(request: Request, slug: str) -> HTTPResponse:
        return await edit_article_page(request, slug)

    async def edit_article_page(request: Request, slug: str, withdraw_error: str = "") -> HTTPResponse:
        if not (paths.ARTICLES_DIR / f"{slug}.md").exists() or slug != slugify(slug):
            return render("message.html", request, status=404, message="No such article.")
        passages = [p for p in library.current().passages if p.article.slug == slug]
        try:
            form = articles.read(slug)
        except (YAMLError, StopIteration, ValueError):
            # Front matter the form cannot show (not closed, not valid YAML): say where to correct it.
            path = paths.ARTICLES_DIR / f"{slug}.md"
            try:
                parse_article(path.read_text(encoding="utf-8"), path)
                problem = "its front matter cannot be read"
            except ContentError as error:
                problem = str(error)
            return render("message.html", request, status=422,
                          message=f"This article's file cannot be shown in the form: {problem}. Correct it in "
                                  f"knowledge/articles/{slug}.md, then run make validate.")
        return render("article_form.html", request, status=422 if withdraw_error else 200, form=form, new=False,
                      error=None, passages=passages, withdraw_error=withdraw_error)

    @app.post("/articles/save")
    async def save_article(request: Request) -> HTTPResponse:
        form = articles.ArticleForm.from_fields({name: request.form.get(name, "") for name in
                                                 (*articles.FIELDS, "body")})
        new = request.form.get("new") == "yes"
        path = paths.ARTICLES_DIR / f"{form.slug}.md"
        if form.slug != slugify(form.slug):
            return render("article_form.html", request, status=422, form=form, new=new, passages=[],
                          error="In the article's details: the short name (slug) is lower-case letters, digits and '-'")
        if new and path.exists():
            return render("article_form.html", request, status=422, form=form, new=new, passages=[],
                          error=f"In the article's details: an article named '{form.slug}' exists: to change it, open "
                                "it from Articles; for a new article, choose another short name")
        # A copy under another short name is a second article that says the same (session 35's staff
        # tester made three, and the desk has no way to take one out).
        same_title = articles.with_title(articles.folded(form.title), path)
        if new and same_title:
            return render("article_form.html", request, status=422, form=form, new=new, passages=[],
                          error=f"In the article's details: the article '{same_title}' has this title already: to "
                                "change it, open it from Articles; for a new article, give it a title of its own")
        text, body_offset = articles.compose(form, path.read_text(encoding="utf-8") if path.exists() else None)
        try:
            articles.check(text, form.slug)
        except ContentError as error:
            # Every mistake of the text at once, not one per save (session 35's staff tester).
            shown = [articles.where(e, body_offset, text, form.slug) for e in articles.problems(error, text, form.slug)]
            return render("article_form.html", request, status=422, form=form, new=new, passages=[],
                          error=shown[0], more_errors=shown[1:])
        articles.save(text, form.slug)
        library.refresh()  # the assistant's own watcher picks it up within seconds too
        audit.write(request.ctx.session["user"], "save article" if not new else "add article", form.slug)
        return response.redirect(f"/articles?saved={quote(form.slug)}")

    @app.post("/articles/<slug>/withdraw")
    async def withdraw_article(request: Request, slug: str) -> HTTPResponse:
        if not (paths.ARTICLES_DIR / f"{slug}.md").exists() or slug != slugify(slug):
            return render("message.html", request, status=404, message="No such article.")
        if request.form.get("confirm") != "yes":
            return await edit_article_page(request, slug, withdraw_error="Tick the box to confirm that visitors will "
                                                                        "no longer get answers from this article.")
        try:
            articles.withdraw(slug)
        except articles.NotDone as refused:
            return await edit_article_page(request, slug, withdraw_error=str(refused))
        library.refresh()
        audit.write(request.ctx.session["user"], "withdraw article", slug)
        return response.redirect(f"/articles?withdrawn={quote(slug)}")

    @app.post("/articles/<slug>/put-back")
    async def put_back_article(request: Request, slug: str) -> HTTPResponse:
        try:
            articles.put_back(slug)
        except articles.NotDone as refused:
            return await article_list_page(request, problem=str(refused), status=422)
        library.refresh()
        audit.write(request.ctx.session["user"], "put back article", slug)
        return response.redirect(f"/articles?saved={quote(slug)}")

    app.static("/static", str(DESK_DIR / "static"))
    # Chart.js for the dashboard, exactly as web/package-lock.json pins it; never from a CDN.
    app.static("/vendor/chart.umd.min.js", str(CHART_JS))
    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="The staff desk.")
    parser.add_argument("--host", default=os.environ.get("DESK_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("DESK_PORT", "8001")))
    args = parser.parse_args(argv)
    app = create_app(DeskConfig.from_environment())
    app.run(host=args.host, port=args.port, access_log=False)


if __name__ == "__main__":
    main()
