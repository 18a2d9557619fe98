"""The caseworker console page, its assets and its texts, served by the web app.

The page only talks to the console API under /api/ (docs/console-api.md). Its texts live in
content/console/<lang>.yml and are read on every request, so an edit shows at the next reload.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from bot.settings import get_settings

CONSOLE_DIR = Path(__file__).parent / "console"
TEMPLATES = Path(__file__).parent / "templates"
ASSETS = {
    "console.js": CONSOLE_DIR / "console.js",
    "console.css": CONSOLE_DIR / "console.css",
}
DEFAULT_LANGUAGE = "nl"
router = APIRouter(include_in_schema=False)


def console_texts() -> dict:
    """{"languages": {code: texts}} with the default language first."""
    folder = get_settings().content_dir / "console"
    paths = sorted(folder.glob("*.yml"), key=lambda path: path.stem)
    languages = {}
    for path in sorted(paths, key=lambda path: path.stem != DEFAULT_LANGUAGE):
        texts = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(texts, dict):
            languages[path.stem] = texts
    return {"languages": languages}


@router.get("/console")
async def console_page() -> HTMLResponse:
    page = (TEMPLATES / "console.html").read_text(encoding="utf-8")
    return HTMLResponse(page, headers={"Cache-Control": "no-store"})


@router.get("/console/{name}")
async def console_asset(name: str) -> FileResponse:
    path = ASSETS.get(name)
    if path is None or not path.exists():
        raise HTTPException(status_code=404)
    return FileResponse(path, headers={"Cache-Control": "no-cache"})


@router.get("/console-texts.json")
async def texts() -> JSONResponse:
    return JSONResponse(console_texts(), headers={"Cache-Control": "no-cache"})
