// T3 trend with DuckDB: per series, regr_slope / regr_intercept / regr_r2 of value on the month
// index (0 at the series' first month; gaps keep their width).
import { DuckDBInstance } from '@duckdb/node-api';
const file = process.argv[2];
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.run(`CREATE TABLE t AS SELECT indicator, area, value::DOUBLE AS value,
  substr(period, 1, 4)::INTEGER * 12 + substr(period, 6, 2)::INTEGER - 1 AS m
  FROM read_csv('${file}', header=true, all_varchar=true)`);
await con.run(`COPY (SELECT indicator, area, count(*) AS n, regr_slope(value, x) AS slope,
  regr_intercept(value, x) AS intercept, regr_r2(value, x) AS r2
  FROM (SELECT indicator, area, value, (m - min(m) OVER (PARTITION BY indicator, area))::DOUBLE AS x FROM t)
  GROUP BY indicator, area ORDER BY indicator, area) TO '/dev/stdout' (HEADER, DELIMITER ',')`);
