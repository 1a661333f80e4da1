"""The demo catalogue shipped in ``catalogue/demo/catalogue.json`` is complete, consistent and loadable.

Conventions of the file (the loader relies on them):

- ``procedures``: the base contents, each with a ``ref`` (stable name in the file) and a ``code`` (or null).
- ``decisions``: applied in order. The first publishes every base procedure as a ``new`` item whose
  ``content`` is null (it is taken from ``procedures``), one item per level as real annexes list them.
- Later items name their procedure by ``ref`` and carry its ``code``; ``new`` items introduce a fresh ref
  with their full ``content``; ``amended`` and ``replaced`` items carry the full new content (for a
  replacement, the successor's content, named by ``successor_ref``); ``abolished`` items carry none.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

import catalogue
from catalogue.content import (
    AGENCY_ROLES, CHANNEL_KINDS, FEE_KINDS, LEVELS, ONLINE_LEVELS, PAPER_GROUPS, PARTS, TIME_UNITS,
    ProcedureContent,
)
from catalogue.diff import changed_parts, simplification

DEMO_FILE = Path(catalogue.__file__).parent / "demo" / "catalogue.json"
KINDS = {"new", "amended", "replaced", "abolished"}
CODE = re.compile(r"^9\.\d{6}$")  # a demo range no real procedure uses
RESULT_CODE = re.compile(r"^KQ\.MH\.\d{6}$")
DEMO_URL = "https://dichvucong.example.vn/"
# Two-tier local government since 1 July 2025: the demo has no cấp huyện.
CURRENT_LEVELS = {"ministry", "province", "commune", "other"}


@pytest.fixture(scope="module")
def raw() -> str:
    return DEMO_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data(raw: str) -> dict:
    return json.loads(raw)


def _all_contents(data: dict) -> list[tuple[str, dict]]:
    out = [(f"procedures[{p['ref']}]", p["content"]) for p in data["procedures"]]
    for d in data["decisions"]:
        out += [(f"{d['number']}[{i['ref']}]", i["content"]) for i in d["items"] if i.get("content")]
    return out


def test_file_is_nfc_utf8_json_with_the_expected_shape(raw: str, data: dict) -> None:
    assert unicodedata.normalize("NFC", raw) == raw
    assert set(data) == {"source", "procedures", "decisions"}
    assert data["source"].strip()


def test_every_content_round_trips_through_the_model(data: dict) -> None:
    for where, content in _all_contents(data):
        assert ProcedureContent.from_dict(content).to_dict() == content, where


def test_size_and_variety(data: dict) -> None:
    procedures = data["procedures"]
    assert CURRENT_LEVELS <= set(LEVELS)
    assert len(procedures) >= 30
    assert len({p["content"]["sector"] for p in procedures}) >= 8
    assert {lv for p in procedures for lv in p["content"]["levels"]} == CURRENT_LEVELS
    kinds = {i["kind"] for d in data["decisions"] for i in d["items"]}
    assert kinds == KINDS
    refs = [p["ref"] for p in procedures]
    assert len(refs) == len(set(refs))
    codes = [p["code"] for p in procedures if p["code"]]
    assert len(codes) == len(set(codes))
    assert all(CODE.match(c) for c in codes)


def test_every_content_is_filled_in_like_a_published_procedure(data: dict) -> None:
    for where, c in _all_contents(data):
        assert c["name"] and c["sector"] and c["procedure_type"] and c["audience"], where
        assert c["levels"] and set(c["levels"]) <= CURRENT_LEVELS, where
        assert 3 <= len(c["steps"]) <= 5, where
        assert 3 <= len(c["papers"]) <= 8, where
        names = [p["name"] for p in c["papers"]]
        assert len(names) == len(set(names)), where
        for p in c["papers"]:
            assert p["group"] in PAPER_GROUPS and p["quantity_text"], (where, p["name"])
        assert c["channels"], where
        for channel in c["channels"]:
            assert channel["kind"] in CHANNEL_KINDS and channel["description"], where
            t = channel["processing_time"]
            assert t["value"] is not None and t["unit"] in TIME_UNITS and t["text"], where
            assert channel["fees"], where
            for f in channel["fees"]:
                assert f["kind"] in FEE_KINDS and f["text"], where
                assert f["amount"] is None or (isinstance(f["amount"], int) and f["amount"] >= 0), where
        assert c["results"] and all(RESULT_CODE.match(r["code"]) for r in c["results"]), where
        roles = {a["role"] for a in c["agencies"]}
        assert roles <= set(AGENCY_ROLES) and {"executing", "receiving"} <= roles | {"competent"}, where
        receiving = [a for a in c["agencies"] if a["role"] == "receiving"]
        assert receiving and all("Minh Hòa" in (a["address"] or "") for a in receiving), where
        assert c["legal_basis"] and all(a["title"] for a in c["legal_basis"]), where
        if any(ch["kind"] == "online" for ch in c["channels"]):
            assert c["online_level"] in ONLINE_LEVELS, where
        if c["online_level"] is not None:
            assert c["online_level"] in ONLINE_LEVELS and c["online_url"].startswith(DEMO_URL), where
        assert c["notes"], where


def test_first_decision_publishes_every_base_procedure_once_per_level(data: dict) -> None:
    first = data["decisions"][0]
    assert {i["kind"] for i in first["items"]} == {"new"}
    assert all(i["content"] is None for i in first["items"])
    by_ref: dict[str, list[str]] = {}
    for i in first["items"]:
        by_ref.setdefault(i["ref"], []).append(i["level"])
    for p in data["procedures"]:
        assert sorted(by_ref.pop(p["ref"])) == sorted(p["content"]["levels"]), p["ref"]
        assert all(i["code"] == p["code"] for i in first["items"] if i["ref"] == p["ref"])
    assert not by_ref, f"items naming no base procedure: {sorted(by_ref)}"


def test_decisions_are_ordered_and_well_formed(data: dict) -> None:
    effective = [d["effective_date"] for d in data["decisions"]]
    assert len(data["decisions"]) >= 2 and effective == sorted(effective)
    for d in data["decisions"]:
        assert d["number"] and d["issuer"] and d["signer"] and d["legal_bases"], d["number"]
        assert d["date"] <= d["effective_date"], d["number"]
        for i in d["items"]:
            assert i["kind"] in KINDS and i["level"] in CURRENT_LEVELS, (d["number"], i["ref"])
            assert set(i["changed_parts"]) <= set(PARTS), (d["number"], i["ref"])
            assert (i["successor_ref"] is not None) == (i["kind"] == "replaced"), (d["number"], i["ref"])
            assert (i["content"] is None) == (i["kind"] == "abolished" or d is data["decisions"][0])


def test_refs_resolve_and_changes_are_real_simplifications(data: dict) -> None:
    """Replay the history: every ref names a live procedure, every change differs from what it follows."""
    base = {p["ref"]: p for p in data["procedures"]}
    live: dict[str, dict] = {}  # ref → current content
    codes: dict[str, str | None] = {}
    for d in data["decisions"]:
        touched: dict[str, str] = {}  # ref → kind, for the rows of one procedure at several levels
        for i in d["items"]:
            ref, where = i["ref"], (d["number"], i["ref"])
            if ref in touched:
                assert touched[ref] == i["kind"] and i["level"] not in {
                    j["level"] for j in d["items"] if j is not i and j["ref"] == ref}, where
                continue
            touched[ref] = i["kind"]
            if i["kind"] == "new":
                assert ref not in live, where
                content = i["content"] if i["content"] is not None else base[ref]["content"]
                live[ref], codes[ref] = content, i["code"]
                continue
            assert ref in live, f"{where}: names no procedure in force"
            assert i["code"] and i["code"] == codes[ref], where  # the loader finds old procedures by code
            before = live[ref]
            if i["kind"] == "abolished":
                del live[ref]
                continue
            after = i["content"]
            assert after != before, f"{where}: the new content repeats the old one"
            old, new = ProcedureContent.from_dict(before), ProcedureContent.from_dict(after)
            assert i["changed_parts"] == changed_parts(old, new), where
            assert simplification(old, new).is_simplification, where
            if i["kind"] == "amended":
                live[ref] = after
            else:  # replaced: the old procedure ends, its successor starts with the item's content
                successor = i["successor_ref"]
                assert successor not in live and successor not in base, where
                del live[ref]
                live[successor], codes[successor] = after, None
    assert len(live) >= 30


def _comparable(content: dict) -> dict:
    """Content as stored: the database keeps levels as a set."""
    return {**content, "levels": sorted(content["levels"])}


def test_demo_loads_through_the_decision_services(db, data: dict) -> None:
    import datetime as dt

    from catalogue import queries
    from catalogue.content_store import edition_content
    from catalogue.demo.loader import load_demo
    from catalogue.stats import compute_stats

    with db.unit_of_work("demo") as uow:
        assert load_demo(uow.session, DEMO_FILE) == len(data["decisions"])

    first, *later = data["decisions"]
    day = dt.date.fromisoformat
    with db.read() as s:
        base = queries.catalogue_as_of(s, queries.CatalogueFilter(as_of=day(first["effective_date"])))
        stored = {e.name: _comparable(edition_content(e).to_dict()) for e in base}
        assert stored == {p["content"]["name"]: _comparable(p["content"]) for p in data["procedures"]}

        for d in later:  # each later decision shows in the catalogue from its effective date
            now = {e.name: _comparable(edition_content(e).to_dict())
                   for e in queries.catalogue_as_of(s, queries.CatalogueFilter(as_of=day(d["effective_date"])))}
            for i in d["items"]:
                if i["kind"] in ("new", "amended"):
                    assert now[i["content"]["name"]] == _comparable(i["content"]), (d["number"], i["ref"])
                elif i["kind"] == "replaced":
                    assert now[i["content"]["name"]] == _comparable(i["content"]), (d["number"], i["ref"])
                    assert next(p for p in data["procedures"] if p["ref"] == i["ref"])["content"]["name"] \
                        not in now
                else:
                    name = next(p for p in data["procedures"] if p["ref"] == i["ref"])["content"]["name"]
                    assert name not in now, (d["number"], i["ref"])

        total = compute_stats(s).total
        changes = [(i["kind"], i["ref"]) for d in later for i in d["items"]]
        assert total.new == len(data["procedures"]) + len({r for k, r in changes if k == "new"})
        assert total.amended == len({(k, r) for k, r in changes if k == "amended"})
        assert total.replaced == len({r for k, r in changes if k == "replaced"})
        assert total.abolished == len({r for k, r in changes if k == "abolished"})
        assert total.simplified == total.amended + total.replaced
        assert total.papers_cut > 0 and total.fees_cut > 0 and total.time_cut["working_day"] > 0
