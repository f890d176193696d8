# --at picks the series of its frequency that hold it; "2011-12" is December 2011 for a monthly series and 2011-12 for a financial-yearly one; csv output.
printf 'indicator,period,value\nfy,2010-11,4\nfy,2011-12,5\nm,2010-12,10\nm,2011-12,8\nq,2011Q4,3\n' >in.csv
printf 'indicator,better\nfy,up\nm,up\n' >meta.csv
"$KPI" summary in.csv --meta meta.csv --at 2011-12 --format csv
