#!/usr/bin/env node
// Fails (exit 1) unless re-extracting gives exactly the committed ../schema/management.json.
// Extracts twice, in two separate processes, so that non-determinism shows up as well as drift.
//
//   node check.mjs        (after npm ci --ignore-scripts)

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const COMMITTED = path.join(HERE, "..", "schema", "management.json");

function extractTo(file) {
  const r = spawnSync(process.execPath, [path.join(HERE, "extract.mjs"), "--out", file, "--quiet"], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (r.status !== 0) {
    console.error(`check: extract.mjs failed (exit ${r.status})`);
    process.exit(1);
  }
  return fs.readFileSync(file);
}

function firstDifference(a, b) {
  const la = a.toString("utf8").split("\n");
  const lb = b.toString("utf8").split("\n");
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}:\n  - ${la[i] ?? "<end of file>"}\n  + ${lb[i] ?? "<end of file>"}`;
  }
  return "(same lines; byte-level difference, e.g. line ends)";
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "genauth-mgmt-schema-"));
try {
  const first = extractTo(path.join(dir, "first.json"));
  const second = extractTo(path.join(dir, "second.json"));
  if (!first.equals(second)) {
    console.error("check: two extractions differ (non-deterministic output)\n" + firstDifference(first, second));
    process.exit(1);
  }
  if (!fs.existsSync(COMMITTED)) {
    console.error(`check: ${COMMITTED} does not exist: run node extract.mjs`);
    process.exit(1);
  }
  const committed = fs.readFileSync(COMMITTED);
  if (!committed.equals(first)) {
    console.error(
      "check: schema/management.json is not what extract.mjs produces; run node extract.mjs and commit\n" +
        firstDifference(committed, first),
    );
    process.exit(1);
  }
  console.log(`check: schema/management.json is up to date (${first.length} bytes, extracted twice, identical)`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
