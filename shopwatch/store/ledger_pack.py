"""How the evidence ledger's records sit in the file (migration 0012_ledger_packs).

A record is the canonical JSON text monitor/ledger.py hashes. Records first stored by the same
run are compressed together, up to ``PACK_RECORDS`` at a time, into one *pack*: similar JSON
compresses far better together than one record at a time (a year of a 10,000-listing shop:
~25 bytes a record instead of ~200). A pack is a zlib stream of::

    count (uint32 LE) | count lengths (uint32 LE) | the texts, one after another

compressed with a preset dictionary of the words every source's records share. zlib writes the
dictionary's Adler-32 in the stream's header, so a pack names the dictionary it needs: a new
dictionary is added to ``DICTIONARIES``, never changed, and every pack written with an older one
still decodes. Record hashes are stored as their 32 raw bytes; anything that is not a 64-digit
lowercase hex digest (only tampering writes one) is stored as the text it is, so ``verify``
still sees exactly what was written."""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Sequence

#: records compressed together at most (a look-up decompresses one pack: ~40 KB)
PACK_RECORDS = 128
#: zlib's level for new packs. Any level decodes alike (it is no part of the format); 6 takes
#: half of 9's time on a first sync's 20,000 records for 2 % more bytes (memLevel 9 over 8
#: bought nothing measurable on these texts either)
LEVEL = 6
#: zlib's level for the packs of a first sync (every listing's record at once, 20,000 of them
#: for a large shop), compressed while its transaction waits: level 1 takes under half of 6's
#: time on such a run for about a fifth more bytes (1.57 MB instead of 1.28 MB on the
#: benchmark's 20,000 TOP records); a daily run's few records keep LEVEL
BULK_LEVEL = 1

# The words the ledger's records share whatever the shop: the document's own keys, TOP item
# fields and list names, the normalised fields of a source without raw records, statuses.
# zlib reaches the end of a dictionary most cheaply, so the commonest words come last.
_DICTIONARY_V1 = (
    '"asin":"issues":"search_status":"normal","modified":"currency":"CNY","category":'
    '"quantity":"url":"https://item.taobao.com/item.htm?id=","listing_id":"status":"active",'
    '{"normalised":{"taobao.item.seller.get approve_status=taobao.items.inventory.get banner='
    'violation_off_shelf","taobao.items.onsale.get","detail_url":"list_time":"delist_time":'
    '"modified":"nick":"approve_status":"instock","approve_status":"onsale","cid":'
    '"num":"num_iid":"outer_id":"pic_url":"https://img.alicdn.com/imgextra/'
    '"pic_url":"https://img.alicdn.com/bao/uploaded/"price":"title":"}},"via":"'
    '{"raw":{"approve_status":"onsale","cid":'
).encode("ascii")

#: Adler-32 of a dictionary (as a zlib header names it) -> the dictionary
DICTIONARIES: dict[int, bytes] = {zlib.adler32(_DICTIONARY_V1): _DICTIONARY_V1}
#: the dictionary new packs are written with
CURRENT = _DICTIONARY_V1

_HEX_DIGEST = re.compile(r"[0-9a-f]{64}")


class Unreadable(ValueError):
    """A stored pack or record that cannot be decoded (damaged or tampered with)."""


def hash_key(digest: str | bytes | None) -> bytes | str | None:
    """A record hash as stored: its 32 bytes, or, if it is no hex digest, the text itself.
    Bytes are taken as already stored (the digest the ledger computed, never converted)."""
    if type(digest) is bytes:
        return digest
    if digest is None or not _HEX_DIGEST.fullmatch(digest):  # type: ignore[arg-type]
        return digest
    return bytes.fromhex(digest)


def hash_text(stored: bytes | str | None) -> str | None:
    """A stored record hash back as the hex digest the chain hashes."""
    if isinstance(stored, bytes):
        return stored.hex()
    return stored


def pack(texts: Sequence[bytes], level: int = LEVEL) -> bytes:
    if not texts:
        raise ValueError("an empty pack")
    head = struct.pack(f"<{len(texts) + 1}I", len(texts), *map(len, texts))
    compressor = zlib.compressobj(level, zlib.DEFLATED, 15, 8, zlib.Z_DEFAULT_STRATEGY,
                                  zdict=CURRENT)
    return compressor.compress(head + b"".join(texts)) + compressor.flush()


def _inflate(body: bytes) -> bytes:
    if len(body) < 6:
        raise Unreadable("too short for a zlib stream")
    if body[1] & 0x20:  # FDICT: the stream names its preset dictionary by Adler-32
        dictionary = DICTIONARIES.get(int.from_bytes(body[2:6], "big"))
        if dictionary is None:
            raise Unreadable("compressed with a dictionary this version does not know")
        inflater = zlib.decompressobj(zdict=dictionary)
    else:
        inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(body) + inflater.flush()
    except zlib.error as exc:
        raise Unreadable(f"not a zlib stream ({exc})") from exc
    if not inflater.eof or inflater.unused_data:
        raise Unreadable("a truncated or padded zlib stream")
    return data


def unpack(body: bytes) -> list[bytes]:
    """The texts of a pack, in order; ``Unreadable`` if it does not decode whole."""
    data = _inflate(body)
    if len(data) < 4:
        raise Unreadable("a pack without its count")
    (count,) = struct.unpack_from("<I", data)
    start = 4 * (count + 1)
    if start > len(data):
        raise Unreadable("a pack shorter than its lengths say")
    lengths = struct.unpack_from(f"<{count}I", data, 4)
    if start + sum(lengths) != len(data):
        raise Unreadable("a pack whose texts do not add up to its lengths")
    out = []
    for length in lengths:
        out.append(data[start:start + length])
        start += length
    return out


def single(body: bytes) -> bytes:
    """A record stored alone (schema 10's layout: one zlib stream per record)."""
    return _inflate(body)
