// T2 roll12 with Polars (nodejs-polars): the 12-month rolling total per series (complete windows
// only: the row 11 back in the series must be exactly 11 months back), and its YoY %.
import pl from 'nodejs-polars';
const file = process.argv[2];
const keys = ['indicator', 'area'];
const t = pl.col('period').str.slice(0, 4).cast(pl.Int32).mul(12)
  .add(pl.col('period').str.slice(5, 2).cast(pl.Int32)).sub(1).alias('t');
const r = pl.readCSV(file, { dtypes: { indicator: pl.Utf8, area: pl.Utf8, period: pl.Utf8, value: pl.Float64 } })
  .withColumns(t)
  .sort([...keys, 't'])
  .withColumns(pl.col('value').rollingSum(12).over(keys).alias('roll'),
               pl.col('t').shift(11).over(keys).alias('t11'))
  .filter(pl.col('t11').eq(pl.col('t').sub(11)))
  .select(...keys, 'period', 't', pl.col('roll').alias('value'));
const base = r.select(...keys, pl.col('t').add(12).alias('t'), pl.col('value').alias('base_value'));
const change = pl.col('value').sub(pl.col('base_value'));
r.join(base, { on: [...keys, 't'], how: 'left' })
  .withColumns(change.alias('change'),
    pl.when(pl.col('base_value').neq(0)).then(change.div(pl.col('base_value')).mul(100)).otherwise(pl.lit(null)).alias('pct_change'))
  .select(...keys, 'period', 'value', 'base_value', 'change', 'pct_change')
  .writeCSV('/dev/stdout');
