/* The envelope of every JSON document (DESIGN §4). */
#include "nessgen/nessgen.h"
#include "nessgen/report.h"

json_t *ng_report_json_document(const char *command, const char *command_line, json_t *model)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "command", json_string(command));
    json_object_set_new(doc, "nessgen_version", json_string(NESSGEN_VERSION));
    json_object_set_new(doc, "schema_version", json_string(NG_REPORT_SCHEMA_VERSION));
    json_object_set_new(doc, "command_line",
                        command_line ? json_string(command_line) : json_null());
    if (model != NULL)
        json_object_set_new(doc, "model", model);
    json_object_set_new(doc, "warnings", json_array());
    return doc;
}

json_t *ng_report_json_warnings(json_t *doc)
{
    json_t *w = json_object_get(doc, "warnings");
    if (w == NULL) {
        w = json_array();
        json_object_set_new(doc, "warnings", w);
    }
    return w;
}
