// DuckDB peer for `make bench`: counts trials by status and by phase token
// in a current-format export, reading it as correctly as DuckDB can
// (parallel=false: its parallel reader rejects quoted newlines here).
// Usage: node duckdb_bench.mjs FILE   -> prints "status<TAB>count" lines.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const src = `read_csv('${file.replace(/'/g, "''")}', header = true,
    all_varchar = true, parallel = false, max_line_size = 100000000)`;
await con.run(`CREATE TEMP TABLE t AS SELECT "Study Status" AS s, "Phases" AS p FROM ${src}`);
const status = await con.runAndReadAll(`SELECT s, count(*) FROM t GROUP BY s ORDER BY s`);
for (const row of status.getRows()) console.log(`status\t${row[0] ?? ''}\t${row[1]}`);
const phases = await con.runAndReadAll(
  `SELECT tok, count(*) FROM (SELECT unnest(string_split(coalesce(p, ''), '|')) AS tok FROM t) GROUP BY tok ORDER BY tok`);
for (const row of phases.getRows()) console.log(`phase\t${row[0] ?? ''}\t${row[1]}`);
