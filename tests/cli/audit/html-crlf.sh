# HTML tags and entities are blanked but positions stay the file's: in "<p>Knife crime: <b>&minus;25%</b>" the figure starts at the entity, column 20, and its text is the decoded "−25%"; after a CRLF, "decrease of 39" is at line 2, column 2.
printf '<p>Knife crime: <b>&minus;25%%</b>\r\n(decrease of 39 offences, from 163 to 122).</p>\r\n' > r.html
"$KPI" audit r.html --format csv
