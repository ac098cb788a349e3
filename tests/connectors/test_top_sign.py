"""Known-answer tests for TOP request signing and timestamps.

The expected digests are computed here independently (hashlib/hmac over a signing string
written out by hand) and also pinned as hex constants, so a change in either the
concatenation rule or the hashing is caught."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta, timezone

import pytest

from shopwatch.connectors.top_sign import (
    GMT8,
    format_timestamp,
    parse_timestamp,
    sign,
    signing_string,
)

SECRET = "helloworld"


def _params(sign_method: str) -> dict[str, str]:
    return {
        "method": "taobao.item.seller.get",
        "app_key": "12345678",
        "session": "test",
        "timestamp": "2016-01-01 12:00:00",
        "format": "json",
        "v": "2.0",
        "sign_method": sign_method,
        "fields": "num_iid,title,nick,price,num",
        "num_iid": "11223344",
    }


MD5_STRING = (
    "app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.get"
    "num_iid11223344sessiontestsign_methodmd5timestamp2016-01-01 12:00:00v2.0"
)
HMAC_STRING = (
    "app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.get"
    "num_iid11223344sessiontestsign_methodhmactimestamp2016-01-01 12:00:00v2.0"
)
HMAC_SHA256_STRING = (
    "app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.get"
    "num_iid11223344sessiontestsign_methodhmac-sha256timestamp2016-01-01 12:00:00v2.0"
)

# Computed once with the independent formulas below and pasted.
MD5_SIGN = "66987CB115214E59E6EC978214934FB8"
HMAC_SIGN = "D56D7858309C31B6251083A874D48273"
HMAC_SHA256_SIGN = "04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8"


def test_signing_string_is_sorted_key_value_concatenation() -> None:
    assert signing_string(_params("md5")) == MD5_STRING
    assert signing_string(_params("hmac")) == HMAC_STRING
    assert signing_string(_params("hmac-sha256")) == HMAC_SHA256_STRING


def test_md5_vector() -> None:
    key = SECRET.encode()
    independent = hashlib.md5(key + MD5_STRING.encode() + key).hexdigest().upper()
    assert independent == MD5_SIGN
    assert sign(_params("md5"), SECRET, "md5") == MD5_SIGN


def test_hmac_md5_vector() -> None:
    independent = hmac.new(SECRET.encode(), HMAC_STRING.encode(), hashlib.md5).hexdigest().upper()
    assert independent == HMAC_SIGN
    assert sign(_params("hmac"), SECRET, "hmac") == HMAC_SIGN


def test_hmac_sha256_vector() -> None:
    independent = (
        hmac.new(SECRET.encode(), HMAC_SHA256_STRING.encode(), hashlib.sha256).hexdigest().upper()
    )
    assert independent == HMAC_SHA256_SIGN
    assert sign(_params("hmac-sha256"), SECRET, "hmac-sha256") == HMAC_SHA256_SIGN


def test_default_method_is_md5() -> None:
    assert sign(_params("md5"), SECRET) == MD5_SIGN


def test_sign_parameter_itself_is_ignored() -> None:
    params = {**_params("md5"), "sign": "WHATEVER"}
    assert sign(params, SECRET) == MD5_SIGN


def test_empty_values_are_dropped() -> None:
    params = {**_params("md5"), "partner_id": "", "simplify": None}
    assert signing_string(params) == MD5_STRING
    assert sign(params, SECRET) == MD5_SIGN


def test_zero_is_not_empty() -> None:
    assert signing_string({"b": 0, "a": "x"}) == "axb0"


def test_utf8_chinese_values() -> None:
    params = {"title": "Wool coat 羊毛大衣", "q": "真丝围巾", "empty": ""}
    expected_string = "q真丝围巾titleWool coat 羊毛大衣"
    assert signing_string(params) == expected_string
    key = b"secret"
    independent = hashlib.md5(key + expected_string.encode("utf-8") + key).hexdigest().upper()
    assert independent == "4044E2EF24E8C51588BC579CFDA65DA5"
    assert sign(params, "secret") == "4044E2EF24E8C51588BC579CFDA65DA5"


def test_keys_sort_by_ascii() -> None:
    # Upper case sorts before lower case, "_" (0x5F) between them.
    assert signing_string({"b": "1", "B": "2", "a_b": "3", "ab": "4"}) == "B2a_b3ab4b1"


def test_unknown_sign_method_is_refused() -> None:
    with pytest.raises(ValueError, match="sign_method"):
        sign(_params("md5"), SECRET, "sha1")


def test_format_timestamp_converts_to_gmt8() -> None:
    assert format_timestamp(datetime(2016, 1, 1, 4, 0, 0, tzinfo=timezone.utc)) == (
        "2016-01-01 12:00:00"
    )
    # Crossing midnight into the next day in GMT+8.
    assert format_timestamp(datetime(2023, 12, 31, 20, 30, 5, tzinfo=timezone.utc)) == (
        "2024-01-01 04:30:05"
    )
    other = timezone(timedelta(hours=-5))
    assert format_timestamp(datetime(2016, 1, 1, 0, 0, 0, tzinfo=other)) == "2016-01-01 13:00:00"


def test_format_timestamp_treats_naive_as_utc() -> None:
    assert format_timestamp(datetime(2016, 1, 1, 4, 0, 0)) == "2016-01-01 12:00:00"


def test_parse_timestamp_text_form_is_gmt8() -> None:
    moment = parse_timestamp("2016-01-01 12:00:00")
    assert moment == datetime(2016, 1, 1, 4, 0, 0, tzinfo=timezone.utc)
    assert moment.utcoffset() == timedelta(hours=8)
    assert moment.tzinfo == GMT8


def test_parse_timestamp_epoch_milliseconds() -> None:
    assert parse_timestamp("1451620800000") == datetime(2016, 1, 1, 4, 0, tzinfo=timezone.utc)
    assert parse_timestamp(" 1451620800000 ") == datetime(2016, 1, 1, 4, 0, tzinfo=timezone.utc)


def test_timestamp_round_trip() -> None:
    now = datetime.now(timezone.utc).replace(microsecond=0)
    assert parse_timestamp(format_timestamp(now)) == now


def test_parse_timestamp_rejects_garbage() -> None:
    with pytest.raises(ValueError):
        parse_timestamp("yesterday")
