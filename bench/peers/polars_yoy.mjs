// T1 yoy with Polars (nodejs-polars): base = the same series 12 months earlier, joined by period.
import pl from 'nodejs-polars';
const file = process.argv[2];
const t = pl.col('period').str.slice(0, 4).cast(pl.Int32).mul(12)
  .add(pl.col('period').str.slice(5, 2).cast(pl.Int32)).sub(1).alias('t');
const df = pl.readCSV(file, { dtypes: { indicator: pl.Utf8, area: pl.Utf8, period: pl.Utf8, value: pl.Float64 } })
  .withColumns(t);
const base = df.select(pl.col('indicator'), pl.col('area'), pl.col('t').add(12).alias('t'), pl.col('value').alias('base_value'));
const change = pl.col('value').sub(pl.col('base_value'));
df.join(base, { on: ['indicator', 'area', 't'], how: 'left' })
  .withColumns(change.alias('change'),
    pl.when(pl.col('base_value').neq(0)).then(change.div(pl.col('base_value')).mul(100)).otherwise(pl.lit(null)).alias('pct_change'))
  .select('indicator', 'area', 'period', 'value', 'base_value', 'change', 'pct_change')
  .writeCSV('/dev/stdout');
