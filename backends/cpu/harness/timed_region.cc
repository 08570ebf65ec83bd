// backends/cpu/harness/timed_region.cc — the one function callgrind counts.
// In its own translation unit so the compiler cannot inline it into callers.
#include "harness_common.h"

extern "C" void autocomp_timed_region(void (*fn)(void*), void* context) { fn(context); }
