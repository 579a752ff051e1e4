#!/usr/bin/env python3
"""Regenerates genauth-client/tests/vectors/{sm2,rsa}.json: ciphertexts made by third-party
implementations (gmssl, sm-crypto 0.3.13 and 0.5.8, OpenSSL, cryptography, node:crypto) for the
test keys in tests/vectors/keys.json. `cargo test --test interop` then checks that our decryption
(genauth_fake::crypto) recovers every plaintext, with no tool installed.

    bash scripts/interop/install.sh
    scripts/interop/.venv/bin/python scripts/interop/gen_vectors.py

Every ciphertext is cross-checked before it is written: decrypted by a *different* tool than the
one that made it, and the text compared. The ciphertexts are random, so a rerun changes the files.
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import py_interop as py  # noqa: E402

VECTORS = os.path.join(HERE, "..", "..", "genauth-client", "tests", "vectors")

TEXTS = ["passw0rd", "Pässwörd-密码-🔑", " spaces & \"quotes\" \\ back\\slash "]


def node_batch(requests):
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests)
    r = subprocess.run(["node", os.path.join(HERE, "node_interop.js"), "batch"], input=lines.encode("utf-8"),
                       capture_output=True, check=True)
    answers = [json.loads(l) for l in r.stdout.decode("utf-8").splitlines() if l.strip()]
    assert len(answers) == len(requests), r.stderr
    out = []
    for req, a in zip(requests, answers):
        if not a["ok"]:
            raise SystemExit("node %s failed: %s" % (req["op"], a["error"]))
        out.append(a["result"])
    return out


def main():
    keys = json.load(open(os.path.join(VECTORS, "keys.json"), encoding="utf-8"))
    nv = json.loads(subprocess.run(["node", os.path.join(HERE, "node_interop.js"), "versions"],
                                   capture_output=True, check=True).stdout)
    pv = py.versions()
    tools = {
        "gmssl": "gmssl " + pv["gmssl"],
        "sm-crypto": "sm-crypto " + nv["sm-crypto"],
        "sm-crypto-0.5": "sm-crypto " + nv["sm-crypto-0.5"],
        "openssl": pv["openssl"].split(" (")[0],
        "cryptography": "cryptography " + pv["cryptography"],
        "node-crypto": "node %s (OpenSSL %s)" % (nv["node"], nv["openssl"]),
    }

    # --- SM2 ---
    sm2_cases = []
    for key_name in ("sm2_fixed", "sm2_b"):
        k = keys[key_name]
        assert py.sm2_public_from_secret(k["secret_hex"]) == k["public_hex"], key_name
        for layout in py.LAYOUTS:
            reqs = [{"op": "sm2-encrypt", "lib": lib, "layout": layout, "key": k["public_hex"], "text": t}
                    for lib in ("sm-crypto", "sm-crypto-0.5") for t in TEXTS]
            node_cts = node_batch(reqs)
            for req, ct in zip(reqs, node_cts):
                sm2_cases.append((key_name, layout, req["lib"], req["text"], ct))
            for t in TEXTS:
                sm2_cases.append((key_name, layout, "gmssl", t, py.sm2_encrypt(layout, k["public_hex"], t)))
                sm2_cases.append((key_name, layout, "openssl", t, py.openssl_sm2_encrypt(layout, k["public_hex"], t)))
    # cross-check: gmssl decrypts what the others made, sm-crypto what gmssl made
    checks = []
    for key_name, layout, tool, text, ct in sm2_cases:
        sk = keys[key_name]["secret_hex"]
        if tool == "gmssl":
            checks.append(({"op": "sm2-decrypt", "layout": layout, "key": sk, "data": ct}, text))
        else:
            got = py.sm2_decrypt(layout, sk, ct)
            assert got == text, (tool, layout, got, text)
    for got, (_, text) in zip(node_batch([c for c, _ in checks]), checks):
        assert got == text, (got, text)

    sm2 = {
        "comment": "SM2 ciphertexts in wire form made by third-party tools for the keys in keys.json. "
                   "layout c1c3c2 = js5 (hex X||Y||C3||C2 over the UTF-8 text); mobile = ios3/android3 "
                   "(hex 04||X||Y||C2||C3 over base64 of the UTF-8 text). How each tool was driven: "
                   "scripts/interop/py_interop.py and node_interop.js. Regenerate: scripts/interop/gen_vectors.py",
        "tools": {t: tools[t] for t in ("gmssl", "sm-crypto", "sm-crypto-0.5", "openssl")},
        "cases": [{"key": kn, "layout": lay, "tool": tools[tool], "plaintext": text, "ciphertext": ct}
                  for kn, lay, tool, text, ct in sm2_cases],
    }

    # --- RSA ---
    rsa_cases = []
    for key_name in ("rsa1024_fixed", "rsa2048"):
        k = keys[key_name]
        longest = "L" * (k["bits"] // 8 - 11)
        texts = TEXTS + [longest]
        for t in texts:
            rsa_cases.append((key_name, "cryptography", t, py.rsa_encrypt(k["public_pem"], t)))
            rsa_cases.append((key_name, "openssl", t, py.openssl_rsa_encrypt(k["public_pem"], t)))
        for t, ct in zip(texts, node_batch([{"op": "rsa-encrypt", "key": k["public_pem"], "text": t} for t in texts])):
            rsa_cases.append((key_name, "node-crypto", t, ct))
    for key_name, tool, text, ct in rsa_cases:
        sk = keys[key_name]["private_pem"]
        got = py.openssl_rsa_decrypt(sk, ct) if tool == "cryptography" else py.rsa_decrypt(sk, ct)
        assert got == text, (tool, got, text)

    rsa = {
        "comment": "RSAES-PKCS1-v1_5 ciphertexts (standard base64) of the UTF-8 text made by third-party "
                   "tools for the keys in keys.json; the longest text is the key's limit (k - 11 bytes). "
                   "Regenerate: scripts/interop/gen_vectors.py",
        "tools": {t: tools[t] for t in ("cryptography", "openssl", "node-crypto")},
        "cases": [{"key": kn, "tool": tools[tool], "plaintext": text, "ciphertext": ct}
                  for kn, tool, text, ct in rsa_cases],
    }

    for name, doc in (("sm2.json", sm2), ("rsa.json", rsa)):
        with open(os.path.join(VECTORS, name), "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=2, ensure_ascii=False)
            f.write("\n")
        print("wrote %s: %d cases" % (name, len(doc["cases"])))


if __name__ == "__main__":
    main()
