"""``coprod review``: the latest run's report as a small web app on which researchers rename,
pin, merge and mark themes, rename and move sub-themes, move a quoted passage to another
theme, set a document aside as off-topic, write memos and undo any of it, where they read.

Every edit goes through the same functions as ``coprod theme ...`` (``store/edits.py``): it is
journalled, published, shown at once and re-applied by every later refresh by stable id.
The page is the report itself (everything escaped as there), rendered afresh on each load, so
a reviewer sees the others' edits and the latest refresh after a reload.

Security: the app listens on loopback unless told otherwise; on any other address every
request must carry the access token printed at start (``?token=`` once, then a cookie). Every
state-changing request must carry the page's CSRF token in the ``X-CSRF-Token`` header, which
a page of another origin cannot set. Requests only ever reach the database: no path from a
request touches the file system.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from pathlib import Path
from typing import Optional

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel

from pipeline.errors import CoprodError
from pipeline.report.build import render_report, report_context
from pipeline.store.connect import connect_readonly
from pipeline.store.edit_journal import merge_journal, reapply_all, unmerged
from pipeline.store.edits import record_memo, record_override, record_undo
from pipeline.store.publish import publish
from pipeline.store.snapshot import snapshot_views
from pipeline.store.reader import latest_run_id
from pipeline.themes.overrides import Override

COOKIE = "coprod_review_token"


class Edit(BaseModel):
    action: str
    theme_id: Optional[int] = None
    other_theme_id: Optional[int] = None
    subtheme_id: Optional[int] = None
    other_subtheme_id: Optional[int] = None
    label: Optional[str] = None
    text: Optional[str] = None
    target: Optional[str] = None
    reviewer: Optional[str] = None


def history(db_path: Path) -> list[dict]:
    con = connect_readonly(db_path)
    try:
        rows = con.execute("""
            WITH undone AS (SELECT target FROM theme_overrides WHERE action = 'undo' AND target IS NOT NULL)
            SELECT created_at, reviewer, action, theme_id, other_theme_id, subtheme_id, other_subtheme_id,
                   coalesce(label, target), edit_id, edit_id IN (SELECT target FROM undone)
            FROM theme_overrides
            UNION ALL SELECT created_at, reviewer, 'memo', theme_id, NULL, subtheme_id, NULL, text, edit_id, false
            FROM memos
            ORDER BY created_at DESC LIMIT 200""").fetchall()
    finally:
        con.close()
    names = ("created_at", "reviewer", "action", "theme_id", "other_theme_id", "subtheme_id", "other_subtheme_id",
             "label", "edit_id", "undone")
    return [dict(zip(names, row)) for row in rows]


def create_app(db_path: str | Path, token: str | None = None) -> FastAPI:
    """The review app of ``db_path``; with ``token``, every request must carry it."""
    db_path = Path(db_path)
    csrf = secrets.token_urlsafe(24)
    # Edits of this app publish one at a time (requests are served on a thread pool). Another
    # process publishing meanwhile (a refresh, a second app) may overtake one; the journal
    # keeps it and the next page load merges it back.
    writing = threading.Lock()
    app = FastAPI(title="coprod review", docs_url=None, redoc_url=None, openapi_url=None)

    @app.middleware("http")
    async def access(request: Request, call_next):
        if token is not None:
            given = request.query_params.get("token") or request.cookies.get(COOKIE) or ""
            if not hmac.compare_digest(given, token):
                return JSONResponse({"detail": "this review app needs its access token (printed at start)"},
                                    status_code=403)
        response = await call_next(request)
        if token is not None and request.query_params.get("token"):
            response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.get("/", response_class=HTMLResponse)
    def page() -> HTMLResponse:
        con = connect_readonly(db_path)
        try:
            run_id = latest_run_id(con, str(db_path))
            missing = unmerged(con, db_path)
        finally:
            con.close()
        if missing:  # an edit a refresh's swap overtook: merged again, so the page shows it
            with writing:
                publish(db_path, lambda con: (merge_journal(con, db_path, run_id), reapply_all(con, run_id),
                                              snapshot_views(con)))
        con = connect_readonly(db_path)
        try:
            context = report_context(con, latest_run_id(con, str(db_path)))
        finally:
            con.close()
        return HTMLResponse(render_report(context, review={"csrf": csrf, "history": history(db_path)}))

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/api/edits")
    def edits() -> list[dict]:
        return history(db_path)

    @app.post("/api/edit")
    def edit(body: Edit, request: Request):
        if not hmac.compare_digest(request.headers.get("x-csrf-token", ""), csrf):
            return JSONResponse({"detail": "refused: the request did not come from the review page"},
                                status_code=403)
        reviewer = (body.reviewer or "").strip()[:100] or None
        with writing:
            try:
                if body.action == "undo":
                    message = record_undo(db_path, body.target or "", reviewer)
                elif body.action == "memo":
                    message = record_memo(db_path, body.text or "", body.theme_id, body.subtheme_id, reviewer)
                else:
                    if body.theme_id is None and body.subtheme_id is None and not body.target:
                        raise CoprodError("name the theme or sub-theme to edit")
                    edit = Override(body.action, body.theme_id if body.theme_id is not None else -1,
                                    body.other_theme_id, body.label, body.subtheme_id, body.other_subtheme_id,
                                    body.target)
                    message = record_override(db_path, edit, reviewer)
            except CoprodError as exc:
                return JSONResponse({"detail": str(exc)}, status_code=400)
        return {"message": message}

    return app
