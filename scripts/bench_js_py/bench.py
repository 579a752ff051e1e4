"""Times password encryption in PyPI gmssl (SM2, CryptSM2(mode=1), pure Python) and cryptography
(RSA PKCS#1 v1.5, OpenSSL) on this machine. Run through bench.sh.
    python bench.py [N_SM2] [N_RSA]      defaults 100 and 2000
"""
import base64
import json
import os
import sys
import time

from gmssl import sm2
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding
from importlib.metadata import version

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = b"S3cure-passw0rd"  # same 15 bytes as genauth-client/benches/crypto.rs
SM2_KEY = ("2bc07187cc3bdcfe63b37902eead6dc400734d386e8e2be05d26159bce3259ae"
           "602c608052204079e5f49c12ef3296df8ceeff6314b45e2cf110dd58e96a47e4")  # default key, X||Y
RSA1024 = b"""-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC4xKeUgQ+Aoz7TLfAfs9+paePb
5KIofVthEopwrXFkp8OCeocaTHt9ICjTT2QeJh6cZaDaArfZ873GPUn00eOIZ7Ae
+TiA2BKHbCvloW3w5Lnqm70iSsUi5Fmu9/2+68GZRH9L7Mlh8cFksCicW2Y2W2uM
GKl64GDcIq3au+aqJQIDAQAB
-----END PUBLIC KEY-----
"""
with open(os.path.join(HERE, "..", "..", "genauth-client", "tests", "vectors", "keys.json"), encoding="utf-8") as f:
    RSA2048 = json.load(f)["rsa2048"]["public_pem"].encode("ascii")


def bench(name, n, fn):
    for _ in range(min(10, n)):
        fn()
    t0 = time.perf_counter()
    for _ in range(n):
        fn()
    us = (time.perf_counter() - t0) * 1e6 / n
    print("%-44s %10.1f µs/op  (N=%d)" % (name, us, n), flush=True)


def main():
    n_sm2 = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    n_rsa = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    crypt = sm2.CryptSM2(private_key=None, public_key="", mode=1)
    crypt.public_key = SM2_KEY  # set after construction: see scripts/interop/py_interop.py (lstrip trap)
    bench("python gmssl %s sm2 encrypt (c1c3c2)" % version("gmssl"), n_sm2, lambda: crypt.encrypt(PASSWORD).hex())
    for label, pem in (("rsa1024", RSA1024), ("rsa2048", RSA2048)):
        key = serialization.load_pem_public_key(pem)
        bench("python cryptography %s %s" % (version("cryptography"), label), n_rsa,
              lambda: base64.b64encode(key.encrypt(PASSWORD, padding.PKCS1v15())))


if __name__ == "__main__":
    main()
