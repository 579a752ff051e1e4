#!/usr/bin/env node
// Generates the Management API DTOs, ../src/model/*.rs, from ../schema/management.json and the
// hand decisions in overrides.json, then runs rustfmt on what it wrote. Same input, same bytes.
//
//   node emit.mjs            (needs rustfmt on PATH; no npm package)
//
// The type mapping, the file split and the doc rules are in README.md ("Rust DTOs").

import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CRATE = path.join(HERE, "..");
const OUT = path.join(CRATE, "src", "model");
const schema = JSON.parse(fs.readFileSync(path.join(CRATE, "schema", "management.json"), "utf8"));
const ov = JSON.parse(fs.readFileSync(path.join(HERE, "overrides.json"), "utf8"));

function fail(msg) {
  console.error(`emit: ${msg}`);
  process.exit(1);
}
const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const list = (xs, n = 3) => xs.slice(0, n).join(", ") + (xs.length > n ? ` and ${xs.length - n} more` : "");

// ---------------------------------------------------------------- names
const KEYWORDS = new Set(
  ("as break const continue crate else enum extern false fn for if impl in let loop match mod move mut pub " +
    "ref return self Self static struct super trait true type unsafe use where while async await dyn abstract " +
    "become box do final macro override priv typeof unsized virtual yield try gen").split(" "),
);
// Names the generated code uses unqualified (the prelude, plus what `use super::*` must not shadow).
const RESERVED = new Set("Option Some None Result Ok Err Box Vec String Default Clone Copy Send Sync Sized".split(" "));

/** Words of a wire name: camelCase humps, acronyms (`customCSSEnabled`, `maxOnlineIPs`), `_`, `-`, `:`. */
function words(s) {
  return s
    .replace(/([A-Z]{2,})s(?=[^a-z]|$)/g, (_, a) => a[0] + a.slice(1).toLowerCase() + "s")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}
const pascal = (s) => words(s).map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join("");
const snake = (s) => words(s).map((w) => w.toLowerCase()).join("_");
/** What serde's `rename_all = "camelCase"` makes of a snake_case field name. */
const serdeCamel = (s) => s.replace(/_(.)/g, (_, c) => c.toUpperCase());

function fieldIdent(wire) {
  const id = snake(wire);
  if (!/^[a-z_][a-z0-9_]*$/.test(id)) fail(`field \`${wire}\` gives no Rust identifier (\`${id}\`)`);
  if (["crate", "self", "super", "Self"].includes(id)) fail(`field \`${wire}\` cannot be a raw identifier`);
  return { id: KEYWORDS.has(id) ? `r#${id}` : id, rename: serdeCamel(id) === wire ? null : wire };
}

function variantName(s, owner) {
  const v = pascal(s) === "Self" ? "Self_" : pascal(s);
  if (!/^[A-Z][A-Za-z0-9]*_?$/.test(v) || v === "Other") fail(`${owner}: value \`${s}\` gives no variant name (\`${v}\`)`);
  return v;
}

// ---------------------------------------------------------------- overrides
const types = new Map(schema.types.map((t) => [t.name, t]));
const renames = new Map();
for (const r of ov.rename_types) {
  if (!types.has(r.schema)) fail(`overrides.json renames \`${r.schema}\`, which the schema does not have`);
  renames.set(r.schema, r.rust);
}
const rustName = (n) => renames.get(n) ?? n[0].toUpperCase() + n.slice(1);
const integers = new Map(ov.integers.flatMap((e) => e.fields.map((f) => [f, 0])));
const literalNames = new Map(ov.literal_unions.flatMap((e) => e.fields.map((f) => [f, { entry: e, used: false }])));

// ---------------------------------------------------------------- where each type is used
function refsOf(t, out = []) {
  if (t.kind === "ref") out.push(t.name);
  for (const sub of [t.items, t.inner, t.values && !Array.isArray(t.values) ? t.values : null]) if (sub) refsOf(sub, out);
  for (const sub of t.types ?? []) refsOf(sub, out);
  for (const f of t.kind === "object" ? t.fields : []) refsOf(f.type, out);
  return out;
}
const groupsOf = new Map(); // schema type name -> Set of operation groups that reach it
const opUses = new Map(); // schema type name -> [sentence part]
for (const op of schema.operations) {
  const roots = [...op.query, ...op.unused_params].flatMap((q) => refsOf(q.type));
  if (op.body) roots.push(...refsOf(op.body.type));
  roots.push(...refsOf(op.response.type));
  const seen = new Set();
  for (let n; (n = roots.pop()) !== undefined; ) {
    if (seen.has(n)) continue;
    seen.add(n);
    if (!groupsOf.has(n)) groupsOf.set(n, new Set());
    groupsOf.get(n).add(op.group);
    roots.push(...types.get(n).fields.flatMap((f) => refsOf(f.type)));
  }
  const call = `\`${op.name}\` (\`${op.http_method} ${op.path}\`)`;
  const use = (t, role) => t?.kind === "ref" && (opUses.get(t.name) ?? opUses.set(t.name, []).get(t.name)).push([role, call]);
  use(op.body?.type, "Request body of");
  use(op.response.type, "Response of");
  use(op.response.data, "`data` of the response of");
}
const parents = new Map(); // schema type name -> ["`Owner.field`"]
for (const t of schema.types)
  for (const f of t.fields) for (const r of new Set(refsOf(f.type))) (parents.get(r) ?? parents.set(r, []).get(r)).push(`\`${t.name}.${f.name}\``);

// A direct (not through Vec or a map) reference back to its owner needs a Box.
function reaches(from, to, seen = new Set()) {
  if (from === to) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  const direct = (t) => (t.kind === "ref" ? [t.name] : t.kind === "nullable" ? direct(t.inner) : (t.types ?? []).flatMap(direct));
  return (types.get(from)?.fields ?? []).some((f) => direct(f.type).some((n) => reaches(n, to, seen)));
}

// ---------------------------------------------------------------- docs
/** Schema Markdown as rustdoc lines: no HTML tags, no link-looking brackets, no bare URLs, no lazy list continuations. */
function docLines(text) {
  const out = [];
  let fence = false;
  let inList = false;
  for (let line of text.replace(/\r\n?/g, "\n").trim().split("\n")) {
    if (/^\s*```/.test(line)) {
      if (!fence) line = line.replace(/^\s*```\s*$/, "```text");
      fence = !fence;
      out.push(line.trim());
      continue;
    }
    if (fence) {
      out.push(line.trimEnd());
      continue;
    }
    line = line.trim();
    const item = /^([-*+]|\d+[.)])\s/.test(line);
    if (inList && line && !item) out.push("");
    inList = line ? item || inList : false;
    line = line
      .split(/(`+[^`]*`+)/)
      .map((part, i) =>
        i % 2
          ? part
          : part
              .replace(/</g, "&lt;")
              .replace(/\[([^\]]*)\](?!\()/g, "\\[$1\\]")
              .replace(/(^|[^(<])(https?:\/\/[^\s<>()（）。，、；]+)/g, "$1<$2>"),
      )
      .join("");
    out.push(line);
  }
  return out.map((l) => (l ? `/// ${l}` : "///"));
}
const doc = (...paras) => paras.filter(Boolean).flatMap((p, i) => [...(i ? ["///"] : []), ...docLines(p)]).join("\n");

/** The doc paragraphs of a schema type: its doc, the operations that use it, its Node SDK name. */
function typeDoc(t) {
  const roles = new Map();
  for (const [role, call] of opUses.get(t.name) ?? []) (roles.get(role) ?? roles.set(role, []).get(role)).push(call);
  const uses = [...roles].map(([role, calls]) => `${role} ${list(calls)}.`).join(" ");
  const parent = parents.get(t.name) ? `Used in ${list(parents.get(t.name))}.` : null;
  const sdk = t.ts_name !== rustName(t.name) ? `Node SDK: \`${t.ts_name}\`.` : null;
  if (!t.doc && !uses) stats.typeNoDoc++;
  return [t.doc, uses || (t.doc ? null : parent), sdk];
}

// ---------------------------------------------------------------- items
const items = new Map(); // Rust name -> { groups: Set, refs: Set, code }
const stats = { structs: 0, aliases: 0, enums: 0, unions: 0, fields: 0, fieldNoDoc: 0, typeNoDoc: 0, variants: 0 };
function addItem(name, groups, refs, code) {
  if (items.has(name)) fail(`two generated items are named \`${name}\``);
  if (RESERVED.has(name)) fail(`\`${name}\` clashes with the prelude: rename it in overrides.json`);
  items.set(name, { groups, refs, code });
}

function openEnum(name, groups, docText, values) {
  const names = new Set();
  const variants = values.map(({ member, value }) => {
    const v = variantName(member ?? value, name);
    if (names.has(v)) fail(`${name}: two variants are named \`${v}\``);
    names.add(v);
    stats.variants++;
    return `${doc(`\`${value}\`.`)}\n${v} = ${JSON.stringify(value)},`;
  });
  stats.enums++;
  // rustfmt leaves the inside of a `{}` macro call alone: indent it here.
  const indent = (text, n) => text.replace(/^/gm, " ".repeat(n));
  const body = `${docText}\npub enum ${name} {\n${indent(variants.join("\n"), 4)}\n}`;
  addItem(name, groups, new Set(), `genauth::open_enum! {\n${indent(body, 4)}\n}`);
}

function union(name, groups, docText, members) {
  const refs = new Set();
  const variants = members.map(([v, ty, vdoc, ref]) => {
    if (ref) refs.add(ref);
    return `${doc(vdoc)}\n${v}(${ty}),`;
  });
  stats.unions++;
  const fit = "Decoded as the first variant that fits, tried in this order (`#[serde(untagged)]`); a value that fits none is kept in `Other`.";
  addItem(
    name,
    groups,
    refs,
    `${docText}\n///\n${doc(fit)}\n#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, genauth::WireSchema)]\n` +
      `#[serde(untagged)]\npub enum ${name} {\n${variants.join("\n")}\n/// Any other JSON value, kept verbatim.\nOther(serde_json::Value),\n}\n\n` +
      `impl Default for ${name} {\n/// \`Other(null)\`: no value chosen.\nfn default() -> Self {\n${name}::Other(serde_json::Value::Null)\n}\n}`,
  );
}

/** The Rust type of a field's schema type (`direct`: not inside a Vec or a map). */
function rustType(t, owner, field, refs, direct = true) {
  switch (t.kind) {
    case "string":
      return "String";
    case "boolean":
      return "bool";
    case "any":
      return "serde_json::Value";
    case "number":
      if (!integers.has(field.name)) return "f64";
      integers.set(field.name, integers.get(field.name) + 1);
      return "i64";
    case "array":
      return `Vec<${rustType(t.items, owner, field, refs, false)}>`;
    case "map":
      return `std::collections::BTreeMap<String, ${rustType(t.values, owner, field, refs, false)}>`;
    case "nullable":
      return `Option<${rustType(t.inner, owner, field, refs, direct)}>`;
    case "ref":
      refs.add(rustName(t.name));
      return direct && reaches(t.name, owner.name) ? `Box<${rustName(t.name)}>` : rustName(t.name);
    case "literal_union": {
      const key = `${owner.name}.${field.name}`;
      const found = literalNames.get(key) ?? fail(`${key}: a literal union with no name in overrides.json`);
      found.used = true;
      const { name, fields } = found.entry;
      refs.add(name);
      const prev = items.get(name);
      if (prev) groupsOf.get(owner.name).forEach((g) => prev.groups.add(g));
      if (prev && prev.values !== JSON.stringify(t.values)) fail(`${key}: not the values of the other fields of \`${name}\``);
      if (!prev) {
        if (t.values.some((v) => typeof v !== "string")) fail(`${key}: a literal union of non-strings`);
        const docText = doc(field.doc, `Values of ${list(fields.map((f) => `\`${f}\``), 9)}.`);
        openEnum(name, new Set(groupsOf.get(owner.name)), docText, t.values.map((value) => ({ value })));
        items.get(name).values = JSON.stringify(t.values);
      }
      return name;
    }
    case "union": {
      const name = rustName(owner.name) + pascal(field.name);
      const members = t.types.map((m) => {
        const ty = rustType(m, owner, field, new Set(), false);
        if (m.kind === "ref") return [rustName(m.name), `Box<${ty}>`, `The [\`${ty}\`] case.`, ty, types.get(m.name).fields.filter((f) => f.required).length];
        const scalar = (k) => ["string", "number", "boolean"].includes(k);
        if (!scalar(m.kind) && !(m.kind === "array" && scalar(m.items.kind))) fail(`${name}: no variant for \`${m.kind}\``);
        const v = m.kind === "array" ? pascal(m.items.kind) + "List" : pascal(m.kind);
        return [v, ty, m.kind === "array" ? `A JSON array of ${m.items.kind}s.` : `A JSON ${m.kind}.`, null, Infinity];
      });
      // Scalars and arrays first (serde also decodes a struct from an array of its fields in
      // order), then objects with more required fields first: no lenient variant shadows a stricter.
      members.sort((a, b) => b[4] - a[4]);
      union(name, new Set(groupsOf.get(owner.name)), doc(field.doc ?? `\`${field.name}\` of [\`${rustName(owner.name)}\`].`), members);
      refs.add(name);
      return name;
    }
    default:
      return fail(`${owner.name}.${field.name}: no Rust type for \`${t.kind}\``);
  }
}

for (const t of [...schema.types].sort(byName)) {
  const name = rustName(t.name);
  const groups = groupsOf.get(t.name);
  if (t.kind === "enum") {
    const strings = t.variants.filter((v) => typeof v.value === "string");
    if (strings.length === t.variants.length) {
      openEnum(name, groups, doc(...typeDoc(t)), t.variants.map((v) => ({ member: v.name, value: v.value })));
      continue;
    }
    // Strings mixed with numbers (`'_-1' = -1`): an open enum of the strings, inside an untagged enum.
    const numbers = t.variants.filter((v) => typeof v.value === "number").map((v) => `\`${v.value}\``);
    if (!t.variants.every((v) => typeof v.value === "string" || Number.isInteger(v.value))) fail(`${t.name}: non-integer value`);
    openEnum(`${name}String`, groups, doc(`The string values of [\`${name}\`].`), strings.map((v) => ({ member: v.name, value: v.value })));
    union(name, groups, doc(...typeDoc(t)), [
      ["String", `${name}String`, `One of the string values.`, `${name}String`],
      ["Number", "i64", `A number: the schema lists ${list(numbers)}.`, null],
    ]);
    continue;
  }
  if (t.kind !== "object") fail(`${t.name}: kind \`${t.kind}\` is not emitted`);
  if (t.fields.length === 0) {
    stats.aliases++;
    const docText = doc(...typeDoc(t), "The Node SDK declares it `{}`, an object of unknown fields: every key is kept.");
    addItem(name, groups, new Set(), `${docText}\npub type ${name} = serde_json::Map<String, serde_json::Value>;`);
    continue;
  }
  const refs = new Set();
  const seen = new Set();
  const fields = t.fields.map((f) => {
    const { id, rename } = fieldIdent(f.name);
    if (seen.has(id)) fail(`${t.name}: two fields are named \`${id}\``);
    seen.add(id);
    let ty = rustType(f.type, t, f, refs);
    if (!f.required && !ty.startsWith("Option<")) ty = `Option<${ty}>`;
    stats.fields++;
    if (!f.doc) stats.fieldNoDoc++;
    const attr = rename ? `\n#[serde(rename = ${JSON.stringify(rename)})]` : "";
    return `${doc(f.doc ?? `\`${f.name}\`.`)}${attr}\npub ${id}: ${ty},`;
  });
  stats.structs++;
  addItem(name, groups, refs, `${doc(...typeDoc(t))}\n#[genauth::dto]\npub struct ${name} {\n${fields.join("\n")}\n}`);
}

for (const [f, n] of integers) if (n === 0) fail(`overrides.json: no number field is named \`${f}\``);
for (const [f, { used }] of literalNames) if (!used) fail(`overrides.json: \`${f}\` is not a literal union`);

// ---------------------------------------------------------------- files
// A type reached from the operations of one group goes to that group's file, any other to common.rs.
const fileOf = (item) => (item.groups.size === 1 ? snake([...item.groups][0]) : "common");
const files = new Map();
for (const [name, item] of [...items].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  item.file = fileOf(item);
  (files.get(item.file) ?? files.set(item.file, []).get(item.file)).push([name, item]);
}
if (schema.operations.some((o) => snake(o.group) === "common" || snake(o.group) === "bodies")) fail("a group is named like a fixed module");
const header = "// Generated by genauth-management/codegen/emit.mjs from schema/management.json: do not edit.\n\n";
const written = new Map();
for (const [file, entries] of files) {
  const what = file === "common" ? "Types used by operations of more than one group" : `Types of the \`${file.replace(/_/g, "-")}\` operations`;
  const foreign = entries.some(([, it]) => [...it.refs].some((r) => items.get(r)?.file !== file));
  const body = entries.map(([, it]) => it.code).join("\n\n");
  written.set(`${file}.rs`, `${header}//! ${what}.\n\n${foreign ? "use super::*;\n\n" : ""}${body}\n`);
}
const mods = [...files.keys()].sort();
const bodies = schema.operations
  .filter((o) => o.body?.type.kind === "ref")
  .map((o) => `${JSON.stringify(o.name)} => rt::<${rustName(o.body.type.name)}>(body),`);
written.set(
  "mod.rs",
  `${header}//! The Management API's request and response types, generated from the Node SDK's models.\n//!\n` +
    `//! One module per operation group; a type that several groups use is in \`common\`. All are\n` +
    `//! re-exported here. See \`codegen/README.md\` for the type mapping.\n\n` +
    mods.map((m) => `mod ${m};\n`).join("") +
    `#[cfg(test)]\npub(crate) mod bodies;\n\n` +
    mods.map((m) => `pub use ${m}::*;\n`).join(""),
);
written.set(
  "bodies.rs",
  `${header}//! Test only: the request body type of every operation that has one, by operation name.\n\nuse super::*;\n\n` +
    `/// Decodes \`body\` as the request body type of operation \`op\` and encodes it again; \`None\`\n` +
    `/// when \`op\` has no typed body.\npub(crate) fn round_trip(op: &str, body: &str) -> Option<serde_json::Result<String>> {\n` +
    `fn rt<T: serde::de::DeserializeOwned + serde::Serialize>(body: &str) -> serde_json::Result<String> {\n` +
    `serde_json::to_string(&serde_json::from_str::<T>(body)?)\n}\nSome(match op {\n${bodies.join("\n")}\n_ => return None,\n})\n}\n`,
);

fs.mkdirSync(OUT, { recursive: true });
for (const f of fs.readdirSync(OUT)) if (f.endsWith(".rs") && !written.has(f)) fs.rmSync(path.join(OUT, f));
const paths = [...written.keys()].sort().map((f) => path.join(OUT, f));
for (const p of paths) fs.writeFileSync(p, written.get(path.basename(p)));
execFileSync("rustfmt", ["--edition", "2024", ...paths], { stdio: "inherit" });
const lines = paths.reduce((n, p) => n + fs.readFileSync(p, "utf8").split("\n").length - 1, 0);
console.error(
  `emit: ${paths.length} files, ${lines} lines: ${stats.structs} structs (${stats.fields} fields, ${stats.fieldNoDoc} without a schema doc), ` +
    `${stats.aliases} empty-object aliases, ${stats.enums} open enums (${stats.variants} variants), ${stats.unions} untagged enums; ` +
    `${stats.typeNoDoc} types with neither a schema doc nor an operation that uses them directly`,
);
