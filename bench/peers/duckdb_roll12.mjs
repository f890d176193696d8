// T2 roll12 with DuckDB: the 12-month rolling total per series over a RANGE window on the month
// index (complete windows only: 12 months present), and its YoY % against the total 12 months earlier.
import { DuckDBInstance } from '@duckdb/node-api';
const file = process.argv[2];
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.run(`CREATE TABLE t AS SELECT indicator, area, period, value::DOUBLE AS value,
  substr(period, 1, 4)::INTEGER * 12 + substr(period, 6, 2)::INTEGER - 1 AS m
  FROM read_csv('${file}', header=true, all_varchar=true)`);
await con.run(`CREATE TABLE r AS SELECT * FROM (SELECT indicator, area, period, m,
  sum(value) OVER w AS value, count(value) OVER w AS k FROM t
  WINDOW w AS (PARTITION BY indicator, area ORDER BY m RANGE BETWEEN 11 PRECEDING AND CURRENT ROW)) WHERE k = 12`);
await con.run(`COPY (SELECT a.indicator, a.area, a.period, a.value, b.value AS base_value, a.value - b.value AS change,
  CASE WHEN b.value <> 0 THEN (a.value - b.value) / b.value * 100 END AS pct_change
  FROM r a LEFT JOIN r b ON a.indicator = b.indicator AND a.area = b.area AND b.m = a.m - 12
  ORDER BY a.indicator, a.area, a.m) TO '/dev/stdout' (HEADER, DELIMITER ',')`);
