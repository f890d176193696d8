/* bench/sheet/gen_xlsx: write a long CSV of gen.py (indicator,area,period,
 * value; no quoted fields) as an .xlsx workbook the way Excel and
 * LibreOffice save one: text in the shared-string table, values as
 * numbers.  libxlsxwriter's default mode keeps every cell in memory until
 * the workbook closes, which is what gives it a shared-string table (its
 * constant-memory mode, which kpi itself uses to write, writes inline
 * strings instead).
 *
 * Usage: gen_xlsx IN.csv OUT.xlsx */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

int
main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_xlsx IN.csv OUT.xlsx\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    lxw_workbook_options opt = {.use_zip64 = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(argv[2], &opt);
    lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "data") : NULL;
    if (!ws) {
        fprintf(stderr, "gen_xlsx: cannot start %s\n", argv[2]);
        return 1;
    }
    char line[4096];
    lxw_row_t row = 0;
    while (fgets(line, sizeof line, in)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *cell = line;
        for (lxw_col_t col = 0; cell; col++) {
            char *comma = strchr(cell, ',');
            if (comma)
                *comma = '\0';
            char *end;
            double x = strtod(cell, &end);
            if (row > 0 && col == 3 && *cell && *end == '\0')
                worksheet_write_number(ws, row, col, x, NULL);
            else if (*cell)
                worksheet_write_string(ws, row, col, cell, NULL);
            cell = comma ? comma + 1 : NULL;
        }
        row++;
    }
    fclose(in);
    lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) {
        fprintf(stderr, "gen_xlsx: %s\n", lxw_strerror(e));
        return 1;
    }
    return 0;
}
