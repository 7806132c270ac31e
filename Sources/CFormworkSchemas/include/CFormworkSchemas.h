#ifndef CFORMWORK_SCHEMAS_H
#define CFORMWORK_SCHEMAS_H

#include <stddef.h>

/// The resource schemas (schemas.data, written by scripts/schemas.py),
/// embedded at build time: read-only bytes, paged in as they are read.
const unsigned char *formwork_schemas_bytes(void);
size_t formwork_schemas_size(void);

#endif
