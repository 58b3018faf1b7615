"""The register on the web: `/aktiviteter` filters and sorts, its CSV and XLSX, and `/api/activities`."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from assistant.activities.export import HEADERS, to_csv, to_xlsx
from assistant.answering.present import activity_json
from assistant.settings import Settings
from assistant.web.app import create_app

SIP = "Samordnad individuell plan – SIP"
AREAS = "Genomföra och utveckla gemensamma insatser inom prioriterade områden"
SKOLNARVARO = "Medvetandegöra om allas vårt gemensamma uppdrag om barns närvaro i skola."


@pytest.fixture(scope="module")
def app(sample_settings: Settings, assistant: Any) -> Flask:
    """The app over the session's sample index."""
    app = create_app(sample_settings, assistant)
    app.config["TESTING"] = True
    return app


@pytest.fixture()
def client(app: Flask) -> Iterator[FlaskClient]:
    """A test client for the sample app."""
    with app.test_client() as client:
        yield client


def page_rows(client: FlaskClient, **query: str) -> list[str]:
    """Return the `Vad` text of each table row the page shows for a query."""
    response = client.get("/aktiviteter", query_string=query)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return [re.sub(r"\s+", " ", what).strip() for what in re.findall(r'class="register__what">([^<]*)<', html)]


def test_the_page_lists_every_activity_with_a_link_to_its_row(client: FlaskClient, assistant: Any) -> None:
    response = client.get("/aktiviteter")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="sv">' in html and "<h1>Aktiviteter</h1>" in html
    records = assistant.activities()
    assert page_rows(client) == [r.what or r.goal for r in records]
    for record in records:
        assert f'href="/documents/{record.doc_id}#chunk-{record.chunk_id}"' in html
    assert "oktober 2025" in html and "löpande" in html
    # The page follows the site's policy: no inline script or style.
    assert "<script>" not in html and "style=" not in html and "onclick" not in html


@pytest.mark.parametrize(
    ("query", "whats"),
    [
        ({"responsible": "NOSAM Lerum"}, [AREAS, SKOLNARVARO]),
        ({"deadline_year": "2027"}, [SIP]),
        ({"deadline_year": "2026", "responsible": "NOSAM Alingsås"}, [AREAS, SKOLNARVARO]),
        ({"q": "skolfrånvaro"}, [SKOLNARVARO]),
        ({"q": "SIP"}, [SIP]),
        ({"target_group": "Barn och unga", "deadline_year": "2027"}, [SIP]),
        ({"status": "Klar"}, []),
    ],
)
def test_the_page_filters(client: FlaskClient, query: dict[str, str], whats: list[str]) -> None:
    assert page_rows(client, **query) == whats


def test_the_filters_offer_the_registers_values(client: FlaskClient, assistant: Any) -> None:
    html = client.get("/aktiviteter", query_string={"responsible": "NOSAM Lerum"}).get_data(as_text=True)
    assert '<option value="NOSAM Lerum" selected>NOSAM Lerum</option>' in html
    assert '<option value="NOSAM Alingsås">' in html and '<option value="2027">' in html
    doc_id = assistant.activities()[0].doc_id
    assert f'<option value="{doc_id}">' in html
    assert page_rows(client, document=doc_id) == [r.what for r in assistant.activities(document=doc_id)]
    assert "Visar 2 av" in html


def test_the_page_sorts_by_any_column(client: FlaskClient) -> None:
    by_deadline = page_rows(client, sort="deadline")
    assert by_deadline[:3] == [AREAS, SKOLNARVARO, SIP]
    # Rows without a deadline come last either way; equal deadlines keep the plan's order.
    assert page_rows(client, sort="deadline", order="desc")[:3] == [SIP, AREAS, SKOLNARVARO]
    by_what = page_rows(client, sort="what")
    assert by_what == sorted(by_what, key=str.casefold)
    html = client.get("/aktiviteter", query_string={"sort": "deadline", "responsible": "NOSAM"}).get_data(
        as_text=True)
    # The sorted column's link turns the order around and keeps the filters.
    assert 'aria-sort="ascending"' in html
    assert "sort=deadline&amp;order=desc" in html and "responsible=NOSAM" in html


def test_a_bad_year_is_refused_in_swedish(client: FlaskClient) -> None:
    page = client.get("/aktiviteter", query_string={"deadline_year": "snart"})
    assert page.status_code == 400 and "årtal" in page.get_data(as_text=True)
    api = client.get("/api/activities", query_string={"deadline_year": "snart"})
    assert api.status_code == 400 and "årtal" in api.get_json()["error"]


def test_the_api_returns_the_same_data_as_json(client: FlaskClient, assistant: Any) -> None:
    body = client.get("/api/activities").get_json()
    assert body["activities"] == [activity_json(r) for r in assistant.activities()]
    assert body["count"] == len(body["activities"])
    lerum = client.get("/api/activities", query_string={"responsible": "NOSAM Lerum"}).get_json()
    assert [row["what"] for row in lerum["activities"]] == [AREAS, SKOLNARVARO]
    assert lerum["activities"][0]["responsible"] == ["NOSAM Alingsås", "NOSAM Lerum"]


def test_the_csv_export(client: FlaskClient, assistant: Any) -> None:
    response = client.get("/aktiviteter.csv", query_string={"responsible": "NOSAM Lerum"})
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="aktiviteter.csv"' in response.headers["Content-Disposition"]
    data = response.get_data()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(HEADERS)
    table = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert [row["Vad"] for row in table] == [AREAS, SKOLNARVARO]
    areas = table[0]
    assert areas["Ansvarig"] == "NOSAM Alingsås, NOSAM Lerum"
    assert (areas["Start"], areas["Startperiod"], areas["Deadline"], areas["Deadlineperiod"]) == (
        "Jan 2026", "januari 2026", "2026", "2026")
    assert areas["Mål"].startswith("Genomföra ett förebyggande") and areas["Hur"].startswith("1. Etablera")
    assert areas["Målgrupp"] == "Barn och unga" and areas["Fil"].endswith(".docx")
    record = assistant.activities(responsible="NOSAM Lerum")[0]
    assert areas["Källa"] == f"http://localhost/documents/{record.doc_id}#chunk-{record.chunk_id}"
    everything = client.get("/aktiviteter.csv").get_data().decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(everything), delimiter=";"))) == len(assistant.activities()) + 1


def test_the_xlsx_export(client: FlaskClient, assistant: Any) -> None:
    response = client.get("/aktiviteter.xlsx", query_string={"deadline_year": "2027"})
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="aktiviteter.xlsx"' in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.get_data()))
    sheet = book["Aktiviteter"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == list(HEADERS)
    [sip] = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert sip["Vad"] == SIP and sip["Ansvarig"] == "NOSAM"
    assert (sip["Start"], sip["Startperiod"], sip["Deadline"]) == ("Oktober 2025", "oktober 2025", "2027")
    assert sip["Hur"].startswith("Implementera reviderad Läns gemensam riktlinje")
    record = assistant.activities(deadline_year=2027)[0]
    link = f"http://localhost/documents/{record.doc_id}#chunk-{record.chunk_id}"
    assert sip["Källa"] == link and sheet.cell(2, len(HEADERS)).hyperlink.target == link
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    full = load_workbook(io.BytesIO(client.get("/aktiviteter.xlsx").get_data()))["Aktiviteter"]
    assert full.max_row == len(assistant.activities()) + 1


def test_the_export_links_carry_the_selection(client: FlaskClient) -> None:
    html = client.get("/aktiviteter", query_string={"responsible": "NOSAM Lerum"}).get_data(as_text=True)
    assert 'href="/aktiviteter.csv?responsible=NOSAM+Lerum"' in html
    assert 'href="/aktiviteter.xlsx?responsible=NOSAM+Lerum"' in html


def test_the_site_navigation_links_the_register(client: FlaskClient) -> None:
    assert 'href="/aktiviteter"' in client.get("/").get_data(as_text=True)


def test_exports_keep_formula_like_text_as_text(assistant: Any) -> None:
    formula = '=HYPERLINK("http://example.org")'
    record = dataclasses.replace(assistant.activities()[0], how=formula, status="@SUM(A1)")
    rows = list(csv.reader(io.StringIO(to_csv([record], lambda r: "x").decode("utf-8-sig")), delimiter=";"))
    values = dict(zip(rows[0], rows[1]))
    assert values["Hur"] == "'" + formula and values["Status"] == "'@SUM(A1)"
    sheet = load_workbook(io.BytesIO(to_xlsx([record], lambda r: "x")))["Aktiviteter"]
    cells = {header: cell for header, cell in zip(HEADERS, sheet[2])}
    assert cells["Hur"].value == formula and cells["Hur"].data_type == "s"
