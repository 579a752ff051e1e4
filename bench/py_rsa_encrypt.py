# RSA PKCS#1 v1.5 encryption through Python `cryptography` (OpenSSL), the reference for the table
# "Password-encryption speed" in docs/performance.md:  scripts/interop/.venv/bin/python bench/py_rsa_encrypt.py
import timeit
from cryptography.hazmat.primitives.asymmetric import rsa, padding
pw = b"S3cure-passw0rd"
for bits in (1024, 2048):
    pub = rsa.generate_private_key(public_exponent=65537, key_size=bits).public_key()
    pad = padding.PKCS1v15()
    n = 20000 if bits == 1024 else 10000
    t = min(timeit.repeat(lambda: pub.encrypt(pw, pad), number=n, repeat=3)) / n
    print(f"cryptography rsa{bits} encrypt: {t*1e6:.1f} us/op")
