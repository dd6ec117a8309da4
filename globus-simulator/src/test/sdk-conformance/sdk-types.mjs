// Reads the document shapes the official SDK declares (its own TypeScript declarations in node_modules) and checks
// JSON documents against them: every required field present, every value of a declared JSON kind, and values of
// string-literal unions (enums such as `status` or `entity_type`) among the declared ones. Only the field list of a
// type is used, so this needs no TypeScript compiler; nested types are resolved within the same declaration file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const SDK_ROOT = path.dirname(require.resolve('@globus/sdk/package.json'));
const SDK_VERSION = JSON.parse(readFileSync(path.join(SDK_ROOT, 'package.json'), 'utf8')).version;

export function sdkVersion() {
  return SDK_VERSION;
}

const sources = new Map();

function source(file) {
  if (!sources.has(file)) {
    const text = readFileSync(path.join(SDK_ROOT, 'dist/esm', file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    sources.set(file, text);
  }
  return sources.get(file);
}

const OPEN = { '{': '}', '(': ')', '[': ']', '<': '>' };
const CLOSE = new Set(Object.values(OPEN));

/** Splits text at top-level separators, outside brackets, quotes and template literals. */
function splitTop(text, sep) {
  const out = [];
  let depth = 0;
  let quote = null;
  let cur = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quote) {
      cur += c;
      if (c === quote && text[i - 1] !== '\\') quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      quote = c;
      cur += c;
      continue;
    }
    if (c === '=' && text[i + 1] === '>') {
      cur += '=>';
      i += 1;
      continue;
    }
    if (OPEN[c]) depth += 1;
    else if (CLOSE.has(c)) depth -= 1;
    if (c === sep && depth === 0) {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  if (cur.trim()) out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s.length);
}

/** The text of `type NAME = ...;` or the body of `interface NAME {...}` in a declaration file. */
function definition(file, name) {
  const text = source(file);
  const re = new RegExp(`(?:export\\s+)?(?:declare\\s+)?(type|interface)\\s+${name}\\b[^={]*(=|\\{)`);
  const m = re.exec(text);
  if (!m) return null;
  let i = m.index + m[0].length;
  if (m[2] === '{') i -= 1; // interface: keep the brace
  // read until the `;` (type) or the closing brace (interface) at depth 0
  let depth = 0;
  let quote = null;
  let j = i;
  for (; j < text.length; j += 1) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '=' && text[j + 1] === '>') j += 1;
    else if (OPEN[c]) depth += 1;
    else if (CLOSE.has(c)) {
      depth -= 1;
      if (m[1] === 'interface' && depth === 0) {
        j += 1;
        break;
      }
    } else if (c === ';' && depth === 0 && m[1] === 'type') break;
  }
  return text.slice(i, j).trim();
}

/** Fields of an object type written as `{ a: T; b?: U }`, possibly `A & { ... }` with A defined in the same file. */
function fieldsOf(file, typeText) {
  const fields = {};
  for (const part of splitTop(typeText, '&')) {
    if (part.startsWith('{')) {
      for (const member of splitTop(part.slice(1, -1), ';')) {
        const m = /^(?:readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)(\??)\s*:\s*([\s\S]+)$/.exec(member);
        if (!m) continue; // index signatures and methods
        fields[m[1]] = { optional: m[2] === '?', type: m[3].trim() };
      }
    } else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(part)) {
      const def = definition(file, part);
      if (def) Object.assign(fields, fieldsOf(file, def));
    }
  }
  return fields;
}

/**
 * The JSON kinds a TypeScript type allows: a set of 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object',
 * or 'any'; and `literals`, the allowed strings when the type is a union of string literals (else null).
 */
function kindsOf(file, typeText, seen = new Set()) {
  const kinds = new Set();
  let literals = [];
  for (const alt of splitTop(typeText, '|')) {
    if (alt === 'null') kinds.add('null');
    else if (alt === 'string') { kinds.add('string'); literals = null; }
    else if (/^'.*'$|^".*"$/.test(alt)) { kinds.add('string'); if (literals) literals.push(alt.slice(1, -1)); }
    else if (alt.startsWith('`')) { kinds.add('string'); literals = null; }
    else if (alt === 'number' || /^-?\d+(\.\d+)?$/.test(alt)) { kinds.add('number'); }
    else if (alt === 'boolean' || alt === 'true' || alt === 'false') kinds.add('boolean');
    else if (alt.endsWith('[]') || alt.startsWith('Array<')) kinds.add('array');
    else if (alt.startsWith('{') || alt === 'object' || alt.startsWith('Record<')) kinds.add('object');
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(alt) && !seen.has(alt) && definition(file, alt)) {
      seen.add(alt);
      const def = definition(file, alt);
      if (def.startsWith('{') || /\binterface\b/.test(def)) kinds.add('object');
      else {
        const inner = kindsOf(file, def, seen);
        if (inner.any) return { any: true };
        inner.kinds.forEach((k) => kinds.add(k));
        if (inner.literals && literals) literals.push(...inner.literals);
        else literals = null;
      }
    } else return { any: true }; // unknown, imported or indexed types: not checked
  }
  if (!kinds.has('string')) literals = null;
  return { any: false, kinds, literals: literals && literals.length ? literals : null };
}

function kindOfValue(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const schemas = new Map();

/** The field schema of a named type in a declaration file (relative to the SDK's dist/esm). */
export function schema(file, name) {
  const key = `${file}#${name}`;
  if (!schemas.has(key)) {
    const def = definition(file, name);
    if (!def) throw new Error(`@globus/sdk ${SDK_VERSION}: no type ${name} in ${file}`);
    const fields = fieldsOf(file, def);
    if (!Object.keys(fields).length) throw new Error(`@globus/sdk ${SDK_VERSION}: type ${name} in ${file} has no fields`);
    const out = {};
    for (const [field, f] of Object.entries(fields)) out[field] = { optional: f.optional, type: f.type, ...kindsOf(file, f.type) };
    schemas.set(key, out);
  }
  return schemas.get(key);
}

/**
 * Problems of a document against a named SDK type: missing required fields, wrong JSON kinds, values outside a
 * literal union. `allow` maps `field` to values the fact sheet prescribes where the SDK's typing differs (these are
 * reported through `notes`, not as problems).
 */
export function conform(doc, file, name, { allow = {}, notes = [] } = {}) {
  const problems = [];
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return [`${name}: not an object`];
  for (const [field, f] of Object.entries(schema(file, name))) {
    if (!(field in doc)) {
      if (!f.optional) problems.push(`${name}.${field} missing (SDK type: ${f.type})`);
      continue;
    }
    if (f.any) continue;
    const v = doc[field];
    const kind = kindOfValue(v);
    if (!f.kinds.has(kind) && !(v === undefined && f.optional)) {
      problems.push(`${name}.${field} is ${kind} ${JSON.stringify(v)} (SDK type: ${f.type})`);
      continue;
    }
    if (kind === 'string' && f.literals && !f.literals.includes(v)) {
      if (allow[field] && allow[field].includes(v)) {
        notes.push(`${name}.${field} = ${JSON.stringify(v)} as the fact sheet says; the SDK types it ${f.type}`);
      } else {
        problems.push(`${name}.${field} = ${JSON.stringify(v)} not in SDK type ${f.type}`);
      }
    }
  }
  return problems;
}
