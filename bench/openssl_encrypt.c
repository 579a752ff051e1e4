/*
 * Reference numbers for the password-encryption table in docs/performance.md (issue 11):
 * libcrypto's own EVP_PKEY_encrypt for SM2 (C1C3C2, DER output) and RSA PKCS#1 v1.5 (1024,
 * 2048), one 15-byte password per call, fresh key per run. Not part of the build or of CI (needs libssl-dev):
 *
 *   cc -O2 -o /tmp/openssl_encrypt bench/openssl_encrypt.c -lcrypto && /tmp/openssl_encrypt 3
 *
 * Prints the mean time per encryption over the given number of seconds per operation.
 */
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void bench(const char *name, EVP_PKEY *pkey, int rsa_pkcs1, double seconds) {
    const unsigned char pw[] = "S3cure-passw0rd";
    unsigned char out[1024];
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
    if (!ctx || EVP_PKEY_encrypt_init(ctx) <= 0) { fprintf(stderr, "%s: init failed\n", name); exit(1); }
    if (rsa_pkcs1 && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) <= 0) { exit(1); }
    long n = 0;
    double start = now(), end = start + seconds, t;
    do {
        for (int i = 0; i < 16; i++) {
            size_t outlen = sizeof out;
            if (EVP_PKEY_encrypt(ctx, out, &outlen, pw, sizeof pw - 1) <= 0) {
                fprintf(stderr, "%s: encrypt failed\n", name);
                exit(1);
            }
        }
        n += 16;
    } while ((t = now()) < end);
    printf("%-28s %10.1f us/op  (%ld ops)\n", name, (t - start) / n * 1e6, n);
    EVP_PKEY_CTX_free(ctx);
}

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 3.0;
    EVP_PKEY *sm2 = EVP_PKEY_Q_keygen(NULL, NULL, "SM2");
    EVP_PKEY *rsa1024 = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
    EVP_PKEY *rsa2048 = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
    if (!sm2 || !rsa1024 || !rsa2048) { fprintf(stderr, "keygen failed\n"); return 1; }
    printf("%s\n", OpenSSL_version(OPENSSL_VERSION));
    bench("sm2 EVP_PKEY_encrypt", sm2, 0, seconds);
    bench("rsa1024 PKCS#1 v1.5 encrypt", rsa1024, 1, seconds);
    bench("rsa2048 PKCS#1 v1.5 encrypt", rsa2048, 1, seconds);
    return 0;
}
