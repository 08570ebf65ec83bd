/* scripts/gemmini-original-shim.h — used only by scripts/gemmini-header-compare.py.
 *
 * Puts the short API that Autocomp's prompts and solution files use
 * (config_ex, config_ld, config_st, mvin, mvin2, mvin3, mvout, preload,
 * compute_preloaded, compute_accumulated, fence) over the ORIGINAL
 * gemmini-rocc-tests include/gemmini.h — the same definitions our header
 * uses (backends/gemmini/include/gemmini_short_api.h) — so that one solution
 * file can be compiled once against that header and once against ours.
 */
#ifndef AUTOCOMP_ORIGINAL_SHIM_H
#define AUTOCOMP_ORIGINAL_SHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "include/gemmini.h"

#include "../backends/gemmini/include/gemmini_short_api.h"

#endif /* AUTOCOMP_ORIGINAL_SHIM_H */
