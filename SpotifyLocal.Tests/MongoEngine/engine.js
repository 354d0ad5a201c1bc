// An in-memory MongoDB for the differential tests: reads one request per line on stdin (canonical Extended
// JSON), runs it with mingo and writes one Extended JSON reply per line. Unique indexes are enforced once
// created (as on a server: a collection without its index accepts duplicates), and a collection validator
// rejects documents like collMod's does, so the store's handling of partial bulk failures can be exercised.
//
// Known differences from MongoDB that the tests keep away from: mingo orders strings by UTF-16 code unit,
// MongoDB (and SQLite) by UTF-8 byte, so two names whose first difference is a character above U+FFFF
// against one in U+E000..U+FFFF sort differently; numbers are JavaScript doubles (exact below 2^53).
"use strict";
const readline = require("node:readline");
const { EJSON, ObjectId } = require("bson");
const mingo = require("mingo");

const collections = new Map(); // name -> { docs: [], unique: [{ name, fields, keys: Map }], validator: Query | null }

function collection(name) {
  let c = collections.get(name);
  if (!c) {
    c = { docs: [], unique: [{ name: "_id_", fields: ["_id"], keys: new Map() }], validator: null };
    collections.set(name, c);
  }
  return c;
}

function keyOf(doc, fields) {
  return EJSON.stringify(fields.map((f) => (doc[f] === undefined ? null : doc[f])), { relaxed: false });
}

function index(c, doc) {
  for (const u of c.unique) u.keys.set(keyOf(doc, u.fields), doc);
}

function unindex(c, doc) {
  for (const u of c.unique) u.keys.delete(keyOf(doc, u.fields));
}

function insert(c, doc) {
  if (c.validator && !c.validator.test(doc)) return 121; // DocumentValidationFailure
  if (c.unique.some((u) => u.keys.has(keyOf(doc, u.fields)))) return 11000; // DuplicateKey
  c.docs.push(doc);
  index(c, doc);
  return 0;
}

// Equality fields of a filter become the new document of an upsert, as on the server.
function seedOf(filter) {
  const seed = {};
  for (const [field, value] of Object.entries(filter)) {
    if (field.startsWith("$")) continue;
    if (value !== null && typeof value === "object" && !(value instanceof Date) && Object.keys(value).some((k) => k.startsWith("$"))) {
      if ("$eq" in value) seed[field] = value.$eq;
      continue;
    }
    seed[field] = value;
  }
  return seed;
}

// The document an equality filter names through a unique index (what the server's index lookup finds), else a scan.
function findOne(c, filter) {
  const seed = seedOf(filter);
  const equalityOnly = Object.keys(seed).length === Object.keys(filter).length;
  const u = equalityOnly && c.unique.find((i) => i.fields.length === Object.keys(seed).length && i.fields.every((f) => f in seed));
  if (u) return u.keys.get(keyOf(seed, u.fields));
  const query = new mingo.Query(filter);
  return c.docs.find((d) => query.test(d));
}

const handlers = {
  reset() {
    collections.clear();
    return {};
  },
  createIndexes({ collection: name, indexes }) {
    const c = collection(name);
    for (const index of indexes) {
      if (index.unique && !c.unique.some((u) => u.name === index.name)) {
        const fields = Object.keys(index.key);
        const keys = new Map();
        for (const doc of c.docs) {
          const key = keyOf(doc, fields);
          if (keys.has(key)) return { error: `E11000 cannot build unique index ${index.name}: duplicate ${key}` };
          keys.set(key, doc);
        }
        c.unique.push({ name: index.name, fields, keys });
      }
    }
    return { indexes: c.unique.map((u) => u.name) };
  },
  setValidator({ collection: name, validator }) {
    collection(name).validator = new mingo.Query(validator);
    return {};
  },
  insertMany({ collection: name, documents }) {
    const c = collection(name);
    const writeErrors = [];
    documents.forEach((doc, index) => {
      const code = insert(c, doc);
      if (code !== 0) writeErrors.push({ index, code });
    });
    return { writeErrors };
  },
  insertOne({ collection: name, document }) {
    return { code: insert(collection(name), document) };
  },
  update({ collection: name, updates }) {
    const c = collection(name);
    let matched = 0;
    let upserted = 0;
    for (const { filter, update, upsert } of updates) {
      const target = findOne(c, filter);
      if (target) {
        unindex(c, target);
        mingo.update(target, update);
        index(c, target);
        matched++;
      } else if (upsert) {
        const doc = { _id: new ObjectId(), ...seedOf(filter) };
        mingo.update(doc, update);
        if (insert(c, doc) !== 0) return { error: "upsert rejected" };
        upserted++;
      }
    }
    return { matched, upserted };
  },
  updateMany({ collection: name, filter, update }) {
    const c = collection(name);
    const query = new mingo.Query(filter);
    const targets = c.docs.filter((d) => query.test(d));
    for (const target of targets) {
      unindex(c, target);
      if (Array.isArray(update)) {
        // An update pipeline: each stage ($set/$addFields/$unset) rewrites the document.
        const [next] = mingo.aggregate([target], update);
        for (const key of Object.keys(target)) delete target[key];
        Object.assign(target, next);
      } else {
        mingo.update(target, update);
      }
      index(c, target);
    }
    return { matched: targets.length };
  },
  deleteMany({ collection: name, filter }) {
    const c = collection(name);
    const query = new mingo.Query(filter);
    const before = c.docs.length;
    const kept = [];
    for (const doc of c.docs) {
      if (query.test(doc)) unindex(c, doc);
      else kept.push(doc);
    }
    c.docs = kept;
    return { deleted: before - kept.length };
  },
  aggregate({ collection: name, pipeline }) {
    return { results: mingo.aggregate(collection(name).docs, pipeline) };
  },
  dump({ collection: name }) {
    return { results: collection(name).docs };
  },
};

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  let reply;
  try {
    const request = EJSON.parse(line, { relaxed: true });
    reply = handlers[request.op](request);
  } catch (error) {
    reply = { error: String(error && error.stack ? error.stack : error) };
  }
  process.stdout.write(EJSON.stringify(reply, { relaxed: false }) + "\n");
});
