"""Widget assets, the widget's texts and the demo page, served by the web app."""

from __future__ import annotations

import html
from pathlib import Path
from string import Template

import yaml
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from bot.content.access import current_catalog
from bot.settings import get_settings

WIDGET_DIR = Path(__file__).parent / "widget"
TEMPLATES = Path(__file__).parent / "templates"
ASSETS = {
    "wegwijs.js": WIDGET_DIR / "wegwijs.js",
    "wegwijs.css": WIDGET_DIR / "wegwijs.css",
    "socket.io.min.js": WIDGET_DIR
    / "node_modules"
    / "socket.io-client"
    / "dist"
    / "socket.io.min.js",
}
router = APIRouter(include_in_schema=False)


def widget_texts() -> dict:
    catalog = current_catalog()
    folder = get_settings().content_dir / "ui"
    strings = {
        code: yaml.safe_load((folder / f"{code}.yml").read_text(encoding="utf-8"))
        for code in catalog.languages
        if (folder / f"{code}.yml").exists()
    }
    languages = {
        code: {"name": info.name, "direction": info.direction}
        for code, info in catalog.languages.items()
    }
    return {"languages": languages, "strings": strings}


def _cors(request: Request) -> dict[str, str]:
    origin = request.headers.get("origin")
    if origin and origin in get_settings().allowed_origins:
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
    return {}


@router.get("/widget/{name}")
async def widget_asset(name: str, request: Request) -> FileResponse:
    path = ASSETS.get(name)
    if path is None or not path.exists():
        raise HTTPException(status_code=404)
    return FileResponse(path, headers={"Cache-Control": "public, max-age=300", **_cors(request)})


@router.get("/widget-texts.json")
async def texts(request: Request) -> JSONResponse:
    return JSONResponse(widget_texts(), headers=_cors(request))


@router.get("/demo")
async def demo() -> HTMLResponse:
    page = Template((TEMPLATES / "demo.html").read_text(encoding="utf-8"))
    rasa_url = html.escape(get_settings().public_rasa_url, quote=True)
    return HTMLResponse(page.substitute(rasa_url=rasa_url))
