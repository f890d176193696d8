/* Shared pieces of the kpi command: reporting, input options, output
 * files.  Commands live in cmd_<name>.c and hold no arithmetic: every
 * number comes from the library. */
#ifndef KPI_CLI_H
#define KPI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "kpi/kpi.h"
#include "kpi/report.h"

/* Exit codes: success, bad input or a failed computation, bad usage. */
enum { CLI_EXIT_OK = 0, CLI_EXIT_FAIL = 1, CLI_EXIT_USAGE = 2 };

#define CLI_MAX_GROUPS 16
#define CLI_MAX_MARKERS 16
#define CLI_MAX_OPTIONS 96

/* How input files are read: the reader's options plus the storage for the
 * strings they point at. */
typedef struct cli_input {
    kpi_reader_options reader; /* reader.threads is --threads, for every stage */
    const char *groups[CLI_MAX_GROUPS];
    const char *markers[CLI_MAX_MARKERS];
    kpi_where where[CLI_MAX_GROUPS];
    const char *meta; /* --meta FILE, or NULL */
    /* The transforms applied after reading (--rollup, --to, --rolling,
     * --ytd, --per, --partial), and the side files they name. */
    kpi_pipeline pipeline;
    const char *rollup;     /* --rollup MAP, or NULL */
    const char *population; /* --per POP, or NULL */
    kpi_prefer prefer;      /* --prefer: periods several files disagree on */
    bool takes_at;          /* the command's reporting period is --at */
} cli_input;

/* A command: its name, what it does in one line, its usage text, and the
 * function that runs it with argv[0] = the command's name. */
typedef struct cli_command {
    const char *name;
    const char *summary;
    const char *usage;
    int (*run)(int argc, char **argv);
} cli_command;

extern const cli_command cli_validate_command;
extern const cli_command cli_show_command;
extern const cli_command cli_change_command;
extern const cli_command cli_trend_command;
extern const cli_command cli_spc_command;
extern const cli_command cli_summary_command;
extern const cli_command cli_report_command;
extern const cli_command cli_chart_command;
extern const cli_command cli_milestones_command;
extern const cli_command cli_pack_command;
extern const cli_command cli_audit_command;
extern const cli_command cli_dashboard_command;

/* The options every command that reads data accepts, and their help. */
extern const char cli_input_help[];

/* err's message (or its status's name when it has none) in buf, with the
 * library's names of options ("the value option") turned into the flags
 * that set them ("--value").  Returns buf. */
const char *cli_message(const kpi_error *err, char *buf, size_t size);

/* Print "kpi: source:line:column: message" to stderr, options named by
 * their flags. */
void cli_report(const kpi_error *err);

/* Print "kpi: PATH: message" to stderr, options named by their flags. */
void cli_report_path(const char *path, const kpi_error *err);
/* Print "kpi: warning: source:line:column: message<tail>" to stderr. */
void cli_warn(const kpi_error *warning, const char *tail);

/* Report a failure to write output: "kpi: PATH: message" (PATH is
 * "<stdout>" when path is NULL). */
void cli_report_output(const char *path, const kpi_error *err);

/* Print "kpi CMD: message" and a pointer to --help on stderr; returns
 * CLI_EXIT_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The exit code for a failed status: CLI_EXIT_USAGE for invalid
 * arguments, CLI_EXIT_FAIL otherwise. */
int cli_exit_code(kpi_status st);

/* Parse argv with getopt_long over the command's own options followed by
 * the input options; options and operands may come in any order, and "--"
 * ends the options.  Each option of the command's own is handed to
 * handle(ctx, code, optarg), which returns 0 or a usage error's exit code.
 * On success the operands are moved to argv[1..*n_operands] and 0 is
 * returned; --help prints the usage on stdout and returns -1; otherwise
 * the usage error's exit code is returned. */
int cli_parse(const cli_command *cmd, int argc, char **argv, const struct option *own,
              cli_input *in, int (*handle)(void *ctx, int code, const char *arg), void *ctx,
              int *n_operands);

/* Read a data file with in's options, printing warnings for rows skipped
 * under --skip-bad and a count of them, then map its periods into --freq
 * and apply the transforms in->pipeline asks for (meta, which may be NULL,
 * says how each indicator aggregates), warning about what they left out
 * or kept partial.  Returns the store, or NULL after reporting the
 * error. */
kpi_store *cli_read(const char *path, const cli_input *in, const kpi_meta *meta,
                    kpi_read_stats *stats);

/* The same over paths[0..n) (n >= 1), read in order into one set of series
 * (kpi_store_combine with --prefer) before the transforms. */
kpi_store *cli_read_files(char *const *paths, int n, const cli_input *in, const kpi_meta *meta);

/* With --per: rates per head from counts (not consumed), with the
 * populations read into *pop, which the caller frees (also on failure).
 * Warns about values left without a population.  Returns the rates, or
 * NULL after reporting the error. */
kpi_store *cli_per(const kpi_store *counts, const char *path, const cli_input *in,
                   kpi_population **pop);

/* Read the --meta file if one was given.  Returns 0 with *out set (NULL
 * when there is none), or reports the error and returns CLI_EXIT_FAIL. */
int cli_load_meta(const cli_input *in, kpi_meta **out);

/* Writes one table from a store to out; meta is the --meta file's (NULL
 * without one). */
typedef kpi_status (*cli_write_fn)(const kpi_store *s, const kpi_meta *meta, FILE *out, void *ctx,
                                   kpi_error *err);

/* What a command that reads one file and writes one table does: check the
 * --meta file, read path, and write with write(store, meta, fp, ctx) to
 * output (stdout when NULL), whole or not at all.  Returns the exit code. */
int cli_read_and_write(char *const *paths, int n, const cli_input *in, const char *output,
                       cli_write_fn write, void *ctx);

/* An output that appears whole or not at all (kpi_outfile).  Path NULL or
 * "-" is stdout.  Files written beside it (a report's charts) can join
 * its set, to appear with it or not at all. */
typedef struct cli_output {
    FILE *fp;
    const char *path;
    kpi_outset *files; /* the output's file (none for stdout), and those beside it */
} cli_output;

/* Returns 0, or reports the failure and returns CLI_EXIT_FAIL. */
int cli_output_open(cli_output *o, const char *path);

/* -o OUT.xlsx asks for a workbook when the format is still the command's
 * default (an explicit --format that differs from it stays). */
void cli_output_format(const char *path, kpi_format *format, kpi_format default_format);

/* Close o; when ok, move the temporary files of its set into place,
 * otherwise remove them.  Returns 0, or reports a failure and returns CLI_EXIT_FAIL. */
int cli_output_close(cli_output *o, bool ok);

/* The folder output sits in ("." for stdout or a bare name), for the
 * charts written beside it; the caller frees it.  NULL when out of
 * memory. */
char *cli_output_dir(const char *output);

/* ---- milestone registers (cli/register.c) ---- */

#define CLI_MAX_STATUS_WORDS 16
#define CLI_STATUS_WORD_MAX 64

/* The option every command that reads a register takes, as a struct
 * option with this code. */
enum { CLI_OPT_STATUS_WORD = 3100 };
#define CLI_STATUS_WORD_OPTION                                                                     \
    {                                                                                              \
        "status-word", required_argument, NULL, CLI_OPT_STATUS_WORD                                \
    }

/* How a register is read: the --status-word synonyms and their storage. */
typedef struct cli_register {
    kpi_milestone_synonym synonyms[CLI_MAX_STATUS_WORDS];
    char words[CLI_MAX_STATUS_WORDS][CLI_STATUS_WORD_MAX];
    size_t n;
} cli_register;

/* Add --status-word WORD=STATUS ("green=delivered").  Returns 0 or a usage
 * error's exit code. */
int cli_register_word(const cli_command *cmd, cli_register *r, const char *arg);

/* Read a register, printing its warnings.  Returns it, or NULL after
 * reporting the error. */
kpi_milestones *cli_register_read(const char *path, const cli_register *r, int fy_start);

/* Read a register and view it at period (NULL: the latest), printing
 * the warnings of both.  Returns 0 with *m set and *view filled (the
 * caller releases both), or CLI_EXIT_FAIL after reporting the failure, a
 * period the register does not report among them (*m NULL, *view
 * empty). */
int cli_register_view(const char *path, const cli_register *r, int fy_start,
                      const kpi_period *period, kpi_milestones **m, kpi_milestones_view *view);

/* Parse --at's value, the reporting period, into *out and set *has.
 * Returns 0 or a usage error's exit code. */
int cli_at_option(const cli_command *cmd, const char *arg, kpi_period *out, bool *has);

/* The options of a command that writes a table, or its sentences, for one
 * reporting period (kpi summary, kpi milestones). */
typedef struct cli_period_output {
    kpi_format format;  /* --format; KPI_FORMAT_MD unless given, or -o names a .xlsx */
    const char *output; /* -o, --output; NULL: stdout */
    bool has_period;    /* --at */
    kpi_period period;
    bool sentences; /* --sentences */
} cli_period_output;

enum { CLI_OPT_FORMAT = 3200, CLI_OPT_AT, CLI_OPT_SENTENCES };
/* Their struct options.  The reporting period is --at, so that --period
 * names the input's period column on every command. */
#define CLI_PERIOD_OUTPUT_OPTIONS                                                                  \
    {"format", required_argument, NULL, CLI_OPT_FORMAT}, {"output", required_argument, NULL, 'o'}, \
        {"at", required_argument, NULL, CLI_OPT_AT},                                               \
    {                                                                                              \
        "sentences", no_argument, NULL, CLI_OPT_SENTENCES                                          \
    }

/* Take option code into po when it is one of them.  Returns 0, a usage
 * error's exit code, or -1 when code is none of them. */
int cli_period_output_option(const cli_command *cmd, cli_period_output *po, int code,
                             const char *arg);

/* ---- documents: kpi report, pack and dashboard (cli/document.c) ---- */

/* What the document commands share: their options, and what they read to
 * fill a report context (the metadata, the data, a milestone register at
 * the reporting period, the folder charts go to). */
typedef struct cli_document {
    const char *output;         /* -o, --output; NULL: stdout */
    bool has_period;            /* --at */
    kpi_period period;          /* the reporting period, with has_period */
    const char *milestones;     /* --milestones REGISTER, or NULL */
    cli_register reg;           /* --status-word */
    const char *title, *source; /* --title, --source (pack, dashboard) */
    /* Read by cli_document_read, released by cli_document_fini. */
    kpi_meta *meta;
    kpi_store *store;
    kpi_milestones *reg_read;
    kpi_milestones_view view;
    char *chart_dir;
    kpi_report_cache *cache; /* what the placeholders compute, kept for the run */
} cli_document;

enum { CLI_OPT_MILESTONES = 3300, CLI_OPT_TITLE, CLI_OPT_SOURCE };
/* The options of every document command, and those of the two that have a
 * title page. */
#define CLI_DOCUMENT_OPTIONS                                                                       \
    {"output", required_argument, NULL, 'o'}, {"at", required_argument, NULL, CLI_OPT_AT},         \
        {"milestones", required_argument, NULL, CLI_OPT_MILESTONES}, CLI_STATUS_WORD_OPTION
#define CLI_TITLE_OPTIONS                                                                          \
    {"title", required_argument, NULL, CLI_OPT_TITLE},                                             \
    {                                                                                              \
        "source", required_argument, NULL, CLI_OPT_SOURCE                                          \
    }

/* Take option code into d when it is one of CLI_DOCUMENT_OPTIONS or
 * CLI_TITLE_OPTIONS.  Returns 0, a usage error's exit code, or -1 when
 * code is none of them. */
int cli_document_option(const cli_command *cmd, cli_document *d, int code, const char *arg);

/* Read the --meta file, the data files paths[0..n) (n >= 1) with in's
 * options and the --milestones register viewed at the reporting period,
 * and fill *ctx from them and d's options (charts go beside d->output).
 * Returns 0, or an exit code after reporting the failure.  Either way the
 * caller ends with cli_document_fini(d). */
int cli_document_read(cli_document *d, char *const *paths, int n, const cli_input *in,
                      kpi_report_context *ctx);

/* Release what cli_document_read read, and the chart fonts. */
void cli_document_fini(cli_document *d);

/* Report a document's failure to be made: after the options are checked,
 * that is the data's fault (a period no series has a figure for), never
 * bad usage, whatever the status.  Returns CLI_EXIT_FAIL. */
int cli_document_failed(const kpi_error *err);

/* Read a template file whole (path "-": stdin) into a buffer the caller
 * frees, setting *len; NULL after reporting a failure. */
char *cli_read_template(const char *path, size_t *len);

/* The XmR options of kpi spc and kpi chart --type spc: --baseline N,
 * --rebase PERIOD[,PERIOD...] and --screen.  spc.rebase points at rebase
 * once cli_spc_init has run. */
#define CLI_MAX_REBASE 32
enum { CLI_OPT_BASELINE = 3000, CLI_OPT_REBASE, CLI_OPT_SCREEN };
#define CLI_SPC_OPTIONS                                                                            \
    {"baseline", required_argument, NULL, CLI_OPT_BASELINE},                                       \
        {"rebase", required_argument, NULL, CLI_OPT_REBASE},                                       \
    {                                                                                              \
        "screen", no_argument, NULL, CLI_OPT_SCREEN                                                \
    }
#define CLI_SPC_HELP                                                                               \
    "  --baseline N       mean and limits from the first N points (of each segment)\n"             \
    "  --rebase P[,P...]  new limits from each period on (a change in recording)\n"                \
    "  --screen           leave out moving ranges above 3.267 times their mean\n"
typedef struct cli_spc {
    kpi_spc_options spc;
    kpi_period rebase[CLI_MAX_REBASE];
} cli_spc;

void cli_spc_init(cli_spc *o);

/* Handle code if it is one of the XmR options: returns 0 or a usage
 * error's exit code, or -1 when code is not one of them. */
int cli_spc_option(const cli_command *cmd, cli_spc *o, int code, const char *arg);

/* The table options for format with in's --threads. */
kpi_table_options cli_table_options(const cli_input *in, kpi_format format);

/* Parse a significance level, a number strictly between 0 and 1; returns
 * 0 or -1. */
int cli_parse_alpha(const char *text, double *out);

/* Parse a whole decimal integer in [lo, hi]; returns 0 or -1. */
int cli_parse_int(const char *text, int lo, int hi, int *out);

#endif
