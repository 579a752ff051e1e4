#!/usr/bin/env node
// Extracts the GenAuth Management API schema from the TypeScript sources shipped in the npm
// package authing-node-sdk (pinned in package-lock.json): the operations of
// src/ManagementClient.ts and every model type (src/models/*.ts) they reach.
//
//   node extract.mjs [--out <file>] [--quiet]
//
// Default output: ../schema/management.json. A summary (counts, unsupported types, the join with
// management-endpoints.tsv) goes to stderr unless --quiet. See README.md for the format.
//
// Everything is read through the TypeScript compiler API (ts.createProgram and the syntax tree of
// each source file). No regular expression is applied to TypeScript source text; the only text
// processing is on JSDoc comment strings the compiler hands back, and on the TSV.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const ts = require("typescript");

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SDK_DIR = path.join(HERE, "node_modules", "authing-node-sdk");
const SDK_SRC = path.join(SDK_DIR, "src");
const MODELS_DIR = path.join(SDK_SRC, "models");
const CLIENT_FILE = path.join(SDK_SRC, "ManagementClient.ts");
const TSV_FILE = path.join(HERE, "management-endpoints.tsv");
const DEFAULT_OUT = path.join(HERE, "..", "schema", "management.json");

// The envelope every GenAuth API response is wrapped in; `data` carries the payload.
const ENVELOPE_FIELDS = ["statusCode", "message", "apiCode", "requestId", "data"];

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = { out: DEFAULT_OUT, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out") opts.out = path.resolve(argv[++i]);
    else if (a === "--quiet") opts.quiet = true;
    else throw new Error(`unknown argument: ${a}`);
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function fail(msg) {
  throw new Error(msg);
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

// Normalizes a doc string: trailing blanks off every line, leading/trailing blank lines off,
// Windows line ends to \n. Empty → null.
function cleanDoc(text) {
  if (text == null) return null;
  const lines = String(text)
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.replace(/[ \t]+$/, ""));
  while (lines.length && lines[0].trim() === "") lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
  const s = lines.join("\n");
  return s === "" ? null : s;
}

// A JSDoc block (`/** … */`) as the compiler parsed it: the free text and the tags.
function jsDocsOf(node) {
  return ts.getJSDocCommentsAndTags(node).filter((d) => d.kind === ts.SyntaxKind.JSDoc);
}

// The comment of the JSDoc block nearest to `node` (its free text plus the text of any tags,
// which plain field/type comments never have in this SDK; kept so that nothing is lost).
// `/** text **/` (the ManagementClient inline style) leaves a trailing `*`: removed.
function docOf(node) {
  const docs = jsDocsOf(node);
  if (!docs.length) return null;
  const d = docs[docs.length - 1];
  const parts = [];
  const main = ts.getTextOfJSDocComment(d.comment);
  if (main) parts.push(main);
  for (const tag of d.tags ?? []) {
    const t = ts.getTextOfJSDocComment(tag.comment);
    parts.push(`@${tag.tagName.text}${t ? " " + t : ""}`);
  }
  let s = cleanDoc(parts.join("\n"));
  if (s != null && s.endsWith("*")) s = cleanDoc(s.replace(/\*+$/, ""));
  return s;
}

// Tags of the JSDoc block nearest to `node`, as { tagName: [comment text, ...] }.
function jsDocTags(node) {
  const docs = jsDocsOf(node);
  const tags = {};
  if (!docs.length) return { text: null, tags };
  const d = docs[docs.length - 1];
  for (const tag of d.tags ?? []) {
    const name = tag.tagName.text;
    (tags[name] ??= []).push(cleanDoc(ts.getTextOfJSDocComment(tag.comment)));
  }
  return { text: cleanDoc(ts.getTextOfJSDocComment(d.comment)), tags };
}

function propName(nameNode) {
  if (ts.isIdentifier(nameNode) || ts.isPrivateIdentifier(nameNode)) return nameNode.text;
  if (ts.isStringLiteral(nameNode) || ts.isNumericLiteral(nameNode)) return nameNode.text;
  if (ts.isNoSubstitutionTemplateLiteral(nameNode)) return nameNode.text;
  fail(`unsupported property name: ${nameNode.getText()}`);
}

// Enum `e` declared in `namespace N` gets the generated name N + PascalCase(e): `e` is split at
// every character that is not an ASCII letter or digit, and each piece gets its first letter
// upper-cased (the rest is kept): CreateUserReqDto.gender → CreateUserReqDtoGender,
// X.userIdType → XUserIdType, X.user_id_type → XUserIdType.
function pascal(s) {
  return s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join("");
}
function enumName(namespace, member) {
  return namespace + pascal(member);
}

// Literal value of an expression used as a default or an enum initializer.
function literalValue(expr) {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
  if (ts.isNumericLiteral(expr)) return Number(expr.text);
  if (expr.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (expr.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (expr.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(expr.operand))
    return -Number(expr.operand.text);
  if (ts.isParenthesizedExpression(expr)) return literalValue(expr.expression);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Program

function loadProgram() {
  const modelFiles = fs
    .readdirSync(MODELS_DIR)
    .filter((f) => f.endsWith(".ts") && f !== "index.ts")
    .sort()
    .map((f) => path.join(MODELS_DIR, f));
  const options = {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    noEmit: true,
    noResolve: true, // the syntax trees are all we read; imports need not be followed
    types: [],
  };
  // setParentNodes: JSDoc lookup and getText() walk up the tree.
  const host = ts.createCompilerHost(options, true);
  const program = ts.createProgram({ rootNames: [CLIENT_FILE, ...modelFiles], options, host });
  const diags = program.getSyntacticDiagnostics();
  if (diags.length) {
    fail(
      "syntax errors in the SDK sources:\n" +
        diags.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n"),
    );
  }
  return { program, modelFiles };
}

// ---------------------------------------------------------------------------------------------
// Models

// Reads every model file: type aliases (`export type X = …`) and namespaced enums
// (`export namespace X { export enum e { … } }`), plus top-level `export enum`s if any.
function readModels(program, modelFiles) {
  const aliases = new Map(); // name → { node, file }
  const enums = new Map(); // generated name → { tsName, node, file }
  for (const file of modelFiles) {
    const sf = program.getSourceFile(file);
    const rel = path.relative(SDK_DIR, file).split(path.sep).join("/");
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st)) continue;
      if (ts.isTypeAliasDeclaration(st)) {
        const name = st.name.text;
        if (aliases.has(name)) fail(`type ${name} declared twice`);
        aliases.set(name, { node: st, file: rel });
      } else if (ts.isModuleDeclaration(st)) {
        const ns = st.name.text;
        for (const inner of st.body?.statements ?? []) {
          if (!ts.isEnumDeclaration(inner)) fail(`${rel}: unsupported statement in namespace ${ns}: ${inner.getText()}`);
          const gen = enumName(ns, inner.name.text);
          if (enums.has(gen)) fail(`generated enum name ${gen} is not unique (${enums.get(gen).tsName}, ${ns}.${inner.name.text})`);
          enums.set(gen, { tsName: `${ns}.${inner.name.text}`, node: inner, file: rel });
        }
      } else if (ts.isEnumDeclaration(st)) {
        const name = st.name.text;
        if (enums.has(name)) fail(`enum ${name} declared twice`);
        enums.set(name, { tsName: name, node: st, file: rel });
      } else {
        fail(`${rel}: unsupported top-level statement: ${st.getText().slice(0, 200)}`);
      }
    }
  }
  for (const name of enums.keys()) {
    if (aliases.has(name)) fail(`generated enum name ${name} collides with a model type`);
  }
  return { aliases, enums };
}

// ---------------------------------------------------------------------------------------------
// Type nodes → normalized type tree

class TypeConverter {
  constructor(models) {
    this.models = models;
    this.unsupported = []; // { where, text }
  }

  // Resolves a type reference name (Identifier or QualifiedName) to a schema type name.
  refName(typeName, where) {
    if (ts.isIdentifier(typeName)) {
      const n = typeName.text;
      if (this.models.aliases.has(n) || this.models.enums.has(n)) return n;
      return null;
    }
    if (ts.isQualifiedName(typeName) && ts.isIdentifier(typeName.left)) {
      const gen = enumName(typeName.left.text, typeName.right.text);
      const e = this.models.enums.get(gen);
      if (e && e.tsName === `${typeName.left.text}.${typeName.right.text}`) return gen;
      fail(`${where}: ${typeName.getText()} names no namespaced enum`);
    }
    return null;
  }

  unsupportedType(node, where) {
    const text = node.getText();
    this.unsupported.push({ where, text });
    return { kind: "unsupported", text };
  }

  // `where` locates the occurrence for the unsupported-type report.
  convert(node, where) {
    const K = ts.SyntaxKind;
    switch (node.kind) {
      case K.StringKeyword:
        return { kind: "string" };
      case K.NumberKeyword:
        return { kind: "number" };
      case K.BooleanKeyword:
        return { kind: "boolean" };
      case K.AnyKeyword:
      case K.UnknownKeyword:
      case K.ObjectKeyword:
        return { kind: "any" };
      case K.ParenthesizedType:
        return this.convert(node.type, where);
      case K.ArrayType:
        return { kind: "array", items: this.convert(node.elementType, where) };
      case K.LiteralType: {
        const v = literalValue(node.literal);
        if (typeof v === "string" || typeof v === "number") return { kind: "literal_union", values: [v] };
        return this.unsupportedType(node, where);
      }
      case K.UnionType:
        return this.union(node, where);
      case K.TypeLiteral:
        return this.typeLiteral(node, where);
      case K.TypeReference: {
        const args = node.typeArguments ?? [];
        if (ts.isIdentifier(node.typeName)) {
          const n = node.typeName.text;
          if (n === "Array" && args.length === 1) return { kind: "array", items: this.convert(args[0], where) };
          if (n === "Record" && args.length === 2 && args[0].kind === K.StringKeyword)
            return { kind: "map", values: this.convert(args[1], where) };
        }
        if (args.length === 0) {
          const r = this.refName(node.typeName, where);
          if (r) return { kind: "ref", name: r };
        }
        return this.unsupportedType(node, where);
      }
      default:
        return this.unsupportedType(node, where);
    }
  }

  // Unions: `T | null` → nullable(T); only string/number literals → literal_union; any other
  // mix of types → union (members converted one by one, literals among them as one-value
  // literal_unions).
  union(node, where) {
    const K = ts.SyntaxKind;
    const strip = (t) => (t.kind === K.ParenthesizedType ? strip(t.type) : t);
    const members = node.types.map(strip);
    const isNull = (t) => t.kind === K.LiteralType && t.literal.kind === K.NullKeyword;
    const nonNull = members.filter((t) => !isNull(t));
    let inner;
    const literal = (t) => {
      if (t.kind !== K.LiteralType) return undefined;
      const v = literalValue(t.literal);
      return typeof v === "string" || typeof v === "number" ? v : undefined;
    };
    if (nonNull.length === 0) return this.unsupportedType(node, where);
    if (nonNull.length === 1) inner = this.convert(nonNull[0], where);
    else if (nonNull.every((t) => literal(t) !== undefined)) inner = { kind: "literal_union", values: nonNull.map(literal) };
    else inner = { kind: "union", types: nonNull.map((t) => this.convert(t, where)) };
    return nonNull.length < members.length ? { kind: "nullable", inner } : inner;
  }

  // `{ a: T; 'b-c'?: U }` → object; `{ [key: string]: T }` → map. A literal with both
  // properties and an index signature has no tree form: unsupported.
  typeLiteral(node, where) {
    const props = node.members.filter(ts.isPropertySignature);
    const index = node.members.filter(ts.isIndexSignatureDeclaration);
    const other = node.members.filter((m) => !ts.isPropertySignature(m) && !ts.isIndexSignatureDeclaration(m));
    if (other.length) return this.unsupportedType(node, where);
    if (index.length && !props.length) {
      if (index.length !== 1) return this.unsupportedType(node, where);
      const sig = index[0];
      const keyType = sig.parameters[0]?.type;
      if (!keyType || keyType.kind !== ts.SyntaxKind.StringKeyword) return this.unsupportedType(node, where);
      return { kind: "map", values: this.convert(sig.type, where) };
    }
    if (index.length) return this.unsupportedType(node, where);
    return { kind: "object", fields: this.fields(props, where) };
  }

  fields(props, where) {
    const seen = new Set();
    return props.map((m) => {
      const name = propName(m.name);
      if (seen.has(name)) fail(`${where}: field ${name} declared twice`);
      seen.add(name);
      const fw = `${where}.${name}`;
      return {
        name,
        type: m.type ? this.convert(m.type, fw) : this.unsupportedType(m, fw),
        required: !m.questionToken,
        doc: docOf(m),
      };
    });
  }
}

function refsIn(type, out) {
  if (!type || typeof type !== "object") return out;
  if (type.kind === "ref") out.add(type.name);
  if (type.items) refsIn(type.items, out);
  if (type.inner) refsIn(type.inner, out);
  for (const t of type.types ?? []) refsIn(t, out);
  if (type.values && !Array.isArray(type.values)) refsIn(type.values, out);
  for (const f of type.fields ?? []) refsIn(f.type, out);
  return out;
}

function modelType(name, models, conv) {
  const a = models.aliases.get(name);
  if (a) {
    const node = a.node.type;
    const doc = docOf(a.node);
    if (ts.isTypeLiteralNode(node)) {
      const t = conv.typeLiteral(node, name);
      if (t.kind === "object")
        return { name, kind: "object", ts_name: name, source: a.file, doc, fields: t.fields, variants: [] };
      return { name, kind: "alias", ts_name: name, source: a.file, doc, type: t, fields: [], variants: [] };
    }
    return { name, kind: "alias", ts_name: name, source: a.file, doc, type: conv.convert(node, name), fields: [], variants: [] };
  }
  const e = models.enums.get(name);
  const variants = e.node.members.map((m) => {
    const vname = propName(m.name);
    let value;
    if (m.initializer) {
      value = literalValue(m.initializer);
      if (typeof value !== "string" && typeof value !== "number")
        fail(`${e.tsName}.${vname}: unsupported enum initializer ${m.initializer.getText()}`);
    } else {
      fail(`${e.tsName}.${vname}: enum member without initializer`);
    }
    return { name: vname, value, doc: docOf(m) };
  });
  return { name, kind: "enum", ts_name: e.tsName, source: e.file, doc: docOf(e.node), fields: [], variants };
}

// ---------------------------------------------------------------------------------------------
// ManagementClient operations

// Finds `this.httpClient.request(<arg>)` calls in a method body.
function requestCalls(body) {
  const calls = [];
  const visit = (n) => {
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.name.text === "request" &&
      ts.isPropertyAccessExpression(n.expression.expression) &&
      n.expression.expression.name.text === "httpClient" &&
      n.expression.expression.expression.kind === ts.SyntaxKind.ThisKeyword
    ) {
      calls.push(n);
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return calls;
}

// The method's parameters as bindings: local name → { type node, required, default, doc, style }.
function methodBindings(method) {
  const bindings = new Map();
  for (const p of method.parameters) {
    if (ts.isObjectBindingPattern(p.name)) {
      const lit = p.type;
      if (!lit || !ts.isTypeLiteralNode(lit)) fail(`${method.name.getText()}: destructured parameter without a type literal`);
      const members = new Map(lit.members.filter(ts.isPropertySignature).map((m) => [propName(m.name), m]));
      for (const el of p.name.elements) {
        const prop = el.propertyName ? propName(el.propertyName) : el.name.text;
        const local = el.name.text;
        const m = members.get(prop);
        if (!m) fail(`${method.name.getText()}: ${prop} has no type`);
        let dflt = null;
        if (el.initializer) {
          const v = literalValue(el.initializer);
          if (v === undefined) fail(`${method.name.getText()}: non-literal default for ${prop}: ${el.initializer.getText()}`);
          dflt = v;
        }
        bindings.set(local, { typeNode: m.type, required: !m.questionToken && !el.initializer, default: dflt, doc: docOf(m), style: "object" });
      }
      if (members.size !== p.name.elements.length) fail(`${method.name.getText()}: type literal and destructuring differ`);
    } else {
      bindings.set(p.name.text, {
        typeNode: p.type,
        required: !p.questionToken && !p.initializer,
        default: p.initializer ? literalValue(p.initializer) : null,
        doc: null,
        style: "positional",
      });
    }
  }
  return bindings;
}

// Module-level `const x = require("<json>")` in ManagementClient.ts, as { x: parsed JSON }
// (`pkg`, the SDK's package.json, used by `pub`).
function moduleConstants(sf) {
  const out = {};
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      const init = d.initializer;
      if (
        ts.isIdentifier(d.name) &&
        init &&
        ts.isCallExpression(init) &&
        ts.isIdentifier(init.expression) &&
        init.expression.text === "require" &&
        init.arguments.length === 1 &&
        ts.isStringLiteral(init.arguments[0]) &&
        init.arguments[0].text.endsWith(".json")
      ) {
        out[d.name.text] = readJson(path.resolve(path.dirname(sf.fileName), init.arguments[0].text));
      }
    }
  }
  return out;
}

// Evaluates a string literal or a template whose spans are `<const>.<property>` reads.
function constantString(expr, consts, where) {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
  let s = expr.head.text;
  for (const span of expr.templateSpans) {
    const e = span.expression;
    if (!(ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text in consts))
      fail(`${where}: cannot evaluate template span ${e.getText()}`);
    const v = consts[e.expression.text][e.name.text];
    if (typeof v !== "string") fail(`${where}: ${e.getText()} is not a string`);
    s += v + span.literal.text;
  }
  return s;
}

function identifiersIn(node, out = new Set()) {
  const visit = (n) => {
    if (ts.isIdentifier(n)) out.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

function readOperations(program, conv) {
  const sf = program.getSourceFile(CLIENT_FILE);
  const cls = sf.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === "ManagementClient");
  const consts = moduleConstants(sf);
  if (!cls) fail("class ManagementClient not found");
  const ops = [];
  const skipped = []; // { name, reason }
  for (const member of cls.members) {
    if (!ts.isMethodDeclaration(member) || !member.body) continue;
    const name = member.name.getText();
    const isPrivate = (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Private) !== 0;
    const calls = requestCalls(member.body);
    if (!calls.length) {
      skipped.push({ name, reason: isPrivate ? "private helper, no HTTP request" : "sends no HTTP request through httpClient" });
      continue;
    }
    if (calls.length !== 1) fail(`${name}: ${calls.length} request calls`);
    const arg = calls[0].arguments[0];
    if (!arg || !ts.isObjectLiteralExpression(arg)) {
      skipped.push({ name, reason: `passes its own argument (${arg?.getText()}) to httpClient.request: the generic escape hatch, no fixed endpoint` });
      continue;
    }
    ops.push(readOperation(member, name, arg, conv, consts));
  }
  return { ops, skipped };
}

function readOperation(method, name, config, conv, consts) {
  const where = `ManagementClient.${name}`;
  const bindings = methodBindings(method);
  const used = new Set();
  const props = new Map();
  for (const p of config.properties) {
    if (!ts.isPropertyAssignment(p)) fail(`${where}: unsupported request config member ${p.getText()}`);
    props.set(propName(p.name), p.initializer);
  }
  for (const k of props.keys()) {
    if (!["method", "url", "params", "data"].includes(k)) fail(`${where}: unsupported request config key ${k}`);
  }
  const m = props.get("method");
  const u = props.get("url");
  if (!m || !ts.isStringLiteral(m)) fail(`${where}: method is not a string literal`);
  if (!u || !ts.isStringLiteral(u)) fail(`${where}: url is not a string literal`);
  const httpMethod = m.text.toUpperCase();
  const urlPath = u.text;
  const notes = [];

  // Query parameters: the `params` object, property by property, in source order.
  const query = [];
  const pNode = props.get("params");
  if (pNode) {
    if (!ts.isObjectLiteralExpression(pNode)) fail(`${where}: params is not an object literal`);
    for (const p of pNode.properties) {
      let wire, local;
      if (ts.isShorthandPropertyAssignment(p)) {
        wire = local = p.name.text;
      } else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer)) {
        wire = propName(p.name);
        local = p.initializer.text;
      } else fail(`${where}: unsupported params member ${p.getText()}`);
      const b = bindings.get(local);
      if (!b) fail(`${where}: params.${wire} reads ${local}, which is no parameter`);
      used.add(local);
      query.push({
        name: wire,
        type: b.typeNode ? conv.convert(b.typeNode, `${where}(query ${wire})`) : conv.unsupportedType(method, `${where}(query ${wire})`),
        required: b.required,
        default: b.default,
        doc: b.doc,
      });
    }
  }

  // Body: the `data` value, either a parameter (its declared type) or an object literal built
  // from parameters (one method: `pub`).
  let body = null;
  const dNode = props.get("data");
  if (dNode) {
    if (ts.isIdentifier(dNode)) {
      const b = bindings.get(dNode.text);
      if (!b) fail(`${where}: data reads ${dNode.text}, which is no parameter`);
      used.add(dNode.text);
      body = { type: conv.convert(b.typeNode, `${where}(body)`), required: b.required };
    } else if (ts.isObjectLiteralExpression(dNode)) {
      const fields = [];
      for (const p of dNode.properties) {
        if (!ts.isPropertyAssignment(p)) fail(`${where}: unsupported data member ${p.getText()}`);
        const fname = propName(p.name);
        const v = p.initializer;
        if (ts.isIdentifier(v) && bindings.has(v.text)) {
          const b = bindings.get(v.text);
          used.add(v.text);
          fields.push({
            name: fname,
            type: conv.convert(b.typeNode, `${where}(body ${fname})`),
            required: b.required,
            doc: b.doc ?? `The method's \`${v.text}\` argument.`,
          });
        } else if (ts.isTemplateExpression(v) || ts.isStringLiteral(v) || ts.isNoSubstitutionTemplateLiteral(v)) {
          const value = constantString(v, consts, where);
          fields.push({
            name: fname,
            type: { kind: "literal_union", values: [value] },
            required: true,
            doc: `Not an argument: the SDK always sends ${v.getText()} here, which is ${JSON.stringify(value)}.`,
          });
          notes.push(`body field ${fname} is not an argument: the SDK fills it with ${v.getText()} (${JSON.stringify(value)})`);
        } else fail(`${where}: unsupported data member value ${v.getText()}`);
      }
      body = { type: { kind: "object", fields }, required: true };
      notes.push("body is an object literal built in the method from its positional arguments (no DTO)");
    } else fail(`${where}: data is neither a parameter nor an object literal`);
  }

  // Parameters the request never reads.
  const unused = [];
  for (const [local, b] of bindings) {
    if (!used.has(local)) {
      // A parameter might still be read in the method body (e.g. a type check): record it.
      unused.push({ name: local, type: b.typeNode ? conv.convert(b.typeNode, `${where}(unused ${local})`) : { kind: "any" } });
    }
  }
  const bodyIds = identifiersIn(method.body);
  for (const u2 of unused) {
    if (bodyIds.has(u2.name)) fail(`${where}: parameter ${u2.name} is read by the method outside the request`);
  }
  const placeholders = [];
  {
    let i = 0;
    while ((i = urlPath.indexOf("{", i)) >= 0) {
      const j = urlPath.indexOf("}", i);
      placeholders.push(urlPath.slice(i + 1, j));
      i = j;
    }
  }
  if (placeholders.length) {
    notes.push(
      `path placeholder ${placeholders.map((p) => `{${p}}`).join(", ")} is sent literally (percent-encoded by the HTTP client), never substituted`,
    );
  }
  for (const u2 of unused) notes.push(`parameter ${u2.name} is accepted but not sent`);
  if (query.length && httpMethod !== "GET") notes.push(`query string on a ${httpMethod} request`);
  if (!body && httpMethod === "POST") notes.push("POST without a body");
  if (body && httpMethod === "GET") notes.push("GET with a body");

  // Response: the declared `Promise<T>`.
  let response;
  const rt = method.type;
  const { text: _text, tags } = jsDocTags(method);
  const returnsTag = tags.returns?.[0] ?? null;
  if (rt && ts.isTypeReferenceNode(rt) && ts.isIdentifier(rt.typeName) && rt.typeName.text === "Promise" && rt.typeArguments?.length === 1) {
    response = { type: conv.convert(rt.typeArguments[0], `${where}(response)`), declared: true };
  } else if (!rt) {
    response = { type: { kind: "any" }, declared: false };
    notes.push("response type not declared in TS (any)");
  } else fail(`${where}: return type ${rt.getText()} is not Promise<T>`);
  if (returnsTag && response.declared && response.type.kind === "ref" && returnsTag !== response.type.name)
    notes.push(`@returns says ${returnsTag}, the signature says ${response.type.name}`);

  const summary = tags.summary?.[0] ?? null;
  const description = tags.description?.[0] ?? null;
  const docParts = [];
  if (summary) docParts.push(summary);
  if (description && description !== summary) docParts.push(description);
  const paramDocs = query.filter((q) => q.doc).map((q) => `- \`${q.name}\`: ${q.doc}`);
  if (paramDocs.length) docParts.push("Query parameters:\n" + paramDocs.join("\n"));

  const knownTags = new Set(["summary", "description", "returns", "deprecated"]);
  for (const t of Object.keys(tags)) if (!knownTags.has(t)) fail(`${where}: unexpected JSDoc tag @${t}`);

  return {
    name,
    http_method: httpMethod,
    path: urlPath,
    summary,
    description,
    doc: cleanDoc(docParts.join("\n\n")),
    deprecated: "deprecated" in tags,
    query,
    body,
    response,
    unused_params: unused,
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// The TSV join

function readTsv() {
  const text = fs.readFileSync(TSV_FILE, "utf8");
  const lines = text.split("\n").filter((l) => l !== "");
  const header = lines[0].split("\t");
  return lines.slice(1).map((l) => {
    const cells = l.split("\t");
    const row = {};
    header.forEach((h, i) => (row[h] = cells[i] ?? ""));
    return row;
  });
}

// Cross-checks each operation against its TSV row: the Node method name, the declared response
// type, and the top-level field names (query parameters, or the body DTO's fields). The TSV lists
// what the recordings sent with every DTO property filled, so they should agree. Returns the
// differences as strings (informational; none is expected).
function crossCheckTsv(ops, rowsByKey, typesByName) {
  const out = [];
  const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
  for (const op of ops) {
    const row = rowsByKey.get(`${op.http_method} ${op.path}`);
    if (!row) continue;
    const names = row.sdk_method.startsWith("node:") ? [row.sdk_method.slice(5)] : row.sdk_method.split(",").map(camel);
    if (!names.includes(op.name) && !row.notes.includes(op.name)) out.push(`${op.name}: TSV names ${row.sdk_method}`);
    const rt = op.response.type.kind === "ref" ? op.response.type.name : op.response.declared ? op.response.type.kind : "undeclared";
    if (row.response_type !== rt && !row.response_type.includes(`${rt} (${op.name})`) && !row.response_type.includes(`${rt} (`))
      out.push(`${op.name}: response ${rt}, TSV ${row.response_type}`);
    const f = row.body_or_query_fields;
    let want = { query: [], json: [] };
    if (f !== "-" && f !== "json: {} (no properties)") {
      const [kind, list] = f.split(": ");
      want[kind] = list
        .split(",")
        .filter((x) => !x.endsWith("(py)"))
        .map((x) => x.replace(/\(node\)$/, ""));
    }
    // Two methods can send one (method, path) pair (verifyEvent and pub): the row lists the
    // union of what they send.
    const q = [], j = [];
    for (const o of ops.filter((o) => o.http_method === op.http_method && o.path === op.path)) {
      q.push(...o.query.map((x) => x.name));
      if (o.body) {
        const t = o.body.type.kind === "ref" ? typesByName.get(o.body.type.name) : o.body.type;
        j.push(...(t.fields ?? []).map((x) => x.name));
      }
    }
    const diff = (a, b) => [...new Set(a.filter((x) => !b.includes(x)))];
    const dq = [diff(q, want.query), diff(want.query, q)];
    const dj = [diff(j, want.json), diff(want.json, j)];
    if (dq[0].length || dq[1].length) out.push(`${op.name}: query only in TS [${dq[0]}], only in TSV [${dq[1]}]`);
    if (dj[0].length || dj[1].length) out.push(`${op.name}: body fields only in TS [${dj[0]}], only in TSV [${dj[1]}]`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Envelope recognition

// What the declared response type looks like next to the envelope
// { statusCode, message, apiCode, requestId, data }. Only a named object type is looked at (one
// ref deep); the field *names* decide:
//   envelope           exactly the five envelope fields
//   envelope_partial   statusCode, message and data, but apiCode and/or requestId not declared
//   envelope_no_data   statusCode and message (apiCode/requestId optional), no data at all
//   envelope_other     statusCode and message plus a payload field that is not called data
//   data_only          a data field, none of statusCode/message
//   bare               none of the envelope fields: the declared type is a payload DTO (or {})
//   undeclared         no response type in the TS signature
// `data` is the type of the data field where there is one, else null.
function responseShape(type, declared, typesByName) {
  if (!declared) return { shape: "undeclared", data: null, why: "no declared return type" };
  if (type.kind !== "ref") return { shape: "bare", data: null, why: `response is not a named type (${type.kind})` };
  const t = typesByName.get(type.name);
  if (!t || t.kind !== "object") return { shape: "bare", data: null, why: `${type.name} is not an object type` };
  const names = new Set(t.fields.map((f) => f.name));
  const env = new Set(ENVELOPE_FIELDS);
  const extra = [...names].filter((n) => !env.has(n)).sort();
  const missing = ENVELOPE_FIELDS.filter((n) => !names.has(n));
  const dataType = names.has("data") ? t.fields.find((f) => f.name === "data").type : null;
  const why = `${type.name}: ${[missing.length ? "lacks " + missing.join(",") : "", extra.length ? "has " + extra.join(",") : ""].filter(Boolean).join("; ")}`;
  const head = names.has("statusCode") && names.has("message");
  let shape;
  if (head && names.has("data") && !extra.length) shape = missing.length ? "envelope_partial" : "envelope";
  else if (head && !names.has("data") && !extra.length) shape = "envelope_no_data";
  else if (head) shape = "envelope_other";
  else if (names.has("data") && !names.has("statusCode") && !names.has("message")) shape = "data_only";
  else if (!ENVELOPE_FIELDS.some((n) => names.has(n))) shape = "bare";
  else fail(`${type.name}: response shape not classified (${why})`);
  return { shape, data: dataType, why: shape === "envelope" ? null : why };
}

// ---------------------------------------------------------------------------------------------
// Deterministic JSON: objects are written with their keys in the order they were built (every
// builder above uses a fixed order); arrays keep their order; 2-space indent; trailing newline.

function stableStringify(value) {
  return JSON.stringify(value, null, 2) + "\n";
}

// ---------------------------------------------------------------------------------------------

export function extract() {
  const sdkPkg = readJson(path.join(SDK_DIR, "package.json"));
  const tsPkg = readJson(path.join(HERE, "node_modules", "typescript", "package.json"));
  // The installed packages must be the pinned ones (a stale node_modules would silently give
  // another schema).
  const pinned = readJson(path.join(HERE, "package.json")).devDependencies;
  for (const [name, pkg] of [["authing-node-sdk", sdkPkg], ["typescript", tsPkg]]) {
    if (pkg.version !== pinned[name])
      fail(`node_modules has ${name}@${pkg.version}, package.json pins ${pinned[name]}: run npm ci --ignore-scripts`);
  }
  if (ts.version !== tsPkg.version) fail(`loaded typescript ${ts.version}, expected ${tsPkg.version}`);
  const { program, modelFiles } = loadProgram();
  const models = readModels(program, modelFiles);
  const conv = new TypeConverter(models);
  const { ops: rawOps, skipped } = readOperations(program, conv);

  // Types reachable from the operations.
  const roots = new Set();
  for (const op of rawOps) {
    for (const q of op.query) refsIn(q.type, roots);
    if (op.body) refsIn(op.body.type, roots);
    refsIn(op.response.type, roots);
    for (const u of op.unused_params) refsIn(u.type, roots);
  }
  const typesByName = new Map();
  const queue = [...roots].sort();
  while (queue.length) {
    const n = queue.shift();
    if (typesByName.has(n)) continue;
    const t = modelType(n, models, conv);
    typesByName.set(n, t);
    const next = new Set();
    for (const f of t.fields) refsIn(f.type, next);
    if (t.type) refsIn(t.type, next);
    for (const r of [...next].sort()) if (!typesByName.has(r)) queue.push(r);
  }

  // Join with the TSV.
  const tsv = readTsv();
  const rowsByKey = new Map();
  for (const r of tsv) {
    const k = `${r.http_method} ${r.path}`;
    if (rowsByKey.has(k)) fail(`TSV: duplicate row ${k}`);
    rowsByKey.set(k, r);
  }
  const opsWithoutRow = [];
  const matchedKeys = new Set();
  const operations = rawOps
    .map((op) => {
      const k = `${op.http_method} ${op.path}`;
      const row = rowsByKey.get(k);
      if (row) matchedKeys.add(k);
      else opsWithoutRow.push(op.name);
      const env = responseShape(op.response.type, op.response.declared, typesByName);
      return {
        name: op.name,
        group: row ? row.group : null,
        http_method: op.http_method,
        path: op.path,
        doc: op.doc,
        summary: op.summary,
        description: op.description,
        deprecated: op.deprecated,
        query: op.query,
        body: op.body,
        response: {
          type: op.response.type,
          declared: op.response.declared,
          shape: env.shape,
          data: env.data,
        },
        unused_params: op.unused_params,
        notes: op.notes,
        _envWhy: env.why,
      };
    })
    .sort((a, b) => compare(a.name, b.name));
  const tsvMismatches = crossCheckTsv(rawOps, rowsByKey, typesByName);
  const rowsWithoutOp = tsv.filter((r) => !matchedKeys.has(`${r.http_method} ${r.path}`));

  const nonEnvelope = operations.filter((o) => o.response.shape !== "envelope").map((o) => ({ name: o.name, shape: o.response.shape, why: o._envWhy }));
  for (const o of operations) delete o._envWhy;

  const types = [...typesByName.values()]
    .sort((a, b) => compare(a.name, b.name))
    .map((t) => {
      const out = { name: t.name, kind: t.kind, ts_name: t.ts_name, source: t.source, doc: t.doc };
      if (t.kind === "alias") out.type = t.type;
      out.fields = t.fields;
      out.variants = t.variants;
      return out;
    });

  const schema = {
    schema_version: 1,
    generator: "genauth-management/codegen/extract.mjs",
    source: {
      package: `${sdkPkg.name}@${sdkPkg.version}`,
      files: ["src/ManagementClient.ts", "src/models/*.ts"],
      typescript: tsPkg.version,
      endpoints_tsv: "genauth-management/codegen/management-endpoints.tsv",
    },
    operations,
    types,
  };

  // Summary.
  const fieldCount = types.reduce((n, t) => n + t.fields.length, 0);
  const variantCount = types.reduce((n, t) => n + t.variants.length, 0);
  let docsPresent = 0, docSlots = 0;
  for (const t of types) {
    docSlots++; if (t.doc) docsPresent++;
    for (const f of t.fields) { docSlots++; if (f.doc) docsPresent++; }
    for (const v of t.variants) { docSlots++; if (v.doc) docsPresent++; }
  }
  const summary = {
    operations: operations.length,
    skipped_methods: skipped,
    types: types.length,
    objects: types.filter((t) => t.kind === "object").length,
    enums: types.filter((t) => t.kind === "enum").length,
    aliases: types.filter((t) => t.kind === "alias").length,
    fields: fieldCount,
    variants: variantCount,
    type_docs: `${docsPresent}/${docSlots}`,
    op_docs: operations.filter((o) => o.doc).length,
    query_params: operations.reduce((n, o) => n + o.query.length, 0),
    query_param_docs: operations.reduce((n, o) => n + o.query.filter((q) => q.doc).length, 0),
    models_in_sdk: models.aliases.size,
    enums_in_sdk: models.enums.size,
    unsupported: conv.unsupported,
    ops_without_tsv_row: opsWithoutRow,
    tsv_rows_without_op: rowsWithoutOp.map((r) => `${r.group} ${r.http_method} ${r.path}`),
    non_envelope_responses: nonEnvelope,
    tsv_mismatches: tsvMismatches,
  };
  return { schema, summary };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { schema, summary } = extract();
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, stableStringify(schema));
  if (!opts.quiet) process.stderr.write(JSON.stringify(summary, null, 2) + "\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
