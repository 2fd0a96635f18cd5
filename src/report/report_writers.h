/* The writers of report objects, one per format (report_text.c,
 * report_csv.c, report_latex.c; JSON: report_json.c). */
#ifndef NG_REPORT_WRITERS_H
#define NG_REPORT_WRITERS_H

#include "nessgen/report.h"

void _ng_report_write_text(FILE *out, const ng_report_t rep);
void _ng_report_write_csv(FILE *out, const ng_report_t rep);
void _ng_report_write_latex(FILE *out, const ng_report_t rep, int standalone);

/* The cell at row r, column c of a table (NULL past the cells given). */
const ng_report_cell *_ng_report_table_cell(const ng_report_node *T, slong r, slong c);
/* A run of values shown by `format` starting at child i of g: its end. */
slong _ng_report_value_run(const ng_report_node *g, slong i, unsigned format);

#endif
