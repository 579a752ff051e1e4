#!/usr/bin/env node
// Third-party reference for genauth-client's password encryption: SM2 via npm `sm-crypto` (the code
// Authing's js4 and @authing/miniapp-sm2encrypt ship), RSA encryption via node:crypto (OpenSSL).
// Install with install.sh, then:
//
//   node scripts/interop/node_interop.js sm2-encrypt --layout c1c3c2 --key 04... --text 'pässwörd'
//   node scripts/interop/node_interop.js sm2-decrypt --layout mobile --key <64-hex secret> --data 04...
//   node scripts/interop/node_interop.js rsa-encrypt --key "$(cat pub.pem)" --text 'pässwörd'
//   node scripts/interop/node_interop.js batch < requests.jsonl   # one JSON request/answer per line
//   node scripts/interop/node_interop.js versions
//   add --lib sm-crypto-0.5 (or "lib" in a batch request) to use sm-crypto 0.5.8 instead of 0.3.13
//
// Encrypt prints the ciphertext as it goes on the wire; decrypt prints the password (UTF-8) and a
// newline. Errors go to stderr with exit status 1.
//
// Layouts (api doc 3.3):
//   c1c3c2  js5: sm2.doEncrypt(password, key, 1) output as is: hex X||Y||C3||C2, no 04.
//           Decrypt: sm2.doDecrypt(ct, sk, 1): sm-crypto re-adds the 04 itself.
//   mobile  ios3/android3: "04" + sm2.doEncrypt(base64(password), key, 0) (C1C2C3);
//           decrypt cuts exactly the "04" and calls doDecrypt(ct, sk, 0), then base64-decodes.
// sm-crypto traps handled here: doDecrypt returns "" / [] instead of throwing when C3 does not
// match (wrong key, wrong layout, or a 04-prefixed C1), so an empty result is reported as an
// error; and we ask for bytes (output: 'array') and decode UTF-8 strictly with TextDecoder.
'use strict'

const path = require('path')
const crypto = require('crypto')
const readline = require('readline')

const LIBS = { 'sm-crypto': 'sm-crypto', 'sm-crypto-0.5': 'sm-crypto-0.5' }

function lib (name) {
  const pkg = LIBS[name || 'sm-crypto']
  if (!pkg) throw new Error(`unknown lib ${name}: expected one of ${Object.keys(LIBS).join(', ')}`)
  return require(path.join(__dirname, 'node_modules', pkg)).sm2
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function strictBase64 (s) {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) {
    throw new Error('plaintext of the mobile layout is not base64')
  }
  return Buffer.from(s, 'base64')
}

function sm2Encrypt (req) {
  const sm2 = lib(req.lib)
  const key = req.key.trim().toLowerCase()
  if (req.layout === 'c1c3c2') return sm2.doEncrypt(req.text, key, 1)
  if (req.layout === 'mobile') {
    const b64 = Buffer.from(req.text, 'utf8').toString('base64')
    return '04' + sm2.doEncrypt(b64, key, 0)
  }
  throw new Error('layout must be c1c3c2 or mobile')
}

function sm2Decrypt (req) {
  const sm2 = lib(req.lib)
  let data = req.data.trim().toLowerCase()
  let mode
  if (req.layout === 'c1c3c2') {
    mode = 1
  } else if (req.layout === 'mobile') {
    if (!data.startsWith('04')) throw new Error('mobile layout ciphertext must start with 04')
    data = data.slice(2)
    mode = 0
  } else {
    throw new Error('layout must be c1c3c2 or mobile')
  }
  const bytes = sm2.doDecrypt(data, req.key.trim().toLowerCase(), mode, { output: 'array' })
  if (!bytes || bytes.length === 0) {
    throw new Error('sm-crypto returned an empty result: C3 mismatch (wrong key or layout, or a 04-prefixed C1)')
  }
  let plain = Buffer.from(bytes)
  if (req.layout === 'mobile') plain = strictBase64(plain.toString('latin1'))
  return utf8.decode(plain)
}

function rsaEncrypt (req) {
  const ct = crypto.publicEncrypt({ key: req.key, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.from(req.text, 'utf8'))
  return ct.toString('base64')
}

function versions () {
  const v = (p) => require(path.join(__dirname, 'node_modules', p, 'package.json')).version
  return { 'sm-crypto': v('sm-crypto'), 'sm-crypto-0.5': v('sm-crypto-0.5'), node: process.versions.node, openssl: process.versions.openssl }
}

function run (req) {
  switch (req.op) {
    case 'sm2-encrypt': return sm2Encrypt(req)
    case 'sm2-decrypt': return sm2Decrypt(req)
    case 'rsa-encrypt': return rsaEncrypt(req)
    default: throw new Error(`unknown op ${JSON.stringify(req.op)} (rsa-decrypt: use py_interop.py; Node forbids PKCS#1 v1.5 private decryption)`)
  }
}

function arg (argv, name) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith(name + '=')) return argv[i].slice(name.length + 1)
    if (argv[i] === name && i + 1 < argv.length) return argv[i + 1]
  }
  return undefined
}

async function main () {
  const argv = process.argv.slice(2)
  const op = argv[0]
  if (!op) {
    process.stderr.write('usage: node_interop.js sm2-encrypt|sm2-decrypt|rsa-encrypt|batch|versions ...\n')
    return 2
  }
  try {
    if (op === 'batch') {
      const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
      for await (const line of rl) {
        if (!line.trim()) continue
        let answer
        try {
          answer = { ok: true, result: run(JSON.parse(line)) }
        } catch (e) {
          answer = { ok: false, error: String(e && e.message ? e.message : e) }
        }
        process.stdout.write(JSON.stringify(answer) + '\n')
      }
      return 0
    }
    if (op === 'versions') {
      process.stdout.write(JSON.stringify(versions()) + '\n')
      return 0
    }
    const req = { op, layout: arg(argv, '--layout'), key: arg(argv, '--key'), text: arg(argv, '--text'), data: arg(argv, '--data'), lib: arg(argv, '--lib') }
    process.stdout.write(run(req) + '\n')
    return 0
  } catch (e) {
    process.stderr.write(`node_interop: ${e && e.message ? e.message : e}\n`)
    return 1
  }
}

main().then((code) => { process.exitCode = code })
