"""The evidence ledger's pack format (store/ledger_pack.py): records round-trip byte for byte,
a pack names its preset dictionary so packs written with an older one still decode, and a
damaged pack is refused, never half read."""

from __future__ import annotations

import hashlib
import zlib

import pytest

from shopwatch.store import ledger_pack

TEXTS = [b'{"raw":{"num_iid":1,"title":"\\u771f\\u4e1d"}}', b"", b"\x00\xff" * 40,
         b'{"normalised":{"listing_id":"B0","status":"active"}}']


def test_texts_round_trip_in_order():
    assert ledger_pack.unpack(ledger_pack.pack(TEXTS)) == TEXTS
    with pytest.raises(ValueError):
        ledger_pack.pack([])


def test_similar_records_cost_a_fraction_of_one_zlib_stream_each():
    texts = [(b'{"raw":{"approve_status":"onsale","cid":50008%03d,"nick":"shop","num":%d,'
              b'"num_iid":6000000%05d,"price":"%d.90","title":"\\u771f\\u4e1d %d"}}')
             % (i % 40, i % 300, i, 19 + i, i) for i in range(128)]
    alone = sum(len(zlib.compress(t, 6)) for t in texts)
    assert len(ledger_pack.pack(texts)) * 4 < alone


def test_a_pack_written_with_an_older_dictionary_still_decodes(monkeypatch):
    old = ledger_pack.pack(TEXTS)
    newer = b'"a newer dictionary":' + ledger_pack.CURRENT
    monkeypatch.setitem(ledger_pack.DICTIONARIES, zlib.adler32(newer), newer)
    monkeypatch.setattr(ledger_pack, "CURRENT", newer)
    new = ledger_pack.pack(TEXTS)
    assert new[2:6] != old[2:6]  # each stream names its own dictionary
    assert ledger_pack.unpack(old) == ledger_pack.unpack(new) == TEXTS
    monkeypatch.delitem(ledger_pack.DICTIONARIES, zlib.adler32(newer))
    with pytest.raises(ledger_pack.Unreadable, match="dictionary"):
        ledger_pack.unpack(new)


@pytest.mark.parametrize("damage", [
    lambda b: b[:-3], lambda b: b + b"x", lambda b: b[:10] + bytes([b[10] ^ 0x40]) + b[11:],
    lambda b: b"", lambda b: b"not zlib at all",
], ids=["truncated", "padded", "bit-flipped", "empty", "garbage"])
def test_a_damaged_pack_is_refused(damage):
    with pytest.raises(ledger_pack.Unreadable):
        ledger_pack.unpack(damage(ledger_pack.pack(TEXTS)))


def test_a_pack_whose_lengths_lie_is_refused():
    body = zlib.compress(b"\x02\x00\x00\x00\x05\x00\x00\x00\x09\x00\x00\x00abc")
    with pytest.raises(ledger_pack.Unreadable, match="lengths"):
        ledger_pack.unpack(body)


def test_a_record_stored_alone_in_schema_10s_layout_decodes():
    assert ledger_pack.single(zlib.compress(TEXTS[0], 6)) == TEXTS[0]


def test_hashes_are_stored_as_bytes_and_anything_else_as_written():
    digest = hashlib.sha256(b"x").hexdigest()
    assert ledger_pack.hash_key(digest) == bytes.fromhex(digest)
    assert ledger_pack.hash_text(ledger_pack.hash_key(digest)) == digest
    for odd in (None, "x", digest.upper(), digest + "0", digest[:-1] + "g"):
        assert ledger_pack.hash_key(odd) == odd
        assert ledger_pack.hash_text(odd) == odd
