"""Evidence: formats are checked where they are known, values normalised, and files copied
into the profile with their SHA-256 so the appeal cites exactly what the seller added."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from shopwatch.appeals.evidence import (
    KNOWN_FIELDS,
    EvidenceError,
    apply_assignments,
    import_file,
    normalise,
    parse_assignment,
    validate,
    verify_files,
)

PDF = b"%PDF-1.7\n" + b"x" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"x" * 100


def _no_files(path):
    raise AssertionError(f"no file expected, got {path}")


def test_order_numbers_are_checked_normalised_and_deduplicated():
    values, problems = normalise({"order_ids": "3561234567890123456，３５６１２３４５６７８９０１２３４５７ "
                                               "3561234567890123456"}, KNOWN_FIELDS)
    assert problems == []
    assert values["order_ids"] == ["3561234567890123456", "3561234567890123457"]


def test_a_malformed_order_number_is_reported_with_what_a_valid_one_looks_like():
    values, problems = normalise({"order_ids": "3561234567890123456, 12ab, 123"}, KNOWN_FIELDS)
    assert values["order_ids"] == ["3561234567890123456"]
    assert [(p.field, p.code, p.value) for p in problems] == [
        ("order_ids", "bad_format", "12ab"), ("order_ids", "bad_format", "123")]
    assert "12–20 digits" in problems[0].message


def test_tracking_numbers_are_upper_cased_and_checked():
    values, problems = normalise({"tracking_numbers": ["sf1234567890123", "YT-1"]}, KNOWN_FIELDS)
    assert values["tracking_numbers"] == ["SF1234567890123"]
    assert [p.value for p in problems] == ["YT-1"]


def test_texts_are_trimmed_and_an_overlong_text_is_reported():
    values, problems = normalise({"notes": "  ok \r\n\r\n\r\n\r\nmore  ", "statement": "x" * 5000},
                                 KNOWN_FIELDS)
    assert values["notes"] == "ok\n\nmore"
    assert [(p.field, p.code) for p in problems] == [("statement", "too_long")]


def test_empty_values_are_dropped_and_other_templates_fields_kept():
    values, _ = normalise({"notes": "  ", "order_ids": "", "licence": "kept",
                           "_generated_sha256": "abc"}, {"notes": KNOWN_FIELDS["notes"],
                                                        "order_ids": KNOWN_FIELDS["order_ids"]})
    assert values == {"licence": "kept", "_generated_sha256": "abc"}


def test_command_line_assignments_replace_add_and_clear():
    stored = {"order_ids": ["3561234567890123456"], "notes": "old", "logistics_company": "中通"}
    result = apply_assignments(stored, [
        ("order_ids", "3561234567890123457"), ("order_ids", "3561234567890123458"),
        ("notes", ""), ("chat_excerpts", "买家：好的, 谢谢"), ("chat_excerpts", "第二段"),
        ("logistics_company", "圆通"), ("logistics_company", "顺丰速运"),
    ], KNOWN_FIELDS, add_file=_no_files)
    assert result == {
        "order_ids": ["3561234567890123457", "3561234567890123458"],
        "chat_excerpts": ["买家：好的, 谢谢", "第二段"],  # a sentence is never split at commas
        "logistics_company": "顺丰速运",  # the last value wins
    }
    assert stored["notes"] == "old"  # the input is not changed


def test_unknown_fields_and_bad_values_are_all_reported_at_once():
    with pytest.raises(EvidenceError) as caught:
        apply_assignments({}, [("order_id", "1"), ("order_ids", "12x"),
                               ("tracking_numbers", "!")], KNOWN_FIELDS, add_file=_no_files)
    codes = [(p.field, p.code) for p in caught.value.problems]
    assert codes == [("order_id", "unknown_field"), ("order_ids", "bad_format"),
                     ("tracking_numbers", "bad_format")]
    assert "known: " in caught.value.problems[0].message


@pytest.mark.parametrize("text", ["order_ids", "=1", "Order IDs=1", "1abc=2"])
def test_an_assignment_must_be_key_equals_value(text):
    with pytest.raises(EvidenceError):
        parse_assignment(text)


def test_an_assignment_value_may_contain_equals_signs():
    assert parse_assignment("notes=a=b") == ("notes", "a=b")


# --- files ---------------------------------------------------------------------------------

def test_a_file_is_copied_into_the_profile_with_its_sha256(tmp_path, profile):
    source = tmp_path / "进货发票 2026-10.pdf"
    source.write_bytes(PDF)
    record = import_file(profile, 7, source)
    assert record["name"] == "进货发票 2026-10.pdf"
    assert record["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert record["size"] == len(PDF)
    stored = profile / record["path"]
    assert stored.read_bytes() == PDF
    assert stored.parent == profile / "evidence" / "notice-7"
    # the original may change or go; the appeal keeps citing the copy
    source.write_bytes(PDF + b"changed")
    assert verify_files(profile, "invoices", [record]) == []
    # adding the same content again stores it once
    again = tmp_path / "copy.pdf"
    again.write_bytes(PDF)
    assert import_file(profile, 7, again)["sha256"] == record["sha256"]
    assert len([p for p in stored.parent.iterdir() if not p.name.startswith(".")]) == 2


def test_a_changed_or_deleted_stored_copy_is_detected(tmp_path, profile):
    source = tmp_path / "auth.png"
    source.write_bytes(PNG)
    record = import_file(profile, 1, source)
    stored = profile / record["path"]
    stored.write_bytes(PNG + b"tampered")
    assert [p.code for p in verify_files(profile, "brand_authorisations", [record])] == [
        "file_changed"]
    stored.unlink()
    assert [p.code for p in validate({"brand_authorisations": [record]}, KNOWN_FIELDS,
                                     profile=profile)] == ["file_missing"]


@pytest.mark.parametrize(("name", "content", "code"), [
    ("invoice.pdf", b"this is not a pdf at all", "file_content"),
    ("photo.jpg", PNG, "file_content"),
    ("script.exe", b"MZ" + b"x" * 10, "file_type"),
    ("empty.pdf", b"", "file_empty"),
])
def test_files_of_the_wrong_type_or_content_are_refused(tmp_path, profile, name, content, code):
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(EvidenceError) as caught:
        import_file(profile, 1, source)
    assert caught.value.problems[0].code == code
    folder = profile / "evidence" / "notice-1"
    assert not folder.exists() or list(folder.iterdir()) == []  # nothing half-copied


def test_a_missing_file_is_reported(profile):
    with pytest.raises(EvidenceError) as caught:
        import_file(profile, 1, Path("/no/such/invoice.pdf"))
    assert caught.value.problems[0].code == "file_missing"


def test_file_assignments_copy_each_file(tmp_path, profile):
    first, second = tmp_path / "a.pdf", tmp_path / "b.png"
    first.write_bytes(PDF)
    second.write_bytes(PNG)
    result = apply_assignments({}, [("invoices", str(first)), ("invoices", str(second))],
                               KNOWN_FIELDS, add_file=lambda p: import_file(profile, 3, p))
    assert [r["name"] for r in result["invoices"]] == ["a.pdf", "b.png"]
    assert all((profile / r["path"]).is_file() for r in result["invoices"])
