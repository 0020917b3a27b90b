// DuckDB peer for `make bench`: tallies trials by status, by phase token
// and by intervention name ("TYPE: name" items of the '|'-joined
// Interventions field) in a current-format export, reading it as
// correctly as DuckDB can (parallel=false: its parallel reader rejects
// quoted newlines here).
// Usage: node duckdb_bench.mjs FILE   -> prints "status<TAB>value<TAB>count"
// and "phase<TAB>..." lines, and one "interventions<TAB>distinct<TAB>items"
// line (the names' tally has too many rows to print).
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const src = `read_csv('${file.replace(/'/g, "''")}', header = true,
    all_varchar = true, parallel = false, max_line_size = 100000000)`;
await con.run(`CREATE TEMP TABLE t AS SELECT "Study Status" AS s, "Phases" AS p,
    "Interventions" AS i FROM ${src}`);
const status = await con.runAndReadAll(`SELECT s, count(*) FROM t GROUP BY s ORDER BY s`);
for (const row of status.getRows()) console.log(`status\t${row[0] ?? ''}\t${row[1]}`);
const phases = await con.runAndReadAll(
  `SELECT tok, count(*) FROM (SELECT unnest(string_split(coalesce(p, ''), '|')) AS tok FROM t) GROUP BY tok ORDER BY tok`);
for (const row of phases.getRows()) console.log(`phase\t${row[0] ?? ''}\t${row[1]}`);
const names = await con.runAndReadAll(
  `SELECT count(*), sum(n) FROM (SELECT tok, count(*) AS n FROM
     (SELECT unnest(string_split(i, '|')) AS tok FROM t WHERE i IS NOT NULL AND i <> '')
   GROUP BY tok)`);
for (const row of names.getRows()) console.log(`interventions\t${row[0]}\t${row[1]}`);
