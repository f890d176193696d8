/* kpi: the command-line tool.  A dispatch table of commands; the one place
 * where a status becomes an exit code is cli_exit_code(). */
#include "cli.h"

#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const cli_command *const commands[] = {
    &cli_validate_command,   &cli_show_command,    &cli_change_command,    &cli_trend_command,
    &cli_spc_command,        &cli_summary_command, &cli_report_command,    &cli_chart_command,
    &cli_milestones_command, &cli_pack_command,    &cli_dashboard_command, &cli_audit_command,
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void
print_help(FILE *out)
{
    fputs("usage: kpi COMMAND [OPTIONS] FILE...\n"
          "\n"
          "Time-series KPI analytics for performance reports.\n"
          "\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fputs("\n"
          "Run 'kpi COMMAND --help' for a command's options.\n"
          "  --help       show this help\n"
          "  --version    show the version\n"
          "\n"
          "Exit status: 0 success, 1 bad input or a failed computation, 2 bad usage.\n",
          out);
}

int
cli_exit_code(kpi_status st)
{
    return st == KPI_OK ? CLI_EXIT_OK : st == KPI_EINVAL ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
}

/* The library names an option that would fix a problem by its field
 * ("the value option"); the command line names it by its flag. */
static const struct {
    const char *library, *cli;
} flag_names[] = {
    {"the indicator option", "--indicator"},
    {"the area option", "--area"},
    {"the group option", "--group"},
    {"the period option", "--period"},
    {"the value option", "--value"},
    {"the where option", "--where"},
    {"the period_month option", "--period-month"},
    {"the dayfirst option", "--dayfirst"},
    {"the decimal_comma option", "--decimal-comma"},
    {"the max_field option", "--max-field"},
    {"set the duplicates option to sum, first or last", "use --duplicates sum|first|last"},
};

const char *
cli_message(const kpi_error *err, char *buf, size_t size)
{
    snprintf(buf, size, "%s", err->message[0] ? err->message : kpi_status_str(err->code));
    for (size_t k = 0; k < sizeof flag_names / sizeof flag_names[0]; k++) {
        size_t from = strlen(flag_names[k].library), to = strlen(flag_names[k].cli);
        char *at;
        /* Every flag is shorter than the words it replaces. */
        while ((at = strstr(buf, flag_names[k].library)) != NULL) {
            memcpy(at, flag_names[k].cli, to);
            memmove(at + to, at + from, strlen(at + from) + 1);
        }
    }
    return buf;
}

void
cli_report(const kpi_error *err)
{
    kpi_error shown = *err;
    cli_message(err, shown.message, sizeof shown.message);
    char buf[KPI_ERROR_SOURCE_MAX + KPI_ERROR_MESSAGE_MAX + 64];
    kpi_error_format(&shown, buf, sizeof buf);
    fprintf(stderr, "kpi: %s\n", buf);
}

void
cli_report_path(const char *path, const kpi_error *err)
{
    char msg[KPI_ERROR_MESSAGE_MAX];
    fprintf(stderr, "kpi: %s: %s\n", path, cli_message(err, msg, sizeof msg));
}

void
cli_warn(const kpi_error *warning, const char *tail)
{
    char buf[KPI_ERROR_SOURCE_MAX + KPI_ERROR_MESSAGE_MAX + 64];
    kpi_error_format(warning, buf, sizeof buf);
    fprintf(stderr, "kpi: warning: %s%s\n", buf, tail);
}

void
cli_report_output(const char *path, const kpi_error *err)
{
    char msg[KPI_ERROR_MESSAGE_MAX];
    fprintf(stderr, "kpi: %s: %s\n", path && strcmp(path, "-") != 0 ? path : "<stdout>",
            cli_message(err, msg, sizeof msg));
}

int
cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "kpi %s: ", cmd->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'kpi %s --help' for more information.\n", cmd->name);
    return CLI_EXIT_USAGE;
}

/* An interrupted run leaves no unfinished output behind; the signal is
 * then delivered again with its default action, so the exit status still
 * says how the run ended. */
static void
on_stop_signal(int sig)
{
    kpi_outfile_cleanup();
    raise(sig);
}

static void
catch_stop_signals(void)
{
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa = {.sa_handler = on_stop_signal, .sa_flags = SA_RESETHAND};
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction old;
        /* A signal ignored by the caller (nohup) stays ignored. */
        if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(signals[i], &sa, NULL);
    }
}

/* Help, a version or a table written to standard output that could not
 * be written (a full disk, a closed pipe) is a failure, not a success. */
static int
stdout_closed(int rc)
{
    if ((fflush(stdout) != 0 || ferror(stdout)) && rc == CLI_EXIT_OK) {
        fprintf(stderr, "kpi: <stdout>: write failed: %s\n", strerror(errno));
        return CLI_EXIT_FAIL;
    }
    return rc;
}

int
main(int argc, char **argv)
{
    /* One malloc arena for every thread.  A large file is read on two
     * threads, and glibc gives the second its own arena; a step that then
     * frees the input series by series (rolling windows) cannot reuse that
     * arena's memory for its output, and --rolling 12 on 10M rows peaked at
     * 240 MB instead of 165 MB.  kpi's threads allocate rarely (buffers
     * that grow by doubling), so sharing the arena costs no time. */
    mallopt(M_ARENA_MAX, 1);
    kpi_init();
    catch_stop_signals();
    if (argc < 2) {
        print_help(stderr);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_help(stdout);
        return stdout_closed(CLI_EXIT_OK);
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("kpi %s\n", kpi_version());
        return stdout_closed(CLI_EXIT_OK);
    }
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i]->name) == 0)
            return stdout_closed(commands[i]->run(argc - 1, argv + 1));
    fprintf(stderr, "kpi: unknown command '%s'\nTry 'kpi --help' for the list of commands.\n",
            argv[1]);
    return CLI_EXIT_USAGE;
}
