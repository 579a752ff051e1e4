#!/usr/bin/env node
// Generates the Management API DTOs, ../src/model/*.rs, and the endpoint traits, ../src/api/*.rs,
// from ../schema/management.json and the hand decisions in overrides.json, then runs rustfmt on
// what it wrote. Same input, same bytes.
//
//   node emit.mjs            (needs rustfmt on PATH; no npm package)
//
// The type mapping, the file split and the doc rules are in README.md ("Rust DTOs"); the
// endpoint mapping in README.md ("Endpoint traits").

import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CRATE = path.join(HERE, "..");
const OUT = path.join(CRATE, "src", "model");
const API_OUT = path.join(CRATE, "src", "api");
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
const secrets = new Map(ov.secrets.flatMap((e) => e.fields.map((f) => [f, { type: e.type, used: 0 }])));
const literalNames = new Map(ov.literal_unions.flatMap((e) => e.fields.map((f) => [f, { entry: e, used: false }])));
const queryIntegers = new Map(ov.query_integers.flatMap((e) => e.fields.map((f) => [f, 0])));
for (const f of queryIntegers.keys()) if (integers.has(f)) fail(`overrides.json: \`${f}\` is in both integers and query_integers`);
const opsByName = new Map(schema.operations.map((o) => [o.name, o]));
/** Overrides entries keyed by operation name; each must name an operation, and is marked when used. */
function byOperation(entries, what) {
  const out = new Map();
  for (const e of entries)
    for (const name of e.operations ?? [e.operation]) {
      if (!opsByName.has(name)) fail(`overrides.json ${what} names \`${name}\`, which the schema does not have`);
      if (out.has(name)) fail(`overrides.json ${what} names \`${name}\` twice`);
      out.set(name, { entry: e, used: false });
    }
  return out;
}
const unusedEntries = (map, what) => {
  for (const [name, { used }] of map) if (!used) fail(`overrides.json ${what}: the entry for \`${name}\` is not needed`);
};

// ---------------------------------------------------------------- synthesized types
// An operation's query parameters become one `<Op>Query` struct, and an inline request body (only
// `pub`'s) a DTO named in overrides.json. Both join the schema's types here, so the type mapping,
// the file split and the docs treat them like the SDK's models.
const inlineBodies = byOperation(ov.inline_bodies, "inline_bodies");
const synthesized = [];
const queryTypeOf = new Map(); // operation name -> TypeNode (ref) of its query struct
const bodyTypeOf = new Map(); // operation name -> TypeNode of its request body
for (const op of schema.operations) {
  if (op.query.length) {
    const name = `${op.name[0].toUpperCase()}${op.name.slice(1)}Query`;
    if (types.has(name)) fail(`${op.name}: its query struct \`${name}\` collides with a schema type`);
    const fields = op.query.map((q) => ({ name: q.name, type: q.type, required: q.required, doc: q.doc, default: q.default }));
    const t = { name, kind: "object", ts_name: null, doc: null, query_of: op, fields, variants: [] };
    types.set(name, t);
    synthesized.push(t);
    queryTypeOf.set(op.name, { kind: "ref", name });
  }
  if (!op.body) continue;
  if (op.body.type.kind === "ref") {
    bodyTypeOf.set(op.name, op.body.type);
    continue;
  }
  const found = inlineBodies.get(op.name) ?? fail(`${op.name}: an inline \`${op.body.type.kind}\` body with no name in overrides.json inline_bodies`);
  found.used = true;
  const { name, strings = [], optional = [], docs = {} } = found.entry;
  if (op.body.type.kind !== "object" || types.has(name)) fail(`${op.name}: inline body \`${name}\` is not an object, or its name is taken`);
  const fields = op.body.type.fields.map((f) => {
    const g = { ...f, doc: docs[f.name] ?? f.doc, required: f.required && !optional.includes(f.name) };
    if (!strings.includes(f.name)) return g;
    if (f.type.kind !== "literal_union" || f.type.values.some((v) => typeof v !== "string")) fail(`${op.name}.${f.name}: not a string literal union`);
    return { ...g, type: { kind: "string" } };
  });
  for (const f of [...strings, ...optional, ...Object.keys(docs)])
    if (!fields.some((x) => x.name === f)) fail(`overrides.json inline_bodies: \`${op.name}\` has no body field \`${f}\``);
  const t = { name, kind: "object", ts_name: null, doc: found.entry.doc, fields, variants: [] };
  types.set(name, t);
  synthesized.push(t);
  bodyTypeOf.set(op.name, { kind: "ref", name });
}
unusedEntries(inlineBodies, "inline_bodies");
const allTypes = [...schema.types, ...synthesized];

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
  const roots = op.unused_params.flatMap((q) => refsOf(q.type));
  for (const t of [queryTypeOf.get(op.name), bodyTypeOf.get(op.name), op.response.type]) if (t) roots.push(...refsOf(t));
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
  use(queryTypeOf.get(op.name), "Query of");
  use(bodyTypeOf.get(op.name), "Request body of");
  use(op.response.type, "Response of");
  use(op.response.data, "`data` of the response of");
}
const parents = new Map(); // schema type name -> ["`Owner.field`"]
for (const t of allTypes)
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
/** `text` on lines of at most `width` characters, broken at spaces outside code spans. */
function wrap(text, width = 92) {
  const words = [];
  let cur = "";
  let code = false;
  for (const c of text) {
    if (c === "`") code = !code;
    if (c === " " && !code) {
      if (cur) words.push(cur);
      cur = "";
    } else cur += c;
  }
  if (cur) words.push(cur);
  const lines = [];
  for (const w of words) {
    const last = lines.length ? lines[lines.length - 1] : null;
    if (last !== null && last.length + 1 + w.length <= width) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  return lines.join("\n");
}
const doc = (...paras) => paras.filter(Boolean).flatMap((p, i) => [...(i ? ["///"] : []), ...docLines(p)]).join("\n");

const QUERY_DOC = wrap(
  "Its query parameters, one field each. `None` is not sent. Where the Node SDK fills an " +
    "omitted parameter with a default, the field's doc gives it; this SDK sends only what is set, " +
    "and the server applies its own default.",
  96,
);
/** The doc paragraphs of a schema type: its doc, the operations that use it, its Node SDK name. */
function typeDoc(t) {
  const roles = new Map();
  for (const [role, call] of opUses.get(t.name) ?? []) (roles.get(role) ?? roles.set(role, []).get(role)).push(call);
  const uses = [...roles].map(([role, calls]) => `${role} ${list(calls)}.`).join(" ");
  const parent = parents.get(t.name) ? `Used in ${list(parents.get(t.name))}.` : null;
  const sdk = t.ts_name && t.ts_name !== rustName(t.name) ? `Node SDK: \`${t.ts_name}\`.` : null;
  if (t.query_of) return [uses, QUERY_DOC];
  if (!t.doc && !uses) stats.typeNoDoc++;
  return [t.doc, uses || (t.doc ? null : parent), sdk];
}

// ---------------------------------------------------------------- items
const items = new Map(); // Rust name -> { groups: Set, refs: Set, code }
const stats = { pages: 0, structs: 0, aliases: 0, enums: 0, unions: 0, fields: 0, fieldNoDoc: 0, typeNoDoc: 0, variants: 0 };
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
    case "string": {
      const secret = secrets.get(field.name);
      if (!secret) return "String";
      secret.used += 1;
      return secret.type;
    }
    case "boolean":
      return "bool";
    case "any":
      return "serde_json::Value";
    case "number":
      if (integers.has(field.name)) integers.set(field.name, integers.get(field.name) + 1);
      else if (owner.query_of && queryIntegers.has(field.name)) queryIntegers.set(field.name, queryIntegers.get(field.name) + 1);
      else return "f64";
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

for (const t of [...allTypes].sort(byName)) {
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
  const rust = new Map(); // wire name -> { id, ty }
  const fields = t.fields.map((f) => {
    const { id, rename } = fieldIdent(f.name);
    if (seen.has(id)) fail(`${t.name}: two fields are named \`${id}\``);
    seen.add(id);
    let ty = rustType(f.type, t, f, refs);
    if (!f.required && !ty.startsWith("Option<")) ty = `Option<${ty}>`;
    rust.set(f.name, { id, ty });
    stats.fields++;
    if (!f.doc) stats.fieldNoDoc++;
    const attr = rename ? `\n#[serde(rename = ${JSON.stringify(rename)})]` : "";
    const dflt = f.default != null ? `Node SDK default: \`${JSON.stringify(f.default)}\`.` : null;
    return `${doc(f.doc ?? `\`${f.name}\`.`, dflt)}${attr}\npub ${id}: ${ty},`;
  });
  stats.structs++;
  const code = `${doc(...typeDoc(t))}\n#[genauth::dto]\npub struct ${name} {\n${fields.join("\n")}\n}`;
  addItem(name, groups, refs, code + pageImpl(t, name, rust));
}

/**
 * `impl Page` (src/pagination.rs) for a list page: a schema type with `totalCount` and a `list`
 * array. A numeric `totalCount` is the total; a string one is parsed; any other kind (one type
 * declares a boolean) gives no total, so `pages` stops at a short page.
 */
function pageImpl(t, name, rust) {
  const total = rust.get("totalCount");
  const list = rust.get("list");
  if (t.query_of || !total || !list || t.fields.find((f) => f.name === "list").type.kind !== "array") return "";
  const optional = (ty) => /^Option<.*>$/.test(ty);
  const inner = (ty) => (optional(ty) ? ty.slice(7, -1) : ty);
  const item = inner(list.ty).replace(/^Vec<(.*)>$/, "$1");
  const items = optional(list.ty) ? `self.${list.id}.unwrap_or_default()` : `self.${list.id}`;
  const field = `self.${total.id}`;
  const count = {
    i64: optional(total.ty) ? `${field}.and_then(|n| u64::try_from(n).ok())` : `u64::try_from(${field}).ok()`,
    String: optional(total.ty) ? `${field}.as_deref().and_then(|n| n.parse().ok())` : `${field}.parse().ok()`,
  }[inner(total.ty)];
  stats.pages++;
  const noTotal = `// \`totalCount\` is declared \`${inner(total.ty)}\`, not a count.\nNone`;
  return (
    `\n\nimpl crate::pagination::Page for ${name} {\ntype Item = ${item};\n` +
    `fn total_count(&self) -> Option<u64> {\n${count ?? noTotal}\n}\n` +
    `fn into_items(self) -> Vec<${item}> {\n${items}\n}\n}`
  );
}

for (const [f, n] of integers) if (n === 0) fail(`overrides.json: no number field is named \`${f}\``);
for (const [f, s] of secrets) if (s.used === 0) fail(`overrides.json: no string field is named \`${f}\` (secrets)`);
for (const [f, n] of queryIntegers) if (n === 0) fail(`overrides.json: no number query parameter is named \`${f}\``);
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
  .filter((o) => bodyTypeOf.has(o.name))
  .map((o) => `${JSON.stringify(o.name)} => rt::<${rustName(bodyTypeOf.get(o.name).name)}>(body),`);
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

// ---------------------------------------------------------------- endpoint traits
// One trait per group in ../src/api/<group>.rs, one `#[genauth_endpoint]` method per operation
// (schema order: by name), and ../src/api/mod.rs re-exporting them. The rules are in README.md
// ("Endpoint traits").
const traitNames = new Map();
for (const e of ov.trait_names) {
  if (!schema.operations.some((o) => o.group === e.group)) fail(`overrides.json trait_names: no group \`${e.group}\``);
  traitNames.set(e.group, { rust: e.rust, used: false });
}
const methodNames = byOperation(ov.method_names, "method_names");
const responses = byOperation(ov.responses, "responses");
const substituted = byOperation(ov.substituted_placeholders, "substituted_placeholders");
const sharedPairs = byOperation(ov.shared_pairs, "shared_pairs");
const RESPONSE_KINDS = new Set(["envelope", "bare", "either", "empty"]);
// Trait-level names a trait must not take: the prelude's (a glob import of the crate would shadow
// them in users' code), and what the crate root exports besides `api::*` (an explicit export
// silently wins over a glob one).
const PRELUDE = new Set(
  ("Option Some None Result Ok Err Box Vec String ToString ToOwned Default Clone Copy Send Sync Sized Unpin Drop " +
    "Fn FnMut FnOnce AsyncFn AsyncFnMut AsyncFnOnce Iterator IntoIterator DoubleEndedIterator ExactSizeIterator " +
    "Extend FromIterator AsRef AsMut Into From TryFrom TryInto PartialEq Eq PartialOrd Ord Debug Hash Future IntoFuture").split(" "),
);
const libRs = fs.readFileSync(path.join(CRATE, "src", "lib.rs"), "utf8");
const rootNames = new Set();
for (const m of libRs.matchAll(/^pub (?:mod|use) ([^;]*);/gms)) {
  const text = m[1].replace(/\s+/g, " ");
  const inner = /\{([^}]*)\}/.exec(text);
  for (const part of inner ? inner[1].split(",") : [text]) {
    const id = part.trim().split("::").pop().split(" as ").pop().trim();
    if (id && id !== "*") rootNames.add(id);
  }
}
// The inherent functions mockall gives every mock: no method may take their names.
const MOCK_NAMES = new Set(["new", "default", "checkpoint"]);

/** The Rust type of a return-type node; model types go to `uses`. */
function returnRust(t, uses, op) {
  switch (t.kind) {
    case "ref":
      uses.add(rustName(t.name));
      return rustName(t.name);
    case "array":
      return `Vec<${returnRust(t.items, uses, op)}>`;
    case "string":
      return "String";
    case "boolean":
      return "bool";
    case "any":
      return "serde_json::Value";
    case "unit":
      return "()";
    default:
      return fail(`${op.name}: no Rust return type for \`${t.kind}\``);
  }
}

/** `{kind, ty, note}`: the `response = ...` kind, the `Result<...>` type and a doc note. */
function responseOf(op, uses) {
  const o = responses.get(op.name);
  if (o) {
    o.used = true;
    const { kind, returns, doc: note } = o.entry;
    if (!RESPONSE_KINDS.has(kind)) fail(`overrides.json responses: \`${op.name}\` has an unknown kind \`${kind}\``);
    const node = returns === "declared" ? op.response.type : returns === "data" ? op.response.data : returns;
    if (!node?.kind) fail(`overrides.json responses: \`${op.name}\` returns nothing known (\`${JSON.stringify(returns)}\`)`);
    return { kind, ty: returnRust(node, uses, op), note };
  }
  switch (op.response.shape) {
    case "envelope":
    case "envelope_partial": {
      const data = types.get(op.response.type.name).fields.find((f) => f.name === "data");
      const ty = returnRust(op.response.data, uses, op);
      // The envelope decoder reads an absent `data` as `null`: only an Option decodes that.
      if (data.required) return { kind: "envelope", ty, note: null };
      return { kind: "envelope", ty: `Option<${ty}>`, note: "The Node SDK declares `data` optional: `None` when the reply has none." };
    }
    case "envelope_no_data":
      return { kind: "envelope", ty: "()", note: null };
    default:
      return fail(`${op.name}: response shape \`${op.response.shape}\` needs an entry in overrides.json responses`);
  }
}

const traitsOf = new Map(); // group -> [operation]
for (const op of schema.operations) (traitsOf.get(op.group) ?? traitsOf.set(op.group, []).get(op.group)).push(op);
const pairOwners = new Map(); // "METHOD path" -> [operation name]
for (const op of schema.operations) {
  const key = `${op.http_method} ${op.path}`;
  (pairOwners.get(key) ?? pairOwners.set(key, []).get(key)).push(op.name);
}
const apiWritten = new Map();
const apiStats = { traits: 0, methods: 0, queries: synthesized.filter((t) => t.query_of).length, deprecated: 0, kinds: {} };
const traitOfGroup = new Map();
for (const group of [...traitsOf.keys()].sort()) {
  const renamed = traitNames.get(group);
  if (renamed) renamed.used = true;
  const traitName = renamed?.rust ?? pascal(group);
  if (PRELUDE.has(traitName)) fail(`trait \`${traitName}\` (group \`${group}\`) shadows the prelude: rename it in overrides.json trait_names`);
  if (rootNames.has(traitName)) fail(`trait \`${traitName}\` (group \`${group}\`) collides with \`${traitName}\` exported by lib.rs: rename it in overrides.json trait_names`);
  for (const n of [traitName, `Mock${traitName}`])
    if (items.has(n)) fail(`\`${n}\` (group \`${group}\`) collides with the model type \`${n}\`: rename the trait in overrides.json trait_names`);
  if ([...traitOfGroup.values()].includes(traitName)) fail(`two groups make the trait \`${traitName}\``);
  traitOfGroup.set(group, traitName);
}
for (const [group, { used }] of traitNames) if (!used || traitOfGroup.get(group) === pascal(group)) fail(`overrides.json trait_names: the entry for \`${group}\` is not needed`);

for (const [group, ops] of [...traitsOf].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  const traitName = traitOfGroup.get(group);
  const uses = new Set();
  const names = new Set();
  const methods = ops.map((op) => {
    const renamed = methodNames.get(op.name);
    if (renamed) renamed.used = true;
    const name = renamed?.entry.rust ?? snake(op.name);
    if (renamed && renamed.entry.rust === snake(op.name)) fail(`overrides.json method_names: \`${op.name}\` needs no rename`);
    if (!/^[a-z][a-z0-9_]*$/.test(name)) fail(`${op.name}: \`${name}\` is not a method name`);
    if (KEYWORDS.has(name)) fail(`${op.name}: \`${name}\` is a Rust keyword: rename it in overrides.json method_names`);
    if (MOCK_NAMES.has(name) || names.has(name)) fail(`${op.name}: \`${name}\` is taken in \`${traitName}\``);
    names.add(name);

    const notes = [];
    const args = ["&self"];
    // Path placeholders: only the literal `{id}`s the SDKs forgot to substitute.
    const placeholders = [...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
    const sub = substituted.get(op.name);
    if (placeholders.length && !sub) fail(`${op.name}: path placeholders ${placeholders} need an entry in overrides.json substituted_placeholders`);
    if (sub) {
      sub.used = true;
      if (!placeholders.length) fail(`overrides.json substituted_placeholders: \`${op.name}\` has no placeholder`);
      notes.push(sub.entry.doc);
    }
    for (const p of placeholders) {
      const param = op.unused_params.find((u) => u.name === p);
      if (!param || param.type.kind !== "string" || !/^[a-z][a-z0-9_]*$/.test(p)) fail(`${op.name}: placeholder \`{${p}}\` is not an unused string parameter named like an argument`);
      args.push(`${p}: &str`);
    }
    for (const u of op.unused_params) if (!placeholders.includes(u.name)) fail(`${op.name}: unused parameter \`${u.name}\` has no rule`);
    const query = queryTypeOf.get(op.name);
    if (query) {
      uses.add(query.name);
      args.push(`#[query] query: ${query.name}`);
    }
    const body = bodyTypeOf.get(op.name);
    if (body) {
      uses.add(rustName(body.name));
      args.push(`body: ${rustName(body.name)}`);
    }
    const response = responseOf(op, uses);
    if (response.note) notes.push(response.note);
    apiStats.kinds[response.kind] = (apiStats.kinds[response.kind] ?? 0) + 1;

    const pair = `${op.http_method} ${op.path}`;
    const sharing = pairOwners.get(pair).filter((n) => n !== op.name);
    const shared = sharedPairs.get(op.name);
    if (sharing.length && !shared) fail(`${op.name}: \`${pair}\` is also \`${sharing}\`: add them to overrides.json shared_pairs`);
    if (shared) {
      shared.used = true;
      if (!sharing.length) fail(`overrides.json shared_pairs: \`${op.name}\` shares its pair with no operation`);
      notes.push(shared.entry.doc);
    }

    if (!op.summary) fail(`${op.name}: no summary`);
    const paras = [op.summary, op.description && op.description.trim() !== op.summary.trim() ? op.description : null];
    paras.push(...notes.map((n) => wrap(n)));
    if (op.deprecated) {
      apiStats.deprecated++;
      paras.push("Deprecated in the Node SDK (`@deprecated`).");
    }
    paras.push(`\`${pair}\``);
    const attrs = [`path = ${JSON.stringify(op.path)}`, `method = ${op.http_method}`, "auth = management"];
    if (response.kind !== "envelope") attrs.push(`response = ${response.kind}`);
    // rustfmt leaves attribute arguments alone: break a long one here, as the hand-written traits do.
    let attr = `    #[genauth_endpoint(${attrs.join(", ")})]`;
    if (attr.length > 100) attr = `    #[genauth_endpoint(${attrs.slice(0, 2).join(", ")},\n        ${attrs.slice(2).join(", ")})]`;
    if (attr.split("\n").some((l) => l.length > 100)) attr = `    #[genauth_endpoint(\n        ${attrs[0]},\n        ${attrs.slice(1).join(", ")})]`;
    if (attr.split("\n").some((l) => l.length > 100)) fail(`${op.name}: its attribute does not fit in 100 columns`);
    apiStats.methods++;
    return (
      `${doc(...paras)}\n${op.deprecated ? "#[deprecated]\n" : ""}${attr.trimStart()}\n` +
      `async fn ${name}(${args.join(", ")}) -> Result<${response.ty}>;`
    );
  });
  apiStats.traits++;
  const file = snake(group);
  const imports = [...uses].sort();
  const traitDoc = doc(
    wrap(
      `The \`${group}\` endpoints of the Management API: ${ops.length} operation${ops.length > 1 ? "s" : ""}, grouped as in ` +
        `the official endpoint table. [\`ManagementClient\`](genauth::ManagementClient) implements it. Each method's doc ` +
        `ends with its HTTP method and path.`,
      96,
    ),
  );
  apiWritten.set(
    `${file}.rs`,
    `//! The \`${group}\` endpoints of the Management API.\n//!\n` +
      `//! Generated by codegen/emit.mjs from schema/management.json: do not edit.\n\n` +
      `use genauth::Result;\nuse genauth::{genauth_api, genauth_endpoint};\n` +
      (imports.length ? `use crate::model::{${imports.join(", ")}};\n` : "") +
      `\n${traitDoc}\n#[genauth_api(replay)]\n#[cfg_attr(feature = "mock", mockall::automock)]\npub trait ${traitName} {\n${methods.join("\n\n")}\n}\n`,
  );
}
for (const [what, map] of [["method_names", methodNames], ["responses", responses], ["substituted_placeholders", substituted], ["shared_pairs", sharedPairs]])
  unusedEntries(map, what);
const apiMods = [...apiWritten.keys()].map((f) => f.replace(/\.rs$/, "")).sort();
if (apiMods.includes("mod")) fail("a group is named like api/mod.rs");
apiWritten.set(
  "mod.rs",
  `${header}//! The Management API's endpoints: one trait per group of the official endpoint table, one\n` +
    `//! method per endpoint, all implemented for \`genauth::ManagementClient\`. All are re-exported\n` +
    `//! here and at the crate root. See \`codegen/README.md\` ("Endpoint traits") for the mapping.\n\n` +
    apiMods.map((m) => `mod ${m};\n`).join("") +
    "\n" +
    apiMods.map((m) => `pub use ${m}::*;\n`).join(""),
);

function writeDir(dir, files) {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir)) if (f.endsWith(".rs") && !files.has(f)) fs.rmSync(path.join(dir, f));
  const out = [...files.keys()].sort().map((f) => path.join(dir, f));
  for (const p of out) fs.writeFileSync(p, files.get(path.basename(p)));
  return out;
}
const paths = writeDir(OUT, written);
const apiPaths = writeDir(API_OUT, apiWritten);
execFileSync("rustfmt", ["--edition", "2024", ...paths, ...apiPaths], { stdio: "inherit" });
const countLines = (ps) => ps.reduce((n, p) => n + fs.readFileSync(p, "utf8").split("\n").length - 1, 0);
console.error(
  `emit: model: ${paths.length} files, ${countLines(paths)} lines: ${stats.structs} structs (${stats.fields} fields, ${stats.fieldNoDoc} without a schema doc), ` +
    `${stats.aliases} empty-object aliases, ${stats.enums} open enums (${stats.variants} variants), ${stats.unions} untagged enums, ` +
    `${stats.pages} Page impls; ${stats.typeNoDoc} types with neither a schema doc nor an operation that uses them directly`,
);
console.error(
  `emit: api: ${apiPaths.length} files, ${countLines(apiPaths)} lines: ${apiStats.traits} traits, ${apiStats.methods} methods ` +
    `(${apiStats.deprecated} deprecated; response kinds ${JSON.stringify(apiStats.kinds)}), ${apiStats.queries} query structs`,
);
