# kpi --version prints "kpi 0.1.0".
"$KPI" --version
