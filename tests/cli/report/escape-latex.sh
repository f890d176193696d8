# A .tex template gets values escaped for LaTeX: the label's specials and a figure's percent sign print as themselves; \includegraphics gets the chart's file name as it is.
printf 'indicator,area,period,value\nx,London,2018,1000\nx,London,2019,1120\n' > in.csv
printf 'indicator,label,unit,better\nx,"Costs: 50%% of R&D_spend #1 $ {x} ~^\\",pounds,down\n' > meta.csv
printf '\\textbf{{{x.label}}}: {{x.pct_change|percent}}\n\\includegraphics{{{chart:x:line}}}\n' > t.tex
"$KPI" report in.csv --meta meta.csv --template t.tex -o out.tex || exit
cat out.tex
