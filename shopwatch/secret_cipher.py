"""The Secret Service's encrypted transfer ("dh-ietf1024-sha256-aes128-cbc-pkcs7"): a
Diffie-Hellman key agreement in plain Python and AES-128-CBC from OpenSSL's libcrypto, the
library Python's own ``hashlib`` and ``ssl`` already load.

It replaces the ``cryptography`` package (11 MiB in the bundle) for the only thing the Linux
keychain needed it for; ``shopwatch.secret_service`` uses it."""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import hmac
import os
import secrets

#: the algorithm's name in the Secret Service specification
ALGORITHM = "dh-ietf1024-sha256-aes128-cbc-pkcs7"
#: the 1024-bit MODP group of RFC 2409 section 6.2 ("Second Oakley Group"), generator 2,
#: which the specification names for this algorithm
DH_PRIME = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879"
    "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B"
    "0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF", 16)
DH_GENERATOR = 2
_KEY_BYTES = 128  # public keys travel as 128 big-endian bytes


class CipherUnavailable(RuntimeError):
    """No libcrypto could be loaded (the session then falls back to the "plain" algorithm)."""


class KeyAgreement:
    """One side of the session's Diffie-Hellman exchange; ``aes_key`` once the peer's public
    key is known (HKDF-SHA256, zero salt, empty info, 16 bytes: the specification's choice)."""

    def __init__(self) -> None:
        self._private = secrets.randbits(_KEY_BYTES * 8) | 1
        self.public_key = pow(DH_GENERATOR, self._private, DH_PRIME).to_bytes(_KEY_BYTES, "big")

    def aes_key(self, peer_public_key: bytes) -> bytes:
        peer = int.from_bytes(peer_public_key, "big")
        if not 1 < peer < DH_PRIME - 1:
            raise ValueError("the Secret Service sent an invalid public key")
        shared = pow(peer, self._private, DH_PRIME).to_bytes(_KEY_BYTES, "big")
        prk = hmac.new(b"\0" * 32, shared, hashlib.sha256).digest()  # HKDF extract
        return hmac.new(prk, b"\x01", hashlib.sha256).digest()[:16]  # HKDF expand, one block


def _find_libcrypto() -> str | None:
    """The libcrypto this process already has (through ``_hashlib``), else the system's."""
    try:
        import _hashlib  # noqa: F401 - loads libcrypto where Python links it dynamically
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            for line in maps:
                path = line.rstrip("\n").partition("/")[2]
                if path and os.path.basename(path).startswith("libcrypto.so"):
                    return "/" + path
    except (ImportError, OSError):
        pass
    return ctypes.util.find_library("crypto")


_lib: ctypes.CDLL | None = None


def _libcrypto() -> ctypes.CDLL:
    global _lib
    if _lib is None:
        path = _find_libcrypto()
        if not path:
            raise CipherUnavailable("OpenSSL's libcrypto was not found")
        try:
            lib = ctypes.CDLL(path)
        except OSError as exc:
            raise CipherUnavailable(f"OpenSSL's libcrypto could not be loaded: {exc}") from None
        vp, cp, ip = ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)
        lib.EVP_CIPHER_CTX_new.restype = vp
        lib.EVP_CIPHER_CTX_free.argtypes = [vp]
        lib.EVP_aes_128_cbc.restype = vp
        for name in ("EVP_EncryptInit_ex", "EVP_DecryptInit_ex"):
            getattr(lib, name).argtypes = [vp, vp, vp, cp, cp]
        for name in ("EVP_EncryptUpdate", "EVP_DecryptUpdate"):
            getattr(lib, name).argtypes = [vp, cp, ip, cp, ctypes.c_int]
        for name in ("EVP_EncryptFinal_ex", "EVP_DecryptFinal_ex"):
            getattr(lib, name).argtypes = [vp, cp, ip]
        _lib = lib
    return _lib


def available() -> bool:
    try:
        _libcrypto()
    except CipherUnavailable:
        return False
    return True


def _aes_cbc(encrypt: bool, key: bytes, iv: bytes, data: bytes) -> bytes:
    """AES-128-CBC with PKCS#7 padding (EVP's default), one call."""
    if len(key) != 16 or len(iv) != 16:
        raise ValueError("AES-128-CBC needs a 16-byte key and a 16-byte IV")
    lib = _libcrypto()
    op = "Encrypt" if encrypt else "Decrypt"
    ctx = lib.EVP_CIPHER_CTX_new()
    if not ctx:
        raise MemoryError("EVP_CIPHER_CTX_new failed")
    try:
        out = ctypes.create_string_buffer(len(data) + 32)
        n, tail = ctypes.c_int(0), ctypes.c_int(0)
        if getattr(lib, f"EVP_{op}Init_ex")(ctx, lib.EVP_aes_128_cbc(), None, key, iv) != 1:
            raise ValueError(f"AES {op.lower()}ion could not start")
        if getattr(lib, f"EVP_{op}Update")(ctx, out, ctypes.byref(n), data, len(data)) != 1:
            raise ValueError(f"AES {op.lower()}ion failed")
        rest = ctypes.create_string_buffer(32)
        if getattr(lib, f"EVP_{op}Final_ex")(ctx, rest, ctypes.byref(tail)) != 1:
            raise ValueError(f"AES {op.lower()}ion failed (wrong key or damaged padding)")
        return out.raw[: n.value] + rest.raw[: tail.value]
    finally:
        lib.EVP_CIPHER_CTX_free(ctx)


def encrypt(key: bytes, plaintext: bytes) -> tuple[bytes, bytes]:
    """(IV, ciphertext) for ``plaintext`` under a fresh random IV."""
    iv = os.urandom(16)
    return iv, _aes_cbc(True, key, iv, plaintext)


def decrypt(key: bytes, iv: bytes, ciphertext: bytes) -> bytes:
    return _aes_cbc(False, key, iv, ciphertext)
