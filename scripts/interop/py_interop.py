#!/usr/bin/env python3
"""Third-party reference for genauth-client's password encryption: SM2 via PyPI `gmssl`, RSA via
PyPI `cryptography` (OpenSSL). Run with the venv that install.sh creates:

    scripts/interop/.venv/bin/python scripts/interop/py_interop.py sm2-encrypt --layout c1c3c2 --key 04... --text 'pässwörd'
    scripts/interop/.venv/bin/python scripts/interop/py_interop.py sm2-decrypt --layout mobile --key <64-hex secret> --data 04...
    scripts/interop/.venv/bin/python scripts/interop/py_interop.py rsa-encrypt --key "$(cat pub.pem)" --text 'pässwörd'
    scripts/interop/.venv/bin/python scripts/interop/py_interop.py rsa-decrypt --key "$(cat priv.pem)" --data <base64>
    ... py_interop.py batch < requests.jsonl      # one JSON request per line, one JSON answer per line
    ... py_interop.py versions

The `openssl-*` ops run the OpenSSL command line (a third SM2 implementation, and a second RSA one):
    ... py_interop.py openssl-sm2-encrypt --layout c1c3c2 --key 04... --text 'pässwörd'
    ... py_interop.py openssl-sm2-decrypt --layout mobile --key <64-hex secret> --data 04...
    ... py_interop.py openssl-rsa-encrypt|openssl-rsa-decrypt ... (as rsa-*)
OpenSSL speaks SM2 ciphertexts as ASN.1 (SEQUENCE {x, y, C3, C2}); we convert to/from the wire.

Encrypt prints the ciphertext *as it goes on the wire*; decrypt prints the password, UTF-8, plus a
newline. Errors go to stderr with exit status 1.

Wire layouts (api doc 3.3) and how gmssl is driven to produce/read them:
  c1c3c2  js5 web/miniapp: SM2(UTF-8 password), hex of X||Y||C3||C2 (no 04).
          = gmssl CryptSM2(mode=1) output as is (gmssl's C1 has no 04 either).
  mobile  ios3/android3: SM2(base64(UTF-8 password)), hex of 04||X||Y||C2||C3.
          = "04" + gmssl CryptSM2(mode=0) output; on decrypt exactly two characters are cut.
gmssl traps handled here:
  - CryptSM2 defaults to mode=0 (C1C2C3) although its docstring says 1: the mode is always passed.
  - CryptSM2.__init__ does `public_key.lstrip("04")` when the key starts with "04". lstrip removes
    a *set of characters*, so for a key whose X starts with 0 or 4 digits (e.g. 0404fc75...) it
    eats part of X too; the shortened point then makes gmssl's point arithmetic fail with a
    TypeError. We therefore set `crypt.public_key` to the 128-digit X||Y *after* construction
    (passing 128 digits is not enough: X itself may start with "04"). `--naive-key` reproduces
    the bug on purpose.
  - gmssl's decrypt never compares C3 (it computes and discards it), so a wrong key or layout
    yields garbage instead of an error: we check C3 ourselves with gmssl's own sm3 and kG.
  (gmssl also draws k from `random.choice`, not a CSPRNG; irrelevant for a test oracle.)
"""

import base64
import json
import os
import subprocess
import sys
import tempfile

from gmssl import sm2 as gm_sm2
from gmssl import sm3 as gm_sm3
from Cryptodome.Util.asn1 import DerInteger, DerOctetString, DerSequence
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding

LAYOUTS = ("c1c3c2", "mobile")


def _xy128(public_hex):
    pk = public_hex.strip().lower()
    if len(pk) == 130 and pk.startswith("04"):
        return pk[2:]
    if len(pk) == 128:
        return pk
    raise ValueError("SM2 public key must be 130 hex digits (04||X||Y) or 128 (X||Y)")


def _crypt(secret_hex, public_hex, mode, naive_key=False):
    if naive_key:
        # What most gmssl users write: hand it the 04-prefixed key and let lstrip("04") "clean" it.
        return gm_sm2.CryptSM2(private_key=secret_hex, public_key=public_hex.strip().lower(), mode=mode)
    crypt = gm_sm2.CryptSM2(private_key=secret_hex, public_key="", mode=mode)
    if public_hex:
        crypt.public_key = _xy128(public_hex)  # bypass the lstrip("04") mangling
    return crypt


def _gmssl_encrypt(crypt, data):
    # GB/T 32918.4 step A5: when the KDF output t is all zeros, draw a new k and start again.
    # gmssl returns None instead (1 time in 256 for a 1-byte message), so the retry is here.
    for _ in range(64):
        ct = crypt.encrypt(data)
        if ct is not None:
            return ct
    raise RuntimeError("gmssl returned no ciphertext 64 times in a row")


def sm2_encrypt(layout, public_hex, text, naive_key=False):
    data = text.encode("utf-8")
    if layout == "c1c3c2":
        ct = _gmssl_encrypt(_crypt(None, public_hex, 1, naive_key), data)
        return ct.hex()
    if layout == "mobile":
        ct = _gmssl_encrypt(_crypt(None, public_hex, 0, naive_key), base64.b64encode(data))
        return "04" + ct.hex()
    raise ValueError("layout must be c1c3c2 or mobile")


def _check_c3(crypt, c1_hex, c2_plain, c3_hex):
    # C3 = SM3(x2 || M || y2) with (x2, y2) = d*C1, using gmssl's own primitives.
    xy = crypt._kg(int(crypt.private_key, 16), c1_hex)
    want = gm_sm3.sm3_hash(list(bytes.fromhex(xy[:64]) + c2_plain + bytes.fromhex(xy[64:128])))
    if want != c3_hex.lower():
        raise ValueError("C3 mismatch: wrong key, wrong layout, or corrupted ciphertext")


def sm2_decrypt(layout, secret_hex, data_hex):
    data_hex = data_hex.strip().lower()
    if layout == "c1c3c2":
        mode, body = 1, data_hex
    elif layout == "mobile":
        if not data_hex.startswith("04"):
            raise ValueError("mobile layout ciphertext must start with 04")
        mode, body = 0, data_hex[2:]  # cut exactly the tag, never lstrip
    else:
        raise ValueError("layout must be c1c3c2 or mobile")
    if len(body) < 128 + 64 + 2 or len(body) % 2:
        raise ValueError("SM2 ciphertext too short or odd length")
    crypt = _crypt(secret_hex, None, mode)
    plain = crypt.decrypt(bytes.fromhex(body))
    c1 = body[:128]
    c3 = body[128:192] if mode == 1 else body[-64:]
    _check_c3(crypt, c1, plain, c3)
    if layout == "mobile":
        plain = base64.b64decode(plain, validate=True)
    return plain.decode("utf-8")


def sm2_public_from_secret(secret_hex):
    crypt = gm_sm2.CryptSM2(private_key=secret_hex, public_key="", mode=1)
    return "04" + crypt._kg(int(secret_hex, 16), gm_sm2.default_ecc_table["g"])


def rsa_encrypt(public_pem, text):
    key = serialization.load_pem_public_key(public_pem.encode("ascii"))
    return base64.b64encode(key.encrypt(text.encode("utf-8"), padding.PKCS1v15())).decode("ascii")


def rsa_decrypt(private_pem, data_b64):
    key = serialization.load_pem_private_key(private_pem.encode("ascii"), password=None)
    return key.decrypt(base64.b64decode(data_b64, validate=True), padding.PKCS1v15()).decode("utf-8")


# --- OpenSSL command line -------------------------------------------------------------------------

# SubjectPublicKeyInfo prefix for an SM2 point: id-ecPublicKey, curve 1.2.156.10197.1.301, BIT STRING.
_SM2_SPKI_PREFIX = bytes.fromhex("3059301306072a8648ce3d020106082a811ccf5501822d034200")


def _openssl(args, stdin_bytes, files):
    with tempfile.TemporaryDirectory() as d:
        paths = {}
        for name, (content, binary) in files.items():
            p = os.path.join(d, name)
            with open(p, "wb" if binary else "w") as f:
                f.write(content)
            paths[name] = p
        args = [paths.get(a, a) for a in args]
        r = subprocess.run(["openssl"] + args, input=stdin_bytes, capture_output=True)
        if r.returncode != 0:
            raise ValueError("openssl %s failed: %s" % (args[0], r.stderr.decode(errors="replace").strip()[:300]))
        return r.stdout


def _sm2_public_pem(public_hex):
    der = _SM2_SPKI_PREFIX + bytes.fromhex("04" + _xy128(public_hex))
    b64 = base64.encodebytes(der).decode("ascii")
    return "-----BEGIN PUBLIC KEY-----\n%s-----END PUBLIC KEY-----\n" % b64


def _sm2_private_pem(secret_hex):
    # RFC 5915 ECPrivateKey { version 1, privateKey, [0] parameters (the SM2 curve OID) }
    d = bytes.fromhex(secret_hex.strip())
    if len(d) != 32:
        raise ValueError("SM2 secret key must be 64 hex digits")
    der = bytes.fromhex("30310201010420") + d + bytes.fromhex("a00a06082a811ccf5501822d")
    b64 = base64.encodebytes(der).decode("ascii")
    return "-----BEGIN EC PRIVATE KEY-----\n%s-----END EC PRIVATE KEY-----\n" % b64


def openssl_sm2_encrypt(layout, public_hex, text):
    data = text.encode("utf-8")
    if layout == "mobile":
        data = base64.b64encode(data)
    elif layout != "c1c3c2":
        raise ValueError("layout must be c1c3c2 or mobile")
    der = _openssl(["pkeyutl", "-encrypt", "-pubin", "-inkey", "pub.pem"], data,
                   {"pub.pem": (_sm2_public_pem(public_hex), False)})
    seq = DerSequence()
    seq.decode(der)
    x, y = int(seq[0]), int(seq[1])
    c3 = DerOctetString()
    c3.decode(seq[2])
    c2 = DerOctetString()
    c2.decode(seq[3])
    c1 = x.to_bytes(32, "big") + y.to_bytes(32, "big")
    if layout == "c1c3c2":
        return (c1 + c3.payload + c2.payload).hex()
    return "04" + (c1 + c2.payload + c3.payload).hex()


def openssl_sm2_decrypt(layout, secret_hex, data_hex):
    raw = bytes.fromhex(data_hex.strip())
    if layout == "c1c3c2":
        c1, c3, c2 = raw[:64], raw[64:96], raw[96:]
    elif layout == "mobile":
        if raw[:1] != b"\x04":
            raise ValueError("mobile layout ciphertext must start with 04")
        c1, c2, c3 = raw[1:65], raw[65:-32], raw[-32:]
    else:
        raise ValueError("layout must be c1c3c2 or mobile")
    der = DerSequence([DerInteger(int.from_bytes(c1[:32], "big")), DerInteger(int.from_bytes(c1[32:], "big")),
                       DerOctetString(c3), DerOctetString(c2)]).encode()
    plain = _openssl(["pkeyutl", "-decrypt", "-inkey", "key.pem"], der,
                     {"key.pem": (_sm2_private_pem(secret_hex), False)})
    if layout == "mobile":
        plain = base64.b64decode(plain, validate=True)
    return plain.decode("utf-8")


def openssl_rsa_encrypt(public_pem, text):
    ct = _openssl(["pkeyutl", "-encrypt", "-pubin", "-inkey", "pub.pem", "-pkeyopt", "rsa_padding_mode:pkcs1"],
                  text.encode("utf-8"), {"pub.pem": (public_pem, False)})
    return base64.b64encode(ct).decode("ascii")


def openssl_rsa_decrypt(private_pem, data_b64):
    plain = _openssl(["pkeyutl", "-decrypt", "-inkey", "key.pem", "-pkeyopt", "rsa_padding_mode:pkcs1"],
                     base64.b64decode(data_b64, validate=True), {"key.pem": (private_pem, False)})
    return plain.decode("utf-8")


def versions():
    from importlib.metadata import version
    ossl = subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.strip()
    return {"gmssl": version("gmssl"), "cryptography": version("cryptography"), "openssl": ossl}


def run(req):
    op = req["op"]
    if op == "sm2-encrypt":
        return sm2_encrypt(req["layout"], req["key"], req["text"], req.get("naive_key", False))
    if op == "sm2-decrypt":
        return sm2_decrypt(req["layout"], req["key"], req["data"])
    if op == "rsa-encrypt":
        return rsa_encrypt(req["key"], req["text"])
    if op == "rsa-decrypt":
        return rsa_decrypt(req["key"], req["data"])
    if op == "openssl-sm2-encrypt":
        return openssl_sm2_encrypt(req["layout"], req["key"], req["text"])
    if op == "openssl-sm2-decrypt":
        return openssl_sm2_decrypt(req["layout"], req["key"], req["data"])
    if op == "openssl-rsa-encrypt":
        return openssl_rsa_encrypt(req["key"], req["text"])
    if op == "openssl-rsa-decrypt":
        return openssl_rsa_decrypt(req["key"], req["data"])
    raise ValueError("unknown op %r" % op)


def _arg(argv, name):
    # Accepts --name=value and --name value. argv is re-decoded from the OS bytes as UTF-8 so a
    # non-UTF-8 locale cannot mangle passwords.
    for i, a in enumerate(argv):
        if a.startswith(name + "="):
            return a[len(name) + 1:]
        if a == name and i + 1 < len(argv):
            return argv[i + 1]
    return None


def _out(text):
    sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
    sys.stdout.buffer.flush()


def main():
    argv = [os.fsencode(a).decode("utf-8") for a in sys.argv[1:]]
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    op = argv[0]
    try:
        if op == "batch":
            for line in sys.stdin.buffer:
                if not line.strip():
                    continue
                try:
                    _out(json.dumps({"ok": True, "result": run(json.loads(line))}, ensure_ascii=False))
                except Exception as e:  # report per request, keep going
                    _out(json.dumps({"ok": False, "error": "%s: %s" % (type(e).__name__, e)}))
            return 0
        if op == "versions":
            _out(json.dumps(versions()))
            return 0
        req = {"op": op, "layout": _arg(argv, "--layout"), "key": _arg(argv, "--key"),
               "text": _arg(argv, "--text"), "data": _arg(argv, "--data"),
               "naive_key": "--naive-key" in argv}
        _out(run(req))
        return 0
    except Exception as e:
        sys.stderr.write("py_interop: %s: %s\n" % (type(e).__name__, e))
        return 1


if __name__ == "__main__":
    sys.exit(main())
