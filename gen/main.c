/* The nessgen executable: a thin main over the library's command line
 * (nessgen/cli.h), so the program and ng_cli_run run the same code. */
#include "nessgen/cli.h"

int main(int argc, char **argv)
{
    return ng_cli_main(argc, argv);
}
