#!/usr/bin/env node
// What Azurite's table store costs per operation as a table grows, without HTTP: the same LokiJS calls that
// Azurite 3.35 makes for an insert (look the key up, then insert), a replace (look up, remove, insert) and a
// merge (look up, update), on a collection indexed on PartitionKey and RowKey as Azurite indexes its tables.
// It explains the registration throughput: LokiJS finds an entity through its partition, then scans that
// partition's rows, and a replace shifts every index entry of the whole table.
//
//   node bench/tools/azurite-store-costs.mjs [--rows 10000,50000] [--partitions 32,256] [--operations 2000]
//
// Needs the npm packages of functions/ (npm ci there): it uses the LokiJS that Azurite itself depends on.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(path.join(root, "functions", "node_modules", "azurite", "package.json"));
const Loki = require("lokijs");

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const rowCounts = option("rows", "10000,50000").split(",").map(Number);
const partitionCounts = option("partitions", "32,256").split(",").map(Number);
const operations = Number(option("operations", "2000"));

function table(rows, partitions) {
  const collection = new Loki("costs").addCollection("entities", { indices: ["PartitionKey", "RowKey"] });
  for (let i = 0; i < rows; i++) {
    collection.insert({ PartitionKey: `p${i % partitions}`, RowKey: `r-${(i * 2654435761) % 4294967296}`, properties: { n: i } });
  }
  for (let p = 0; p < partitions; p++) {
    collection.insert({ PartitionKey: `p${p}`, RowKey: "!counter", properties: { n: 0 } });
  }
  return collection;
}

// Microseconds per call, the median of five passes of `operations` calls.
function time(work) {
  const passes = [];
  for (let pass = 0; pass < 5; pass++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < operations; i++) work(pass * operations + i);
    passes.push(Number(process.hrtime.bigint() - start) / 1000 / operations);
  }
  return passes.sort((a, b) => a - b)[2];
}

console.log("rows\tpartitions\tinsert µs\tpoint read µs\treplace µs\tmerge µs");
for (const rows of rowCounts) {
  for (const partitions of partitionCounts) {
    const c = table(rows, partitions);
    const partition = (i) => `p${i % partitions}`;
    const insert = time((i) => {
      const key = { PartitionKey: partition(i), RowKey: `new-${i}` };
      if (!c.findOne(key)) c.insert({ ...key, properties: {} });
    });
    // The rows just inserted are removed again so that every measurement starts from the same table.
    c.findAndRemove({ RowKey: { $regex: /^new-/ } });
    const read = time((i) => c.findOne({ PartitionKey: partition(i), RowKey: "!counter" }));
    const replace = time((i) => {
      const found = c.findOne({ PartitionKey: partition(i), RowKey: "!counter" });
      c.remove(found);
      c.insert({ PartitionKey: found.PartitionKey, RowKey: "!counter", properties: { n: i } });
    });
    const merge = time((i) => {
      const found = c.findOne({ PartitionKey: partition(i), RowKey: "!counter" });
      c.update({ ...found, properties: { n: i } });
    });
    console.log([rows, partitions, insert, read, replace, merge].map((v) => (typeof v === "number" && !Number.isInteger(v) ? v.toFixed(1) : v)).join("\t"));
  }
}
