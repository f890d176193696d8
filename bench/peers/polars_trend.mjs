// T3 trend with Polars (nodejs-polars): per series, the OLS slope and intercept of value on the
// month index (0 at the series' first month; gaps keep their width) and R², from centred sums.
import pl from 'nodejs-polars';
const file = process.argv[2];
const keys = ['indicator', 'area'];
const t = pl.col('period').str.slice(0, 4).cast(pl.Int32).mul(12)
  .add(pl.col('period').str.slice(5, 2).cast(pl.Int32)).sub(1);
const x = pl.col('x'), y = pl.col('value');
const dx = x.sub(x.mean()), dy = y.sub(y.mean());
pl.readCSV(file, { dtypes: { indicator: pl.Utf8, area: pl.Utf8, period: pl.Utf8, value: pl.Float64 } })
  .withColumns(t.sub(t.min().over(keys)).cast(pl.Float64).alias('x'))
  .groupBy(keys)
  .agg(pl.len().alias('n'), dx.mul(dx).sum().alias('sxx'), dx.mul(dy).sum().alias('sxy'),
       dy.mul(dy).sum().alias('syy'), x.mean().alias('mx'), y.mean().alias('my'))
  .withColumns(pl.col('sxy').div(pl.col('sxx')).alias('slope'))
  .withColumns(pl.col('my').sub(pl.col('slope').mul(pl.col('mx'))).alias('intercept'),
               pl.col('sxy').pow(2).div(pl.col('sxx').mul(pl.col('syy'))).alias('r2'))
  .sort(keys)
  .select(...keys, 'n', 'slope', 'intercept', 'r2')
  .writeCSV('/dev/stdout');
