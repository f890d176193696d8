# The md table (the default) of the Met figures' latest periods: knife crime 14,766 -> 14,852 is +86 (+0.58% -> 0.6, bad: better is down), homicide 163 -> 122 is -41 (-25.15% -> -25.2, good), knife injury 4,732 -> 4,277 is -455 (-9.6) after +286 (+6.43% -> 6.4), Mann-Kendall on 4446 4732 4277 has S = -1, z = 0, p = 1; 101 calls 30.2 s against <= 30 missed by 0.2, 999 calls 5.2 s against <= 10 met by 4.8.
M="$ROOT/datasets/met-business-plan"
"$KPI" summary "$M/figures.csv" --meta "$M/meta.csv" >out.md || exit 1
grep -E '^\| (indicator|homicide|knife_crime|knife_injury|calls_101_answer_seconds|calls_999_answer_seconds) \|' out.md
sed -n 2p out.md
