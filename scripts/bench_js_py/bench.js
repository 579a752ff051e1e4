// Times password encryption in npm sm-crypto (SM2, js5 layout: doEncrypt(pw, key, 1)) and
// node:crypto (RSA PKCS#1 v1.5, OpenSSL) on this machine. Run through bench.sh.
//   node bench.js [N_SM2] [N_RSA]     iterations per operation (defaults 100 and 2000)
'use strict'
const path = require('path')
const crypto = require('crypto')
const fs = require('fs')

const interop = path.join(__dirname, '..', 'interop', 'node_modules')
const PASSWORD = 'S3cure-passw0rd' // same 15 bytes as genauth-client/benches/crypto.rs
const SM2_KEY = '042bc07187cc3bdcfe63b37902eead6dc400734d386e8e2be05d26159bce3259ae602c608052204079e5f49c12ef3296df8ceeff6314b45e2cf110dd58e96a47e4'
const RSA1024 = `-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC4xKeUgQ+Aoz7TLfAfs9+paePb
5KIofVthEopwrXFkp8OCeocaTHt9ICjTT2QeJh6cZaDaArfZ873GPUn00eOIZ7Ae
+TiA2BKHbCvloW3w5Lnqm70iSsUi5Fmu9/2+68GZRH9L7Mlh8cFksCicW2Y2W2uM
GKl64GDcIq3au+aqJQIDAQAB
-----END PUBLIC KEY-----
`
const keys = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'genauth-client', 'tests', 'vectors', 'keys.json'), 'utf8'))
const RSA2048 = keys.rsa2048.public_pem

function time (name, n, fn) {
  for (let i = 0; i < Math.min(20, n); i++) fn() // warm-up (JIT)
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < n; i++) fn()
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n
  console.log(`${name.padEnd(44)} ${us.toFixed(1).padStart(10)} µs/op  (N=${n})`)
}

const nSm2 = parseInt(process.argv[2] || '100', 10)
const nRsa = parseInt(process.argv[3] || '2000', 10)
for (const [label, pkg] of [['sm-crypto 0.3.13', 'sm-crypto'], ['sm-crypto 0.5.8', 'sm-crypto-0.5']]) {
  const sm2 = require(path.join(interop, pkg)).sm2
  time(`node   ${label} sm2 encrypt (c1c3c2)`, nSm2, () => sm2.doEncrypt(PASSWORD, SM2_KEY, 1))
}
const rsa = (pem) => () => crypto.publicEncrypt({ key: pem, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.from(PASSWORD)).toString('base64')
const k1024 = crypto.createPublicKey(RSA1024)
const k2048 = crypto.createPublicKey(RSA2048)
time(`node   node:crypto (OpenSSL ${process.versions.openssl}) rsa1024`, nRsa, rsa(k1024))
time(`node   node:crypto (OpenSSL ${process.versions.openssl}) rsa2048`, nRsa, rsa(k2048))
