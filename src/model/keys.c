/* The parameter keys (DESIGN §4 option names without dashes) and which
 * preset reads which. */
#include <string.h>

#include "internal.h"

const char *const _ng_model_presets[] = {"tilted-ising", "xxz", "xyz", "generic", NULL};

enum {
    COMMON = 1,   /* every model */
    THETA = 2,    /* tilted-ising */
    DELTA = 4,    /* xxz */
    J = 8,        /* xyz */
    ALPHA = 16,   /* generic and model files */
    COUPLING = 32 /* X_ν and Ȳ_ν: every model but tilted-ising, which fixes them */
};

static const struct {
    const char *key;
    int group;
} keys[] = {
    {"N", COMMON},       {"h", COMMON},       {"theta", THETA},    {"TL", COMMON},
    {"TR", COMMON},      {"tL", COMMON},      {"tR", COMMON},      {"c", COMMON},
    {"d", COMMON},       {"cL", COMMON},      {"cR", COMMON},      {"dL", COMMON},
    {"dR", COMMON},      {"Delta", DELTA},    {"Jx", J},           {"Jy", J},
    {"Jz", J},           {"alpha_xx", ALPHA}, {"alpha_xy", ALPHA}, {"alpha_xz", ALPHA},
    {"alpha_yx", ALPHA}, {"alpha_yy", ALPHA}, {"alpha_yz", ALPHA}, {"alpha_zx", ALPHA},
    {"alpha_zy", ALPHA}, {"alpha_zz", ALPHA}, {"XL_x", COUPLING},  {"XL_y", COUPLING},
    {"XL_z", COUPLING},  {"XR_x", COUPLING},  {"XR_y", COUPLING},  {"XR_z", COUPLING},
    {"YbarL", COUPLING}, {"YbarR", COUPLING},
};

#define NKEYS ((int)(sizeof keys / sizeof keys[0]))

static int preset_groups(const char *preset)
{
    if (preset == NULL || strcmp(preset, "generic") == 0)
        return COMMON | ALPHA | COUPLING;
    if (strcmp(preset, "tilted-ising") == 0)
        return COMMON | THETA;
    if (strcmp(preset, "xxz") == 0)
        return COMMON | DELTA | COUPLING;
    if (strcmp(preset, "xyz") == 0)
        return COMMON | J | COUPLING;
    return 0;
}

static int key_group(const char *key)
{
    for (int i = 0; i < NKEYS; i++)
        if (strcmp(keys[i].key, key) == 0)
            return keys[i].group;
    return 0;
}

int _ng_model_key_known(const char *key)
{
    return key_group(key) != 0;
}

int _ng_model_key_valid(const char *key, const char *preset)
{
    return (key_group(key) & preset_groups(preset)) != 0;
}

/* preset "*" lists every key. */
void _ng_model_keys_list(char *buf, size_t size, const char *preset)
{
    int groups =
        (preset != NULL && strcmp(preset, "*") == 0) ? ~0 : preset_groups(preset);
    size_t len = 0;
    if (size == 0)
        return;
    buf[0] = '\0';
    for (int i = 0; i < NKEYS; i++) {
        size_t n = strlen(keys[i].key);
        if (!(keys[i].group & groups))
            continue;
        if (len + n + 2 > size)
            break;
        if (len > 0)
            buf[len++] = ' ';
        memcpy(buf + len, keys[i].key, n + 1);
        len += n;
    }
}
