#include "kpi/kpi.h"

#include <gsl/gsl_errno.h>

void
kpi_init(void)
{
    /* GSL's default handler aborts the process; the GSL manual recommends
     * turning it off in production code and checking every status. */
    gsl_set_error_handler_off();
}

const char *
kpi_version(void)
{
    return KPI_VERSION_STRING;
}
