# A milestones chart of the bundled register is a PNG of the asked size (900 x 500 pixels, from the IHDR chunk); --all is refused for it.
"$KPI" chart "$ROOT/datasets/met-business-plan/milestones.csv" --type milestones --width 900 --height 500 -o out.png
echo "exit $?"
od -An -tx1 -j1 -N3 out.png | tr -d ' \n'; echo
od -An -tu1 -j16 -N8 out.png | awk '{print $3*256+$4, $7*256+$8}'
"$KPI" chart "$ROOT/datasets/met-business-plan/milestones.csv" --type milestones --all dir 2>/dev/null
echo "exit $?"
ls -A
