// The generated resource schemas, embedded with C23's #embed so that no
// data file is looked up at run time: the bytes sit in .rodata and the
// kernel pages in only what a compile reads.
#include "CFormworkSchemas.h"

static const unsigned char schemas[] = {
#embed "schemas.data"
};

const unsigned char *formwork_schemas_bytes(void) { return schemas; }
size_t formwork_schemas_size(void) { return sizeof schemas; }
