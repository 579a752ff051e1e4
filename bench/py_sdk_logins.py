"""N logins through the official Python SDK (PyPI `genauth`), client CPU per login.

    python bench/py_sdk_logins.py URL N [--pooled]

Calls AuthenticationClient.sign_in_by_account_password exactly as documented, against the
in-repo server at URL (app id `fake-app-id`, secret `fake-app-secret`, client_secret_post).
The SDK sends no `options` (a top-level None is dropped by the SDK) and a plaintext password
(it has no password encryption), so the request is accepted by the strict server as is.

As shipped, the SDK calls `requests.request(...)`, which opens a new Session, and so a new TCP
connection, for every call. `--pooled` replaces `requests.request` with one shared
`requests.Session().request` (keep-alive), the best case for the Python SDK.

Prints one line: `python ... py_cpu_us_per_login=X` (time.process_time deltas over N logins,
after 20 warm-up logins).
"""
import sys
import time

import requests

from genauth.AuthenticationClient import AuthenticationClient


def main():
    url, n = sys.argv[1], int(sys.argv[2])
    pooled = "--pooled" in sys.argv[3:]
    if pooled:
        session = requests.Session()
        import genauth.http.AuthenticationHttpClient as m

        m.requests.request = session.request  # the module object is `requests` itself
    client = AuthenticationClient(
        app_id="fake-app-id", app_secret="fake-app-secret", app_host=url
    )

    def login():
        r = client.sign_in_by_account_password("alice", "Passw0rd!")
        if r.get("statusCode") != 200 or not r.get("data", {}).get("access_token"):
            raise SystemExit("login failed: %r" % {k: r.get(k) for k in ("statusCode", "apiCode", "message")})

    for _ in range(20):
        login()
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in range(n):
        login()
    c1, w1 = time.process_time(), time.perf_counter()
    print(
        "python mode=none%s n=%d wall_us_per_login=%.1f py_cpu_us_per_login=%.1f"
        % (" pooled" if pooled else "", n, (w1 - w0) * 1e6 / n, (c1 - c0) * 1e6 / n)
    )


if __name__ == "__main__":
    main()
