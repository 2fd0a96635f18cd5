/* ng_report_write: the one entry of the writers (report.h). */
#include "nessgen/report.h"
#include "report_writers.h"

int ng_report_write(FILE *out, const ng_report_t rep, ng_report_format format,
                    int standalone)
{
    int st = 0;
    switch (format) {
    case NG_REPORT_JSON: {
        json_t *doc = ng_report_to_json(rep);
        st = ng_report_json_write(out, doc);
        json_decref(doc);
        break;
    }
    case NG_REPORT_CSV:
        _ng_report_write_csv(out, rep);
        break;
    case NG_REPORT_LATEX:
        _ng_report_write_latex(out, rep, standalone);
        break;
    default:
        _ng_report_write_text(out, rep);
        break;
    }
    return st != 0 || ferror(out) ? -1 : 0;
}
