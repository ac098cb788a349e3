"""A shop's secrets are filed under its name: saving stores what is given, keeps what is not,
and a rename carries the stored ones over and forgets the old name's (both shop editors and
the Amazon one use ``credentials.save_shop_secrets``)."""

from __future__ import annotations

import pytest

from shopwatch.credentials import (
    APP_SECRET,
    SESSION,
    CredentialError,
    get_secret,
    save_shop_secrets,
)


def test_a_rename_carries_the_stored_secrets_over(memory_keyring):
    save_shop_secrets("old", {APP_SECRET: "s3cret", SESSION: "sess"})
    save_shop_secrets("new", {APP_SECRET: "", SESSION: "sess-2"}, renamed_from="old")
    assert get_secret("new", APP_SECRET).value == "s3cret"  # not given: carried over
    assert get_secret("new", SESSION).value == "sess-2"  # given anew
    with pytest.raises(CredentialError):
        get_secret("old", APP_SECRET)


def test_an_empty_secret_leaves_the_stored_one(memory_keyring):
    save_shop_secrets("shop", {APP_SECRET: "a", SESSION: "b"})
    save_shop_secrets("shop", {APP_SECRET: "", SESSION: ""})
    assert get_secret("shop", APP_SECRET).value == "a"
    assert get_secret("shop", SESSION).value == "b"
